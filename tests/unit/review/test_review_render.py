"""The four output formats; SARIF validated against the published 2.1.0 JSON Schema
(vendored from oasis-tcs/sarif-spec, sarif-2.1/schema/sarif-schema-2.1.0.json)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from _review_helpers import CASES, ENVIRON, HERE

from reconciler.review.catalog import RULES
from reconciler.review.engine import Review, review_spec
from reconciler.review.model import Severity
from reconciler.review.render import render_json, render_markdown, render_sarif, render_text
from reconciler.spec.loader import load_spec

SARIF_SCHEMA = json.loads((HERE / "sarif-schema-2.1.0.json").read_text())


def _review(folder: str, name: str, monkeypatch: pytest.MonkeyPatch) -> Review:
    monkeypatch.chdir(CASES / folder)
    return review_spec(load_spec([name], environ=ENVIRON))


def test_sarif_validates_against_the_published_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    review = _review("CR308", "accepts.yaml", monkeypatch)  # one open, one accepted finding
    log = json.loads(render_sarif(review, Severity.HIGH))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [r.id for r in RULES]
    results = {r["ruleId"]: r for r in run["results"]}
    where = results["CR302"]["locations"][0]["physicalLocation"]
    # Relative to where it ran: code scanning places it on the pull request's line.
    assert where == {"artifactLocation": {"uri": "accepts.yaml"},
                     "region": {"startLine": 49, "startColumn": 37}}
    assert "suppressions" not in results["CR302"]
    assert results["CR308"]["suppressions"] == [
        {"kind": "inSource", "justification": "the implicit grant is retired next release"}]
    assert run["tool"]["driver"]["rules"][results["CR302"]["ruleIndex"]]["id"] == "CR302"


def test_the_schema_check_is_real() -> None:
    # A log without the version is refused: the vendored schema does validate.
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SARIF_SCHEMA).validate({"runs": []})


def test_json_lists_open_and_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    review = _review("CR308", "accepts.yaml", monkeypatch)
    data = json.loads(render_json(review, Severity.MEDIUM))
    assert data["summary"] == {"high": 0, "medium": 1, "low": 0, "accepted": 1, "failing": 1}
    accepted = [f for f in data["findings"] if f["accepted"]]
    assert [(f["rule"], f["file"], f["line"], f["col"]) for f in accepted] == [
        ("CR308", "accepts.yaml", 49, 37)]
    assert accepted[0]["reason"] == "the implicit grant is retired next release"


def test_markdown_escapes_what_the_spec_says(monkeypatch: pytest.MonkeyPatch) -> None:
    review = _review("CR308", "accepts.yaml", monkeypatch)
    text = render_markdown(review, Severity.HIGH)
    assert text.startswith("<!-- cognito-reconciler-review -->\n### Cognito review\n")
    assert "| medium | CR302 OAuth implicit grant |" in text
    assert "accepted (the implicit grant is retired next release)" in text
    for line in text.splitlines():
        if line.startswith("| ") and "---" not in line:
            assert line.count(" | ") == 4  # one row, five cells: nothing broke the table


def test_no_secret_reaches_any_output(monkeypatch: pytest.MonkeyPatch) -> None:
    review = _review("CR401", "trips.yaml", monkeypatch)
    assert [f.rule.id for f in review.findings] == ["CR401"]
    for render in (render_text, render_json, render_markdown, render_sarif):
        assert "corp-literal-secret-9f2b" not in render(review, Severity.HIGH)


def test_a_hostile_reason_cannot_break_the_markdown(tmp_path: Path) -> None:
    text = (CASES / "CR301" / "trips.yaml").read_text().replace(
        "          - ALLOW_USER_PASSWORD_AUTH",
        "          - ALLOW_USER_PASSWORD_AUTH  # cognito-reconciler: accept CR301 because "
        "a | b `code` <img src=x> [link](http://x) *bold*")
    spec = tmp_path / "spec.yaml"
    spec.write_text(text)
    review = review_spec(load_spec([str(spec)], environ=ENVIRON))
    markdown = render_markdown(review, Severity.HIGH)
    [row] = [line for line in markdown.splitlines() if "CR301" in line]
    assert row.count(" | ") == 4
    # Everything Markdown or HTML would read is backslash-escaped: it shows as typed.
    assert "a \\| b \\`code\\` \\<img src=x\\> \\[link\\](http://x) \\*bold\\*" in row
