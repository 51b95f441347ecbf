"""Client-side pacing: stay under Cognito's API quotas instead of bouncing off them.

Cognito's quotas are per account and region, per API category (pool reads, client
writes, ...), plus a per-pool rate per operation for the client and resource
categories, and they are shared with every other app in the account. Each call
first takes a token from its category's bucket (and its per-pool bucket), so a
normal run is never throttled; a throttle that happens anyway (another app) halves
that category's rate, which then creeps back up.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlparse

from reconciler import interruption

MIN_RATE = 0.2  # requests/s: never stall completely
RECOVERY_PER_SECOND = 0.05  # share of the configured rate regained each second


@dataclass
class Bucket:
    """A token bucket without burst: calls are spaced evenly at ``rate`` per second."""

    rate: float
    ceiling: float = 0.0
    next_free: float = 0.0
    last_cut: float = field(default=0.0)

    def __post_init__(self) -> None:
        self.ceiling = self.ceiling or self.rate

    def earliest(self, now: float) -> float:
        self._recover(now)
        return max(now, self.next_free)

    def book(self, slot: float) -> None:
        self.next_free = slot + 1.0 / self.rate

    def slow_down(self, now: float) -> None:
        self._recover(now)
        self.rate = max(MIN_RATE, self.rate / 2)
        self.last_cut = now

    def _recover(self, now: float) -> None:
        if self.rate < self.ceiling and self.last_cut:
            gained = (now - self.last_cut) * RECOVERY_PER_SECOND * self.ceiling
            self.rate = min(self.ceiling, self.rate + gained)
            self.last_cut = now


@dataclass(frozen=True)
class Quotas:
    category_of: Mapping[str, str]  # operation -> category
    rates: Mapping[str, float]  # category -> requests/s, account-wide
    per_pool: Mapping[str, float]  # category -> requests/s per operation per pool


class RateLimiter:
    """Thread-safe pacing of calls by category and by (category, operation, pool)."""

    def __init__(self, quotas: Quotas, factor: float = 0.9,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], object] = time.sleep,
                 stopped: Callable[[], bool] = lambda: False) -> None:
        self.quotas = quotas
        self.factor = factor
        self._clock = clock
        self._sleep = sleep
        self._stopped = stopped
        self._lock = threading.Lock()
        self._buckets: dict[tuple[str, ...], Bucket] = {}
        self.throttles = 0
        self.waited = 0.0

    def _bucket(self, key: tuple[str, ...], rate: float) -> Bucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = Bucket(rate=max(MIN_RATE, rate * self.factor))
        return bucket

    def _keys(self, operation: str, pool_id: str | None) -> list[tuple[tuple[str, ...], float]]:
        category = self.quotas.category_of.get(operation)
        if category is None:
            return []
        keys: list[tuple[tuple[str, ...], float]] = [((category,), self.quotas.rates[category])]
        if pool_id and category in self.quotas.per_pool:
            keys.append(((category, operation, pool_id), self.quotas.per_pool[category]))
        return keys

    def acquire(self, operation: str, pool_id: str | None = None) -> float:
        """Wait until every bucket this call draws from allows it; returns seconds waited.

        A slot is booked only when the call goes out, never ahead: a call waiting on
        its pool's own limit must not hold up calls for other pools in the shared
        category bucket.
        """
        waited = 0.0
        while True:
            if self._stopped():
                # Interrupted: stop waiting; the facade sends no write from now on,
                # and a read then is a single call.
                return waited
            with self._lock:
                now = self._clock()
                buckets = [self._bucket(key, rate) for key, rate in self._keys(operation, pool_id)]
                ready_at = max((b.earliest(now) for b in buckets), default=now)
                if ready_at <= now:
                    for bucket in buckets:
                        bucket.book(now)
                    self.waited += waited
                    return waited
                delay = ready_at - now
            self._sleep(delay)
            waited += delay

    def throttled(self, operation: str, pool_id: str | None = None) -> None:
        with self._lock:
            self.throttles += 1
            now = self._clock()
            for key, rate in self._keys(operation, pool_id):
                self._bucket(key, rate).slow_down(now)


# Cognito's management API quota categories (AWS "Quotas in Amazon Cognito"),
# requests per second per account and region, and the per-pool per-operation rate
# of the client and resource categories.
RATES = {"pool_read": 15.0, "pool_write": 15.0, "client_read": 15.0, "client_write": 15.0,
         "resource_read": 20.0, "resource_write": 15.0}
PER_POOL = {"client_read": 5.0, "client_write": 5.0, "resource_read": 5.0,
            "resource_write": 5.0}
_RESOURCE_NOUNS = ("Group", "ResourceServer", "IdentityProvider", "UserPoolDomain",
                   "ManagedLoginBranding", "Terms")
_POOL_NOUNS = ("UserPool", "MfaConfig", "UICustomization", "RiskConfiguration", "LogDelivery",
               "CustomAttributes", "TagResource", "TagsForResource")
_READ_VERBS = ("Describe", "Get", "List")
FACTOR_ENV = "COGNITO_RECONCILER_RATE_FACTOR"
PACING_ENV = "COGNITO_RECONCILER_PACING"


def pacing_enabled(endpoint: str | None) -> bool:
    """On by default; off against a loopback endpoint (the sandbox has no quotas unless a
    test or benchmark enables them); ``COGNITO_RECONCILER_PACING=on|off`` decides."""
    choice = os.environ.get(PACING_ENV, "").strip().lower()
    if choice in ("on", "1", "true", "yes"):
        return True
    if choice in ("off", "0", "false", "no"):
        return False
    host = urlparse(endpoint).hostname or "" if endpoint else ""
    return not (host in ("127.0.0.1", "localhost", "::1") or host.startswith("127."))


def category_of(operation: str) -> str | None:
    """The quota category of a management call, by the nouns and verb in its name.

    User-level calls (sign-in, Admin*, ListUsers) are not paced: the tool makes none
    on its plan/apply path.
    """
    if operation.startswith("Admin"):
        return None
    side = "read" if operation.startswith(_READ_VERBS) else "write"
    if "UserPoolClient" in operation:
        return f"client_{side}"
    if any(noun in operation for noun in _RESOURCE_NOUNS):
        return f"resource_{side}"
    if any(noun in operation for noun in _POOL_NOUNS):
        return f"pool_{side}"
    return None


class _ByRule(dict[str, str]):
    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        return category_of(key) or default


def default_factor() -> float:
    """``COGNITO_RECONCILER_RATE_FACTOR``: the share of each quota this tool may use
    (default 0.9; lower it when other apps in the account call the same APIs)."""
    try:
        value = float(os.environ.get(FACTOR_ENV, "0.9"))
    except ValueError:
        value = 0.9
    return value if value > 0 else 0.9


COGNITO_QUOTAS = Quotas(category_of=_ByRule(), rates=RATES, per_pool=PER_POOL)


class Pacer(RateLimiter):
    """The limiter with Cognito's quotas and the configured share of them."""

    def __init__(self, factor: float | None = None) -> None:
        super().__init__(COGNITO_QUOTAS, factor=factor if factor is not None else default_factor(),
                         sleep=interruption.sleep, stopped=interruption.requested)


def pool_id_of(body: object) -> str | None:
    """The UserPoolId a request body names, if any (bodies are JSON)."""
    if isinstance(body, bytes | bytearray):
        try:
            body = body.decode("utf-8")
        except UnicodeDecodeError:
            return None
    if not isinstance(body, str) or '"UserPoolId"' not in body:
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None
    value = data.get("UserPoolId") if isinstance(data, dict) else None
    return str(value) if value else None
