"""Accepting a finding in the spec: where the comment may stand, and what it needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from _review_helpers import CASES, ENVIRON, ROOT, WORKSHOP

from reconciler.errors import SpecError
from reconciler.review.engine import Review, review_spec
from reconciler.spec.loader import load_spec

FLOW = "          - ALLOW_USER_PASSWORD_AUTH"


def _spec_with(tmp_path: Path, old: str, new: str) -> Review:
    text = (CASES / "CR301" / "trips.yaml").read_text()
    assert old in text
    spec = tmp_path / "spec.yaml"
    spec.write_text(text.replace(old, new, 1))
    return review_spec(load_spec([str(spec)], environ=ENVIRON))


def _cr301(review: Review) -> list[str | None]:
    return [f.accepted for f in review.findings if f.rule.id == "CR301"]


def test_without_a_reason_the_finding_stays_open_and_a_warning_says_why(tmp_path: Path) -> None:
    review = _spec_with(tmp_path, FLOW, FLOW + "  # cognito-reconciler: accept CR301")
    assert _cr301(review) == [None]
    assert [n.message for n in review.notes] == [
        "'accept CR301' has no reason: write 'accept RULE-ID because ...'; "
        "the finding stays open"]
    assert review.notes[0].location.line == 42


def test_a_comment_alone_on_the_line_above_the_key(tmp_path: Path) -> None:
    above = "          # cognito-reconciler: accept CR301 because user migration\n" + FLOW
    assert _cr301(_spec_with(tmp_path, FLOW, above)) == ["user migration"]


def test_a_comment_on_an_enclosing_key_covers_what_is_inside(tmp_path: Path) -> None:
    review = _spec_with(tmp_path, "      - client_name: web",
                        "      - client_name: web  # cognito-reconciler: accept CR301, CR305 "
                        "because a migration client")
    assert _cr301(review) == ["a migration client"]


def test_a_comment_naming_another_rule_accepts_nothing(tmp_path: Path) -> None:
    review = _spec_with(tmp_path, FLOW,
                        FLOW + "  # cognito-reconciler: accept CR302 because not this one")
    assert _cr301(review) == [None]


def test_a_comment_two_lines_above_is_not_on_the_key(tmp_path: Path) -> None:
    far = ("          # cognito-reconciler: accept CR301 because too far\n"
           "          - ALLOW_CUSTOM_AUTH\n" + FLOW)
    assert _cr301(_spec_with(tmp_path, FLOW, far)) == [None]


def test_the_walkthrough_spec_names_its_password_flow(monkeypatch: pytest.MonkeyPatch) -> None:
    review = review_spec(load_spec([str(WORKSHOP)], environ={}))
    flows = [f for f in review.findings if f.rule.id == "CR301"]
    assert len(flows) == 1 and flows[0].open
    assert "ALLOW_USER_PASSWORD_AUTH" in flows[0].message
    assert flows[0].shown_path == "user_pools[0].clients[0].explicit_auth_flows[0]"
    lines = WORKSHOP.read_text().splitlines()
    assert lines[flows[0].location.line - 1].strip() == "- ALLOW_USER_PASSWORD_AUTH"


def test_review_imports_no_aws_sdk() -> None:
    code = (
        "import json, sys\n"
        "from reconciler.cli import main\n"
        "try:\n"
        f"    main(['review', '--format', 'sarif', {str(WORKSHOP)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('boto3', 'botocore', 's3transfer', 'moto'))), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=ROOT)
    assert '"CR301"' in result.stdout  # it did review
    assert result.stderr.strip().splitlines()[-1] == "[]"


# --- the review: block ------------------------------------------------------------------


def _with_block(tmp_path: Path, block: str) -> Review:
    spec = tmp_path / "spec.yaml"
    spec.write_text((CASES / "CR301" / "trips.yaml").read_text() + block)
    return review_spec(load_spec([str(spec)], environ=ENVIRON))


def test_a_review_block_accepts_for_one_pool_and_client(tmp_path: Path) -> None:
    review = _with_block(tmp_path, "review:\n  accept:\n    - {rule: CR301, pool: review-cr301,"
                         " client: web, because: migration}\n")
    assert _cr301(review) == ["migration"]
    assert review.notes == []


def test_a_review_block_for_another_pool_accepts_nothing_and_says_so(tmp_path: Path) -> None:
    review = _with_block(tmp_path, "review:\n  accept:\n"
                         "    - rule: CR301\n      pool: elsewhere\n      because: migration\n")
    assert _cr301(review) == [None]
    [note] = review.notes
    assert note.severity == "warning" and note.location.line == 59
    assert "review.accept CR301: no finding matches it" in note.message


def test_a_review_block_in_another_file_of_the_spec_counts(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text((CASES / "CR301" / "trips.yaml").read_text())
    (tmp_path / "b.yaml").write_text("version: 1\nuser_pools: []\nreview:\n  accept:\n"
                                     "    - {rule: CR301, because: migration}\n")
    review = review_spec(load_spec([str(tmp_path)], environ=ENVIRON))
    assert _cr301(review) == ["migration"]


def test_a_review_block_without_a_reason_is_a_spec_error(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text((CASES / "CR301" / "trips.yaml").read_text()
                    + "review:\n  accept:\n    - {rule: CR301}\n")
    with pytest.raises(SpecError) as raised:
        load_spec([str(spec)], environ=ENVIRON)
    assert any("because" in d.message and d.location.line == 59
               for d in raised.value.diagnostics), raised.value
