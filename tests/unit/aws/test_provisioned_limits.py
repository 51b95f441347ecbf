"""Pacing at the provisioned rate GetProvisionedLimit gives, else the default (issue 11.5).

All on a fake clock: no assertion depends on how long anything takes.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import pytest

from reconciler import quota_table
from reconciler.aws import provisioned
from reconciler.aws.pacing import Pacer


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


class Account:
    """GetProvisionedLimit as an account answers it: ``limits`` by category."""

    def __init__(self, limits: Mapping[str, int] | None = None,
                 refuse: str | None = None) -> None:
        self.limits = dict(limits or {})
        self.refuse = refuse
        self.asked: list[str] = []

    def __call__(self, category: str) -> Mapping[str, Any]:
        self.asked.append(category)
        if self.refuse:
            raise provisioned.LookupFailed(f"GetProvisionedLimit refused: {self.refuse}")
        free = int(quota_table.CATEGORY_RATES[category])
        return {"LimitDefinition": provisioned.definition(category),
                "ProvisionedLimitValue": self.limits.get(category, free),
                "FreeLimitValue": free}


def pacer(fake: FakeTime, account: Account | None) -> Pacer:
    """A pacer one second into its run: LimitManagement (1 request/s) has room."""
    limiter = Pacer(factor=1.0, lookup=account, clock=fake.clock, sleep=fake.sleep)
    fake.now += 1.0
    return limiter


def spacing(fake: FakeTime, limiter: Pacer, operation: str, pools: int = 4) -> float:
    """Seconds between two calls of ``operation`` on different pools (the account-wide
    rate, not the per-pool one), after the category has been resolved."""
    limiter.acquire(operation, "pool-0")
    start = fake.now
    limiter.acquire(operation, "pool-1")
    return round(fake.now - start, 6)


def test_the_request_names_the_category_as_the_model_says() -> None:
    # doc: LimitDefinitionType: LimitClass "For API rate limits, this is API_CATEGORY";
    # Attributes "specify the Category key".
    assert provisioned.definition("UserPoolClientRead") == {
        "LimitClass": "API_CATEGORY", "Attributes": {"Category": "UserPoolClientRead"}}


def test_a_raised_provisioned_rate_is_what_pacing_uses() -> None:
    fake = FakeTime()
    account = Account({"UserPoolRead": 30})
    limiter = pacer(fake, account)
    assert spacing(fake, limiter, "DescribeUserPool") == round(1 / 30, 6)
    rate = limiter.resolved["UserPoolRead"]
    assert rate.provisioned and rate.rate == 30
    assert "GetProvisionedLimit says 30/s, free 15/s" in rate.describe(0.9)


def test_without_a_lookup_the_default_holds() -> None:
    fake = FakeTime()
    limiter = pacer(fake, None)
    assert spacing(fake, limiter, "DescribeUserPool") == round(1 / 15, 6)
    assert not limiter.resolved["UserPoolRead"].provisioned


@pytest.mark.parametrize("code", ["AccessDeniedException", "InvalidParameterException",
                                  "TooManyRequestsException"])
def test_a_refused_lookup_falls_back_to_the_default_with_its_reason(code: str) -> None:
    fake = FakeTime()
    account = Account(refuse=code)
    limiter = pacer(fake, account)
    assert spacing(fake, limiter, "DescribeUserPool") == round(1 / 15, 6)
    rate = limiter.resolved["UserPoolRead"]
    assert not rate.provisioned and rate.rate == 15
    assert f"the default: GetProvisionedLimit refused: {code}" in rate.describe(0.9)


def test_each_category_is_asked_once_and_only_when_the_run_uses_it() -> None:
    fake = FakeTime()
    account = Account(refuse="AccessDeniedException")
    limiter = pacer(fake, account)
    for _ in range(5):
        limiter.acquire("DescribeUserPool", "pool-a")
    fake.now += 10  # LimitManagement has room again
    for _ in range(5):
        limiter.acquire("ListUserPoolClients", "pool-a")
    assert account.asked == ["UserPoolRead", "UserPoolClientRead"]  # a refusal isn't retried


def test_lookups_never_wait_for_the_limit_management_quota() -> None:
    # 1 request/s per account (the page's LimitManagement row): a second category's
    # first call within that second runs at its default and asks at a later call.
    fake = FakeTime()
    account = Account({"UserPoolClientRead": 30})
    limiter = pacer(fake, account)
    limiter.acquire("DescribeUserPool", "pool-a")
    before = fake.now
    limiter.acquire("ListUserPoolClients", "pool-a")
    assert fake.now == before  # no wait for the look-up
    assert account.asked == ["UserPoolRead"]
    assert "UserPoolClientRead" not in limiter.resolved
    fake.now += 1.0
    limiter.acquire("DescribeUserPoolClient", "pool-b")
    assert account.asked == ["UserPoolRead", "UserPoolClientRead"]
    assert limiter.resolved["UserPoolClientRead"].rate == 30


def test_the_first_second_of_a_run_asks_nothing() -> None:
    # The quota is shared: the run before this one may have asked a moment ago.
    fake = FakeTime()
    account = Account({"UserPoolRead": 30})
    limiter = Pacer(factor=1.0, lookup=account, clock=fake.clock, sleep=fake.sleep)
    limiter.acquire("DescribeUserPool", "pool-a")
    assert account.asked == [] and "UserPoolRead" not in limiter.resolved
    fake.now += 1.0
    limiter.acquire("DescribeUserPool", "pool-a")
    assert account.asked == ["UserPoolRead"]


def test_the_per_pool_limit_does_not_scale_with_a_provisioned_limit() -> None:
    # "Provisioned limits are account-level resources. They apply to the aggregate rate
    # of all requests from all user pools": the 5/s per pool stays.
    fake = FakeTime()
    limiter = pacer(fake, Account({"UserPoolClientRead": 100}))
    limiter.acquire("DescribeUserPoolClient", "pool-a")
    start = fake.now
    limiter.acquire("DescribeUserPoolClient", "pool-a")
    assert round(fake.now - start, 6) == 0.2


@pytest.mark.parametrize("limit, reason", [
    ({"ProvisionedLimitValue": 0, "FreeLimitValue": 15}, "no usable ProvisionedLimitValue"),
    ({"FreeLimitValue": 15}, "no usable ProvisionedLimitValue"),
    ({"LimitDefinition": provisioned.definition("UserAuthentication"),
      "ProvisionedLimitValue": 120}, "another category (UserAuthentication)"),
])
def test_an_unusable_answer_is_the_default(limit: dict[str, Any], reason: str) -> None:
    rate = provisioned.fetch("UserPoolRead", 15.0, lambda category: limit)
    assert (rate.provisioned, rate.rate) == (False, 15.0)
    assert reason in rate.detail


def test_a_throttle_after_a_raise_recovers_only_up_to_the_provisioned_rate() -> None:
    fake = FakeTime()
    limiter = pacer(fake, Account({"UserPoolRead": 30}))
    limiter.acquire("DescribeUserPool", "pool-0")
    limiter.throttled("DescribeUserPool")
    fake.now += 1000
    assert spacing(fake, limiter, "DescribeUserPool") == round(1 / 30, 6)


def test_verbose_log_names_each_rate_and_its_source(caplog: pytest.LogCaptureFixture) -> None:
    fake = FakeTime()
    limiter = Pacer(factor=0.9, lookup=Account({"UserPoolRead": 30}), clock=fake.clock,
                    sleep=fake.sleep)
    fake.now += 1.2
    with caplog.at_level(logging.DEBUG, logger="reconciler.aws.pacing"):
        limiter.acquire("DescribeUserPool", "pool-a")
        limiter.acquire("ListGroups", "pool-a")
    lines = [record.getMessage() for record in caplog.records]
    assert ("UserPoolRead paced at 27/s (90% of 30/s, the provisioned limit: "
            "GetProvisionedLimit says 30/s, free 15/s)") in lines
    assert ("UserPoolResourceRead paced at 18/s (90% of the default 20/s) until "
            "GetProvisionedLimit can be asked (LimitManagement: 1 request/s per account)"
            ) in lines
