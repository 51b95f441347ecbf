"""Acceptances: a finding the spec's authors have weighed and kept, with their reason.

Two spellings. A comment on the finding's key, or on any enclosing key up to the
pool (on the key's line, or alone on the line just above it)::

    - ALLOW_USER_PASSWORD_AUTH  # cognito-reconciler: accept CR301 because migration

and a top-level ``review:`` block in any spec file::

    review:
      accept:
        - {rule: CR301, pool: workshop-users, client: workshop-web, because: migration}

Comments are read from the file text at the positions the spec loader recorded
(YAML drops comments; there is no second position tracker here).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from reconciler.errors import Diagnostic, Location
from reconciler.spec.yaml_source import SpecPath

_COMMENT = re.compile(
    r"#\s*cognito-reconciler:\s*accept\s+(?P<ids>[A-Za-z]+\d+(?:\s*,\s*[A-Za-z]+\d+)*)"
    r"(?:\s+because\b\s*(?P<reason>.*))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class BlockEntry:
    rule: str
    because: str
    pool: str | None
    client: str | None
    location: Location


def comment_acceptances(line: str) -> tuple[list[str], str | None]:
    """(rule ids, reason) of a marker comment on ``line``; reason None when missing."""
    match = _COMMENT.search(line)
    if match is None:
        return [], None
    ids = [part.strip().upper() for part in match.group("ids").split(",")]
    reason = (match.group("reason") or "").strip()
    return ids, reason or None


class Acceptances:
    def __init__(self, lines_of: Callable[[str], list[str]],
                 locations: Mapping[SpecPath, Location], blocks: list[BlockEntry]) -> None:
        self._lines_of = lines_of
        self._locations = locations
        self._blocks = blocks
        self.used_blocks: set[int] = set()
        self.notes: list[Diagnostic] = []
        self._noted: set[tuple[str, int]] = set()

    def reason(self, rule: str, path: SpecPath, pool: str, client: str | None) -> str | None:
        """Why the spec accepts ``rule`` at ``path``, or None if it doesn't."""
        for depth in range(len(path), 1, -1):  # the key itself, then enclosing keys
            where = self._locations.get(path[:depth])
            if where is None:
                continue
            found = self._at_line(rule, where)
            if found is not None:
                return found
        for index, entry in enumerate(self._blocks):
            if entry.rule == rule and entry.pool in (None, pool) \
                    and entry.client in (None, client):
                self.used_blocks.add(index)
                return entry.because
        return None

    def _at_line(self, rule: str, where: Location) -> str | None:
        lines = self._lines_of(where.file)
        candidates = [where.line]
        above = where.line - 1
        if above >= 1 and above <= len(lines) and lines[above - 1].lstrip().startswith("#"):
            candidates.append(above)
        for number in candidates:
            if number > len(lines):
                continue
            ids, reason = comment_acceptances(lines[number - 1])
            if rule not in ids:
                continue
            if reason is None:
                self._note(where.file, number, f"'accept {rule}' has no reason: write "
                           "'accept RULE-ID because ...'; the finding stays open")
                continue
            return reason
        return None

    def _note(self, file: str, line: int, message: str) -> None:
        if (file, line) not in self._noted:
            self._noted.add((file, line))
            self.notes.append(Diagnostic(Location(file, line, 1), message, severity="warning"))

    def unused_block_notes(self) -> list[Diagnostic]:
        return [
            Diagnostic(entry.location, f"review.accept {entry.rule}: no finding matches it "
                       "(stale? remove it)", severity="warning")
            for index, entry in enumerate(self._blocks) if index not in self.used_blocks
        ]


def parse_block(data: Any, locate: Callable[[SpecPath], Location],
                known: set[str]) -> tuple[list[BlockEntry], list[Diagnostic]]:
    """The entries of one file's top-level ``review:`` block, and what is wrong in it."""
    entries: list[BlockEntry] = []
    problems: list[Diagnostic] = []
    if data is None:
        return entries, problems
    accept = data.get("accept") if isinstance(data, dict) else None
    if not isinstance(data, dict) or set(data) - {"accept"} or not isinstance(accept, list):
        problems.append(Diagnostic(locate(("review",)), "review: expects 'accept:', a list "
                                   "of {rule, because, pool?, client?}", "review", "warning"))
        return entries, problems
    for index, item in enumerate(accept):
        path: SpecPath = ("review", "accept", index)
        shown = f"review.accept[{index}]"
        if not isinstance(item, dict) or set(item) - {"rule", "because", "pool", "client"}:
            problems.append(Diagnostic(locate(path), "expected a mapping of rule, because "
                                       "and optionally pool and client", shown, "warning"))
            continue
        rule = str(item.get("rule", "")).upper()
        because = item.get("because")
        if rule not in known:
            problems.append(Diagnostic(locate(path), f"unknown rule {item.get('rule')!r}: "
                                       "it accepts nothing", shown, "warning"))
            continue
        if not isinstance(because, str) or not because.strip():
            problems.append(Diagnostic(locate(path), f"accepting {rule} needs a reason "
                                       "(because: ...)", shown, "warning"))
            continue
        pool, client = item.get("pool"), item.get("client")
        entries.append(BlockEntry(rule, because.strip(),
                                  None if pool is None else str(pool),
                                  None if client is None else str(client), locate(path)))
    return entries, problems
