"""Golden cases per rule: a spec that trips it, one that doesn't, one that accepts it.

cases/<RULE>/trips.yaml, passes.yaml, accepts.yaml; the text review of trips.yaml is
the golden trips.txt (UPDATE_GOLDEN=1 regenerates it, on purpose only).
"""

from __future__ import annotations

import pytest
from _review_helpers import CASES, review_file, update_golden

from reconciler.review.catalog import RULES
from reconciler.review.model import Severity
from reconciler.review.render import render_text

RULE_IDS = [rule.id for rule in RULES]


def test_every_rule_has_its_three_cases() -> None:
    assert sorted(p.name for p in CASES.iterdir() if p.is_dir()) == sorted(RULE_IDS)


@pytest.mark.parametrize("rule", RULE_IDS)
def test_trips(rule: str, monkeypatch: pytest.MonkeyPatch) -> None:
    review = review_file(CASES / rule, "trips.yaml", monkeypatch)
    hits = [f for f in review.findings if f.rule.id == rule]
    assert hits and all(f.open for f in hits)
    golden = CASES / rule / "trips.txt"
    actual = render_text(review, Severity.LOW)
    if update_golden() or not golden.exists():
        golden.write_text(actual)
    assert actual == golden.read_text(), f"{golden} differs (UPDATE_GOLDEN=1 to accept)"


@pytest.mark.parametrize("rule", RULE_IDS)
def test_passes(rule: str, monkeypatch: pytest.MonkeyPatch) -> None:
    review = review_file(CASES / rule, "passes.yaml", monkeypatch)
    assert review.findings == []


@pytest.mark.parametrize("rule", RULE_IDS)
def test_accepts(rule: str, monkeypatch: pytest.MonkeyPatch) -> None:
    review = review_file(CASES / rule, "accepts.yaml", monkeypatch)
    hits = [f for f in review.findings if f.rule.id == rule]
    assert hits and all(not f.open and f.accepted for f in hits)
    # Accepted findings stay listed, with the reason, and stop counting for the exit code.
    text = render_text(review, Severity.LOW)
    assert f"accepted {hits[0].severity.label}: {rule}" in text
    assert f"accepted because: {hits[0].accepted}" in text
    assert not [f for f in review.open_at_or_above(Severity.LOW) if f.rule.id == rule]
    # Only the rule named is accepted: the other findings of the same spec stay open.
    others = [f for f in review.findings if f.rule.id != rule]
    assert all(f.open for f in others)

