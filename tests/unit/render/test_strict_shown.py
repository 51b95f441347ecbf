"""Issue 13 strict mode: every renderer says which pools were planned in strict mode,
so a reviewer knows that parts the spec doesn't name are being deleted."""

from __future__ import annotations

import json

from reconciler.model import DesiredPool, LivePart, LivePool
from reconciler.plan.build import Observed, make_plan
from reconciler.plan.model import Plan
from reconciler.render.json_plan import render_json
from reconciler.render.markdown import render_markdown
from reconciler.render.style import Style
from reconciler.render.text import render_plan
from reconciler.spec.strict import strict_pool

LIVE_GROUP = {"GroupName": "made-by-hand", "UserPoolId": "us-east-1_abc"}


def _plan() -> Plan:
    strict = DesiredPool(name="strict-one", settings={"PoolName": "strict-one"})
    strict_pool(strict)
    normal = DesiredPool(name="normal-one", settings={"PoolName": "normal-one"})
    live = LivePool(pool_id="us-east-1_abc", describe={"Id": "us-east-1_abc",
                                                       "Name": "strict-one"},
                    mfa={}, parts={"groups": [LivePart(document=dict(LIVE_GROUP))]})
    return make_plan([Observed(strict, live, "us-east-1"), Observed(normal, None, "us-east-1")])


def test_json_marks_each_pool_strict_or_not_as_an_added_key() -> None:
    data = json.loads(render_json(_plan()))
    assert {p["address"]: p["strict"] for p in data["pools"]} == {
        "user_pool.strict-one": True, "user_pool.normal-one": False}
    # The contract's keys are untouched.
    assert {"format_version", "summary", "changes"} <= set(data)


def test_text_names_the_strict_pool_and_what_strict_mode_deletes() -> None:
    text = render_plan(_plan(), Style(False))
    [strict_line] = [line for line in text.splitlines() if "user_pool.strict-one:" in line]
    assert "strict mode" in strict_line
    [normal_line] = [line for line in text.splitlines() if "user_pool.normal-one:" in line]
    assert "strict" not in normal_line
    assert "parts the spec doesn't name are deleted" in text


def test_markdown_names_the_strict_pool_and_what_strict_mode_deletes() -> None:
    markdown = render_markdown(_plan())
    [line] = [line for line in markdown.splitlines() if line.startswith("**Strict mode**")]
    assert "`user_pool.strict-one`" in line and "normal-one" not in line
    assert "parts the spec doesn't name are deleted" in line


def test_a_plan_without_strict_pools_says_nothing_of_it() -> None:
    plain = DesiredPool(name="p", settings={"PoolName": "p"})
    plan = make_plan([Observed(plain, None, "us-east-1")])
    assert "strict" not in render_plan(plan, Style(False)).lower()
    assert "strict" not in render_markdown(plan).lower()


def test_markdown_golden_of_a_strict_plan() -> None:
    """The whole Markdown plan of a strict pool, pinned (UPDATE_GOLDEN=1 regenerates)."""
    import os
    from pathlib import Path

    golden = Path(__file__).parent / "golden" / "strict-plan.md"
    actual = render_markdown(_plan())
    if os.environ.get("UPDATE_GOLDEN") == "1" or not golden.exists():
        golden.write_text(actual)
    assert actual == golden.read_text(), f"{golden} differs (UPDATE_GOLDEN=1 to accept)"
