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
from dataclasses import dataclass
from typing import Any, Protocol

from reconciler import interruption
from reconciler.apply.polling import poll
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


@dataclass
class _Replica:
    api: CognitoReader
    label: str
    operation: str
    pool_id: str
    region: str
    targets: frozenset[str]
    limit: float = LIMIT

    @property
    def wanted(self) -> str:
        return " or ".join(sorted(self.targets))

    def status(self) -> str:
        return _status(self.api, self.pool_id, self.region)

    def reached(self, status: str) -> bool:
        return status in self.targets

    def failed(self, status: str) -> ReconcilerError | None:
        settled_elsewhere = status not in TRANSITIONAL and (
            self.operation != "UpdateUserPoolReplica" or status == GONE)
        if not settled_elsewhere:
            return None
        return ReconcilerError(
            f"{self.label}: the replica in {self.region} is {status} after {self.operation}, "
            f"not {self.wanted}; what depends on it was not applied",
            "check the replica (ListUserPoolReplicas), then run apply again")

    def timed_out(self, status: str, waited: float) -> ReconcilerError:
        return ReconcilerError(
            f"{self.label}: the replica in {self.region} is still {status} after "
            f"{waited:.0f}s; what depends on it was not applied",
            f"run apply again once ListUserPoolReplicas shows it {self.wanted}")

    def waiting(self, status: str, waited: float) -> str:
        return (f"{self.label}: waiting for the replica in {self.region} to be "
                f"{self.wanted}: {status} after {waited:.1f}s")

    def done(self, status: str, waited: float) -> str:
        return f"{self.label}: replica in {self.region} is {status} after {waited:.1f}s"

    def stopped(self, status: str) -> str:
        return (f"{self.label}: stopped waiting for the replica in {self.region} ({status}): "
                "interrupted")


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
    watched = _Replica(api, label, operation, str(params.get("UserPoolId")),
                       str(params.get("RegionName")), targets)
    return poll(watched, say, clock, sleep)
