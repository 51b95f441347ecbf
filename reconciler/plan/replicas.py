"""User pool replicas (multi-Region replication): one per region the pool is copied to.

Planned apart from the generic part differ (plan/parts.py) because a replica is not a
document: its only updatable member is Status (UpdateUserPoolReplica), a status that
also moves on its own (CREATING -> INACTIVE, and DELETING), and UserPoolTags are sent
at creation only - ListUserPoolReplicas never returns them, so they can't be compared.

Sources (docs/fidelity.md, "Replicas and domain routing (issue 11)"):
- doc: UserPoolReplicaType.Status (CREATING, INACTIVE, ACTIVE, DELETING); the developer
  guide (user-pool-multi-region): "New secondary user pools start in the INACTIVE state";
  terraform-provider-aws user_pool_replica.go waits for CREATING to end, then activates
  when asked ("replicas settle to INACTIVE after creation").
- doc: DeleteUserPoolReplica: "You can only delete replicas that are in the INACTIVE
  status. This operation must be called from the primary Region." So an ACTIVE replica
  is deactivated first, and every call goes to the pool's own region.
- Deleting a replica deletes the pool's copy in that region (doc: "Deletes a secondary
  replica user pool"): the plan says so beside the call.
"""

from __future__ import annotations

from typing import Any

from reconciler.model import LivePart
from reconciler.plan.model import Action, Change, FieldChange, PlanWarning, Request

SETTLED = frozenset({"ACTIVE", "INACTIVE"})
# Where a new replica settles on its own (developer guide; terraform-provider-aws).
STARTS_AS = "INACTIVE"


def _loss_note(region: str) -> str:
    return (f"deletes the replica user pool in {region}: the pool's copy there (its users "
            "and settings in that region) is gone")


def removal_requests(pool_id: str, live: LivePart) -> list[Request]:
    """The calls that take one live replica away: deactivate it if it is ACTIVE (only an
    INACTIVE replica can be deleted), then delete it."""
    region = str(live.document.get("RegionName"))
    ids = {"UserPoolId": pool_id, "RegionName": region}
    requests = []
    if live.document.get("Status") == "ACTIVE":
        requests.append(Request("UpdateUserPoolReplica", {**ids, "Status": "INACTIVE"},
                                note="only an INACTIVE replica can be deleted"))
    requests.append(Request("DeleteUserPoolReplica", ids, note=_loss_note(region)))
    return requests


def pool_removal_requests(pool_id: str, live_parts: dict[str, Any]) -> list[Request]:
    """Before DeleteUserPool: every live replica removed first. Whether Cognito deletes
    a pool that still has replicas is not documented; removing them first is right
    under either reading (docs/fidelity.md)."""
    replicas = live_parts.get("replicas")
    out: list[Request] = []
    for replica in replicas if isinstance(replicas, list) else []:
        out += removal_requests(pool_id, replica)
    return out


def plan_replica(base: Change, desired: dict[str, Any] | None, live: LivePart | None,
                 ids: dict[str, Any], warnings: list[PlanWarning]) -> Change | None:
    """Create, update (status) or delete one replica; ``base`` is the change to fill in."""
    pool_id = ids["UserPoolId"]
    if live is not None:
        base.live_id = str(live.document.get("RegionName"))
    if desired is None:
        return _delete(base, live, pool_id)
    region = str(desired["RegionName"])
    wanted_status = desired.get("Status")
    if live is None:
        return _create(base, desired, pool_id, region, wanted_status)
    if desired.get("UserPoolTags"):
        warnings.append(PlanWarning(base.address, (
            "user_pool_tags are sent only when the replica is created: ListUserPoolReplicas "
            "doesn't return them, so the plan can't compare them (change a live replica's "
            "tags on its ARN in its own region)")))
    current = str(live.document.get("Status"))
    if current == "DELETING":
        # Being deleted (by someone else): it can only be made again once it is gone.
        change = _create(base, desired, pool_id, region, wanted_status)
        change.blocked = (f"the replica in {region} is still DELETING; it can be created "
                          "again once it is gone: run apply again then")
        return change
    if wanted_status is None or wanted_status == current:
        return None
    if current == "CREATING" and wanted_status == STARTS_AS:
        return None  # it settles there on its own
    base.fields = [FieldChange("status", current, wanted_status)]
    base.requests = [Request("UpdateUserPoolReplica", {"UserPoolId": pool_id,
                                                       "RegionName": region,
                                                       "Status": wanted_status})]
    if current not in SETTLED:
        base.blocked = (f"the replica in {region} is {current}; its status can be set once it "
                        "is ACTIVE or INACTIVE: run apply again then")
    return base


def _create(base: Change, desired: dict[str, Any], pool_id: str, region: str,
            wanted_status: str | None) -> Change:
    base.action = Action.CREATE
    base.fields = [FieldChange("region_name", None, region)]
    body: dict[str, Any] = {"UserPoolId": pool_id, "RegionName": region}
    if desired.get("UserPoolTags"):
        body["UserPoolTags"] = desired["UserPoolTags"]
        base.fields.append(FieldChange("user_pool_tags", None, desired["UserPoolTags"]))
    base.requests = [Request("CreateUserPoolReplica", body,
                             note=f"starts {STARTS_AS}; apply waits for it")]
    if wanted_status is not None:
        base.fields.append(FieldChange("status", None, wanted_status))
    if wanted_status == "ACTIVE":
        base.requests.append(Request("UpdateUserPoolReplica",
                                     {"UserPoolId": pool_id, "RegionName": region,
                                      "Status": "ACTIVE"}, note="activates it"))
    return base


def _delete(base: Change, live: LivePart | None, pool_id: str) -> Change | None:
    if live is None:
        return None
    region = str(live.document.get("RegionName"))
    status = str(live.document.get("Status"))
    if status == "DELETING":
        return None  # already on its way out
    base.action = Action.DELETE
    base.reason = "not in the spec"
    base.phase = 100 - base.phase  # after the domain, whose routing may name it
    base.fields = [FieldChange("region_name", region, None)]
    base.requests = removal_requests(pool_id, live)
    base.warnings.append(_loss_note(region))
    if status not in SETTLED:
        base.blocked = (f"the replica in {region} is {status}; it can be deleted once it is "
                        "INACTIVE: run apply again then")
    return base

