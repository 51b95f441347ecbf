"""An interrupted run stops waiting in the limiter (the facade then sends no write)."""

from __future__ import annotations

from reconciler.aws.pacing import Quotas, RateLimiter

QUOTAS = Quotas(category_of={"UpdateUserPool": "pool_write"}, rates={"pool_write": 0.1},
                per_pool={})


class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []
        self.interrupted = False

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.interrupted = True  # the signal lands during the wait
        self.now += 0.5


def test_a_wait_ends_when_the_run_is_interrupted() -> None:
    clock = Clock()
    limiter = RateLimiter(QUOTAS, factor=1.0, clock=clock, sleep=clock.sleep,
                          stopped=lambda: clock.interrupted)
    assert limiter.acquire("UpdateUserPool") == 0.0
    waited = limiter.acquire("UpdateUserPool")  # would wait 5 s (the 0.2/s floor)
    assert clock.slept == [5.0]
    assert waited == 5.0
    assert clock.now == 0.5  # came back after the first (interrupted) sleep
