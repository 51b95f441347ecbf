"""The plan as text, in the style Terraform users read every day."""

from __future__ import annotations

import json
from typing import Any

from reconciler.plan.model import SENSITIVE, Action, Change, Plan
from reconciler.render.escape import visible
from reconciler.render.style import Style

SYMBOLS = {Action.CREATE: ("+", "green"), Action.UPDATE: ("~", "yellow"),
           Action.DELETE: ("-", "red"), Action.REPLACE: ("-/+", "magenta")}
VERBS = {Action.CREATE: "will be created", Action.UPDATE: "will be updated in place",
         Action.DELETE: "will be deleted", Action.REPLACE: "must be replaced"}


def value_text(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return json.dumps(value)
    return json.dumps(value, sort_keys=True, default=str)


def render_change(change: Change, style: Style) -> list[str]:
    symbol, color = SYMBOLS[change.action]
    ident = f" ({change.live_id})" if change.live_id and change.live_id != change.name else ""
    # (text, colour) pairs; every line is made visible before it is coloured, so a
    # name can't smuggle a control sequence in, while the colour codes still work.
    lines: list[tuple[str, str | None]] = [
        (f"  # {change.address} {VERBS[change.action]}", "bold"),
        (f"  {symbol} {change.kind} \"{change.name}\"{ident}", color)]
    if change.reason:
        lines.append((f"      reason: {change.reason}", None))
    if change.blocked:
        lines.append((f"      blocked: {change.blocked}", "red"))
    for field in change.fields:
        before, after = (SENSITIVE, SENSITIVE) if field.sensitive else (
            value_text(field.before), value_text(field.after))
        if change.action == Action.CREATE or field.before is None:
            lines.append((f"      + {field.path} = {after}", "green"))
        elif field.after is None:
            lines.append((f"      - {field.path} = {before}", "red"))
        else:
            lines.append((f"      ~ {field.path}: {before} -> {after}", "yellow"))
    for warning in change.warnings:
        lines.append((f"      warning: {warning}", "yellow"))
    if change.requests:
        calls = ", ".join(r.describe() for r in change.requests)
        lines.append((f"      calls: {calls}", "dim"))
    else:
        lines.append(("      calls: none (goes with its pool)", "dim"))
    return [_line(text, colour, style) for text, colour in lines]


def _line(text: str, colour: str | None, style: Style) -> str:
    shown = visible(text)
    return style(shown, colour) if colour else shown


def summary_line(plan: Plan) -> str:
    s = plan.summary()
    return (f"Plan: {s['create']} to create, {s['update']} to update, "
            f"{s['replace']} to replace, {s['delete']} to delete.")


def render_plan(plan: Plan, style: Style) -> str:
    lines: list[str] = []
    for warning in plan.warnings:
        lines.append(_line(f"Warning: {warning}", "yellow", style))
    if lines:
        lines.append("")
    if plan.empty:
        lines.append("No changes. The live pools match the spec.")
        return "\n".join(lines) + "\n"
    lines.append("cognito-reconciler will perform these actions, in this order:")
    lines.append("")
    for change in plan.changes:
        lines.extend(render_change(change, style))
        lines.append("")
    lines.append(style(summary_line(plan), "bold"))
    return "\n".join(lines) + "\n"
