"""Session configuration parts (plan/parts.py): Cognito always answers for them, with
documented defaults when never set, and they have no delete call."""

from __future__ import annotations

from typing import Any

import pytest

from reconciler.errors import ReconcilerError
from reconciler.live.parts import read_session_configuration
from reconciler.model import LivePart
from reconciler.plan.model import Action, created_ref
from reconciler.plan.parts import (
    CLIENT_SESSION_CONFIGURATION,
    SESSION_CONFIGURATION,
    Owner,
    at_default,
    plan_part,
)

POOL = Owner("user_pool.users", "us-east-1", "us-east-1_abc")
CLIENT = Owner("user_pool.users", "us-east-1", "us-east-1_abc", client_name="web",
               client_id="client123")
ON = {"UserSessionTracking": "ENABLED", "TokenSession": {"MaxPerUser": 5}}


def live_pool(**settings: object) -> LivePart:
    return LivePart(document={"UserPoolId": "us-east-1_abc", "UserSessionTracking": "DISABLED",
                              "TokenSession": {"MaxPerUser": 20}, **settings})


def test_removal_at_the_default_is_no_change_and_otherwise_sets_the_defaults() -> None:
    assert plan_part(SESSION_CONFIGURATION, POOL, None, live_pool()) is None
    change = plan_part(SESSION_CONFIGURATION, POOL, None, live_pool(UserSessionTracking="ENABLED"))
    assert change is not None and change.action == Action.DELETE
    [request] = change.requests
    assert (request.operation, request.params) == ("SetUserPoolSessionConfiguration", {
        "UserPoolId": "us-east-1_abc", "UserSessionTracking": "DISABLED",
        "TokenSession": {"MaxPerUser": 20}})
    # Clients' removal runs before the pool's (their Set needs tracking still on).
    client = plan_part(CLIENT_SESSION_CONFIGURATION, CLIENT, None, LivePart(document={
        "UserPoolId": "us-east-1_abc", "ClientId": "client123",
        "SSOSession": {"MaxValidityMinutes": 5}}))
    assert client is not None and client.phase < change.phase
    assert client.requests[0].params == {"UserPoolId": "us-east-1_abc", "ClientId": "client123",
                                         "SSOSession": {"MaxValidityMinutes": 60}}


def test_a_new_owner_starts_at_the_default() -> None:
    fresh = Owner("user_pool.users", "us-east-1", created_ref("user_pool.users"))
    assert plan_part(SESSION_CONFIGURATION, fresh, {
        "UserSessionTracking": "DISABLED", "TokenSession": {"MaxPerUser": 20}}, None) is None
    change = plan_part(SESSION_CONFIGURATION, fresh, ON, None)
    assert change is not None and change.action == Action.CREATE
    assert [(f.path, f.before, f.after) for f in change.fields] == [
        ("token_session.max_per_user", 20, 5), ("user_session_tracking", "DISABLED", "ENABLED")]
    assert change.requests[0].params == {"UserPoolId": fresh.pool_id, **ON}


def test_an_update_is_a_full_body_and_equal_values_are_no_change() -> None:
    assert plan_part(SESSION_CONFIGURATION, POOL, ON, live_pool(**ON)) is None
    change = plan_part(SESSION_CONFIGURATION, POOL, ON, live_pool(
        UserSessionTracking="ENABLED"))
    assert change is not None and change.action == Action.UPDATE
    assert change.requests[0].params == {"UserPoolId": "us-east-1_abc", **ON}
    assert change.fingerprint is not None  # re-read before the write


def test_unmodeled_fields_block_the_update() -> None:
    live = live_pool(UserSessionTracking="ENABLED")
    live.unmodeled = ["FutureSetting"]
    change = plan_part(SESSION_CONFIGURATION, POOL, ON, live)
    assert change is not None and change.blocked and "FutureSetting" in change.blocked


def test_at_default_compares_only_the_settings() -> None:
    assert at_default(SESSION_CONFIGURATION, live_pool().document)
    more = live_pool(TokenSession={"MaxPerUser": 21})
    assert not at_default(SESSION_CONFIGURATION, more.document)
    assert not at_default(SESSION_CONFIGURATION, {"UserPoolId": "x"})


class _Unavailable:
    """A Cognito that answers the session Get calls with ``code``."""

    def __init__(self, code: str) -> None:
        self.code = code

    def call(self, operation: str, **params: Any) -> dict[str, Any]:
        error = ReconcilerError(f"{operation}: refused")
        error.code = self.code  # type: ignore[attr-defined]
        raise error

    def pages(self, operation: str, key: str, **params: Any) -> list[dict[str, Any]]:
        return []


def test_where_the_feature_is_unavailable_there_is_nothing_to_read() -> None:
    for code in ("OperationNotEnabledException", "FeatureUnavailableInTierException"):
        assert read_session_configuration(_Unavailable(code), "us-east-1_abc") is None
        assert read_session_configuration(_Unavailable(code), "us-east-1_abc", "c1") is None
    with pytest.raises(ReconcilerError):
        read_session_configuration(_Unavailable("AccessDeniedException"), "us-east-1_abc")
