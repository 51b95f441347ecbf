"""Fault injection: answer some calls with AWS errors before they reach the backend.

Configured through ``POST /_sandbox/faults`` with a JSON object; each key
names a rule (see ``RULES``). A rule sees every cognito-idp call in arrival
order (retries included) and may answer it with an error instead; an answered
call never touches state. New rules (rate limits, ...) are one class and one
``RULES`` entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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
            return ApiError("TooManyRequestsException", "Too many requests", 400)
        return None

    def describe(self) -> dict[str, Any]:
        return {"throttle_every": self.every, "calls_seen": self.seen}


@dataclass
class FailWriteNumber:
    """The N-th write call fails once: by default 500 InternalErrorException.

    ``status`` (400..599) and ``code`` choose another answer, e.g. a 400
    InvalidParameterException that no retry can fix.
    """

    number: int
    status: int = 500
    code: str = "InternalErrorException"
    writes: int = 0

    @classmethod
    def build(cls, config: dict[str, Any]) -> FailWriteNumber:
        status = config.get("status", 500)
        if not isinstance(status, int) or not 400 <= status <= 599:
            raise ValueError("status must be an HTTP 4xx or 5xx code")
        default_code = "InternalErrorException" if status >= 500 else "InvalidParameterException"
        code = config.get("code", default_code)
        if not isinstance(code, str) or not code:
            raise ValueError("code must be an error code such as InternalErrorException")
        return cls(number=_positive_int(config, "fail_write_number"), status=status, code=code)

    def check(self, operation: str) -> ApiError | None:
        if not model.is_write(operation):
            return None
        self.writes += 1
        if self.writes == self.number:
            return ApiError(self.code, f"Injected failure of write call {self.number}", self.status)
        return None

    def describe(self) -> dict[str, Any]:
        return {"fail_write_number": self.number, "status": self.status, "code": self.code,
                "writes_seen": self.writes}


# JSON key that switches a rule on -> factory reading the whole config object.
RULES: dict[str, Callable[[dict[str, Any]], Rule]] = {
    "throttle_every": ThrottleEvery.build,
    "fail_write_number": FailWriteNumber.build,
    "quotas": quotas.Quotas.build, "latency_ms": quotas.Latency.build,  # quotas.py
}
_MODIFIERS = {"status", "code"}  # keys that only qualify another rule


class FaultInjector:
    """The active rules; the middleware asks it about every cognito-idp call."""

    def __init__(self) -> None:
        self.rules: list[Rule] = []

    def configure(self, config: dict[str, Any]) -> None:
        """Replace the active rules (and their counters) by those ``config`` names."""
        unknown = set(config) - set(RULES) - _MODIFIERS
        if unknown:
            raise ValueError(f"unknown fault keys: {sorted(unknown)}")
        self.rules = [factory(config) for key, factory in RULES.items() if key in config]

    def clear(self) -> None:
        self.rules = []

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
