"""The plan as text, in the style Terraform users read every day.

Drawn from the same document as the JSON plan (reconciler/render/plan_data.py),
Terraform's way, so the two can't disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from reconciler.plan.model import Action, Change, Plan
from reconciler.render.escape import visible
from reconciler.render.field_lines import as_text, field_lines, known_lines
from reconciler.render.plan_data import STRICT_MEANING, plan_data, strict_pools
from reconciler.render.style import Style

SYMBOLS = {Action.CREATE: ("+", "green"), Action.UPDATE: ("~", "yellow"),
           Action.DELETE: ("-", "red"), Action.REPLACE: ("-/+", "magenta")}
ALLOW_REPLACE = "--allow-replace"
VERBS = {Action.CREATE: "will be created", Action.UPDATE: "will be updated in place",
         Action.DELETE: "will be deleted", Action.REPLACE: "must be replaced"}
LINE_COLOURS = {"+": "green", "-": "red", "~": "yellow"}
FIELD_INDENT = 6


def render_change(change: Mapping[str, Any], style: Style) -> list[str]:
    """One change of the plan document (``plan_data``)."""
    action = Action(change["action"])
    symbol, color = SYMBOLS[action]
    name = str(change["address"]).rsplit(".", 1)[-1] if "name" not in change else change["name"]
    live_id = change.get("id")
    ident = f" ({live_id})" if live_id and live_id != name else ""
    # (text, colour) pairs; every line is made visible before it is coloured, so a
    # name can't smuggle a control sequence in, while the colour codes still work.
    lines: list[tuple[str, str | None]] = [
        (f"  # {change['address']} {VERBS[action]}", "bold"),
        (f"  {symbol} {change.get('kind', 'resource')} \"{name}\"{ident}", color)]
    if change.get("reason"):
        lines.append((f"      reason: {change['reason']}", None))
    if change.get("blocked"):
        lines.append((f"      blocked: {change['blocked']}", "red"))
    lines += _losses(change)
    nested = field_lines(change.get("fields") or [], create=action == Action.CREATE)
    nested += known_lines(change.get("known_after_apply") or [])
    lines += [(text, LINE_COLOURS.get(sym)) for text, sym in as_text(nested, FIELD_INDENT)]
    for warning in change.get("warnings") or []:
        lines.append((f"      warning: {warning}", "yellow"))
    calls: Sequence[str] = change.get("call_notes") or change.get("calls") or []
    if calls:
        lines.append((f"      calls: {', '.join(calls)}", "dim"))
    else:
        lines.append(("      calls: none (goes with its pool)", "dim"))
    return [_line(text, colour, style) for text, colour in lines]


def _losses(change: Mapping[str, Any]) -> list[tuple[str, str | None]]:
    """What a replace costs, said where the replace is shown (JSON: users_lost,
    destroys, recreates; Markdown renders the same keys)."""
    if change.get("action") != Action.REPLACE.value:
        return []
    lines: list[tuple[str, str | None]] = []
    users = change.get("users_lost")
    if users is not None:
        lines.append((f"      users lost: {users} (every user of the pool, with "
                      "their passwords, MFA devices and group memberships)", "red"))
        if change.get("destroys"):
            lines.append(("      destroys, not re-created:", "red"))
            lines += [(f"        - {address}", "red") for address in change["destroys"]]
        if change.get("recreates"):
            lines.append(("      re-creates, with new ids:", None))
            lines += [(f"        + {address}", None) for address in change["recreates"]]
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


def target_lines(pools: Sequence[Mapping[str, Any]]) -> list[str]:
    """Where each pool is: a pool's region beats every default (issue 13 trap 2), so
    the reviewer sees it, with the endpoint and, once the pool exists, the account."""
    lines = []
    for pool in pools:
        endpoint = f", endpoint {pool['endpoint']}" if pool.get("endpoint") else ""
        account = f", account {pool['account']}" if pool.get("account") else ""
        strict = ", strict mode" if pool.get("strict") else ""
        lines.append(f"  {pool['address']}: region {pool['region']}{endpoint}{account}{strict}")
    if strict_pools(pools):
        lines.append(f"  strict mode: {STRICT_MEANING}")
    return lines


def render_plan(plan: Plan, style: Style) -> str:
    data = plan_data(plan)
    # The calls with their notes ("full update: 7 fields"): text only, not a JSON key.
    for change, doc in zip(plan.changes, data["changes"], strict=True):
        doc["name"] = change.name
        doc["call_notes"] = [r.describe() for r in change.requests]
    lines: list[str] = []
    for warning in plan.warnings:
        lines.append(_line(f"Warning: {warning}", "yellow", style))
    if lines:
        lines.append("")
    if data["pools"]:
        lines.append("Pools:")
        lines += [_line(text, None, style) for text in target_lines(data["pools"])]
        lines.append("")
    if plan.empty:
        lines.append("No changes. The live pools match the spec.")
        return "\n".join(lines) + "\n"
    lines.append("cognito-reconciler will perform these actions, in this order:")
    lines.append("")
    for doc in data["changes"]:
        lines.extend(render_change(doc, style))
        lines.append("")
    lines.append(style(summary_line(plan), "bold"))
    if plan.requires_allow_replace:
        lines.append(style(f"This plan replaces resources: apply refuses it without "
                           f"{ALLOW_REPLACE}.", "red"))
    return "\n".join(lines) + "\n"
