"""validate's rules for session configuration (issue 11): what Cognito refuses, found
before any call.

Sources (doc: the shipped model's documentation):
- SetUserPoolSessionConfiguration and SetUserPoolClientSessionConfiguration: "The user
  pool must be in the Essentials or Plus tier. Otherwise, this operation returns a
  FeatureUnavailableInTierException": an error when the spec sets user_pool_tier LITE
  (a spec without user_pool_tier leaves the live tier unknown offline), unless the value
  is the documented default, which needs no call (a LITE pool reads it back: export
  writes it in --full).
- SetUserPoolClientSessionConfiguration: "session tracking must be enabled for the user
  pool": a client setting other than the documented default (60 minutes, which a client
  has without any call) is an error when the pool's session_configuration says DISABLED
  or is removed, and a warning when the pool's isn't in the spec (its live value is
  unknown offline; the plan reads it and blocks the change then: plan/session_order.py).
"""

from __future__ import annotations

from typing import Any

from reconciler.errors import Diagnostic
from reconciler.pool_defaults import CLIENT_SESSION_DEFAULT, POOL_SESSION_DEFAULT
from reconciler.spec.findings import Locate, error, items, warning
from reconciler.spec.yaml_source import SpecPath

KEY = "session_configuration"
_DEFAULT_MINUTES = CLIENT_SESSION_DEFAULT["SSOSession"]["MaxValidityMinutes"]


def check(pool: dict[str, Any], path: SpecPath, locate: Locate) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    lite = pool.get("user_pool_tier") == "LITE"
    tier = (f"{KEY} needs user_pool_tier ESSENTIALS or PLUS: Cognito refuses it on LITE "
            "(FeatureUnavailableInTierException)")
    given_pool = pool.get(KEY)
    if lite and isinstance(given_pool, dict) and not _pool_at_default(given_pool):
        out.append(error(locate, (*path, KEY), tier))
    tracking = _tracking(pool)
    for client_path, client in items(pool.get("clients"), (*path, "clients")):
        given = client.get(KEY)
        if not isinstance(given, dict):
            continue
        key = (*client_path, KEY)
        if _minutes(given) in (None, _DEFAULT_MINUTES):
            continue  # the default is what the client has without any call
        if lite:
            out.append(error(locate, key, tier))
            continue
        if tracking == "DISABLED":
            out.append(error(locate, key, (
                f"{KEY} can't be set while the pool's session tracking is DISABLED (Cognito "
                "needs it ENABLED first); set the pool's session_configuration."
                "user_session_tracking: ENABLED")))
        elif tracking is None:
            out.append(warning(locate, key, (
                f"{KEY} needs the pool's session tracking ENABLED, and the pool's "
                "session_configuration isn't in the spec; the plan reads the pool's tracking "
                "and blocks this change if it is DISABLED")))
    return out


def _tracking(pool: dict[str, Any]) -> str | None:
    """The pool's tracking as the spec leaves it (None: not managed)."""
    if KEY in (pool.get("remove") or []):
        return "DISABLED"  # removal sets the defaults again
    given = pool.get(KEY)
    if not isinstance(given, dict):
        return None
    value = given.get("user_session_tracking")
    return value if isinstance(value, str) else None


def _pool_at_default(given: dict[str, Any]) -> bool:
    """The documented defaults need no call, so no tier (an export of a LITE pool has them)."""
    session = given.get("token_session")
    return (given.get("user_session_tracking") == POOL_SESSION_DEFAULT["UserSessionTracking"]
            and isinstance(session, dict)
            and session.get("max_per_user") == POOL_SESSION_DEFAULT["TokenSession"]["MaxPerUser"])


def _minutes(given: dict[str, Any]) -> Any:
    session = given.get("sso_session")
    return session.get("max_validity_minutes") if isinstance(session, dict) else None
