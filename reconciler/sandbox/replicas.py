"""User pool replicas (multi-Region replication), which moto lacks entirely.

A replica is a record on the primary pool: its region, its status, when its current
transition began. Every call is answered in the pool's own (primary) region; the
secondary region's copy of the pool is not emulated (its ARN is, from the shared id).

Sources, each cited where it is used:
- [M]: the shipped model's documentation (CreateUserPoolReplica, UpdateUserPoolReplica,
  DeleteUserPoolReplica, ListUserPoolReplicas, UserPoolReplicaType, KeyConfigurationType);
- [G]: the developer guide, "Multi-Region replication for user pools"
  (docs.aws.amazon.com/cognito/latest/developerguide/user-pool-multi-region.html);
- [TF]: terraform-provider-aws internal/service/cognitoidp/user_pool_replica.go and its
  acceptance test user_pool_replica_test.go (a multi-Region KMS key, then a replica).
Error codes the sources don't name are marked ASSUMED.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from moto.cognitoidp.models import CognitoIdpUserPool

from . import timing
from .calls import Call, _cognito_regions, handles
from .errors import ApiError, invalid_parameter, not_found
from .paging import page
from .state import PoolRecord

# Short, so tests pass through every state without slowing down; not zero, so a tool
# that doesn't wait for a replica to settle is caught. POST /_sandbox/faults
# {"replica_seconds": N} sets it (0 ends every transition at once).
DEFAULT_SECONDS = 0.5
clock: Callable[[], float] = time.monotonic
# How long a replica's transition lasts now: the replica_seconds rule's value, or the default.
_seconds = timing.register("replica_seconds", DEFAULT_SECONDS)


@dataclass
class Replica:
    region: str
    status: str  # what ListUserPoolReplicas says until the transition ends
    started: float
    becomes: str | None = None  # the status after the transition; None: gone (DELETING)
    tags: dict[str, str] | None = None


def _replicas(record: PoolRecord) -> dict[str, Replica]:
    return record.part("replicas")


def _settle(call: Call, record: PoolRecord) -> dict[str, Replica]:
    """The pool's replicas as of now: ended transitions applied, deleted ones dropped."""
    found = _replicas(record)
    for region, replica in list(found.items()):
        if replica.started is not None and clock() - replica.started >= _seconds(call.state):
            if replica.becomes is None and replica.status == "DELETING":
                del found[region]
            elif replica.becomes is not None:
                replica.status, replica.becomes = replica.becomes, None
    return found


def _in_transition(replica: Replica) -> bool:
    return replica.status in ("CREATING", "DELETING") or replica.becomes is not None


def _arn(call: Call, pool: CognitoIdpUserPool, region: str) -> str:
    # [G]: "Amazon Cognito creates separate user pools with a shared user pool ID".
    return f"arn:aws:cognito-idp:{region}:{call.account}:userpool/{pool.id}"


def _shown(call: Call, pool: CognitoIdpUserPool, replica: Replica) -> dict[str, Any]:
    return {"RegionName": replica.region, "Status": replica.status, "Role": "SECONDARY",
            "UserPoolArn": _arn(call, pool, replica.region)}


def _primary(call: Call, pool: CognitoIdpUserPool) -> dict[str, Any]:
    # [M] ListUserPoolReplicas: "Lists all replicas for a user pool, including both
    # primary and secondary replicas". ASSUMED: the primary is listed (ACTIVE) even
    # when the pool has no secondary replica.
    return {"RegionName": call.region, "Status": "ACTIVE", "Role": "PRIMARY",
            "UserPoolArn": pool.arn}


def _key_type(record: PoolRecord) -> str:
    config = record.config.get("KeyConfiguration") or record.describe_extra.get(
        "KeyConfiguration") or {}
    return str(config.get("KeyType") or "AWS_OWNED_KEY")


def _key_arn(record: PoolRecord) -> str:
    config = record.config.get("KeyConfiguration") or record.describe_extra.get(
        "KeyConfiguration") or {}
    return str(config.get("KmsKeyArn") or "")


