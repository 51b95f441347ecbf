"""Cognito's request quotas and network latency, emulated: rules ``quotas``, ``latency_ms``.

``POST /_sandbox/faults`` with ``{"quotas": {"scale": 0.2}, "latency_ms": 40}``
switches both on (each works alone too; ``DELETE /_sandbox/faults`` or a reset
switches them off):

- ``latency_ms`` (number >= 0): every cognito-idp call, throttled or not, waits
  this long before it is answered. The wait happens outside the sandbox's lock,
  so calls in flight overlap as they do over a network.
- ``latency_writes_ms`` (number >= 0): the same, for writes only (reads answer at
  once), so a test can hold a run's writes in flight while its reads go on. Any
  change of the fault rules (``POST``/``DELETE /_sandbox/faults``, a reset) ends
  every wait in progress at once: a test releases held writes that way.
- ``quotas``: Cognito's request-rate quotas (``reconciler.quota_table``, the
  table the tool's own limiter reads), as token buckets: one per account, Region
  and category, plus one per account, Region, operation and user pool for the
  client and resource categories. Options: ``scale`` (default 1) multiplies
  every rate, so a benchmark can meet the limits in seconds instead of minutes;
  ``burst_seconds`` (default 1): a bucket holds that many seconds' worth of
  tokens (at least one) and starts full. A call finding any of its buckets empty
  is answered HTTP 400 ``TooManyRequestsException`` and takes no token.
  Operations outside the table (users, sign-in) are not limited.
  ``provisioned`` (``{"UserPoolClientRead": 30}``): the account's provisioned rate
  of a category, instead of its default, before ``scale``; GetProvisionedLimit
  answers it (``provisioned_limits.py``, unscaled: ``scale`` only compresses a
  benchmark's time). AWS: "Provisioned limit: The rate, in requests per second
  (RPS), that Amazon Cognito currently enforces for your account", and
  "Provisioned limits are account-level resources. They apply to the aggregate
  rate of all requests from all user pools": the per-pool 5/s stays as it is.
  AWS lets only adjustable categories be provisioned (none of the six the tool
  uses, per the quota page); the sandbox lets a test raise any category, to show
  what the tool does on an account where one is raised.

``GET /_sandbox/stats`` counts every cognito-idp call and every quota throttle
per operation since the last reset (``DELETE /_sandbox/stats`` clears only the
counters). The middleware calls ``admit`` for each call before taking the lock.

AWS: a throttled call is answered 400 TooManyRequestsException; the message
"Rate exceeded" is ASSUMED (the error code is what clients act on). The size of
AWS's bursts is not documented: ``burst_seconds`` is ours.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reconciler.quota_table import (
    CATEGORY_OF,
    CATEGORY_RATES,
    DOCUMENTED_CATEGORIES,
    PER_POOL_OPERATION_RATES,
)

from .errors import ApiError
from .model import is_write

if TYPE_CHECKING:
    from .faults import Rule
    from .state import SandboxState

_CONFIG_KEYS = {"scale", "burst_seconds", "provisioned"}


def _number(value: Any, name: str, minimum: float, inclusive: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{name} must be a number")
    if value < minimum or (value == minimum and not inclusive):
        bound = ">=" if inclusive else ">"
        raise ValueError(f"{name} must be {bound} {minimum:g}")
    return float(value)


def _provisioned(value: Any) -> dict[str, int]:
    """``quotas.provisioned``: category -> a whole number of requests/s (the API's
    ProvisionedLimitValue is an integer), for the page's categories only."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError('quotas.provisioned must be an object such as {"UserPoolRead": 30}')
    for category, rate in value.items():
        if category not in DOCUMENTED_CATEGORIES:
            raise ValueError(f"quotas.provisioned: {category!r} is not a Cognito quota category")
        if isinstance(rate, bool) or not isinstance(rate, int) or rate < 1:
            raise ValueError(f"quotas.provisioned.{category} must be a whole number >= 1")
    return dict(value)


@dataclass
class TokenBucket:
    """``rate`` tokens a second, at most ``capacity`` held; starts full."""

    rate: float
    capacity: float
    stamp: float
    tokens: float = -1.0

    def __post_init__(self) -> None:
        if self.tokens < 0:
            self.tokens = self.capacity

    def refill(self, now: float) -> None:
        if now > self.stamp:
            self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now

    def ready(self, now: float) -> bool:
        self.refill(now)
        return self.tokens >= 1.0


