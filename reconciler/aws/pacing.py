"""Client-side pacing: stay under Cognito's API quotas instead of bouncing off them.

Cognito's quotas are per account and region, per API category (pool reads, client
writes, ...), plus a per-pool rate per operation for the client and resource
categories, and they are shared with every other app in the account. Each call
first takes a token from its category's bucket (and its per-pool bucket), so a
normal run is never throttled; a throttle that happens anyway (another app) halves
that category's rate, which then creeps back up.

A category's account-wide rate is the table's default until GetProvisionedLimit says
what the account is provisioned for (``provisioned.py``): asked once per category, on
the first call of that category, and only when the LimitManagement quota (1 request/s
per account, shared with every other client: the run before this one may have just
used it, so the first look-up waits one interval into the run) has room right then,
never holding a call back; until it answers, or when it can't, the default holds, which is
never above the provisioned limit ("The value must be between the default limit and
your account-level maximum limit", doc: UpdateProvisionedLimit). ``-v`` logs each
category's rate and where it came from.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlparse

from reconciler import interruption, quota_table
from reconciler.aws import provisioned

log = logging.getLogger("reconciler.aws.pacing")

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
    # "operation": each operation of the category has its own per-pool bucket;
    # "category": all of the category's operations on one pool share one (stricter).
    per_pool_scope: str = "operation"


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
        self._rates: dict[str, float] = {}  # category -> account-wide rate, when not the table's
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
        rate = self._rates.get(category, self.quotas.rates[category])
        keys: list[tuple[tuple[str, ...], float]] = [((category,), rate)]
        if pool_id and category in self.quotas.per_pool:
            scope = operation if self.quotas.per_pool_scope == "operation" else "*"
            keys.append(((category, scope, pool_id), self.quotas.per_pool[category]))
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
            self._before_slot(operation)
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

    def _before_slot(self, operation: str) -> None:
        """Called before each look for a slot (again after each wait): a subclass may
        adjust the rates here."""

    def set_rate(self, category: str, rate: float) -> None:
        """From now on, ``category``'s account-wide limit is ``rate`` requests/s (a
        throttle's slow-down still recovers only up to it)."""
        with self._lock:
            self._rates[category] = rate
            bucket = self._buckets.get((category,))
            if bucket is not None:
                paced = max(MIN_RATE, rate * self.factor)
                slowed = bucket.rate < bucket.ceiling
                bucket.ceiling = paced
                bucket.rate = min(bucket.rate, paced) if slowed else paced

    def throttled(self, operation: str, pool_id: str | None = None) -> None:
        with self._lock:
            self.throttles += 1
            now = self._clock()
            for key, rate in self._keys(operation, pool_id):
                self._bucket(key, rate).slow_down(now)


# The limiter's names for quota_table's categories: quota_table is the one table of
# operations, categories and rates (the sandbox enforces the same one).
SHORT_NAMES = {
    quota_table.USER_POOL_READ: "pool_read", quota_table.USER_POOL_UPDATE: "pool_write",
    quota_table.USER_POOL_CLIENT_READ: "client_read",
    quota_table.USER_POOL_CLIENT_UPDATE: "client_write",
    quota_table.USER_POOL_RESOURCE_READ: "resource_read",
    quota_table.USER_POOL_RESOURCE_UPDATE: "resource_write",
    quota_table.LIMIT_MANAGEMENT: "limit_management",
}
RATES = {SHORT_NAMES[c]: rate for c, rate in quota_table.CATEGORY_RATES.items()}
PER_POOL = {SHORT_NAMES[c]: rate for c, rate in quota_table.PER_POOL_OPERATION_RATES.items()}
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
    """The quota category of a management call (``quota_table``).

    Operations outside the table (sign-in, Admin*, ListUsers) are not paced: the tool
    makes none on its plan/apply path.
    """
    category = quota_table.CATEGORY_OF.get(operation)
    return SHORT_NAMES[category] if category else None


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


# The per-pool 5/s is paced per operation, as AWS's footnote words it and the sandbox
# enforces it (quota_table.PACED_PER_POOL_SCOPE says why, and what happens if AWS is
# stricter).
COGNITO_QUOTAS = Quotas(category_of=_ByRule(), rates=RATES, per_pool=PER_POOL,
                        per_pool_scope=quota_table.PACED_PER_POOL_SCOPE)


class Pacer(RateLimiter):
    """The limiter with Cognito's quotas, the configured share of them, and each
    category's provisioned rate where GetProvisionedLimit gives it (``lookup``)."""

    def __init__(self, factor: float | None = None, lookup: provisioned.Lookup | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], object] = interruption.sleep) -> None:
        super().__init__(COGNITO_QUOTAS, factor=factor if factor is not None else default_factor(),
                         clock=clock, sleep=sleep, stopped=interruption.requested)
        self._lookup = lookup
        self.resolved: dict[str, provisioned.CategoryRate] = {}  # AWS category name -> rate
        self._asking: set[str] = set()
        self._waiting: set[str] = set()  # told -v it runs at the default for now
        gate_rate = quota_table.CATEGORY_RATES[quota_table.LIMIT_MANAGEMENT] * self.factor
        self._first_lookup = self._clock() + 1.0 / max(MIN_RATE, gate_rate)

    def _before_slot(self, operation: str) -> None:
        # Also after each wait: calls queued at the start of a run still get to ask
        # once LimitManagement has room.
        category = quota_table.CATEGORY_OF.get(operation)
        if category is not None and category != quota_table.LIMIT_MANAGEMENT:
            self._resolve(category)

    def _resolve(self, category: str) -> None:
        """Ask GetProvisionedLimit for ``category`` if it hasn't been and the
        LimitManagement quota has room now; never waits for that room."""
        default = quota_table.CATEGORY_RATES[category]
        with self._lock:
            if category in self.resolved or category in self._asking:
                return
            if self._lookup is not None:
                now = self._clock()
                gate = self._bucket((SHORT_NAMES[quota_table.LIMIT_MANAGEMENT],),
                                    quota_table.CATEGORY_RATES[quota_table.LIMIT_MANAGEMENT])
                if now < self._first_lookup or gate.earliest(now) > now:
                    first = category not in self._waiting
                    self._waiting.add(category)
                    if first:
                        log.debug("%s paced at %g/s (%.0f%% of the default %g/s) until "
                                  "GetProvisionedLimit can be asked (LimitManagement: 1 "
                                  "request/s per account)", category, default * self.factor,
                                  self.factor * 100, default)
                    return
                gate.book(now)
            self._asking.add(category)
        rate = provisioned.fetch(category, default, self._lookup)
        self.set_rate(SHORT_NAMES[category], rate.rate)
        with self._lock:
            self.resolved[category] = rate
            self._asking.discard(category)
        log.debug("%s", rate.describe(self.factor))


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
