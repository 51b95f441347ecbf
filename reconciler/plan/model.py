"""The plan as data: what will change, field by field, and the exact calls."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

SENSITIVE = "(sensitive)"
CREATED_PREFIX = "${created:"


def created_ref(address: str) -> str:
    """Stands for the id of a pool or client that an earlier call of the same apply creates."""
    return f"{CREATED_PREFIX}{address}}}"


class Action(str, Enum):
    CREATE = "create"
    UPDATE = "update"
    REPLACE = "replace"
    DELETE = "delete"


@dataclass
class FieldChange:
    path: str  # the spec's snake_case path, e.g. policies.password_policy.minimum_length
    before: Any
    after: Any
    sensitive: bool = False

    def to_json(self) -> dict[str, Any]:
        if self.sensitive:
            return {"path": self.path, "before": SENSITIVE, "after": SENSITIVE}
        return {"path": self.path, "before": self.before, "after": self.after}


@dataclass
class Request:
    """One API call apply will make. ``params`` never leave the process (secrets)."""

    operation: str
    params: dict[str, Any]
    note: str = ""  # shown beside the operation, e.g. "all 24 updatable fields"

    def describe(self) -> str:
        return f"{self.operation} ({self.note})" if self.note else self.operation


@dataclass
class Change:
    address: str
    kind: str  # "user_pool" or "client"
    name: str
    action: Action
    region: str
    pool_address: str  # the owning pool's address (itself for a pool)
    fields: list[FieldChange] = field(default_factory=list)
    reason: str | None = None
    requests: list[Request] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    blocked: str | None = None  # why apply must refuse this change even when asked
    live_id: str | None = None  # pool id or client id of the live resource
    fingerprint: str | None = None  # of the live resource as read
    phase: int = 0  # apply order: dependencies first, deletes in reverse
    # A pool replace only: the pool's estimated user count (DescribeUserPool's
    # EstimatedNumberOfUsers), and the addresses it destroys without re-creating
    # them and those it re-creates (with new ids); each is also a change of its own.
    users_lost: int | None = None
    destroys: list[str] = field(default_factory=list)
    recreates: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "address": self.address,
            "action": self.action.value,
            "fields": [f.to_json() for f in self.fields],
            "reason": self.reason,
            "calls": [r.operation for r in self.requests],
            "warnings": list(self.warnings),
            "blocked": self.blocked,
            "id": self.live_id,
        }
        if self.users_lost is not None:
            # Added keys (format_version 1 allows them), present on pool replaces only.
            data.update(users_lost=self.users_lost, destroys=list(self.destroys),
                        recreates=list(self.recreates))
        return data


@dataclass
class PlanWarning:
    address: str
    message: str

    def __str__(self) -> str:
        return f"{self.address}: {self.message}"


@dataclass
class PoolTarget:
    """Where a spec's pool lives, so that every plan can say it (issue 13)."""

    address: str
    region: str
    live_id: str | None = None
    account: str | None = None  # from the live pool's ARN; None before it exists
    strict: bool = False  # planned in strict mode: parts the spec doesn't name are deleted


@dataclass
class Plan:
    changes: list[Change] = field(default_factory=list)
    warnings: list[PlanWarning] = field(default_factory=list)
    # Every pool of the spec, changed or not, and the endpoint the run talks to
    # (None: AWS's own regional endpoint) once the engine has said which
    # (endpoint_known); a plan built elsewhere doesn't claim one.
    # Rendered by reconciler/render/plan_data.py.
    pools: list[PoolTarget] = field(default_factory=list)
    endpoint: str | None = None
    endpoint_known: bool = False

    @property
    def empty(self) -> bool:
        return not self.changes

    def summary(self) -> dict[str, int]:
        counts = {action.value: 0 for action in Action}
        for change in self.changes:
            counts[change.action.value] += 1
        return counts

    @property
    def requires_allow_replace(self) -> bool:
        return any(c.action == Action.REPLACE for c in self.changes)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format_version": 1,
            "summary": self.summary(),
            "changes": [c.to_json() for c in self.changes],
            "warnings": [{"address": w.address, "message": w.message} for w in self.warnings],
        }
        if self.requires_allow_replace:
            data["requires_allow_replace"] = True  # apply refuses it without the flag
        return data
