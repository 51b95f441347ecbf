"""Names and values from the spec or from Cognito can't spoof lines of a plan.

A pool, client or group name may hold an escape sequence, a carriage return or a
bidirectional override; printed raw on a terminal, such a name can erase or fake
the lines around it (issue 12.11). Text and Markdown plans show them escaped.
"""

from __future__ import annotations

from reconciler.plan.model import Action, Change, FieldChange, Plan, PlanWarning, Request
from reconciler.render.escape import visible
from reconciler.render.markdown import render_markdown
from reconciler.render.style import Style
from reconciler.render.text import render_plan

POOL = "user_pool.shop"
# ESC [2K erases the line, CR returns to its start, U+202E reverses what follows,
# U+2028 is a line break to some terminals and editors, DEL and a C1 CSI.
HOSTILE = "evil\x1b[2K\r  # nothing to do\u202e\u2028\x7f\x9b"
CONTROL = ("\x1b", "\r", "\u202e", "\u2028", "\x7f", "\x9b")


def hostile_plan() -> Plan:
    change = Change(
        address=f"{POOL}.group.{HOSTILE}", kind="group", name=HOSTILE, action=Action.UPDATE,
        region="us-east-1", pool_address=POOL, live_id=f"id-{HOSTILE}",
        fields=[FieldChange(f"description{HOSTILE}", "old", HOSTILE),
                FieldChange("precedence", {HOSTILE: 1}, {HOSTILE: 2})],
        reason=f"because {HOSTILE}", blocked=f"blocked {HOSTILE}",
        warnings=[f"warned {HOSTILE}"],
        requests=[Request("UpdateGroup", {}, note=f"note {HOSTILE}")])
    delete = Change(address=f"{POOL}.client.{HOSTILE}", kind="client", name=HOSTILE,
                    action=Action.DELETE, region="us-east-1", pool_address=POOL,
                    reason=HOSTILE, requests=[])
    return Plan(changes=[change, delete], warnings=[PlanWarning(f"{POOL}.x{HOSTILE}", HOSTILE)])


def test_visible_escapes_every_control_character_and_keeps_the_rest() -> None:
    assert visible("plain name-1_ok é 名") == "plain name-1_ok é 名"
    shown = visible(HOSTILE)
    assert not any(c in shown for c in CONTROL)
    assert "\\x1b[2K" in shown and "\\r" in shown and "\\u202e" in shown
    assert "\\u2028" in shown and "\\x7f" in shown and "\\x9b" in shown
    assert visible("a\nb\tc") == "a\\nb\\tc"


def test_text_plan_prints_no_control_character() -> None:
    for style in (Style(False), Style(True)):
        text = render_plan(hostile_plan(), style)
        # Colour codes are the renderer's own ESC sequences; strip them first.
        plain = text.replace("\x1b[0m", "")
        for code in ("\x1b[1m", "\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[35m", "\x1b[2m"):
            plain = plain.replace(code, "")
        assert not any(c in plain for c in CONTROL if c != "\n"), repr(plain)
        assert "\\x1b[2K\\r" in plain
        # Every hostile string kept its place on one line.
        assert all("# nothing to do" not in line or "\\r" in line for line in plain.split("\n"))


def test_markdown_plan_prints_no_control_character() -> None:
    markdown = render_markdown(hostile_plan())
    assert not any(c in markdown for c in CONTROL), repr(markdown)
    assert "x1b" in markdown and "u202e" in markdown