BucketKey = tuple[str, ...]


@dataclass
class Quotas:
    """The ``quotas`` rule: Cognito's per-category and per-pool rates, times ``scale``."""

    scale: float = 1.0
    burst_seconds: float = 1.0
    provisioned: dict[str, int] = field(default_factory=dict)  # category -> requests/s
    clock: Callable[[], float] = time.monotonic
    admitted: int = 0
    throttled: int = 0
    _buckets: dict[BucketKey, TokenBucket] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def build(cls, config: dict[str, Any]) -> Quotas:
        options = config.get("quotas")
        if options is True:
            options = {}
        if not isinstance(options, dict):
            raise ValueError('quotas must be an object such as {"scale": 0.2}')
        unknown = set(options) - _CONFIG_KEYS
        if unknown:
            raise ValueError(f"unknown quotas keys: {sorted(unknown)}")
        return cls(
            scale=_number(options.get("scale", 1.0), "quotas.scale", 0.0, inclusive=False),
            burst_seconds=_number(options.get("burst_seconds", 1.0), "quotas.burst_seconds",
                                  0.0, inclusive=True),
            provisioned=_provisioned(options.get("provisioned")),
        )

    def check(self, operation: str) -> ApiError | None:
        return None  # acts in ``admit``, which sees the pool and account too

    def limits(self, operation: str, pool_id: str | None, account: str,
               region: str) -> list[tuple[BucketKey, float]]:
        """The buckets ``operation`` draws from, each with its (scaled) rate."""
        category = CATEGORY_OF.get(operation)
        if category is None:
            return []
        rate = self.provisioned.get(category, CATEGORY_RATES[category])
        keys: list[tuple[BucketKey, float]] = [((account, region, category), rate * self.scale)]
        per_pool = PER_POOL_OPERATION_RATES.get(category)
        if per_pool is not None and pool_id:
            keys.append(((account, region, category, operation, pool_id),
                         per_pool * self.scale))
        return keys

    def admit(self, operation: str, pool_id: str | None, account: str,
              region: str) -> ApiError | None:
        limits = self.limits(operation, pool_id, account, region)
        with self._lock:
            now = self.clock()
            buckets = [self._bucket(key, rate, now) for key, rate in limits]
            if all(bucket.ready(now) for bucket in buckets):
                for bucket in buckets:
                    bucket.tokens -= 1.0
                self.admitted += 1
                return None
            self.throttled += 1
        return ApiError("TooManyRequestsException", "Rate exceeded", 400)

    def _bucket(self, key: BucketKey, rate: float, now: float) -> TokenBucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            capacity = max(1.0, rate * self.burst_seconds)
            bucket = self._buckets[key] = TokenBucket(rate=rate, capacity=capacity, stamp=now)
        return bucket

    def describe(self) -> dict[str, Any]:
        options: dict[str, Any] = {"scale": self.scale, "burst_seconds": self.burst_seconds}
        if self.provisioned:
            options["provisioned"] = dict(self.provisioned)
        return {"quotas": options, "admitted": self.admitted, "throttled": self.throttled}


@dataclass
class Latency:
    """The ``latency_ms`` rule (``latency_writes_ms``: writes only): each call waits
    this long before it is answered, or until the rule is replaced."""

    seconds: float
    writes_only: bool = False
    delayed: int = 0
    sleep: Callable[[float], object] | None = None  # tests inject one; else a releasable wait
    _released: threading.Event = field(default_factory=threading.Event, repr=False)

    @classmethod
    def build(cls, config: dict[str, Any]) -> Latency:
        return cls(seconds=_number(config.get("latency_ms"), "latency_ms", 0.0,
                                   inclusive=True) / 1000.0)

    @classmethod
    def build_writes(cls, config: dict[str, Any]) -> Latency:
        return cls(seconds=_number(config.get("latency_writes_ms"), "latency_writes_ms", 0.0,
                                   inclusive=True) / 1000.0, writes_only=True)

    def check(self, operation: str) -> ApiError | None:
        return None  # acts in ``admit``, outside the sandbox's lock

    def wait(self, operation: str = "") -> None:
        if self.writes_only and not is_write(operation):
            return
        self.delayed += 1
        if self.seconds > 0:
            if self.sleep is not None:
                self.sleep(self.seconds)
            else:
                self._released.wait(self.seconds)

    def release(self) -> None:
        """End every wait in progress (the rules were changed)."""
        self._released.set()

    def describe(self) -> dict[str, Any]:
        key = "latency_writes_ms" if self.writes_only else "latency_ms"
        return {key: self.seconds * 1000.0, "calls_delayed": self.delayed}


