"""Waiting for a user pool replica to settle after apply writes it.

Replicas are made, switched and removed asynchronously (doc: UserPoolReplicaType.Status
lists CREATING and DELETING; terraform-provider-aws user_pool_replica.go waits after
each call: for CREATING to end, for the status it set, and for the replica to be gone,
30 minutes each). What follows depends on it: a new replica can be activated only once
it exists, only an INACTIVE replica can be deleted (doc: DeleteUserPoolReplica), and a
domain's failover routing names a replica region. So after each replica write apply
polls ListUserPoolReplicas until the replica is where the write sends it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

from reconciler import interruption
from reconciler.apply.domain_wait import FIRST_PAUSE, LONGEST_PAUSE, PROGRESS_EVERY
from reconciler.errors import ReconcilerError

LIMIT = 30 * 60.0  # seconds: terraform-provider-aws's default for each replica call
GONE = "gone"
TRANSITIONAL = frozenset({"CREATING", "DELETING"})


class CognitoReader(Protocol):
    def call(self, operation: str, **params: Any) -> dict[str, Any]: ...


def _targets(operation: str, params: dict[str, Any]) -> frozenset[str] | None:
    if operation == "CreateUserPoolReplica":
        # A new replica starts INACTIVE (developer guide); ACTIVE is accepted too.
        return frozenset({"INACTIVE", "ACTIVE"})
    if operation == "UpdateUserPoolReplica":
        return frozenset({str(params.get("Status"))})
    if operation == "DeleteUserPoolReplica":
        return frozenset({GONE})
    return None


def _status(api: CognitoReader, pool_id: str, region: str) -> str:
    params: dict[str, Any] = {"UserPoolId": pool_id}
    while True:
        answer = api.call("ListUserPoolReplicas", **params)
        for replica in answer.get("UserPoolReplicas") or []:
            if replica.get("Role") != "PRIMARY" and replica.get("RegionName") == region:
                return str(replica.get("Status"))
        if not answer.get("NextToken"):
            return GONE
        params["NextToken"] = answer["NextToken"]


def wait_after_write(api: CognitoReader, label: str, operation: str, params: dict[str, Any],
                     say: Callable[[str], None], clock: Callable[[], float] = time.monotonic,
                     sleep: Callable[[float], bool | None] = interruption.sleep,
                     ) -> ReconcilerError | None:
    """After a successful replica write, wait until the replica is settled as asked.

    Returns the error to stop apply with, or None when the replica is settled,
    ``operation`` isn't a replica write, or a signal interrupted the wait.
    """
    targets = _targets(operation, params)
    if targets is None:
        return None
    pool_id, region = str(params.get("UserPoolId")), str(params.get("RegionName"))
    wanted = " or ".join(sorted(targets))
    started = clock()
    pause = FIRST_PAUSE
    said_at: float | None = None
    while True:
        status = _status(api, pool_id, region)
        waited = clock() - started
        if status in targets:
            if said_at is not None:
                say(f"{label}: replica in {region} is {status} after {waited:.1f}s")
            return None
        settled_elsewhere = status not in TRANSITIONAL and (
            operation != "UpdateUserPoolReplica" or status == GONE)
        if settled_elsewhere:
            return ReconcilerError(
                f"{label}: the replica in {region} is {status} after {operation}, not "
                f"{wanted}; what depends on it was not applied",
                "check the replica (ListUserPoolReplicas), then run apply again")
        if waited >= LIMIT:
            return ReconcilerError(
                f"{label}: the replica in {region} is still {status} after {waited:.0f}s; "
                "what depends on it was not applied",
                f"run apply again once ListUserPoolReplicas shows it {wanted}")
        if said_at is None or clock() - said_at >= PROGRESS_EVERY:
            say(f"{label}: waiting for the replica in {region} to be {wanted}: {status} "
                f"after {waited:.1f}s")
            said_at = clock()
        if sleep(min(pause, max(LIMIT - waited, 0.0))):
            say(f"{label}: stopped waiting for the replica in {region} ({status}): "
                "interrupted")
            return None
        pause = min(pause * 2, LONGEST_PAUSE)
