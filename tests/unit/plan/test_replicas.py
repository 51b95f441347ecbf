"""User pool replicas in the plan (pure): create, status, delete, and the pool's loss list."""

from __future__ import annotations

from reconciler.model import DesiredPool, LivePart
from reconciler.plan.destroy import plan_pool_destroy
from reconciler.plan.model import Action, PlanWarning
from reconciler.plan.parts import REPLICA, Owner, plan_list
from reconciler.plan.pools import plan_pool

from .helpers import desired_pool, live_pool

OWNER = Owner("user_pool.users", "us-east-1", "us-east-1_abc")
ARN = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/us-east-1_abc"


def replica(status: str = "INACTIVE", region: str = "eu-west-1") -> LivePart:
    return LivePart(document={"RegionName": region, "Status": status, "Role": "SECONDARY",
                              "UserPoolArn": ARN})


def calls(change) -> list[tuple[str, dict]]:
    return [(r.operation, r.params) for r in change.requests]


def test_a_new_active_replica_is_created_then_activated() -> None:
    [change] = plan_list(REPLICA, OWNER, [{"RegionName": "eu-west-1", "Status": "ACTIVE",
                                           "UserPoolTags": {"team": "id"}}], [])
    assert change.action == Action.CREATE
    assert change.address == "user_pool.users.replica.eu-west-1"
    ids = {"UserPoolId": "us-east-1_abc", "RegionName": "eu-west-1"}
    assert calls(change) == [
        ("CreateUserPoolReplica", {**ids, "UserPoolTags": {"team": "id"}}),
        ("UpdateUserPoolReplica", {**ids, "Status": "ACTIVE"})]
    # Before the domain (phase 5), whose failover routing may name it.
    assert change.phase < 5


def test_a_status_change_is_one_update() -> None:
    [change] = plan_list(REPLICA, OWNER, [{"RegionName": "eu-west-1", "Status": "ACTIVE"}],
                         [replica("INACTIVE")])
    assert change.action == Action.UPDATE
    assert [(f.path, f.before, f.after) for f in change.fields] == [
        ("status", "INACTIVE", "ACTIVE")]
    assert calls(change) == [("UpdateUserPoolReplica", {
        "UserPoolId": "us-east-1_abc", "RegionName": "eu-west-1", "Status": "ACTIVE"})]
    assert change.blocked is None


def test_no_change_when_the_status_is_unmanaged_or_settling_where_wanted() -> None:
    assert plan_list(REPLICA, OWNER, [{"RegionName": "eu-west-1"}], [replica("ACTIVE")]) == []
    assert plan_list(REPLICA, OWNER, [{"RegionName": "eu-west-1", "Status": "INACTIVE"}],
                     [replica("CREATING")]) == []


def test_a_status_change_of_a_replica_still_creating_is_blocked() -> None:
    [change] = plan_list(REPLICA, OWNER, [{"RegionName": "eu-west-1", "Status": "ACTIVE"}],
                         [replica("CREATING")])
    assert change.blocked and "CREATING" in change.blocked


def test_a_removed_active_replica_is_deactivated_then_deleted_and_the_loss_named() -> None:
    [change] = plan_list(REPLICA, OWNER, [], [replica("ACTIVE")])
    assert change.action == Action.DELETE
    assert change.reason == "not in the spec"
    ids = {"UserPoolId": "us-east-1_abc", "RegionName": "eu-west-1"}
    assert calls(change) == [("UpdateUserPoolReplica", {**ids, "Status": "INACTIVE"}),
                             ("DeleteUserPoolReplica", ids)]
    assert any("deletes the replica user pool in eu-west-1" in w for w in change.warnings)
    # After the domain is deleted or updated (95): its routing may name this region.
    assert change.phase > 95


def test_an_inactive_replica_is_deleted_at_once_and_a_deleting_one_left_alone() -> None:
    [change] = plan_list(REPLICA, OWNER, [], [replica("INACTIVE")])
    assert [op for op, _ in calls(change)] == ["DeleteUserPoolReplica"]
    assert plan_list(REPLICA, OWNER, [], [replica("DELETING")]) == []


def test_tags_of_a_live_replica_can_not_be_compared_and_the_plan_says_so() -> None:
    warnings: list[PlanWarning] = []
    owner = Owner("user_pool.users", "us-east-1", "us-east-1_abc", warnings=warnings)
    assert plan_list(REPLICA, owner, [{"RegionName": "eu-west-1", "UserPoolTags": {"a": "b"}}],
                     [replica()]) == []
    assert ["ListUserPoolReplicas doesn't return them" in w.message for w in warnings] == [True]


def test_destroy_removes_replicas_before_the_pool_and_lists_them() -> None:
    live = live_pool()
    live.parts = {"replicas": [replica("ACTIVE")]}
    pool = DesiredPool(name="users", settings={"PoolName": "users"})
    delete, *lost = plan_pool_destroy(pool, live, "us-east-1")
    assert [r.operation for r in delete.requests] == [
        "UpdateUserPoolReplica", "DeleteUserPoolReplica", "DeleteUserPool"]
    assert "user_pool.users.replica.eu-west-1" in delete.destroys
    assert [c.address for c in lost] == ["user_pool.users.replica.eu-west-1"]


def test_a_pool_replace_names_the_replicas_it_loses_and_removes_them_first() -> None:
    live = live_pool()
    live.parts = {"replicas": [replica("INACTIVE")]}
    changes = plan_pool(desired_pool(UsernameAttributes=["phone_number"]), live, "us-east-1",
                        [])
    replace = changes[0]
    assert replace.action == Action.REPLACE
    operations = [r.operation for r in replace.requests]
    assert operations.index("DeleteUserPoolReplica") < operations.index("DeleteUserPool")
    assert "user_pool.users.replica.eu-west-1" in replace.destroys
