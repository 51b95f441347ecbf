"""A ``<name>_seconds`` fault rule: how long an emulated asynchronous transition lasts.

Domains and replicas change asynchronously on AWS (each module cites its source);
the sandbox times their transitions with one of these rules, set through
``POST /_sandbox/faults {"<key>": N}`` (0 ends every transition at once).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import faults
from .errors import ApiError
from .state import SandboxState


@dataclass
class TransitionSeconds:
    """How long the transitions timed by ``key`` last."""

    key: str
    seconds: float

    @classmethod
    def build(cls, key: str, config: dict[str, Any]) -> TransitionSeconds:
        value = config.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ValueError(f"{key} must be a number >= 0")
        return cls(key, float(value))

    def check(self, operation: str) -> ApiError | None:
        return None  # read by the handlers it times, never answers a call itself

    def describe(self) -> dict[str, Any]:
        return {self.key: self.seconds}


def register(key: str, default: float) -> Callable[[SandboxState], float]:
    """Make ``key`` a fault rule (the fault registry takes rules by key); returns how long
    its transitions last now: the active rule's seconds, or ``default`` without one."""
    faults.RULES[key] = lambda config: [TransitionSeconds.build(key, config)]

    def seconds(state: SandboxState) -> float:
        for rule in state.faults.rules:
            if isinstance(rule, TransitionSeconds) and rule.key == key:
                return rule.seconds
        return default

    return seconds
