"""Session configuration edge cases that used to fail at apply, now found at plan
(issue 11): Cognito refuses a client's session configuration while the pool's session
tracking is DISABLED ([M] SetUserPoolClientSessionConfiguration: "session tracking must
be enabled for the user pool"), and the plan knows the live pool's tracking."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .cli import clear_requests, run, sandbox_requests, write_spec
from .test_sessions import CLIENT_SESSION, POOL, POOL_SESSION, ids, spec

SET_CLIENT = "SetUserPoolClientSessionConfiguration"


def _sets(url: str) -> list[dict[str, Any]]:
    return [r["body"] for r in sandbox_requests(url) if r["operation"] == SET_CLIENT]


def test_a_client_setting_under_an_unmanaged_disabled_pool_is_refused_at_plan(
        sandbox_url: str, idp: Any, tmp_path: Path) -> None:
    bare = spec(tmp_path, "", "")
    assert run(sandbox_url, "apply", "--auto-approve", bare).code == 0
    path = write_spec(tmp_path, POOL.format(pool_extra="", client_extra=CLIENT_SESSION),
                      "client-only.yaml")
    planned = run(sandbox_url, "plan", "--json", path)
    assert planned.code == 0, planned.text
    [change] = json.loads(planned.out)["changes"]
    assert change["address"] == "user_pool.sessions.client_session_configuration.web"
    assert "DISABLED" in change["blocked"]
    assert "user_session_tracking: ENABLED" in change["blocked"]
    clear_requests(sandbox_url)
    refused = run(sandbox_url, "apply", "--auto-approve", path)
    assert refused.code == 1
    assert "user_session_tracking: ENABLED" in refused.text
    assert _sets(sandbox_url) == []  # refused before any call, not by Cognito
    # With the live pool's tracking ENABLED (by hand), the same spec applies.
    pool_id, _ = ids(idp)
    idp.set_user_pool_session_configuration(UserPoolId=pool_id, UserSessionTracking="ENABLED",
                                            TokenSession={"MaxPerUser": 20})
    applied = run(sandbox_url, "apply", "--auto-approve", path)
    assert applied.code == 0, applied.text


def test_a_new_pool_without_its_session_configuration_blocks_the_clients(
        sandbox_url: str, tmp_path: Path) -> None:
    path = write_spec(tmp_path, POOL.format(pool_extra="", client_extra=CLIENT_SESSION))
    planned = run(sandbox_url, "plan", "--json", path)
    blocked = [c for c in json.loads(planned.out)["changes"] if c.get("blocked")]
    assert [c["address"] for c in blocked] == [
        "user_pool.sessions.client_session_configuration.web"]
    assert "new pool" in blocked[0]["blocked"]


def test_strict_mode_does_not_reset_a_dormant_client_value_under_a_disabled_pool(
        sandbox_url: str, idp: Any, tmp_path: Path) -> None:
    full = spec(tmp_path, POOL_SESSION, CLIENT_SESSION)
    assert run(sandbox_url, "apply", "--auto-approve", full).code == 0
    pool_id, _ = ids(idp)
    # Tracking turned off by hand: the client's 120 minutes stay, dormant.
    idp.set_user_pool_session_configuration(UserPoolId=pool_id, UserSessionTracking="DISABLED",
                                            TokenSession={"MaxPerUser": 20})
    bare = write_spec(tmp_path, POOL.format(pool_extra="", client_extra=""), "bare.yaml")
    planned = run(sandbox_url, "plan", "--strict", "--detailed-exitcode", bare)
    assert planned.code == 0, planned.text
    assert "dormant" in planned.text and "user_session_tracking: ENABLED" in planned.text
    clear_requests(sandbox_url)
    applied = run(sandbox_url, "apply", "--strict", "--auto-approve", bare)
    assert applied.code == 0, applied.text
    assert _sets(sandbox_url) == []


def test_strict_mode_resets_the_client_before_the_pool_turns_tracking_off(
        sandbox_url: str, idp: Any, tmp_path: Path) -> None:
    full = spec(tmp_path, POOL_SESSION, CLIENT_SESSION)
    assert run(sandbox_url, "apply", "--auto-approve", full).code == 0
    bare = write_spec(tmp_path, POOL.format(pool_extra="", client_extra=""), "bare.yaml")
    clear_requests(sandbox_url)
    applied = run(sandbox_url, "apply", "--strict", "--auto-approve", bare)
    assert applied.code == 0, applied.text
    order = [r["operation"] for r in sandbox_requests(sandbox_url)
             if r["operation"].startswith("Set")]
    assert order == [SET_CLIENT, "SetUserPoolSessionConfiguration"], order
    pool_id, client_id = ids(idp)
    client = idp.get_user_pool_client_session_configuration(UserPoolId=pool_id,
                                                            ClientId=client_id)
    assert client["SSOSession"] == {"MaxValidityMinutes": 60}
    again = run(sandbox_url, "plan", "--strict", "--detailed-exitcode", bare)
    assert again.code == 0, again.text
