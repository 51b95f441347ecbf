"""Writes AWS serialises per pool run one at a time; slow refusals are retried, bounded."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from reconciler.apply import slow_retry
from reconciler.apply.executor import Execution
from reconciler.aws.errors import CognitoError
from reconciler.aws.service_model import service_model
from reconciler.plan.model import Action, Change, Plan, Request
from reconciler.quota_table import CATEGORY_OF


class FakeApi:
    """Records calls and the most serialised writes in flight at once, per pool."""

    def __init__(self, refuse: dict[str, list[str]] | None = None) -> None:
        self.calls: list[str] = []
        self.refuse = {op: list(codes) for op, codes in (refuse or {}).items()}
        self.lock = threading.Lock()
        self.in_flight: dict[str, int] = {}
        self.most: dict[str, int] = {}

    def call(self, operation: str, **params: Any) -> dict[str, Any]:
        pool = str(params.get("pool"))
        with self.lock:
            self.calls.append(operation)
            codes = self.refuse.get(operation)
            code = codes.pop(0) if codes else None
            self.in_flight[pool] = self.in_flight.get(pool, 0) + 1
            self.most[pool] = max(self.most.get(pool, 0), self.in_flight[pool])
        try:
            if code:
                raise CognitoError(operation, code, slow_retry.IAM_PROPAGATION.get(
                    code, f"injected {code}"))
            time.sleep(0.02)  # long enough for overlapping calls to meet
            if operation == "CreateUserPool":
                return {"UserPool": {"Id": "new"}}
            return {}
        finally:
            with self.lock:
                self.in_flight[pool] -= 1


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> bool:
        self.slept.append(seconds)
        self.now += seconds
        return False


def change(name: str, *operations: str, pool: str = "user_pool.p", phase: int = 20,
           fingerprint: str | None = None) -> Change:
    return Change(address=f"{pool}.client.{name}", kind="client", name=name,
                  action=Action.UPDATE, region="us-east-1", pool_address=pool, phase=phase,
                  requests=[Request(op, {"pool": pool}) for op in operations],
                  live_id=name, fingerprint=fingerprint)


def run(plan: Plan, api: FakeApi, clock: FakeClock | None = None, **kwargs: Any) -> Any:
    clock = clock or FakeClock()
    return Execution(plan, lambda _: api, lambda _: None, clock=clock, workers=8,
                     sleep=clock.sleep, **kwargs).run()


def test_the_serialised_set_is_the_models_list_of_concurrent_modification() -> None:
    # The shipped model, not the installed botocore's: users' botocore may be older.
    model = service_model()
    listed = {name for name in model.operation_names
              if any(e.name == "ConcurrentModificationException"
                     for e in model.operation_model(name).error_shapes)}
    # Among the operations the tool calls: each has a quota category (a sandbox test
    # checks that every operation named in the tool's code has one).
    assert slow_retry.SERIALISED == (listed - {"AssociateSoftwareToken"}) & set(CATEGORY_OF)


def test_client_updates_of_one_pool_never_overlap_and_pools_still_run_side_by_side() -> None:
    api = FakeApi()
    plan = Plan([change(f"c{i}", "UpdateUserPoolClient", pool=pool)
                 for pool in ("user_pool.a", "user_pool.b") for i in range(6)])
    report = run(plan, api)
    assert report.ok, report.failure
    assert api.most == {"user_pool.a": 1, "user_pool.b": 1}
    assert len(report.done) == 12


def test_unserialised_writes_of_one_pool_still_overlap() -> None:
    api = FakeApi()
    plan = Plan([change(f"g{i}", "UpdateGroup") for i in range(6)])
    assert run(plan, api).ok
    assert api.most["user_pool.p"] > 1


def test_a_concurrent_modification_is_retried_with_backoff() -> None:
    api = FakeApi({"UpdateUserPoolClient": [slow_retry.CONCURRENT] * 3})
    clock = FakeClock()
    report = run(Plan([change("web", "UpdateUserPoolClient")]), api, clock)
    assert report.ok, report.failure
    assert api.calls == ["UpdateUserPoolClient"] * 4
    assert len(clock.slept) == 3
    assert clock.slept[0] <= clock.slept[2]  # backing off, not hammering


def test_a_concurrent_modification_that_persists_stops_after_the_window(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(slow_retry.WINDOW_ENV, "30")
    api = FakeApi({"UpdateUserPoolClient": [slow_retry.CONCURRENT] * 1000})
    clock = FakeClock()
    report = run(Plan([change("web", "UpdateUserPoolClient")]), api, clock)
    assert report.failure is not None
    message = report.failure.message
    assert message.startswith("UpdateUserPoolClient failed: ConcurrentModificationException")
    assert "still refused after retrying for 30s" in message
    assert "\n" not in message
    assert "another process" in report.failure.hint
    assert report.not_done == ["user_pool.p.client.web: UpdateUserPoolClient"]
    assert sum(clock.slept) <= 30
    assert 3 < len(api.calls) < 20  # bounded by the window, spaced by the backoff


def test_a_retried_concurrent_modification_rereads_and_never_resends_over_a_change() -> None:
    api = FakeApi({"UpdateUserPoolClient": [slow_retry.CONCURRENT]})
    reads = iter(["as planned", "someone else's"])
    report = run(Plan([change("web", "UpdateUserPoolClient", fingerprint="as planned")]), api,
                 recheck=lambda _api, _change: next(reads))
    assert api.calls == ["UpdateUserPoolClient"]  # refused once, then not resent
    assert report.failure is not None
    assert "changed in Cognito after it was read" in report.failure.message


@pytest.mark.parametrize("code", sorted(slow_retry.IAM_PROPAGATION))
def test_iam_propagation_is_retried_on_pool_writes_only(code: str) -> None:
    api = FakeApi({"CreateUserPool": [code, code], "CreateGroup": [code]})
    pool = Change(address="user_pool.p", kind="user_pool", name="p", action=Action.CREATE,
                  region="us-east-1", pool_address="user_pool.p", phase=0,
                  requests=[Request("CreateUserPool", {"PoolName": "p"})])
    assert run(Plan([pool]), api).ok
    assert api.calls == ["CreateUserPool"] * 3
    report = run(Plan([change("g", "CreateGroup")]), api)
    assert report.failure is not None and api.calls[-1] == "CreateGroup"
    assert api.calls.count("CreateGroup") == 1


def test_the_same_codes_with_other_words_are_a_misconfiguration_not_retried() -> None:
    assert slow_retry.reason_to_retry(
        "UpdateUserPool", "InvalidSmsRoleTrustRelationshipException",
        "Role does not have a trust relationship allowing Cognito to assume the role")
    assert slow_retry.reason_to_retry(
        "UpdateUserPool", "InvalidSmsRoleTrustRelationshipException",
        "External ID does not match the SMS configuration") is None


def test_a_resource_quota_is_not_retried() -> None:
    api = FakeApi({"UpdateUserPoolClient": ["LimitExceededException"]})
    report = run(Plan([change("web", "UpdateUserPoolClient")]), api)
    assert api.calls == ["UpdateUserPoolClient"]
    assert report.failure is not None


def test_an_interruption_starts_no_new_request() -> None:
    api = FakeApi()
    signals: list[int] = []

    class Api(FakeApi):
        def call(self, operation: str, **params: Any) -> dict[str, Any]:
            result = api.call(operation, **params)
            signals.append(2)  # SIGINT arrives while the first call is answered
            return result

    plan = Plan([change(f"c{i}", "UpdateUserPoolClient", "UpdateUserPoolClient")
                 for i in range(3)])
    report = Execution(plan, lambda _: Api(), lambda _: None, workers=1,
                       interrupted=lambda: signals[0] if signals else None).run()
    assert api.calls == ["UpdateUserPoolClient"]
    assert report.interrupted == 2
    assert report.done == ["user_pool.p.client.c0: UpdateUserPoolClient"]
    assert len(report.not_done) == 5 and not report.unknown


def test_a_create_finds_its_name_taken_and_stops() -> None:
    api = FakeApi()
    pool = Change(address="user_pool.p", kind="user_pool", name="p", action=Action.CREATE,
                  region="us-east-1", pool_address="user_pool.p", phase=0,
                  requests=[Request("CreateUserPool", {"PoolName": "p"})])
    report = run(Plan([pool]), api,
                 create_check=lambda _api, _op, params: f"a user pool named "
                 f"{params['PoolName']!r} exists (id x)")
    assert api.calls == []
    assert report.failure is not None
    assert "a user pool named 'p' exists (id x)" in report.failure.message
    assert "it was not created again" in report.failure.message
    assert report.not_done == ["user_pool.p: CreateUserPool"]
