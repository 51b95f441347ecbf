"""Bad credentials, permissions, regions and endpoints: one clear line, exit 1, nothing
half-done (no write at all when the failure comes while reading; an accurate report
when it comes while writing, and the next apply converges)."""

from __future__ import annotations

import socket
import time
from pathlib import Path
from typing import Any

import botocore.exceptions as bex
import pytest
from e2e.cli import Result, run

from reconciler.aws.errors import _region_hint, translated
from reconciler.errors import ReconcilerError

from .helpers import (
    Figures,
    clear_faults,
    clear_requests,
    fault_state,
    inject,
    pool_ids,
    requests,
    writes,
)
from .specs import V1, V2, assert_report_is_accurate, write

CREDENTIAL_VARIABLES = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                        "AWS_SECURITY_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
                        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_WEB_IDENTITY_TOKEN_FILE",
                        "AWS_ROLE_ARN", "AWS_CREDENTIAL_PROCESS")


def one_clear_line(result: Result) -> str:
    """The single ``Error:`` line of a failed run (asserting there is just one)."""
    assert result.code == 1, result.text
    assert "Traceback" not in result.text
    assert "internal error" not in result.text
    errors = [line for line in result.err.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, result.err
    return errors[0]


def hint(result: Result) -> str:
    hints = [line.strip() for line in result.err.splitlines() if line.startswith("  hint: ")]
    assert len(hints) == 1, result.err
    return hints[0]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Any attempt to resolve a name or open a connection is recorded and refused."""
    attempts: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def test_no_credentials_for_a_real_endpoint(sandbox_url: str, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch,
                                            no_network: list[Any]) -> None:
    for name in CREDENTIAL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("AWS_ENDPOINT_URL_COGNITO_IDP")
    spec = write(tmp_path, V1)
    for command in (["plan"], ["apply", "--auto-approve"], ["outputs"]):
        result = run("http://localhost.invalid", *command, spec)
        assert one_clear_line(result) == "Error: no AWS credentials found"
        assert "configure credentials" in hint(result)
    assert no_network == []  # refused before a byte left: not even a DNS lookup


def test_half_set_credentials(sandbox_url: str, tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch, no_network: list[Any]) -> None:
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    result = run("http://localhost.invalid", "plan", write(tmp_path, V1))
    line = one_clear_line(result)
    assert line.startswith("Error: the AWS credentials could not be loaded")
    assert "AWS_SECRET_ACCESS_KEY" in line
    assert no_network == []


def test_an_unknown_profile(sandbox_url: str, tmp_path: Path) -> None:
    result = run(sandbox_url, "--profile", "nope", "plan", write(tmp_path, V1))
    assert one_clear_line(result) == "Error: AWS profile 'nope' not found"


def test_expired_credentials_while_reading(sandbox_url: str, tmp_path: Path) -> None:
    inject(sandbox_url, {"fail_operation": {"operation": "*", "code": "ExpiredTokenException"}})
    spec = write(tmp_path, V1)
    for command in (["plan"], ["apply", "--auto-approve"]):
        result = run(sandbox_url, *command, spec)
        line = one_clear_line(result)
        assert "ExpiredTokenException: The security token included in the request is expired" in (
            line)
        assert "refresh them" in hint(result)
    assert fault_state(sandbox_url)[0]["failed"] == 2  # one call each: not retried
    assert writes(sandbox_url) == []


def test_credentials_expiring_during_apply(sandbox_url: str, cognito: Any,
                                           tmp_path: Path) -> None:
    first = write(tmp_path, V1, "v1.yaml")
    assert run(sandbox_url, "apply", "--auto-approve", first).code == 0
    spec = write(tmp_path, V2, "v2.yaml")
    clear_requests(sandbox_url)
    assert run(sandbox_url, "plan", spec).code == 0
    calls_in_a_plan = len(requests(sandbox_url))
    # The plan's reads and 3 more calls go through; every call after them: expired.
    inject(sandbox_url, {"fail_operation": {"operation": "*", "code": "ExpiredTokenException",
                                            "after": calls_in_a_plan + 3}})
    failed = run(sandbox_url, "apply", "--auto-approve", spec)
    one_clear_line(failed)  # what it says: see test_found_bugs.py
    assert "Apply stopped" in failed.err
    clear_faults(sandbox_url)
    assert_report_is_accurate(sandbox_url, spec, failed.err)
    again = run(sandbox_url, "apply", "--auto-approve", spec)
    assert again.code == 0, again.text
    assert len(pool_ids(cognito, "shop")) == 1


def test_access_denied_on_one_read_changes_nothing(sandbox_url: str, tmp_path: Path) -> None:
    assert run(sandbox_url, "apply", "--auto-approve", write(tmp_path, V1, "v1.yaml")).code == 0
    inject(sandbox_url, {"fail_operation": {"operation": "ListGroups",
                                            "code": "AccessDeniedException"}})
    clear_requests(sandbox_url)
    result = run(sandbox_url, "apply", "--auto-approve", write(tmp_path, V2, "v2.yaml"))
    line = one_clear_line(result)
    assert "ListGroups failed: AccessDeniedException" in line
    assert "lack permission for cognito-idp:ListGroups" in hint(result)
    assert "docs/iam.md" in hint(result)
    assert writes(sandbox_url) == []


def test_access_denied_on_one_write_stops_with_an_accurate_report(
        sandbox_url: str, cognito: Any, tmp_path: Path) -> None:
    assert run(sandbox_url, "apply", "--auto-approve", write(tmp_path, V1, "v1.yaml")).code == 0
    spec = write(tmp_path, V2, "v2.yaml")
    inject(sandbox_url, {"fail_operation": {"operation": "UpdateUserPoolClient",
                                            "code": "AccessDeniedException"}})
    failed = run(sandbox_url, "apply", "--auto-approve", spec)
    line = one_clear_line(failed)
    assert "UpdateUserPoolClient failed: AccessDeniedException" in line
    assert "cognito-idp:UpdateUserPoolClient" in hint(failed)
    clear_faults(sandbox_url)
    assert_report_is_accurate(sandbox_url, spec, failed.err)
    assert run(sandbox_url, "apply", "--auto-approve", spec).code == 0


def test_a_pinned_pool_looked_up_in_the_wrong_region(sandbox_url: str, cognito: Any,
                                                     tmp_path: Path) -> None:
    pool_id = cognito.create_user_pool(PoolName="pinned")["UserPool"]["Id"]
    spec = write(tmp_path, f"version: 1\nuser_pools:\n  - pool_name: pinned\n    id: {pool_id}\n"
                           "    deletion_protection: ACTIVE\n")
    clear_requests(sandbox_url)
    for command in (["plan"], ["apply", "--auto-approve"]):
        result = run(sandbox_url, "--region", "eu-west-1", *command, spec)
        line = one_clear_line(result)
        assert pool_id in line and "eu-west-1" in line
    assert writes(sandbox_url) == []


def test_a_malformed_region(sandbox_url: str, tmp_path: Path) -> None:
    result = run(sandbox_url, "--region", "eu west 1", "plan", write(tmp_path, V1))
    assert one_clear_line(result) == "Error: 'eu west 1' is not a valid AWS region name"
    assert "--region" in hint(result)


def test_an_unknown_region_gets_a_hint_when_its_endpoint_cant_be_reached() -> None:
    url = "https://cognito-idp.us-east-7.amazonaws.com/"
    with pytest.raises(ReconcilerError) as raised:
        with translated("ListUserPools", None):
            raise bex.EndpointConnectionError(endpoint_url=url)
    assert raised.value.message == (
        f"cannot reach the Cognito endpoint {url} (ListUserPools was not sent)")
    assert raised.value.hint.startswith("'us-east-7' is not a region where botocore knows")
    assert _region_hint("https://cognito-idp.eu-west-1.amazonaws.com/") == ""


def test_an_unreachable_endpoint(sandbox_url: str, tmp_path: Path, figures: Figures) -> None:
    port = closed_port()
    spec = write(tmp_path, V1)
    for command in (["plan"], ["apply", "--auto-approve"], ["outputs"]):
        started = time.monotonic()
        result = run(f"http://127.0.0.1:{port}", *command, spec)
        elapsed = time.monotonic() - started
        assert one_clear_line(result) == (
            f"Error: cannot reach the Cognito endpoint http://127.0.0.1:{port}/ "
            "(ListUserPools was not sent)")
        assert "is the sandbox running?" in hint(result)
        figures.record("unreachable_endpoint", **{f"cli_{command[0]}_s": round(elapsed, 2)})


def test_a_region_the_sandbox_does_not_know(sandbox_url: str, tmp_path: Path) -> None:
    result = run(sandbox_url, "--region", "us-east-7", "plan", write(tmp_path, V1))
    line = one_clear_line(result)
    assert "us-east-7" in line
    assert "InternalErrorException" not in line
    assert "check --region" in hint(result)


def test_https_to_a_plain_http_endpoint(sandbox_url: str, tmp_path: Path) -> None:
    endpoint = sandbox_url.replace("http://", "https://")
    result = run(endpoint, "plan", write(tmp_path, V1))
    assert one_clear_line(result) == (
        f"Error: the TLS connection to the Cognito endpoint {endpoint}/ failed "
        "(ListUserPools was not sent)")
    assert "AWS_CA_BUNDLE" in hint(result)


def test_a_pool_region_in_the_spec_wins_over_region(sandbox_url: str, cognito: Any,
                                                    tmp_path: Path) -> None:
    # CONTRACT.md: a pool's `region:` "wins over every other setting"; --region is for
    # pools without one.
    import boto3

    spec = write(tmp_path, "version: 1\nuser_pools:\n  - pool_name: placed\n"
                           "    region: eu-west-1\n  - pool_name: defaulted\n")
    result = run(sandbox_url, "--region", "us-east-2", "apply", "--auto-approve", spec)
    assert result.code == 0, result.text

    def names(region: str) -> list[str]:
        client = boto3.client("cognito-idp", region_name=region, endpoint_url=sandbox_url,
                              aws_access_key_id="testing", aws_secret_access_key="testing")
        return [p["Name"] for p in client.list_user_pools(MaxResults=60)["UserPools"]]

    assert names("eu-west-1") == ["placed"]
    assert names("us-east-2") == ["defaulted"]


def test_aws_region_wins_over_aws_default_region(sandbox_url: str, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # CONTRACT.md: --region, else AWS_REGION, else AWS_DEFAULT_REGION, else the profile's.
    # botocore itself reads only AWS_DEFAULT_REGION.
    from reconciler.aws.session import AwsSettings, ClientFactory

    monkeypatch.setenv("AWS_REGION", "eu-west-1")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-2")
    assert ClientFactory(AwsSettings()).default_region() == "eu-west-1"
    assert ClientFactory(AwsSettings(region="ap-south-1")).default_region() == "ap-south-1"
    monkeypatch.delenv("AWS_REGION")
    assert ClientFactory(AwsSettings()).default_region() == "us-east-2"
    result = run(sandbox_url, "plan", "--json", write(tmp_path, V1))
    assert result.code == 0, result.text
