"""The plan as text, in the style Terraform users read every day."""

from __future__ import annotations

import json
from typing import Any

from reconciler.plan.model import SENSITIVE, Action, Change, Plan
from reconciler.render.escape import visible
from reconciler.render.style import Style

SYMBOLS = {Action.CREATE: ("+", "green"), Action.UPDATE: ("~", "yellow"),
           Action.DELETE: ("-", "red"), Action.REPLACE: ("-/+", "magenta")}
ALLOW_REPLACE = "--allow-replace"
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
    lines += _losses(change)
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


def _losses(change: Change) -> list[tuple[str, str | None]]:
    """What a replace costs, said where the replace is shown (JSON: users_lost,
    destroys, recreates; Markdown renders the same keys)."""
    if change.action != Action.REPLACE:
        return []
    lines: list[tuple[str, str | None]] = []
    if change.users_lost is not None:
        lines.append((f"      users lost: {change.users_lost} (every user of the pool, with "
                      "their passwords, MFA devices and group memberships)", "red"))
        if change.destroys:
            lines.append(("      destroys, not re-created:", "red"))
            lines += [(f"        - {address}", "red") for address in change.destroys]
        if change.recreates:
            lines.append(("      re-creates, with new ids:", None))
            lines += [(f"        + {address}", None) for address in change.recreates]
    lines.append((f"      apply needs {ALLOW_REPLACE}", "red"))
    return lines


def replace_refusal(change: Change) -> str:
    """Why apply refuses a replace it wasn't given consent for, with what it costs."""
    cost = ""
    if change.users_lost is not None:
        cost = (f"; it deletes {change.users_lost} users and {len(change.destroys)} other "
                "resources that are not re-created (listed in the plan above)")
    return visible(f"{change.address} must be replaced ({change.reason}){cost}; pass "
                   f"{ALLOW_REPLACE} to consent")


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
    if plan.requires_allow_replace:
        lines.append(style(f"This plan replaces resources: apply refuses it without "
                           f"{ALLOW_REPLACE}.", "red"))
    return "\n".join(lines) + "\n"
