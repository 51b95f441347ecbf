"""A client's session configuration against the pool's session tracking, at plan time.

[M] SetUserPoolClientSessionConfiguration: "session tracking must be enabled for the
user pool". The plan knows the pool's tracking when each client's Set would run (the
pool's own Set runs first, phase 35 < 45; its removal after, 65 > 55), so a call
Cognito would refuse is never planned:

- a client value other than the default under a DISABLED pool is blocked, naming the fix
  (the pool's ``user_session_tracking: ENABLED``);
- a reset to the default (strict mode, ``remove:``) under a pool whose tracking is
  DISABLED is not planned: the value is dormant ([M] UserSessionTracking: client
  configurations "are retained but dormant, and are reactivated when you enable
  tracking again"); a warning says what resetting it needs;
- a reset while the live pool is ENABLED and this plan turns tracking off runs before
  the pool's Set, while Cognito still accepts it.
A pool whose tracking the run didn't read (its configuration unmanaged and not read)
is left alone: validate has warned.
"""

from __future__ import annotations

from typing import Any

from reconciler.model import LivePart, LivePool
from reconciler.plan import parts as part_rules
from reconciler.plan.model import Action, Change, PlanWarning

TRACKING = "UserSessionTracking"
ENABLED = "ENABLED"
FIX = ("set the pool's session_configuration with user_session_tracking: ENABLED (and its "
       "token_session) in the spec")


def _tracking_of(document: dict[str, Any] | None) -> str | None:
    value = (document or {}).get(TRACKING)
    return value if isinstance(value, str) else None


def _live_tracking(live: LivePool | None) -> tuple[str | None, str]:
    """The pool's tracking before this plan, and how it is known."""
    if live is None:
        return part_rules.POOL_SESSION_DEFAULT[TRACKING], "a new pool's default"
    found = live.parts.get("session_configuration")
    if isinstance(found, LivePart):
        return _tracking_of(found.document), "live"
    return None, "not read"


def _sets(change: Change, kind: part_rules.PartKind = part_rules.CLIENT_SESSION_CONFIGURATION,
          ) -> dict[str, Any] | None:
    """What a session change sets (its Set call's body), or None when it makes none."""
    for request in change.requests:
        if request.operation == kind.update_op:
            return request.params
    return None


def check_client_sessions(changes: list[Change], live: LivePool | None,
                          warnings: list[PlanWarning]) -> list[Change]:
    """``changes`` (one pool's) with its client session changes ordered, blocked or
    left out as above."""
    client_kind = part_rules.CLIENT_SESSION_CONFIGURATION.kind
    clients = [c for c in changes if c.kind == client_kind and _sets(c) is not None]
    if not clients:
        return changes
    before, known_as = _live_tracking(live)
    pool_change = next((c for c in changes
                        if c.kind == part_rules.SESSION_CONFIGURATION.kind), None)
    pool_set = (_sets(pool_change, part_rules.SESSION_CONFIGURATION)
                if pool_change is not None else None)
    turned_on_first = pool_set is not None and pool_change is not None and (
        pool_change.action != Action.DELETE)
    # The tracking when the clients' calls run: the pool's Set has run by then, its
    # removal (a Set of the defaults, after the clients) not yet.
    during = _tracking_of(pool_set) if turned_on_first else before
    keep: list[Change] = []
    for change in changes:
        if change not in clients or during == ENABLED or during is None:
            keep.append(change)
            continue
        resets = {k: v for k, v in (_sets(change) or {}).items()
                  if k not in ("UserPoolId", "ClientId")} == part_rules.CLIENT_SESSION_DEFAULT
        if resets and before == ENABLED:
            # This plan turns tracking off: reset the client first, while it is accepted.
            change.phase = part_rules.SESSION_CONFIGURATION.phase - 1
            keep.append(change)
        elif resets:
            warnings.append(PlanWarning(change.address, (
                "the client's session configuration is dormant (it has no effect while the "
                f"pool's session tracking is {before}) and is not reset: Cognito refuses a "
                f"client's session configuration while tracking is off; to reset it, {FIX}")))
        else:
            state = "a new pool's default" if known_as == "a new pool's default" else (
                f"{during} ({known_as})" if not turned_on_first else f"{during} (the spec)")
            change.blocked = change.blocked or (
                f"Cognito refuses a client's session configuration while the pool's session "
                f"tracking is DISABLED (here: {state}); {FIX}, or leave the client's out")
            keep.append(change)
    return keep