def _check_prerequisites(call: Call, record: PoolRecord, region: str) -> None:
    if region == call.region:
        # [G]: a replica is "in an additional AWS Region"; the pool's own region already
        # holds the primary. ASSUMED: InvalidParameterException.
        raise invalid_parameter(f"The user pool is already in {region}; a replica must be "
                                "in another Region.")
    if region not in _cognito_regions():
        # ASSUMED: InvalidParameterException for a Region without Cognito.
        raise invalid_parameter(f"Region {region} is not a valid Region for a replica.")
    if record.config.get("UserPoolTier") == "LITE":
        # [G]: "requires your user pool to be on the Essentials or Plus feature plan. You
        # can't enable MRR on user pools with the Lite feature plan"; [M] lists
        # FeatureUnavailableInTierException for CreateUserPoolReplica.
        raise ApiError("FeatureUnavailableInTierException",
                       "Multi-Region replication is not available in the LITE tier.")
    # [M] KeyConfigurationType.KeyType CUSTOMER_MANAGED_KEY: "You must use a multi-region
    # key to enable multi-region replication for a user pool"; [G]: "You must configure
    # your user pool with a multi-Region customer managed key ... before enabling
    # replication"; multi-Region key ids begin with "mrk-" (AWS KMS developer guide,
    # multi-Region keys; the key in the [TF] test is multi_region = true).
    # ASSUMED: InvalidParameterException.
    if _key_type(record) != "CUSTOMER_MANAGED_KEY":
        raise invalid_parameter("Multi-Region replication requires a customer managed KMS "
                                "key (KeyConfiguration.KeyType CUSTOMER_MANAGED_KEY).")
    if "key/mrk-" not in _key_arn(record):
        raise invalid_parameter("Multi-Region replication requires a multi-Region KMS key "
                                "(key id mrk-...).")


@handles("CreateUserPoolReplica")
def create_user_pool_replica(call: Call) -> dict[str, Any]:
    pool = call.pool()
    record = call.record(pool)
    region = str(call.body["RegionName"])
    _check_prerequisites(call, record, region)
    replicas = _settle(call, record)
    if region in replicas:
        # ASSUMED: InvalidParameterException for a Region that already has the replica.
        raise invalid_parameter(f"A replica of user pool {pool.id} already exists in "
                                f"{region}.")
    if replicas:
        # [G] (limitations): each user directory can have at most one secondary replica
        # in other Regions. [M] lists LimitExceededException for CreateUserPoolReplica.
        raise ApiError("LimitExceededException",
                       f"User pool {pool.id} already has a replica; a user pool can have "
                       "at most one.")
    # [M] UserPoolReplicaType.Status: CREATING "The replica is being created"; [G]: "New
    # secondary user pools start in the INACTIVE state" ([TF] waits CREATING -> INACTIVE).
    replica = Replica(region, "CREATING", clock(), "INACTIVE",
                      dict(call.body.get("UserPoolTags") or {}))
    replicas[region] = replica
    return {"UserPoolReplica": _shown(call, pool, replica)}


def _existing(call: Call, record: PoolRecord, pool: CognitoIdpUserPool) -> Replica:
    region = str(call.body["RegionName"])
    replica = _settle(call, record).get(region)
    if replica is None:
        raise not_found(f"User pool {pool.id} has no replica in {region}.")
    return replica


@handles("UpdateUserPoolReplica")
def update_user_pool_replica(call: Call) -> dict[str, Any]:
    pool = call.pool()
    record = call.record(pool)
    replica = _existing(call, record, pool)
    wanted = str(call.body["Status"])
    if _in_transition(replica):
        # ASSUMED: a replica still changing is refused (InvalidParameterException).
        now = "changing status" if replica.becomes else replica.status
        raise invalid_parameter(f"The replica in {replica.region} is {now}; try again once "
                                "it is ACTIVE or INACTIVE.")
    if wanted != replica.status:
        # [M]: "You can modify the status to activate or deactivate the replica"; the
        # switch takes a while ([TF] waitUserPoolReplicaStatus polls for the new status).
        replica.started, replica.becomes = clock(), wanted
    return {"UserPoolReplica": _shown(call, pool, replica)}


@handles("DeleteUserPoolReplica")
def delete_user_pool_replica(call: Call) -> dict[str, Any]:
    pool = call.pool()
    record = call.record(pool)
    replica = _existing(call, record, pool)
    if replica.status != "INACTIVE" or replica.becomes is not None:
        # [M]: "You can only delete replicas that are in the INACTIVE status."
        # ASSUMED: InvalidParameterException.
        raise invalid_parameter(f"The replica in {replica.region} is {replica.status}; only "
                                "an INACTIVE replica can be deleted.")
    # [M] Status DELETING: "The replica is being deleted"; it is listed until it is gone.
    replica.status, replica.started, replica.becomes = "DELETING", clock(), None
    return {"UserPoolReplica": _shown(call, pool, replica)}


@handles("ListUserPoolReplicas")
def list_user_pool_replicas(call: Call) -> dict[str, Any]:
    pool = call.pool()
    record = call.record(pool)
    secondaries = [_shown(call, pool, r) for _, r in sorted(_settle(call, record).items())]
    # ListUserPoolReplicasRequest has no page size: a default of 60 per page (ASSUMED).
    selected, next_token = page([_primary(call, pool), *secondaries], call.body, "MaxResults")
    answer: dict[str, Any] = {"UserPoolReplicas": list(selected)}
    if next_token:
        answer["NextToken"] = next_token
    return answer


def replica_regions(call: Call, pool: CognitoIdpUserPool) -> list[str]:
    """The regions of the pool's secondary replicas now (for the domain's failover)."""
    return sorted(_settle(call, call.record(pool)))
