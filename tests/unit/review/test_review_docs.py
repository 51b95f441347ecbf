"""docs/rules.md has a page for every rule, with its severity and the control it mirrors."""

from __future__ import annotations

import re

from _review_helpers import ROOT

from reconciler.review.catalog import RULES

DOC = (ROOT / "docs" / "rules.md").read_text()


def _section(rule_id: str) -> str:
    match = re.search(rf"^## {rule_id}\n(.*?)(?=^## |\Z)", DOC, flags=re.S | re.M)
    assert match, f"docs/rules.md has no section for {rule_id}"
    return match.group(1)


def test_every_rule_has_its_page() -> None:
    documented = re.findall(r"^## (CR\d+)$", DOC, flags=re.M)
    assert documented == [rule.id for rule in RULES]
    for rule in RULES:
        section = _section(rule.id)
        assert f"**{rule.title}** — {rule.severity.label}" in section
        if rule.control:
            assert f"Security Hub **{rule.control}**" in section
        else:
            assert "Security Hub **" not in section
