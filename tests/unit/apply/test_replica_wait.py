"""Apply waits for a replica to settle after each replica write (apply/replica_wait.py)."""

from __future__ import annotations

from typing import Any

from reconciler.apply.replica_wait import wait_after_write

IDS = {"UserPoolId": "us-east-1_abc", "RegionName": "eu-west-1"}
PRIMARY = {"RegionName": "us-east-1", "Status": "ACTIVE", "Role": "PRIMARY"}


class Answers:
    """ListUserPoolReplicas answering one status per call (None: no replica)."""

    def __init__(self, *statuses: str | None) -> None:
        self.statuses = list(statuses)
        self.calls = 0

    def call(self, operation: str, **params: Any) -> dict[str, Any]:
        assert operation == "ListUserPoolReplicas" and params == {"UserPoolId": "us-east-1_abc"}
        status = self.statuses[min(self.calls, len(self.statuses) - 1)]
        self.calls += 1
        secondary = [] if status is None else [
            {"RegionName": "eu-west-1", "Status": status, "Role": "SECONDARY"}]
        return {"UserPoolReplicas": [PRIMARY, *secondary]}


def _wait(api: Answers, operation: str, params: dict[str, Any], said: list[str]) -> Any:
    clock = iter(float(i) for i in range(1000))
    return wait_after_write(api, "user_pool.p.replica.eu-west-1", operation, params,
                            said.append, clock=lambda: next(clock), sleep=lambda _: False)


def test_a_create_waits_until_creating_is_over() -> None:
    api, said = Answers("CREATING", "CREATING", "INACTIVE"), []
    assert _wait(api, "CreateUserPoolReplica", IDS, said) is None
    assert api.calls == 3
    assert any("waiting for the replica in eu-west-1" in line for line in said)


def test_a_status_switch_waits_for_the_new_status() -> None:
    api, said = Answers("INACTIVE", "ACTIVE"), []
    assert _wait(api, "UpdateUserPoolReplica", {**IDS, "Status": "ACTIVE"}, said) is None
    assert api.calls == 2


def test_a_delete_waits_until_the_replica_is_gone() -> None:
    api, said = Answers("DELETING", None), []
    assert _wait(api, "DeleteUserPoolReplica", IDS, said) is None
    assert api.calls == 2


def test_a_replica_gone_while_being_created_stops_apply() -> None:
    api, said = Answers("CREATING", None), []
    error = _wait(api, "CreateUserPoolReplica", IDS, said)
    assert error is not None and "is gone after CreateUserPoolReplica" in error.message


def test_other_writes_do_not_wait() -> None:
    api, said = Answers("ACTIVE"), []
    assert _wait(api, "UpdateUserPool", {"UserPoolId": "x"}, said) is None
    assert api.calls == 0
