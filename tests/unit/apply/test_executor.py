"""The executor's ordering, with a fake Cognito that records when calls start and end."""

from __future__ import annotations

import threading
import time
from typing import Any

from reconciler.apply.executor import execute
from reconciler.plan.model import Action, Change, Plan, Request, created_ref


class RecordingApi:
    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []
        self.lock = threading.Lock()

    def call(self, operation: str, **params: Any) -> dict[str, Any]:
        with self.lock:
            self.events.append(("start", operation))
        time.sleep(0.05)
        with self.lock:
            self.events.append(("end", operation))
        if operation == "CreateUserPool":
            return {"UserPool": {"Id": "pool-1"}}
        if operation == "CreateUserPoolClient":
            return {"UserPoolClient": {"ClientId": "client-1"}}
        return {}


def change(kind: str, action: Action, phase: int, *operations: str,
           pool: str = "user_pool.p", params: dict[str, Any] | None = None) -> Change:
    return Change(address=f"{pool}.{kind}.{operations[0]}", kind=kind, name=kind, action=action,
                  region="us-east-1", pool_address=pool, phase=phase,
                  requests=[Request(op, dict(params or {})) for op in operations])


def order(api: RecordingApi, operation: str, what: str = "start") -> int:
    return api.events.index((what, operation))


def test_a_created_pool_comes_before_everything_that_uses_its_id():
    api = RecordingApi()
    plan = Plan([
        change("user_pool", Action.CREATE, 0, "CreateUserPool"),
        change("client", Action.CREATE, 20, "CreateUserPoolClient",
               params={"UserPoolId": created_ref("user_pool.p.user_pool.CreateUserPool")}),
    ])
    plan.changes[0].address = "user_pool.p.user_pool.CreateUserPool"
    report = execute(plan, lambda _: api, lambda _: None, workers=4)
    assert report.ok, report.failure
    assert order(api, "CreateUserPool", "end") < order(api, "CreateUserPoolClient")


def test_a_pool_update_comes_before_its_clients():
    api = RecordingApi()
    plan = Plan([change("user_pool", Action.UPDATE, 0, "UpdateUserPool", "AddCustomAttributes"),
                 change("client", Action.UPDATE, 20, "UpdateUserPoolClient")])
    assert execute(plan, lambda _: api, lambda _: None, workers=4).ok
    assert order(api, "AddCustomAttributes", "end") < order(api, "UpdateUserPoolClient")


def test_pools_run_side_by_side_and_deletes_wait_for_their_pool():
    api = RecordingApi()
    plan = Plan([
        change("client", Action.UPDATE, 20, "UpdateUserPoolClient", pool="user_pool.a"),
        change("client", Action.DELETE, 80, "DeleteUserPoolClient", pool="user_pool.a"),
        change("identity_provider", Action.DELETE, 90, "DeleteIdentityProvider",
               pool="user_pool.a"),
        change("group", Action.UPDATE, 30, "UpdateGroup", pool="user_pool.b"),
    ])
    assert execute(plan, lambda _: api, lambda _: None, workers=4).ok
    assert order(api, "UpdateGroup") < order(api, "UpdateUserPoolClient", "end")
    assert order(api, "DeleteUserPoolClient", "end") < order(api, "DeleteIdentityProvider")


def test_one_worker_runs_everything_in_plan_order():
    api = RecordingApi()
    plan = Plan([change("user_pool", Action.UPDATE, 0, "UpdateUserPool"),
                 change("client", Action.UPDATE, 20, "UpdateUserPoolClient")])
    assert execute(plan, lambda _: api, lambda _: None, workers=1).ok
    assert [op for what, op in api.events if what == "start"] == [
        "UpdateUserPool", "UpdateUserPoolClient"]
