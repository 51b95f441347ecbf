from reconciler.aws.pacing import Quotas, RateLimiter

QUOTAS = Quotas(category_of={"DescribeUserPool": "pool_read",
                             "DescribeUserPoolClient": "client_read"},
                rates={"pool_read": 10.0, "client_read": 10.0},
                per_pool={"client_read": 2.0})


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.calls: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def limiter(fake: FakeTime, factor: float = 1.0) -> RateLimiter:
    return RateLimiter(QUOTAS, factor=factor, clock=fake.clock, sleep=fake.sleep)


def call_times(fake: FakeTime, rl: RateLimiter, n: int, op: str, pool: str | None = None):
    times = []
    for _ in range(n):
        rl.acquire(op, pool)
        times.append(fake.now)
    return times


def test_calls_are_spaced_at_the_category_rate():
    fake = FakeTime()
    times = call_times(fake, limiter(fake), 11, "DescribeUserPool")
    assert round(times[-1] - times[0], 6) == 1.0


def test_per_pool_rate_binds_before_the_category_rate():
    fake = FakeTime()
    times = call_times(fake, limiter(fake), 5, "DescribeUserPoolClient", "pool-a")
    assert round(times[-1] - times[0], 6) == 2.0
    # Another pool has its own per-pool budget but shares the category.
    rl = limiter(fake)
    start = fake.now
    for i in range(4):
        rl.acquire("DescribeUserPoolClient", f"pool-{i}")
    assert round(fake.now - start, 6) == 0.3


def test_factor_leaves_headroom_for_other_apps():
    fake = FakeTime()
    times = call_times(fake, limiter(fake, factor=0.5), 6, "DescribeUserPool")
    assert round(times[-1] - times[0], 6) == 1.0


def test_a_throttle_halves_the_rate_then_it_recovers():
    fake = FakeTime()
    rl = limiter(fake)
    rl.throttled("DescribeUserPool")
    assert rl.throttles == 1
    times = call_times(fake, rl, 3, "DescribeUserPool")
    # Half the rate (10/s -> 5/s), creeping back up from the moment of the throttle.
    assert 0.19 < times[2] - times[1] <= 0.2
    fake.now += 60
    times = call_times(fake, rl, 3, "DescribeUserPool")
    assert round(times[2] - times[1], 6) == 0.1


def test_unknown_operations_are_not_paced():
    fake = FakeTime()
    times = call_times(fake, limiter(fake), 5, "SomethingNew")
    assert times[0] == times[-1]


def test_categories_follow_cognitos_quota_groups():
    from reconciler.aws.pacing import category_of, pool_id_of

    assert category_of("DescribeUserPool") == "pool_read"
    assert category_of("UpdateUserPool") == "pool_write"
    # AWS's quota page lists AddCustomAttributes under UserPoolResourceUpdate.
    assert category_of("AddCustomAttributes") == "resource_write"
    assert category_of("UpdateUserPoolClient") == "client_write"
    assert category_of("DescribeUserPoolDomain") == "resource_read"
    assert category_of("ListGroups") == "resource_read"
    assert category_of("ListUsers") is None and category_of("AdminCreateUser") is None
    assert pool_id_of(b'{"UserPoolId": "us-east-1_x", "ClientId": "c"}') == "us-east-1_x"
    assert pool_id_of(b"not json") is None


def test_pacing_is_on_for_aws_and_off_for_the_local_sandbox(monkeypatch):
    from reconciler.aws.pacing import pacing_enabled

    monkeypatch.delenv("COGNITO_RECONCILER_PACING", raising=False)
    assert pacing_enabled(None)
    assert pacing_enabled("https://cognito-idp.eu-west-1.amazonaws.com")
    assert not pacing_enabled("http://127.0.0.1:4566")
    monkeypatch.setenv("COGNITO_RECONCILER_PACING", "on")
    assert pacing_enabled("http://127.0.0.1:4566")
