"""One table (reconciler/quota_table.py) drives the client's pacing and the sandbox's
quotas (issue 15), and the client paces the per-pool limit per category, the stricter
of its two readings."""

from __future__ import annotations

from reconciler import quota_table
from reconciler.aws import pacing
from reconciler.aws.pacing import COGNITO_QUOTAS, RateLimiter


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_every_operation_in_the_table_is_paced_in_its_category():
    for operation, category in quota_table.CATEGORY_OF.items():
        short = pacing.category_of(operation)
        assert short is not None, operation
        assert pacing.RATES[short] == quota_table.CATEGORY_RATES[category], operation
        assert pacing.PER_POOL.get(short) == quota_table.PER_POOL_OPERATION_RATES.get(category)


def test_operations_outside_the_table_are_not_paced():
    assert pacing.category_of("AdminCreateUser") is None
    assert pacing.category_of("InitiateAuth") is None


def test_a_pools_operations_of_one_category_share_its_per_pool_budget():
    fake = FakeTime()
    limiter = RateLimiter(COGNITO_QUOTAS, factor=1.0, clock=fake.clock, sleep=fake.sleep)
    limiter.acquire("ListUserPoolClients", "pool-a")
    limiter.acquire("DescribeUserPoolClient", "pool-a")
    # 5 per second per pool for the category, not 5 for each operation.
    assert round(fake.now - 100.0, 6) == 0.2
    # Another pool waits only for the account-wide category rate (15 per second).
    limiter.acquire("DescribeUserPoolClient", "pool-b")
    assert round(fake.now - 100.0, 6) == round(0.2 + 1 / 15, 6)
