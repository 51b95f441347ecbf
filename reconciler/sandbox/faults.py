"""Fault injection: answer some calls with AWS errors before they reach the backend.

Configured through ``POST /_sandbox/faults`` with a JSON object; each key
names a rule (see ``RULES``). A rule sees every cognito-idp call in arrival
order (retries included) and may answer it with an error instead; an answered
call never touches state. New rules are one class and one ``RULES`` entry.

- ``{"throttle_every": N}``: every N-th call, 400 TooManyRequestsException.
- ``{"throttle_fraction": F, "seed": S}``: each call with probability F (a seeded,
  repeatable draw per call), 400 TooManyRequestsException.
- ``{"fail_write_number": N, "status": 500, "code": ..., "times": K}``: writes
  N .. N+K-1 fail (K=1 by default; a K beyond the client's attempts is a
  persistent failure).
- ``{"fail_operation": {"operation": "UpdateUserPool" | "*", "code": ...,
  "status": 400, "message": ..., "after": A, "times": K}}`` (or a list of such
  objects): calls of that operation (``*``: every call), after the first A of
  them, answer the error, K times or (without ``times``) for good. E.g. expired
  credentials, or an IAM policy that denies one operation.
- Cognito's request-rate quotas and network latency: ``quotas.py``.

Dropped connections are a network fault, not an API answer: the tests inject
them with a TCP proxy in front of the sandbox (``tests/reliability/netfaults.py``).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from . import model, quotas
from .errors import ApiError


class Rule(Protocol):
    def check(self, operation: str) -> ApiError | None:
        """An error to answer ``operation`` with, or None to let it through."""

    def describe(self) -> dict[str, Any]: ...


def _positive_int(config: dict[str, Any], key: str) -> int:
    value = config.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{key} must be a positive integer")
    return value


@dataclass
class ThrottleEvery:
    """Every N-th cognito-idp call answers 400 TooManyRequestsException.

    AWS: any call can be throttled; the error is HTTP 400 with that code.
    """

    every: int
    seen: int = 0

    @classmethod
    def build(cls, config: dict[str, Any]) -> ThrottleEvery:
        return cls(every=_positive_int(config, "throttle_every"))

    def check(self, operation: str) -> ApiError | None:
        self.seen += 1
        if self.seen % self.every == 0:
            return _throttle()
        return None

    def describe(self) -> dict[str, Any]:
        return {"throttle_every": self.every, "calls_seen": self.seen,
                "throttled": self.seen // self.every}


def _throttle() -> ApiError:
    # AWS: HTTP 400, {"__type": "TooManyRequestsException", "message": "Too many requests"}.
    return ApiError("TooManyRequestsException", "Too many requests", 400)


@dataclass
class ThrottleFraction:
    """Each call is throttled with probability ``fraction``, drawn from a seeded RNG.

    The same seed and the same sequence of calls throttle the same calls.
    """

    fraction: float
    seed: int = 0
    seen: int = 0
    throttled: int = 0
    rng: random.Random = field(default_factory=random.Random)

    @classmethod
    def build(cls, config: dict[str, Any]) -> ThrottleFraction:
        fraction = config.get("throttle_fraction")
        if (not isinstance(fraction, (int, float)) or isinstance(fraction, bool)
                or not 0 < fraction <= 1):
            raise ValueError("throttle_fraction must be a number in (0, 1]")
        seed = config.get("seed", 0)
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise ValueError("seed must be an integer")
        return cls(fraction=float(fraction), seed=seed, rng=random.Random(seed))

    def check(self, operation: str) -> ApiError | None:
        self.seen += 1
        if self.rng.random() < self.fraction:
            self.throttled += 1
            return _throttle()
        return None

    def describe(self) -> dict[str, Any]:
        return {"throttle_fraction": self.fraction, "seed": self.seed,
                "calls_seen": self.seen, "throttled": self.throttled}


@dataclass
class FailWriteNumber:
    """The N-th write call fails once: by default 500 InternalErrorException.

    ``status`` (400..599) and ``code`` choose another answer, e.g. a 400
    InvalidParameterException that no retry can fix. ``times`` K fails writes
    N .. N+K-1 (a retry is a write too), so a K above the client's attempts is a
    failure that retries can't get past.
    """

    number: int
    status: int = 500
    code: str = "InternalErrorException"
    writes: int = 0
    times: int = 1
    failed: int = 0

    @classmethod
    def build(cls, config: dict[str, Any]) -> FailWriteNumber:
        status = config.get("status", 500)
        if not isinstance(status, int) or not 400 <= status <= 599:
            raise ValueError("status must be an HTTP 4xx or 5xx code")
        default_code = "InternalErrorException" if status >= 500 else "InvalidParameterException"
        code = config.get("code", default_code)
        if not isinstance(code, str) or not code:
            raise ValueError("code must be an error code such as InternalErrorException")
        times = _positive_int(config, "times") if "times" in config else 1
        return cls(number=_positive_int(config, "fail_write_number"), status=status, code=code,
                   times=times)

    def check(self, operation: str) -> ApiError | None:
        if not model.is_write(operation):
            return None
        self.writes += 1
        if self.number <= self.writes < self.number + self.times:
            self.failed += 1
            return ApiError(self.code, f"Injected failure of write call {self.writes}",
                            self.status)
        return None

    def describe(self) -> dict[str, Any]:
        return {"fail_write_number": self.number, "status": self.status, "code": self.code,
                "times": self.times, "writes_seen": self.writes, "failed": self.failed}


def _default_message(code: str, operation: str) -> str:
    """AWS's wording for the errors these rules usually stand for."""
    if code == "AccessDeniedException":
        return (f"User: arn:aws:iam::123456789012:user/sandbox is not authorized to perform: "
                f"cognito-idp:{operation} on resource: arn:aws:cognito-idp:us-east-1:"
                f"123456789012:userpool/* because no identity-based policy allows the "
                f"cognito-idp:{operation} action")
    if code in ("ExpiredTokenException", "ExpiredToken"):
        return "The security token included in the request is expired"
    if code == "UnrecognizedClientException":
        return "The security token included in the request is invalid."
    return f"Injected failure of {operation}"


