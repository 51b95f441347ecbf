"""Planning `destroy`: the pools a spec declares, deleted with all they hold.

Pure: built from what the engine read in full (``LiveReader.read_pool(everything=True)``,
the replace's read), and listing the losses with the replace's own code
(``pools._lost_with_pool``), so a destroy and a replace name the same things.
"""

from __future__ import annotations

from dataclasses import replace

from reconciler.model import DesiredPool, LivePool
from reconciler.plan.model import Action, Change, Plan, Request
from reconciler.plan.pools import KIND, _lost_with_pool
from reconciler.plan.replicas import pool_removal_requests

REASON = "declared in the spec given to destroy"


def lift_protection_hint(pool: DesiredPool) -> str:
    return (f"deletion protection is ACTIVE on {pool.address}, so it can't be deleted: set "
            "`deletion_protection: INACTIVE` on the pool in the spec and run apply (or "
            "`aws cognito-idp update-user-pool` with --deletion-protection INACTIVE and "
            "every other setting), then run destroy again")


def plan_pool_destroy(pool: DesiredPool, live: LivePool, region: str) -> list[Change]:
    """The pool's delete (its domains first: Cognito refuses to delete a pool that has
    one, aws-nuke#330), then what goes with it, each listed with no call of its own."""
    domains = [Request("DeleteUserPoolDomain", {"UserPoolId": live.pool_id, "Domain": name})
               for name in (live.describe.get("Domain"), live.describe.get("CustomDomain"))
               if name]
    requests = [*domains, *pool_removal_requests(live.pool_id, live.parts),
                Request("DeleteUserPool", {"UserPoolId": live.pool_id},
                        note="every user in the pool is lost")]
    # Nothing is re-created: with no clients or parts declared, everything is lost.
    lost = _lost_with_pool(replace(pool, clients=[], parts={}), live, region)
    change = Change(address=pool.address, kind=KIND, name=pool.name, action=Action.DELETE,
                    region=region, pool_address=pool.address, reason=REASON,
                    requests=requests, live_id=live.pool_id, fingerprint=live.fingerprint)
    if live.deletion_protection == "ACTIVE":
        change.blocked = lift_protection_hint(pool)
    change.users_lost = int(live.describe.get("EstimatedNumberOfUsers") or 0)
    change.destroys = [c.address for c in lost]
    return [change, *lost]


def plan_destroy(found: list[tuple[DesiredPool, LivePool | None, str]]) -> Plan:
    """(pool, live or None when it doesn't exist, region) -> the destroy plan."""
    changes: list[Change] = []
    for pool, live, region in found:
        if live is not None:
            changes += plan_pool_destroy(pool, live, region)
    return Plan(changes=changes)
