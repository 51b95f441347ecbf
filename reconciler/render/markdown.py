"""The plan as Markdown for a pull-request comment (GitHub-flavoured).

Rendered from the JSON plan (reconciler/render/plan_data.py, the document
``plan --json`` prints), so the text, JSON and Markdown views can't disagree. A
change's fields are the text plan's nested blocks, in a ``diff`` code block;
destructive changes come first, and short ones are left open (issue 13).

Every value from the spec or from Cognito is escaped: names, values, reasons and
warnings may hold ``|``, ``<``, backticks, ``*``, ``$`` and the like. Output is a
pure function of the plan, so re-running on the same plan gives the same bytes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

from reconciler.plan.model import Plan
from reconciler.render.escape import visible
from reconciler.render.field_lines import Line, field_lines, known_lines
from reconciler.render.plan_data import STRICT_MEANING, plan_data, strict_pools

# A hidden line that lets a CI job find and update its own earlier comment.
MARKER = "<!-- cognito-reconciler-plan -->"
TITLE = "### Cognito plan"
NO_CHANGES = "**No changes.** The live pools match the spec."
POOL_KIND = "user_pool"

VERBS = {"create": "create", "update": "update in place", "replace": "replace",
         "delete": "delete"}
# A change whose fields take at most this many lines is shown open: a reviewer
# reads it without a click; longer ones stay folded under their summary line.
OPEN_LINES = 20
DESTRUCTIVE = ("replace", "delete")
# Prose (reasons, warnings) is backslash-escaped. Values, paths and addresses are
# code spans, inside which nothing is interpreted (no emphasis, links, autolinks,
# math, mentions or HTML); only a table cell needs its `|` escaped, which GFM
# undoes inside code spans. A <summary> line is raw HTML, so there they are HTML.
_PROSE_ESCAPED = frozenset("\\`*[]<>|~$&")


def code(text: str, in_table: bool = False) -> str:
    """``text`` as an inline code span that nothing in it can break out of."""
    text = _one_line(text)
    if not text.strip():
        return html_code(text)
    if in_table:
        text = text.replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    if text[0] in "` " or text[-1] in "` ":
        text = f" {text} "  # CommonMark strips one space from each side
    return f"{fence}{text}{fence}"


def html_code(text: str) -> str:
    """``text`` as <code> for raw-HTML places such as <summary>."""
    return f"<code>{html.escape(_one_line(text), quote=False)}</code>"


def prose(text: str) -> str:
    """``text`` as plain Markdown text: no emphasis, links, HTML, math or table cells."""
    text = _one_line(text)
    out = []
    for index, char in enumerate(text):
        if char in _PROSE_ESCAPED or (char == "_" and not _intraword(text, index)):
            out.append("\\")
        out.append(char)
    return "".join(out)


def _intraword(text: str, index: int) -> bool:
    # An underscore between two alphanumerics can neither open nor close emphasis.
    return 0 < index < len(text) - 1 and text[index - 1].isalnum() and text[index + 1].isalnum()


def _one_line(text: str) -> str:
    # Line breaks become spaces (a table row or list item is one line); every other
    # control or format character is shown escaped, as in the text plan.
    return visible(" ".join(text.replace("\r\n", "\n").split("\n")))


def summary_line(summary: Mapping[str, int]) -> str:
    return (f"**Plan: {summary.get('create', 0)} to create, {summary.get('update', 0)} to "
            f"update, {summary.get('replace', 0)} to replace, {summary.get('delete', 0)} "
            "to delete.**")


def _kind(change: Mapping[str, Any]) -> str:
    kind = change.get("kind")
    if isinstance(kind, str):
        return kind
    # A plan read back from JSON: a pool's own calls name it (addresses can't tell,
    # since a pool name may hold dots).
    calls = change.get("calls") or []
    if any(c in ("CreateUserPool", "DeleteUserPool", "UpdateUserPool") for c in calls):
        return POOL_KIND
    return POOL_KIND if str(change.get("address", "")).count(".") == 1 else "resource"


def _is_pool_replace(change: Mapping[str, Any]) -> bool:
    return change.get("action") == "replace" and _kind(change) == POOL_KIND


def _pool_replace_alert(change: Mapping[str, Any]) -> list[str]:
    users = change.get("users_lost")
    # A plan saved before users_lost existed still says what a replace costs.
    lost = (f"Users lost: {int(users)}, every user of the pool" if isinstance(users, int)
            else "Every user in it is lost")
    lines = [
        "> [!CAUTION]",
        f"> **The user pool {code(change['address'])} will be REPLACED: it is deleted and "
        f"created anew. {prose(lost)} (with their passwords, MFA devices and group "
        "memberships).** This can't be undone. Apply refuses it unless `--allow-replace` "
        "is given.",
    ]
    if change.get("reason"):
        lines += [">", f"> Reason: {prose(str(change['reason']))}"]
    destroys = change.get("destroys") or []
    if destroys:
        lines += [">", "> Destroyed and not re-created:"]
        lines += [f"> - {code(str(address))}" for address in destroys]
    recreates = change.get("recreates") or []
    if recreates:
        lines += [">", "> Re-created in the new pool, with new ids:"]
        lines += [f"> - {code(str(address))}" for address in recreates]
    return lines


def _attention(changes: Sequence[Mapping[str, Any]]) -> list[str]:
    """Pool replaces first and loudest, then every replace and delete, then blocks."""
    lines: list[str] = []
    for change in changes:
        if _is_pool_replace(change):
            lines += [*_pool_replace_alert(change), ""]
    risky = [c for c in changes if c.get("action") == "replace"]
    risky += [c for c in changes if c.get("action") == "delete"]
    if risky:
        lines += ["#### Replacements and deletions", ""]
        for change in risky:
            reason = f": {prose(str(change['reason']))}" if change.get("reason") else ""
            lines.append(f"- **{prose(str(change['action']))}** {code(change['address'])}{reason}")
        lines.append("")
    blocked = [c for c in changes if c.get("blocked")]
    if blocked:
        lines += ["#### Blocked: apply will refuse these", ""]
        lines += [f"- {code(c['address'])}: {prose(str(c['blocked']))}" for c in blocked]
        lines.append("")
    return lines


def _warnings(warnings: Sequence[Mapping[str, Any]]) -> list[str]:
    if not warnings:
        return []
    lines = ["#### Warnings", ""]
    lines += [f"- {code(str(w['address']))}: {prose(str(w['message']))}" for w in warnings]
    return [*lines, ""]


def _nested(change: Mapping[str, Any]) -> list[Line]:
    fields: Sequence[Mapping[str, Any]] = change.get("fields") or []
    lines = field_lines(fields, create=change.get("action") == "create")
    return lines + known_lines(change.get("known_after_apply") or [])


def _field_block(lines: Sequence[Line]) -> list[str]:
    """The text plan's nested blocks as a ``diff`` code block: the symbol in the first
    column (so GitHub colours + and - lines), the nesting after it."""
    if not lines:
        return []
    body = [visible(f"{symbol} {'    ' * depth}{text}".rstrip()) for depth, symbol, text in lines]
    # A fence longer than any backtick run inside, so no value can close it.
    longest = max((len(run) for line in body for run in re.findall("`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}diff", *body, fence, ""]


def _details(change: Mapping[str, Any]) -> list[str]:
    action = str(change["action"])
    count = len(change.get("fields") or [])
    address, live_id = str(change["address"]), change.get("id")
    # An id that is just the name (a group's, say) is already in the address.
    shown = live_id and not address.endswith(f".{live_id}")
    ident = f" {html_code(str(live_id))}" if shown else ""
    counted = f" ({count} field{'' if count == 1 else 's'})" if count else ""
    region = f" in {html_code(str(change['region']))}" if change.get("region") else ""
    nested = _nested(change)
    tag = "<details open>" if len(nested) <= OPEN_LINES else "<details>"
    lines = [f"{tag}<summary><b>{html.escape(VERBS.get(action, action))}</b> "
             f"{html_code(address)}{ident}{region}{counted}</summary>", ""]
    if change.get("reason"):
        lines += [f"**Reason:** {prose(str(change['reason']))}", ""]
    if change.get("blocked"):
        lines += [f"**Blocked:** {prose(str(change['blocked']))}", ""]
    for warning in change.get("warnings") or []:
        lines += [f"**Warning:** {prose(str(warning))}", ""]
    lines += _field_block(nested)
    calls = change.get("calls") or []
    if calls:
        lines += ["Calls: " + ", ".join(code(str(c)) for c in calls), ""]
    else:
        lines += ["Calls: none (goes with its pool)", ""]
    return [*lines, "</details>", ""]


def _pools(pools: Sequence[Mapping[str, Any]]) -> list[str]:
    """Where each pool is: region, endpoint and, once the pool exists, the account."""
    if not pools:
        return []
    lines = ["#### Pools", "", "| Pool | Region | Endpoint | Account |",
             "| --- | --- | --- | --- |"]
    for pool in pools:
        account, endpoint = pool.get("account"), pool.get("endpoint")
        lines.append("| " + " | ".join([
            code(str(pool["address"]), in_table=True), code(str(pool["region"]), in_table=True),
            code(str(endpoint), in_table=True) if endpoint else "_(not known)_",
            code(str(account), in_table=True) if account else "_(known once the pool exists)_",
        ]) + " |")
    lines.append("")
    strict = strict_pools(pools)
    if strict:
        lines += [f"**Strict mode** for {', '.join(code(a) for a in strict)}: "
                  f"{prose(STRICT_MEANING)}.", ""]
    return lines


def render_markdown_data(data: Mapping[str, Any]) -> str:
    """Markdown from a JSON plan (``Plan.to_json()``, or the ``plan`` of a saved plan)."""
    changes: Sequence[Mapping[str, Any]] = data.get("changes") or []
    lines = [MARKER, TITLE, ""]
    if not changes:
        lines += [NO_CHANGES, "", *_warnings(data.get("warnings") or []),
                  *_pools(data.get("pools") or [])]
        return "\n".join(lines).rstrip("\n") + "\n"
    lines += [summary_line(data.get("summary") or {}), ""]
    if data.get("requires_allow_replace") or any(
            c.get("action") == "replace" for c in changes):
        lines += ["Apply refuses this plan without `--allow-replace`: it replaces resources.",
                  ""]
    lines += _attention(changes)
    lines += _warnings(data.get("warnings") or [])
    lines += _pools(data.get("pools") or [])
    # Destructive changes first, where a reviewer looks first; apply's own order
    # (dependencies first) is kept within each group.
    lines += ["#### Changes, replacements and deletions first", ""]
    ordered = [c for c in changes if c.get("action") in DESTRUCTIVE]
    ordered += [c for c in changes if c.get("action") not in DESTRUCTIVE]
    for change in ordered:
        lines += _details(change)
    return "\n".join(lines).rstrip("\n") + "\n"


def render_markdown(plan: Plan) -> str:
    return render_markdown_data(plan_data(plan))