@dataclass
class FailOperation:
    """Calls of one operation (or of all: ``*``) answer an error, after ``after`` of them.

    AWS: an IAM policy denying one action answers 400 AccessDeniedException for
    that action only; credentials that expire mid-run answer every later call
    with 400 ExpiredTokenException.
    """

    operation: str
    code: str
    status: int = 400
    message: str = ""
    after: int = 0
    times: int | None = None
    seen: int = 0
    failed: int = 0

    @classmethod
    def build_all(cls, config: dict[str, Any]) -> list[FailOperation]:
        value = config.get("fail_operation")
        items = value if isinstance(value, list) else [value]
        return [cls.build(item) for item in items]

    @classmethod
    def build(cls, item: Any) -> FailOperation:
        if not isinstance(item, dict):
            raise ValueError("fail_operation must be an object (or a list of objects)")
        unknown = set(item) - {"operation", "code", "status", "message", "after", "times"}
        if unknown:
            raise ValueError(f"unknown fail_operation keys: {sorted(unknown)}")
        operation, code = item.get("operation"), item.get("code")
        if not isinstance(operation, str) or not operation:
            raise ValueError("fail_operation.operation must be an operation name or '*'")
        if operation != "*" and operation not in model.operation_names():
            raise ValueError(f"fail_operation.operation: unknown operation {operation!r}")
        if not isinstance(code, str) or not code:
            raise ValueError("fail_operation.code must be an error code")
        status = item.get("status", 400)
        if not isinstance(status, int) or isinstance(status, bool) or not 400 <= status <= 599:
            raise ValueError("fail_operation.status must be an HTTP 4xx or 5xx code")
        message = item.get("message", "")
        if not isinstance(message, str):
            raise ValueError("fail_operation.message must be a string")
        after = item.get("after", 0)
        if not isinstance(after, int) or isinstance(after, bool) or after < 0:
            raise ValueError("fail_operation.after must be a non-negative integer")
        times = item.get("times")
        if times is not None and (not isinstance(times, int) or isinstance(times, bool)
                                  or times < 1):
            raise ValueError("fail_operation.times must be a positive integer")
        return cls(operation=operation, code=code, status=status, message=message,
                   after=after, times=times)

    def check(self, operation: str) -> ApiError | None:
        if self.operation not in ("*", operation):
            return None
        self.seen += 1
        if self.seen <= self.after or (self.times is not None and self.failed >= self.times):
            return None
        self.failed += 1
        return ApiError(self.code, self.message or _default_message(self.code, operation),
                        self.status)

    def describe(self) -> dict[str, Any]:
        return {"fail_operation": self.operation, "code": self.code, "status": self.status,
                "after": self.after, "times": self.times, "calls_seen": self.seen,
                "failed": self.failed}


# JSON key that switches rules on -> factory reading the whole config object.
RULES: dict[str, Callable[[dict[str, Any]], list[Rule]]] = {
    "throttle_every": lambda config: [ThrottleEvery.build(config)],
    "throttle_fraction": lambda config: [ThrottleFraction.build(config)],
    "fail_write_number": lambda config: [FailWriteNumber.build(config)],
    "fail_operation": lambda config: list(FailOperation.build_all(config)),
    **quotas.RULES,  # "quotas" and "latency_ms": quotas.py
}
_MODIFIERS = {"status", "code", "times", "seed"}  # keys that only qualify another rule


class FaultInjector:
    """The active rules; the middleware asks it about every cognito-idp call."""

    def __init__(self) -> None:
        self.rules: list[Rule] = []

    def configure(self, config: dict[str, Any]) -> None:
        """Replace the active rules (and their counters) by those ``config`` names."""
        unknown = set(config) - set(RULES) - _MODIFIERS
        if unknown:
            raise ValueError(f"unknown fault keys: {sorted(unknown)}")
        for modifier, rule in (("seed", "throttle_fraction"), ("times", "fail_write_number")):
            if modifier in config and rule not in config:
                raise ValueError(f"{modifier} qualifies {rule}, which is missing")
        rules = [rule for key, factory in RULES.items() if key in config
                 for rule in factory(config)]
        self._release()
        self.rules = rules

    def clear(self) -> None:
        self._release()
        self.rules = []

    def _release(self) -> None:
        """Calls waiting on a rule being replaced (emulated latency) go on at once."""
        for rule in self.rules:
            release = getattr(rule, "release", None)
            if release is not None:
                release()

    def check(self, operation: str) -> ApiError | None:
        # Every rule counts every call, so their counters stay independent.
        answer: ApiError | None = None
        for rule in self.rules:
            error = rule.check(operation)
            if answer is None:
                answer = error
        return answer

    def describe(self) -> list[dict[str, Any]]:
        return [rule.describe() for rule in self.rules]
