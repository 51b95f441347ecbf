"""One table (reconciler/quota_table.py) drives the client's pacing and the sandbox's
quotas (issue 15), and the client paces the per-pool limit per operation, as AWS's
quota page words it (footnote 3: "Any individual operation in this category has a
constraint that prevents the operation from being called at a rate higher than 5 RPS
for a single user pool"), which is what the sandbox enforces."""

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


def test_the_paced_and_the_enforced_per_pool_readings_are_the_same():
    assert quota_table.PACED_PER_POOL_SCOPE == quota_table.ENFORCED_PER_POOL_SCOPE == "operation"
    assert COGNITO_QUOTAS.per_pool_scope == "operation"


def test_each_operation_of_a_category_has_its_own_per_pool_budget():
    fake = FakeTime()
    limiter = RateLimiter(COGNITO_QUOTAS, factor=1.0, clock=fake.clock, sleep=fake.sleep)
    limiter.acquire("ListUserPoolClients", "pool-a")
    limiter.acquire("DescribeUserPoolClient", "pool-a")
    # Another operation of the category on the same pool waits only for the
    # account-wide category rate (15 per second), not for the pool's 5 per second.
    assert round(fake.now - 100.0, 6) == round(1 / 15, 6)
    # The same operation on the same pool is held to 5 per second.
    limiter.acquire("DescribeUserPoolClient", "pool-a")
    assert round(fake.now - 100.0, 6) == round(1 / 15 + 0.2, 6)
    # Another pool waits only for the account-wide rate.
    limiter.acquire("DescribeUserPoolClient", "pool-b")
    assert round(fake.now - 100.0, 6) == round(1 / 15 + 0.2 + 1 / 15, 6)
