"""What a review finds: rules (data), findings, and the severity order.

Pure: no I/O, no AWS. A rule is a row of data (id, severity, the control it mirrors,
the source it rests on) plus a check that yields ``Hit``s for one pool; the engine
turns hits into findings with positions and acceptances.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from reconciler.errors import Location
from reconciler.spec.yaml_source import SpecPath, format_path


class Severity(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


@dataclass(frozen=True)
class Hit:
    """One thing a rule found in a pool: where (a spec path; a missing key is reported
    at the nearest present ancestor), what is risky, and the fix as a spec edit."""

    path: SpecPath
    message: str
    fix: str
    # A hit graver (or milder) than its rule's usual severity, e.g. a very short password.
    severity: Severity | None = None


@dataclass(frozen=True)
class Pool:
    """One pool of the merged spec, as a rule sees it."""

    index: int
    data: dict[str, Any]
    # The source text a key's value is written with (its line and the next), so a rule
    # can tell a literal from a ${env:...} / ${var:...} reference the loader replaced.
    written: Callable[[SpecPath], str] = field(default=lambda path: "", compare=False)
    # The spec's own `variables:` defaults (values written in the spec files).
    defaults: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def path(self) -> SpecPath:
        return ("user_pools", self.index)

    @property
    def name(self) -> str:
        return str(self.data.get("pool_name", f"user_pools[{self.index}]"))

    def get(self, *keys: str | int, default: Any = None) -> Any:
        """The value at ``keys`` below the pool, or ``default`` when any step is missing."""
        node: Any = self.data
        for key in keys:
            if isinstance(key, int) and isinstance(node, list) and 0 <= key < len(node):
                node = node[key]
            elif isinstance(key, str) and isinstance(node, dict) and key in node:
                node = node[key]
            else:
                return default
        return node

    def items(self, kind: str) -> Iterator[tuple[SpecPath, dict[str, Any]]]:
        """(path, item) for each mapping in the pool's list ``kind`` (clients, ...)."""
        for index, item in enumerate(self.data.get(kind) or []):
            if isinstance(item, dict):
                yield (*self.path, kind, index), item


Check = Callable[[Pool], Iterator[Hit]]


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: Severity
    # The AWS Security Hub control this rule mirrors ("Cognito.1"), if any.
    control: str | None
    # Where the reasoning comes from (AWS doc, NIST SP 800-63B-4 section, RFC, ...).
    source: str
    check: Check = field(compare=False, repr=False)
    # Pool keys beside the finding's own that the rule reads: a change to one of them
    # can bring the finding (an MFA change makes a short password a finding).
    reads: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    rule: Rule
    location: Location
    path: SpecPath
    pool: str
    message: str
    fix: str
    severity: Severity
    # The reason given when the spec accepts this finding; None when it is open.
    accepted: str | None = None

    @property
    def shown_path(self) -> str:
        return format_path(self.path)

    @property
    def open(self) -> bool:
        return self.accepted is None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.file, self.location.line, self.location.col, self.rule.id)
