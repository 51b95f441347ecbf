"""Issue 12.10: the endpoint is read the way the connection will read it.

"The loopback check (no credentials needed) accepts any host starting with 127.
(127.attacker.example) and parses the URL differently from the connection
(http://192.0.2.2:45999\\@127.0.0.1:45123 sent the dummy credentials to 192.0.2.2).
Real credentials sent over plain http:// to a non-loopback endpoint get no warning."

No test here sends a byte off 127.0.0.0/8: the addresses outside it are unroutable
(192.0.2.0/24 is TEST-NET-1, ``.invalid``/``.example`` never resolve), they are only
parsed, and every CLI test runs with name resolution and connections refused.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from e2e.cli import run

from reconciler.aws.session import AwsSettings, ClientFactory, is_loopback, resolve_endpoint
from reconciler.errors import ReconcilerError

from .helpers import clear_requests, requests
from .specs import V1, write
from .test_credentials_endpoints import CREDENTIAL_VARIABLES, hint, one_clear_line

LOOPBACK_LITERALS = ("127.0.0.1", "::1")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Name lookups and connections to anything but a loopback address literal are
    recorded and refused (the sandbox itself stays reachable)."""
    attempts: list[Any] = []
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.create_connection

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host in LOOPBACK_LITERALS:
            return real_getaddrinfo(host, *args, **kwargs)
        attempts.append(host)
        raise OSError("network disabled by the test")

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> Any:
        if address[0] in LOOPBACK_LITERALS:
            return real_connect(address, *args, **kwargs)
        attempts.append(address)
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    return attempts


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:4566", "http://127.1.2.3:80/", "http://localhost:9",
    "http://LOCALHOST:9", "http://[::1]:4566", "https://127.0.0.1",
])
def test_loopback_is_127_0_0_0_8_ipv6_loopback_and_localhost(url: str) -> None:
    assert is_loopback(url)


@pytest.mark.parametrize("url", [
    "http://127.attacker.example:1",  # a name, however it starts
    "http://127.0.0.1.invalid:1",
    "http://localhost.invalid",
    "http://127.1:1",  # resolvers read it as 127.0.0.1, but it is no address literal
    "http://[::ffff:127.0.0.1]:1",
    "http://192.0.2.2:1",
    None, "",
])
def test_anything_else_is_not_loopback(url: str | None) -> None:
    assert not is_loopback(url)


@pytest.mark.parametrize("url, why", [
    ("http://192.0.2.2:45999\\@127.0.0.1:45123", "backslash"),
    ("http://user:pw@127.0.0.1:4566", "user name or password"),
    ("http://192.0.2.2:1@127.0.0.1:2", "user name or password"),
    ("http://127.0.0.1:4566 /", "space"),
    ("http://127.0.0.1:4566\t", "control character"),
    ("http://%31%32%37.0.0.1:1", "host"),
    ("http://127.0.0.1:4566/?x=1", "query"),
    ("http://127.0.0.1:4566/#x", "fragment"),
    ("ftp://127.0.0.1:21", "http:// or https://"),
    ("127.0.0.1:4566", "http:// or https://"),
    ("http://:4566", "host"),
    ("http://127.0.0.1:99999", "port"),
    ("http://127.0.0.1:45a", "port"),
    ("http://[::1:4566", "host"),
])
def test_ambiguous_or_malformed_endpoints_are_refused(url: str, why: str) -> None:
    with pytest.raises(ReconcilerError) as caught:
        resolve_endpoint(AwsSettings(endpoint_url=url))
    assert why in caught.value.message
    assert "\n" not in caught.value.message


def test_the_environment_endpoint_is_checked_the_same_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL_COGNITO_IDP", "http://192.0.2.2:1\\@127.0.0.1:2")
    with pytest.raises(ReconcilerError) as caught:
        resolve_endpoint(AwsSettings())
    assert "AWS_ENDPOINT_URL_COGNITO_IDP" in caught.value.message


def test_a_backslash_endpoint_sends_nothing_anywhere(sandbox_url: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     no_network: list[Any]) -> None:
    for name in CREDENTIAL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    port = sandbox_url.rsplit(":", 1)[1]
    clear_requests(sandbox_url)
    endpoint = f"http://192.0.2.2:45999\\@127.0.0.1:{port}"
    for command in (["plan"], ["apply", "--auto-approve"], ["outputs"],
                    ["export", "--pool-name", "shop"]):
        args = command if command[0] == "export" else [*command, write(tmp_path, V1)]
        result = run(endpoint, *args)
        line = one_clear_line(result)
        assert "backslash" in line and endpoint in line
        assert "--endpoint-url" in hint(result)
    assert no_network == []  # not even a name lookup
    assert requests(sandbox_url) == []


def test_a_name_starting_with_127_gets_no_dummy_credentials(
        sandbox_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        no_network: list[Any]) -> None:
    for name in CREDENTIAL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    result = run("http://127.attacker.example:45123", "plan", write(tmp_path, V1))
    assert one_clear_line(result) == "Error: no AWS credentials found"
    assert no_network == []


def test_credentials_over_plain_http_to_another_host_are_warned_about(
        sandbox_url: str, tmp_path: Path, no_network: list[Any]) -> None:
    result = run("http://cognito.example.invalid:8080", "plan", write(tmp_path, V1))
    assert result.code == 1
    warnings = [line for line in result.err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1, result.err
    assert "plain http://" in warnings[0] and "cognito.example.invalid" in warnings[0]
    assert "testing" not in result.text  # the key id is never shown


def test_no_warning_for_loopback_https_or_no_credentials(
        sandbox_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(sandbox_url, "plan", write(tmp_path, V1))
    assert result.code == 0, result.text
    assert "warning:" not in result.err
    for name in CREDENTIAL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    factory = ClientFactory(AwsSettings(region="us-east-1",
                                        endpoint_url="http://cognito.example.invalid"))
    factory.client()  # builds the client only: nothing is sent
    assert factory.warnings == []
