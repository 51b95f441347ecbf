"""The plan as text, in the style Terraform users read every day."""

from __future__ import annotations

import json
from typing import Any

from reconciler.plan.model import SENSITIVE, Action, Change, Plan
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
    lines = [style(f"  # {change.address} {VERBS[change.action]}", "bold")]
    lines.append(style(f"  {symbol} {change.kind} \"{change.name}\"{ident}", color))
    if change.reason:
        lines.append(f"      reason: {change.reason}")
    if change.blocked:
        lines.append(style(f"      blocked: {change.blocked}", "red"))
    for field in change.fields:
        before, after = (SENSITIVE, SENSITIVE) if field.sensitive else (
            value_text(field.before), value_text(field.after))
        if change.action == Action.CREATE or field.before is None:
            lines.append(style(f"      + {field.path} = {after}", "green"))
        elif field.after is None:
            lines.append(style(f"      - {field.path} = {before}", "red"))
        else:
            lines.append(style(f"      ~ {field.path}: {before} -> {after}", "yellow"))
    for warning in change.warnings:
        lines.append(style(f"      warning: {warning}", "yellow"))
    if change.requests:
        calls = ", ".join(r.describe() for r in change.requests)
        lines.append(style(f"      calls: {calls}", "dim"))
    else:
        lines.append(style("      calls: none (goes with its pool)", "dim"))
    return lines


def summary_line(plan: Plan) -> str:
    s = plan.summary()
    return (f"Plan: {s['create']} to create, {s['update']} to update, "
            f"{s['replace']} to replace, {s['delete']} to delete.")


def render_plan(plan: Plan, style: Style) -> str:
    lines: list[str] = []
    for warning in plan.warnings:
        lines.append(style(f"Warning: {warning}", "yellow"))
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
