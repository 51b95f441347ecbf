"""A review as text, JSON, SARIF 2.1.0 or Markdown. Each a pure function of the review."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from reconciler import __version__
from reconciler.render.escape import visible
from reconciler.render.markdown import code, prose
from reconciler.review.engine import Review
from reconciler.review.model import Finding, Rule, Severity

DOCS = "docs/rules.md"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# SARIF levels, and GitHub code scanning's security-severity scale (CVSS-like 0-10).
_LEVEL = {Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "note"}
_SECURITY_SEVERITY = {Severity.HIGH: "8.0", Severity.MEDIUM: "5.0", Severity.LOW: "3.0"}
MARKER = "<!-- cognito-reconciler-review -->"


def summary(review: Review, threshold: Severity) -> dict[str, int]:
    counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
    for finding in review.findings:
        if finding.open:
            counts[finding.severity.label] += 1
    counts["accepted"] = sum(1 for f in review.findings if not f.open)
    counts["failing"] = len(review.open_at_or_above(threshold))
    return counts


def _title(rule: Rule) -> str:
    mirror = f" (Security Hub {rule.control})" if rule.control else ""
    return f"{rule.id} {rule.title}{mirror}"


# --- text ---------------------------------------------------------------------------


def render_text(review: Review, threshold: Severity) -> str:
    lines = []
    for f in review.findings:
        state = f.severity.label if f.open else f"accepted {f.severity.label}"
        lines.append(visible(f"{f.location}: {state}: {_title(f.rule)}: {f.message} "
                             f"(at {f.shown_path})"))
        if f.open:
            lines.append(visible(f"  fix: {f.fix}"))
        else:
            lines.append(visible(f"  accepted because: {f.accepted}"))
    counts = summary(review, threshold)
    lines.append(
        f"{counts['high']} high, {counts['medium']} medium, {counts['low']} low open; "
        f"{counts['accepted']} accepted; {counts['failing']} at or above {threshold.label}."
    )
    return "\n".join(lines) + "\n"


# --- JSON ---------------------------------------------------------------------------


def finding_json(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule.id, "title": f.rule.title, "severity": f.severity.label,
        "control": f.rule.control, "file": f.location.file, "line": f.location.line,
        "col": f.location.col, "path": f.shown_path, "pool": f.pool, "message": f.message,
        "fix": f.fix, "accepted": not f.open, "reason": f.accepted,
    }


def render_json(review: Review, threshold: Severity) -> str:
    data = {
        "format_version": 1,
        "threshold": threshold.label,
        "summary": summary(review, threshold),
        "findings": [finding_json(f) for f in review.findings],
    }
    return json.dumps(data, indent=2) + "\n"


# --- SARIF 2.1.0 --------------------------------------------------------------------


def _uri(file: str) -> str:
    path = PurePath(file)
    # Code scanning places a result by its path relative to the repository root.
    return path.as_posix() if not path.is_absolute() else path.as_uri()


def _sarif_rule(rule: Rule) -> dict[str, Any]:
    tags = ["security", "cognito"] + ([f"security-hub/{rule.control}"] if rule.control else [])
    return {
        "id": rule.id,
        "name": "".join(w[:1].upper() + w[1:]
                        for w in re.sub(r"[^A-Za-z0-9]+", " ", rule.title).split()),
        "shortDescription": {"text": _title(rule)},
        "fullDescription": {"text": f"{rule.title}. Source: {rule.source}."},
        "help": {"text": f"See {DOCS}, {rule.id}. Source: {rule.source}."},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": tags, "security-severity": _SECURITY_SEVERITY[rule.severity]},
    }


def _sarif_result(f: Finding, index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.rule.id,
        "ruleIndex": index,
        "level": _LEVEL[f.severity],
        "message": {"text": f"{f.message}. Fix: {f.fix}"},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": _uri(f.location.file)},
                "region": {"startLine": f.location.line, "startColumn": f.location.col},
            },
            "logicalLocations": [{"fullyQualifiedName": f"{f.pool}:{f.shown_path}"}],
        }],
        # Stable across edits that move lines: the rule, the pool and the spec path.
        "partialFingerprints": {"cognitoReconciler/v1": f"{f.rule.id}:{f.pool}:{f.shown_path}"},
        "properties": {"security-severity": _SECURITY_SEVERITY[f.severity]},
    }
    if not f.open:
        result["suppressions"] = [{"kind": "inSource", "justification": f.accepted}]
    return result


def render_sarif(review: Review, threshold: Severity) -> str:
    index = {rule.id: i for i, rule in enumerate(review.rules)}
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "cognito-reconciler",
                "version": __version__,
                "rules": [_sarif_rule(rule) for rule in review.rules],
            }},
            "results": [_sarif_result(f, index[f.rule.id]) for f in review.findings],
        }],
    }
    return json.dumps(log, indent=2) + "\n"


# --- Markdown -----------------------------------------------------------------------


def markdown_table(findings: Sequence[Finding]) -> list[str]:
    lines = ["| severity | rule | where | finding | fix |", "| --- | --- | --- | --- | --- |"]
    for f in findings:
        state = f.severity.label if f.open else f"accepted ({prose(f.accepted or '')})"
        lines.append(
            f"| {state} | {prose(_title(f.rule))} | {code(str(f.location), in_table=True)} "
            f"| {prose(f.message)} | {prose(f.fix)} |"
        )
    return lines


def render_markdown(review: Review, threshold: Severity, title: str = "### Cognito review"
                    ) -> str:
    counts = summary(review, threshold)
    lines = [MARKER, title, ""]
    if not review.findings:
        return "\n".join([*lines, "**No findings.**", ""])
    lines += [f"**{counts['high']} high, {counts['medium']} medium, {counts['low']} low open; "
              f"{counts['accepted']} accepted.**", ""]
    lines += markdown_table(review.findings)
    return "\n".join(lines) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "sarif": render_sarif,
             "markdown": render_markdown}
