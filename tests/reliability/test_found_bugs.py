"""Bugs the reliability harness found, each pinned by the test that exposed it
(fixed; see docs/reliability.md, "Bugs found")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from e2e.cli import run

from .helpers import clear_requests, inject, requests
from .specs import V1, V2, write


def test_an_empty_group_description_converges(sandbox_url: str, tmp_path: Path) -> None:
    spec = write(tmp_path, "version: 1\nuser_pools:\n  - pool_name: p\n    groups:\n"
                           "      - {group_name: admins, description: \"\"}\n")
    result = run(sandbox_url, "apply", "--auto-approve", spec)
    assert result.code == 0, result.text
    assert run(sandbox_url, "plan", "--detailed-exitcode", spec).code == 0


@pytest.mark.parametrize("content", [b"version: 1\nuser_pools:\n  - pool_name: caf\xe9\n",
                                     "version: 1\n".encode("utf-16"),
                                     b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"],
                         ids=["latin-1", "utf-16", "binary"])
def test_apply_on_a_file_that_is_not_utf8_text_reports_its_position(
        sandbox_url: str, tmp_path: Path, content: bytes) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_bytes(content)
    result = run(sandbox_url, "apply", "--auto-approve", str(spec))
    assert result.code == 1
    assert "internal error" not in result.err
    assert result.err.startswith(f"{spec}:")


def test_a_failed_recheck_read_is_reported_as_itself(sandbox_url: str, tmp_path: Path) -> None:
    assert run(sandbox_url, "apply", "--auto-approve", write(tmp_path, V1, "v1.yaml")).code == 0
    spec = write(tmp_path, V2, "v2.yaml")
    clear_requests(sandbox_url)
    assert run(sandbox_url, "plan", spec).code == 0
    reads = len(requests(sandbox_url))
    # Every call after the plan's reads: expired credentials. The first is the re-read.
    inject(sandbox_url, {"fail_operation": {"operation": "*", "code": "ExpiredTokenException",
                                            "after": reads}})
    failed = run(sandbox_url, "apply", "--auto-approve", spec)
    assert failed.code == 1
    assert "ExpiredTokenException" in failed.err
    assert "someone else is changing it" not in failed.err


def test_a_plan_saved_with_resend_secrets_can_be_applied(
        sandbox_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOOGLE_CLIENT_SECRET", "GOCSPX-not-a-real-secret")
    spec = write(tmp_path, "version: 1\nuser_pools:\n  - pool_name: p\n"
                           "    identity_providers:\n      - provider_name: Google\n"
                           "        provider_type: Google\n        provider_details:\n"
                           "          client_id: abc.apps.googleusercontent.com\n"
                           "          client_secret: ${env:GOOGLE_CLIENT_SECRET}\n"
                           "          authorize_scopes: openid\n")
    assert run(sandbox_url, "apply", "--auto-approve", spec).code == 0
    saved = str(tmp_path / "resend.plan.json")
    assert run(sandbox_url, "plan", "--resend-secrets", "--out", saved, spec).code == 0
    result = run(sandbox_url, "apply", "--auto-approve", saved)
    assert result.code == 0, result.text


def test_tags_whose_values_are_empty_are_still_compared(sandbox_url: str, cognito: Any,
                                                        tmp_path: Path) -> None:
    """Caught by the failure property while the empty-string fix above was in progress:
    with "" treated as absent everywhere, tags {a: ""} and {b: ""} compared equal."""
    first = write(tmp_path, "version: 1\nuser_pools:\n  - pool_name: p\n"
                            "    user_pool_tags: {'-': '', zcc: ''}\n", "v1.yaml")
    assert run(sandbox_url, "apply", "--auto-approve", first).code == 0
    second = write(tmp_path, "version: 1\nuser_pools:\n  - pool_name: p\n"
                             "    user_pool_tags: {a: ''}\n", "v2.yaml")
    assert run(sandbox_url, "plan", "--detailed-exitcode", second).code == 2
    assert run(sandbox_url, "apply", "--auto-approve", second).code == 0
    [pool] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    assert cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["UserPoolTags"] == {
        "a": ""}
