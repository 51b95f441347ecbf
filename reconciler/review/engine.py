"""Run every rule over a loaded spec: findings with positions, acceptances applied.

Offline and pure apart from re-reading the spec files' text (for acceptance comments
and the ``review:`` block): nothing here imports boto3.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reconciler.errors import Diagnostic, Location
from reconciler.review.accept import Acceptances, BlockEntry, parse_block
from reconciler.review.catalog import BY_ID, RULES
from reconciler.review.model import Finding, Pool, Rule, Severity
from reconciler.spec.loader import LoadedSpec, locate_in
from reconciler.spec.yaml_source import SourceDoc, SpecPath, read_source


@dataclass
class Review:
    findings: list[Finding]
    # Problems in acceptances (no reason, unknown rule, stale entry): warnings.
    notes: list[Diagnostic] = field(default_factory=list)
    rules: tuple[Rule, ...] = RULES

    def open_at_or_above(self, threshold: Severity) -> list[Finding]:
        return [f for f in self.findings if f.open and f.severity >= threshold]


def _reader() -> Callable[[str], list[str]]:
    @cache
    def lines_of(file: str) -> list[str]:
        try:
            return Path(file).read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            return []

    return lines_of


def _locator(doc: SourceDoc) -> Callable[[SpecPath], Location]:
    return lambda path: locate_in(doc.locations, path)


def _blocks(files: list[str]) -> tuple[list[BlockEntry], list[Diagnostic]]:
    entries: list[BlockEntry] = []
    problems: list[Diagnostic] = []
    for file in files:
        doc, _ = read_source(Path(file), file)
        if doc is None or not isinstance(doc.data, dict) or "review" not in doc.data:
            continue
        found, wrong = parse_block(doc.data["review"], _locator(doc), set(BY_ID))
        entries += found
        problems += wrong
    return entries, problems


def _client_of(pool: Pool, path: SpecPath) -> str | None:
    if len(path) > 3 and path[2] == "clients" and isinstance(path[3], int):
        name = pool.get("clients", path[3], "client_name")
        return None if name is None else str(name)
    return None


def review_spec(spec: LoadedSpec) -> Review:
    lines_of = _reader()
    files = sorted({where.file for where in spec.locations.values()})
    blocks, notes = _blocks(files)
    accepted = Acceptances(lines_of, spec.locations, blocks)

    def written(path: SpecPath) -> str:
        where = spec.locations.get(path)
        if where is None:
            return ""
        lines = lines_of(where.file)
        return "\n".join(lines[where.line - 1 : where.line + 1])

    findings: list[Finding] = []
    for index, data in enumerate(spec.data.get("user_pools") or []):
        if not isinstance(data, dict):
            continue
        pool = Pool(index, data, written, dict(spec.data.get("variables") or {}))
        for rule in RULES:
            for hit in rule.check(pool):
                reason = accepted.reason(rule.id, hit.path, pool.name, _client_of(pool, hit.path))
                findings.append(Finding(
                    rule=rule, location=spec.locate(hit.path), path=hit.path, pool=pool.name,
                    message=hit.message, fix=hit.fix, severity=hit.severity or rule.severity,
                    accepted=reason,
                ))
    notes += accepted.notes + accepted.unused_block_notes()
    return Review(sorted(findings, key=Finding.sort_key), sorted(notes, key=Diagnostic.sort_key))


