"""Reasons write values in the plan's notation, never as Python reprs (issue 13)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reconciler.plan.build import Observed, make_plan
from reconciler.spec.desired import desired_pools
from reconciler.spec.loader import load_spec
from tests.cases.test_cases import live_pools

CASES = Path(__file__).parents[2] / "cases"


def test_replace_reason_uses_json_notation(monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES / "client-replace"
    monkeypatch.chdir(case)
    monkeypatch.setenv("CASE_SECRET", "x")
    live = live_pools(case)
    plan = make_plan([Observed(pool=p, live=live.get(p.name), region="us-east-1")
                      for p in desired_pools(load_spec(["spec.yaml"]))])
    reasons = " ".join(c.reason or "" for c in plan.changes)
    assert '(["email"] -> ["phone_number"])' in reasons
    assert "['email']" not in reasons
    assert "True" not in reasons and "False" not in reasons


@pytest.mark.parametrize("case", sorted(p for p in CASES.iterdir() if (p / "spec.yaml").exists()),
                         ids=lambda p: p.name)
def test_no_reason_or_warning_of_any_case_holds_a_python_repr(
        case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case)
    monkeypatch.setenv("CASE_SECRET", "x")
    live = live_pools(case)
    plan = make_plan([Observed(pool=p, live=live.get(p.name), region="us-east-1")
                      for p in desired_pools(load_spec(["spec.yaml"]))])
    texts = [c.reason or "" for c in plan.changes] + [w for c in plan.changes for w in c.warnings]
    texts += [w.message for w in plan.warnings]
    for text in texts:
        assert not re.search(r"\['|'\]|\bTrue\b|\bFalse\b|\bNone\b", text), text
