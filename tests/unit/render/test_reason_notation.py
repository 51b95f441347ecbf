"""Reasons write values in the plan's notation, never as Python reprs (issue 13)."""

from __future__ import annotations

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
