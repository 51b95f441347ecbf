"""Shared fixtures: one sandbox emulator per test session, reset before each test.

No test may reach AWS: every fixture that hands out an endpoint also sets dummy
credentials, a fixed region and the sandbox as the cognito-idp endpoint.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from reconciler.sandbox.server import SandboxServer
from tests.clients import REGION, shipped_client


@pytest.fixture(scope="session")
def sandbox() -> Iterator[SandboxServer]:
    """A started sandbox server, shared by the whole session."""
    server = SandboxServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _isolate_from_aws(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
                 "AWS_ENDPOINT_URL", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_REGION", REGION)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent/aws-config")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    # Anything that forgets --endpoint-url still talks to the sandbox, never to AWS.
    monkeypatch.setenv("AWS_ENDPOINT_URL_COGNITO_IDP", url)


@pytest.fixture
def sandbox_url(sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch) -> str:
    """The URL of a freshly reset sandbox, with the environment pointed at it."""
    sandbox.reset()
    _isolate_from_aws(monkeypatch, sandbox.url)
    return sandbox.url


@pytest.fixture
def cognito(sandbox_url: str) -> Any:
    """A boto3 cognito-idp client for the sandbox (standard retries, as the tool uses)."""
    return shipped_client(sandbox_url, retries=3)


@pytest.fixture
def idp(sandbox_url: str) -> Any:
    """The same client with one retry (max_attempts 1), as the sandbox and e2e tests of
    the newer operations used: an injected fault is soon seen. A file may define its own."""
    return shipped_client(sandbox_url, retries=1)
