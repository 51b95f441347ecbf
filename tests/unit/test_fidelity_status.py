"""tools/fidelity_status.py: docs/fidelity.md's status column is current, and every test
a row names exists."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


status = _load("fidelity_status", REPO / "tools" / "fidelity_status.py")

DOC = """# Fidelity
## A section
| behaviour | source | sandbox test | tool test |
| --- | --- | --- | --- |
| Missing domain: "No such domain" | TF | tests/sandbox/test_x.py::test_one, ::test_two | - |
| Unsourced guess | - | — | tests/unit/test_y.py::test_three |
"""


def _repo(tmp_path: Path, *tests: tuple[str, str]) -> Path:
    for path, name in tests:
        file = tmp_path / path
        file.parent.mkdir(parents=True, exist_ok=True)
        with file.open("a") as out:
            out.write(f"def {name}():\n    pass\n")
    return tmp_path


def _snapshot(root: Path, name: str, kind: str, confirms: list[str], known: int = 0) -> None:
    folder = root / "Op"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.json").write_text(json.dumps({
        "provenance": {"kind": kind}, "confirms": confirms,
        "known_differences": {f"f{i}": "why" for i in range(known)}}))


def test_docs_fidelity_md_is_current_and_names_only_existing_tests():
    text = (REPO / "docs" / "fidelity.md").read_text()
    new, problems = status.render(text)
    assert problems == []
    assert new == text, "docs/fidelity.md is stale: run `python tools/fidelity_status.py`"


def test_the_three_states_come_from_the_row_and_the_snapshots(tmp_path):
    root = _repo(tmp_path, ("tests/sandbox/test_x.py", "test_one"),
                 ("tests/sandbox/test_x.py", "test_two"), ("tests/unit/test_y.py", "test_three"))
    snaps = tmp_path / "snapshots"
    _snapshot(snaps, "a", "documented", ["No such domain"], known=2)
    new, problems = status.render(DOC, root, snaps)
    assert problems == []
    rows = [line for line in new.splitlines() if line.startswith("| ")]
    assert rows[0] == "| behaviour | source | sandbox test | tool test | status |"
    assert rows[1] == "| --- | --- | --- | --- | --- |"
    assert rows[2].endswith(
        "| sourced · sandbox-tested · snapshot: documented |")
    assert rows[3].endswith("| not sourced · not sandbox-tested · snapshot: none |")
    # Rendering again changes nothing: the column is rewritten, not appended to.
    assert status.render(new, root, snaps) == (new, [])

    _snapshot(snaps, "b", "recorded", ["No such domain"])
    recorded, _ = status.render(DOC, root, snaps)
    assert "| sourced · sandbox-tested · snapshot: recorded |" in recorded


def test_a_named_test_that_does_not_exist_is_reported(tmp_path):
    root = _repo(tmp_path, ("tests/sandbox/test_x.py", "test_one"),
                 ("tests/unit/test_y.py", "test_three"))
    _, problems = status.render(DOC, root, tmp_path / "none")
    assert problems == ["docs/fidelity.md:5: names a test that doesn't exist: "
                        "tests/sandbox/test_x.py::test_two"]


def test_a_confirms_phrase_must_name_exactly_one_row(tmp_path):
    root = _repo(tmp_path, ("tests/sandbox/test_x.py", "test_one"),
                 ("tests/sandbox/test_x.py", "test_two"), ("tests/unit/test_y.py", "test_three"))
    snaps = tmp_path / "snapshots"
    _snapshot(snaps, "a", "documented", ["nothing like it", "u"])
    _, problems = status.render(DOC, root, snaps)
    assert problems == [
        "Op/a.json: confirms 'nothing like it', which matches 0 rows of docs/fidelity.md "
        "(needs exactly 1)",
        "Op/a.json: confirms 'u', which matches 2 rows of docs/fidelity.md (needs exactly 1)"]


def test_the_check_mode_fails_on_a_stale_file(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "fidelity.md"
    stale.write_text(DOC)
    monkeypatch.setattr(status, "FIDELITY", stale)
    assert status.main(["--check"]) == 1
    assert "the status column is stale" in capsys.readouterr().err
    assert stale.read_text() == DOC


def test_every_phrase_the_suites_cases_confirm_names_one_row():
    cases = _load("aws_cases", REPO / "tests" / "aws" / "cases.py")
    lines = (REPO / "docs" / "fidelity.md").read_text().split("\n")
    rows = status.rows(lines)
    for case in cases.CASES:
        for phrase in case["confirms"]:
            assert len([r for r in rows if phrase in r.behaviour]) == 1, phrase