# JSON keys of POST /_sandbox/faults -> factories (faults.RULES takes them in).
RULES: dict[str, Callable[[dict[str, Any]], list[Rule]]] = {
    "quotas": lambda config: [Quotas.build(config)],
    "latency_ms": lambda config: [Latency.build(config)],
    "latency_writes_ms": lambda config: [Latency.build_writes(config)],
}


@dataclass
class Stats:
    """Calls and quota throttles per operation; answered calls per operation and pool."""

    calls: Counter[str] = field(default_factory=Counter)
    throttles: Counter[str] = field(default_factory=Counter)
    pool_calls: Counter[tuple[str, str]] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, operation: str, pool_id: str | None, throttled: bool) -> None:
        with self.lock:
            self.calls[operation] += 1
            if throttled:
                self.throttles[operation] += 1
            elif pool_id:
                self.pool_calls[(operation, pool_id)] += 1

    def clear(self) -> None:
        with self.lock:
            self.calls.clear()
            self.throttles.clear()
            self.pool_calls.clear()

    def document(self) -> dict[str, Any]:
        with self.lock:
            categories: dict[str, dict[str, int]] = {}
            for operation, number in self.calls.items():
                category = CATEGORY_OF.get(operation, "Other")
                entry = categories.setdefault(category, {"calls": 0, "throttles": 0})
                entry["calls"] += number
                entry["throttles"] += self.throttles[operation]
            busiest: dict[str, int] = {}
            for (operation, _), number in self.pool_calls.items():
                busiest[operation] = max(busiest.get(operation, 0), number)
            return {
                "calls": dict(sorted(self.calls.items())),
                "throttles": dict(sorted(self.throttles.items())),
                "total_calls": sum(self.calls.values()),
                "total_throttles": sum(self.throttles.values()),
                "categories": dict(sorted(categories.items())),
                # The most answered (not throttled) calls of each operation on any one
                # pool: where the per-pool quotas bind.
                "max_per_pool": dict(sorted(busiest.items())),
            }


_stats: weakref.WeakKeyDictionary[SandboxState, Stats] = weakref.WeakKeyDictionary()
_stats_lock = threading.Lock()


def stats_of(state: SandboxState) -> Stats:
    with _stats_lock:
        stats = _stats.get(state)
        if stats is None:
            stats = _stats[state] = Stats()
        return stats


def pool_id_of(body: Any) -> str | None:
    """The user pool a request names: its UserPoolId, or the pool of its ResourceArn."""
    if not isinstance(body, dict):
        return None
    pool_id = body.get("UserPoolId")
    if isinstance(pool_id, str) and pool_id:
        return pool_id
    arn = body.get("ResourceArn")
    if isinstance(arn, str) and ":userpool/" in arn:
        return arn.rsplit("/", 1)[-1] or None
    return None


def admit(state: SandboxState, operation: str, body: Any, account: str,
          region: str) -> ApiError | None:
    """Count a cognito-idp call, apply the quotas, then wait out the latency.

    Called without the sandbox's lock held. Returns the throttle error to
    answer with, or None to go on.
    """
    rules = list(state.faults.rules)  # configure() swaps the list; a snapshot is enough
    pool_id = pool_id_of(body)
    error: ApiError | None = None
    for rule in rules:
        if isinstance(rule, Quotas) and error is None:
            error = rule.admit(operation, pool_id, account, region)
    stats_of(state).count(operation, pool_id, throttled=error is not None)
    for rule in rules:
        if isinstance(rule, Latency):
            rule.wait(operation)
    return error


def stats_endpoint(state: SandboxState, method: str) -> tuple[int, Any]:
    """``GET /_sandbox/stats``: the counters; ``DELETE``: clear them."""
    if method == "GET":
        return 200, stats_of(state).document()
    if method == "DELETE":
        stats_of(state).clear()
        return 200, {"cleared": True}
    return 405, {"error": "use GET or DELETE"}


def reset(state: SandboxState) -> None:
    """Part of the sandbox's reset: the counters start again from zero."""
    stats_of(state).clear()
