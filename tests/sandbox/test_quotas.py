"""Emulated Cognito quotas and latency (``quotas.py``), and ``/_sandbox/stats``.

No assertion depends on how long anything takes: the buckets run on a fake
clock, or (over HTTP) at rates so low that no token comes back during a test.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import pytest

from reconciler.quota_table import (
    CATEGORY_OF,
    CATEGORY_RATES,
    OPERATIONS,
    PER_POOL_OPERATION_RATES,
)
from reconciler.sandbox import model
from reconciler.sandbox.quotas import Latency, Quotas, admit, stats_of
from reconciler.sandbox.state import SandboxState

from .helpers import Control

REPO = Path(__file__).resolve().parents[2]
ACCOUNT, REGION = "123456789012", "us-east-1"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def quotas(scale: float = 1.0, burst_seconds: float = 1.0) -> tuple[Quotas, FakeClock]:
    clock = FakeClock()
    return Quotas(scale=scale, burst_seconds=burst_seconds, clock=clock), clock


def passed(rule: Quotas, operation: str, pool: str | None = "us-east-1_a",
           account: str = ACCOUNT, region: str = REGION) -> bool:
    return rule.admit(operation, pool, account, region) is None


# --- the table ---------------------------------------------------------------

def test_table_names_real_operations_once_each() -> None:
    names = [op for ops in OPERATIONS.values() for op in ops]
    assert len(names) == len(set(names)) == len(CATEGORY_OF)
    assert set(names) <= model.operation_names()
    assert set(OPERATIONS) == set(CATEGORY_RATES)
    assert set(PER_POOL_OPERATION_RATES) == {
        "UserPoolClientRead", "UserPoolClientUpdate",
        "UserPoolResourceRead", "UserPoolResourceUpdate"}


def test_every_operation_the_tool_calls_has_a_category() -> None:
    """A new call in the tool must get its quota category (else nothing paces it)."""
    operations = model.operation_names()
    used: set[str] = set()
    for path in (REPO / "reconciler").rglob("*.py"):
        if "sandbox" in path.parts:
            continue
        used |= set(re.findall(r'"([A-Z][A-Za-z]+)"', path.read_text())) & operations
    assert used, "found no operation names in the tool's code"
    assert sorted(used - set(CATEGORY_OF)) == []


def test_rates_as_documented() -> None:
    assert CATEGORY_RATES == {
        "UserPoolRead": 15, "UserPoolUpdate": 15, "UserPoolClientRead": 15,
        "UserPoolClientUpdate": 15, "UserPoolResourceRead": 20, "UserPoolResourceUpdate": 15,
        "LimitManagement": 1}
    assert set(PER_POOL_OPERATION_RATES.values()) == {5}
    assert CATEGORY_OF["DescribeUserPool"] == "UserPoolRead"
    # AWS's quota page lists these two under the resource categories.
    assert CATEGORY_OF["GetUICustomization"] == "UserPoolResourceRead"
    assert CATEGORY_OF["TagResource"] == "UserPoolResourceUpdate"
    assert CATEGORY_OF["ListUserPoolClients"] == "UserPoolClientRead"
    assert CATEGORY_OF["UpdateUserPoolClient"] == "UserPoolClientUpdate"
    assert CATEGORY_OF["DescribeUserPoolDomain"] == "UserPoolResourceRead"
    assert CATEGORY_OF["CreateGroup"] == "UserPoolResourceUpdate"


# --- token buckets on a fake clock -------------------------------------------

def test_category_bucket_holds_one_second_and_refills_at_the_rate() -> None:
    rule, clock = quotas()
    assert all(passed(rule, "DescribeUserPool", f"us-east-1_{n}") for n in range(15))
    assert not passed(rule, "DescribeUserPool", "us-east-1_other")
    assert not passed(rule, "ListUserPools", None)  # same category, same bucket
    assert passed(rule, "UpdateUserPool")  # another category
    clock.now += 0.1  # 1.5 tokens
    assert passed(rule, "ListUserPools", None)
    assert not passed(rule, "ListUserPools", None)
    clock.now += 100  # never more than the burst
    assert sum(passed(rule, "DescribeUserPool") for _ in range(20)) == 15
    assert (rule.admitted, rule.throttled) == (15 + 1 + 1 + 15, 1 + 1 + 1 + 5)


def test_scale_multiplies_every_rate() -> None:
    rule, clock = quotas(scale=0.2)
    assert sum(passed(rule, "ListGroups", f"us-east-1_{n}") for n in range(10)) == 4  # 20 x 0.2
    clock.now += 1.0
    assert sum(passed(rule, "ListGroups", f"us-east-1_{n}") for n in range(10)) == 4


def test_per_pool_limit_is_per_operation_and_pool() -> None:
    rule, clock = quotas()
    assert [passed(rule, "DescribeUserPoolClient") for _ in range(6)] == [True] * 5 + [False]
    assert passed(rule, "ListUserPoolClients")  # another operation on the same pool
    assert passed(rule, "DescribeUserPoolClient", "us-east-1_b")  # another pool
    clock.now += 0.25  # 1.25 tokens
    assert passed(rule, "DescribeUserPoolClient")


def test_pool_categories_have_no_per_pool_limit() -> None:
    rule, _ = quotas()
    assert all(passed(rule, "DescribeUserPool") for _ in range(15))


def test_throttled_call_takes_no_token() -> None:
    rule, _ = quotas()
    assert all(passed(rule, "DescribeUserPoolClient") for _ in range(5))
    assert not any(passed(rule, "DescribeUserPoolClient") for _ in range(20))  # pool a is full
    # The category bucket lost only the 5 admitted calls: 10 more fit.
    assert all(passed(rule, "DescribeUserPoolClient", f"us-east-1_{n}") for n in range(10))
    assert not passed(rule, "DescribeUserPoolClient", "us-east-1_z")


def test_accounts_and_regions_have_their_own_buckets() -> None:
    rule, _ = quotas(scale=1 / 15)  # one token per bucket
    assert passed(rule, "DescribeUserPool")
    assert not passed(rule, "DescribeUserPool")
    assert passed(rule, "DescribeUserPool", account="210987654321")
    assert passed(rule, "DescribeUserPool", region="eu-west-1")


def test_burst_seconds_sizes_the_buckets() -> None:
    rule, _ = quotas(burst_seconds=0)  # at least one token
    assert passed(rule, "DescribeUserPool")
    assert not passed(rule, "DescribeUserPool")
    rule, _ = quotas(burst_seconds=2)
    assert sum(passed(rule, "DescribeUserPool") for _ in range(40)) == 30


def test_operations_outside_the_table_are_not_limited() -> None:
    rule, _ = quotas(scale=0.001)
    assert all(passed(rule, "AdminCreateUser") for _ in range(50))


@pytest.mark.parametrize("config", [
    {"quotas": {"scale": 0}}, {"quotas": {"scale": -1}}, {"quotas": {"scale": "1"}},
    {"quotas": {"scale": True}}, {"quotas": {"burst_seconds": -1}}, {"quotas": {"rate": 1}},
    {"quotas": 0.2}, {"latency_ms": -1}, {"latency_ms": "40"}, {"latency_ms": True},
])
def test_bad_configs_are_refused(config: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        SandboxState().faults.configure(config)


# --- admit(): the middleware's hook ------------------------------------------

def test_latency_waits_outside_the_sandbox_lock() -> None:
    state = SandboxState()
    state.faults.configure({"latency_ms": 40})
    [latency] = state.faults.rules
    assert isinstance(latency, Latency)
    waits: list[float] = []
    lock_free: list[bool] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        # Another thread can take the lock while this call waits.
        probe = threading.Thread(target=lambda: lock_free.append(_try_lock(state)))
        probe.start()
        probe.join()

    latency.sleep = sleep
    assert admit(state, "DescribeUserPool", {"UserPoolId": "us-east-1_a"}, ACCOUNT, REGION) is None
    assert waits == [0.04]
    assert lock_free == [True]
    assert latency.describe() == {"latency_ms": 40.0, "calls_delayed": 1}


def _try_lock(state: SandboxState) -> bool:
    if state.lock.acquire(blocking=False):
        state.lock.release()
        return True
    return False


def test_throttled_calls_wait_too_and_are_counted() -> None:
    state = SandboxState()
    state.faults.configure({"quotas": {"scale": 1 / 15}, "latency_ms": 5})
    waits: list[float] = []
    for rule in state.faults.rules:
        if isinstance(rule, Latency):
            rule.sleep = waits.append
    body = {"UserPoolId": "us-east-1_a"}
    assert admit(state, "DescribeUserPool", body, ACCOUNT, REGION) is None
    error = admit(state, "DescribeUserPool", body, ACCOUNT, REGION)
    assert error is not None
    assert (error.code, error.status) == ("TooManyRequestsException", 400)
    assert waits == [0.005, 0.005]
    document = stats_of(state).document()
    assert document["calls"] == {"DescribeUserPool": 2}
    assert document["throttles"] == {"DescribeUserPool": 1}
    assert document["categories"] == {"UserPoolRead": {"calls": 2, "throttles": 1}}


def test_resource_arn_names_the_pool() -> None:
    state = SandboxState()
    arn = f"arn:aws:cognito-idp:{REGION}:{ACCOUNT}:userpool/us-east-1_tagged"
    admit(state, "TagResource", {"ResourceArn": arn, "Tags": {}}, ACCOUNT, REGION)
    assert stats_of(state).document()["max_per_pool"] == {"TagResource": 1}


# --- over HTTP ---------------------------------------------------------------

def test_over_quota_answers_400_too_many_requests(
    control: Control, post: Control, pool_id: str
) -> None:
    # 15 x 0.001 = 0.015 requests/s: one token, and the next one a minute away.
    status, answer = control("POST", "/_sandbox/faults", {"quotas": {"scale": 0.001}})
    assert status == 200
    assert answer["faults"] == [{"quotas": {"scale": 0.001, "burst_seconds": 1.0},
                                 "admitted": 0, "throttled": 0}]
    control("DELETE", "/_sandbox/stats")
    assert post("DescribeUserPool", {"UserPoolId": pool_id})[0] == 200
    status, error = post("DescribeUserPool", {"UserPoolId": pool_id})
    assert status == 400
    assert error["__type"] == "TooManyRequestsException"
    assert post("ListUserPools", {"MaxResults": 60})[0] == 400  # same category
    assert post("ListUserPoolClients", {"UserPoolId": pool_id, "MaxResults": 60})[0] == 200

    status, stats = control("GET", "/_sandbox/stats")
    assert status == 200
    assert stats["calls"] == {"DescribeUserPool": 2, "ListUserPoolClients": 1,
                              "ListUserPools": 1}
    assert stats["throttles"] == {"DescribeUserPool": 1, "ListUserPools": 1}
    assert (stats["total_calls"], stats["total_throttles"]) == (4, 2)
    assert control("GET", "/_sandbox/faults")[1]["faults"][0]["throttled"] == 2


def test_throttled_write_is_logged_and_changes_nothing(
    cognito: Any, control: Control, post: Control, pool_id: str
) -> None:
    control("POST", "/_sandbox/faults", {"quotas": {"scale": 0.001}})
    control("DELETE", "/_sandbox/requests")
    assert post("UpdateUserPool", {"UserPoolId": pool_id, "UserPoolTags": {"n": "1"}})[0] == 200
    assert post("UpdateUserPool", {"UserPoolId": pool_id, "UserPoolTags": {"n": "2"}})[0] == 400
    _, log = control("GET", "/_sandbox/requests")
    assert [entry["operation"] for entry in log] == ["UpdateUserPool"] * 2
    control("DELETE", "/_sandbox/faults")
    assert cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["UserPoolTags"] == {
        "n": "1"}


def test_per_pool_quota_over_http(cognito: Any, control: Control, post: Control) -> None:
    pools = [cognito.create_user_pool(PoolName=f"p{n}")["UserPool"]["Id"] for n in range(2)]
    clients = [cognito.create_user_pool_client(UserPoolId=pool, ClientName="c")[
        "UserPoolClient"]["ClientId"] for pool in pools]
    # Category 15 x 0.001 x 1000 = 15 tokens; per pool and operation 5 x 0.001 x 1000 = 5.
    control("POST", "/_sandbox/faults", {"quotas": {"scale": 0.001, "burst_seconds": 1000}})
    control("DELETE", "/_sandbox/stats")
    first = [post("DescribeUserPoolClient", {"UserPoolId": pools[0], "ClientId": clients[0]})[0]
             for _ in range(6)]
    assert first == [200] * 5 + [400]
    assert post("DescribeUserPoolClient", {"UserPoolId": pools[1], "ClientId": clients[1]})[0] \
        == 200
    _, stats = control("GET", "/_sandbox/stats")
    assert stats["max_per_pool"] == {"DescribeUserPoolClient": 5}  # answered calls only


def test_latency_rule_is_configured_and_shown(control: Control, post: Control) -> None:
    status, answer = control("POST", "/_sandbox/faults", {"latency_ms": 1, "throttle_every": 1000})
    assert status == 200
    assert {"latency_ms": 1.0, "calls_delayed": 0} in answer["faults"]
    assert post("ListUserPools", {"MaxResults": 60})[0] == 200
    faults = control("GET", "/_sandbox/faults")[1]["faults"]
    assert {"latency_ms": 1.0, "calls_delayed": 1} in faults


def test_stats_count_without_rules_and_reset_with_the_rest(
    control: Control, post: Control, pool_id: str
) -> None:
    control("DELETE", "/_sandbox/stats")
    post("DescribeUserPool", {"UserPoolId": pool_id})
    post("GetUserPoolMfaConfig", {"UserPoolId": pool_id})
    post("AdminGetUser", {"UserPoolId": pool_id, "Username": "nobody"})
    _, stats = control("GET", "/_sandbox/stats")
    assert stats["calls"] == {"AdminGetUser": 1, "DescribeUserPool": 1,
                              "GetUserPoolMfaConfig": 1}
    assert stats["categories"]["Other"] == {"calls": 1, "throttles": 0}
    assert control("POST", "/moto-api/reset")[0] == 200
    assert control("GET", "/_sandbox/stats")[1]["total_calls"] == 0
    post("ListUserPools", {"MaxResults": 60})
    assert control("DELETE", "/_sandbox/stats") == (200, {"cleared": True})
    assert control("GET", "/_sandbox/stats")[1]["calls"] == {}
    assert control("PUT", "/_sandbox/stats")[0] == 405
