"""Write the status column of docs/fidelity.md: sourced, sandbox-tested, snapshot-confirmed.

    python tools/fidelity_status.py          # rewrite the column in place
    python tools/fidelity_status.py --check  # exit 1 if it is stale or a named test is missing

Each table row is ``behaviour | source | sandbox test | tool test`` (plus the status
this writes). The status comes from the row and the snapshots alone:
- sourced: the source cell is not empty (nor "-");
- sandbox-tested: the sandbox test cell names at least one test, and every test the
  row names (in either test cell) exists; a named test that doesn't is an error;
- snapshot: "recorded" when a snapshot recorded from AWS lists the row in its
  ``confirms`` (a phrase of the behaviour cell), "documented" when only snapshots
  transcribed from AWS's published examples or quoted errors do, else "none".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIDELITY = REPO / "docs" / "fidelity.md"
SNAPSHOTS = REPO / "tests" / "aws" / "snapshots"
HEADER = ("behaviour", "source", "sandbox test", "tool test")
STATUS = "status"
_CELL = re.compile(r"(?<!\\)\|")
# `tests/x/test_y.py::test_z`, or `::test_z` continuing the last file named.
_TEST_REF = re.compile(r"(tests/[\w/]+\.py)?::(\w+)")
_EMPTY = {"", "-", "\u2014", "\u2013"}  # empty, a hyphen, an em or en dash


@dataclass
class Row:
    line: int  # index into the file's lines
    cells: list[str]

    @property
    def behaviour(self) -> str:
        return self.cells[0]


@dataclass
class Evidence:
    recorded: int = 0
    documented: int = 0
    files: list[str] = field(default_factory=list)


def split_row(line: str) -> list[str]:
    return [c.strip() for c in _CELL.split(line.strip())[1:-1]]


def rows(lines: list[str]) -> list[Row]:
    """The body rows of every table whose header starts with HEADER."""
    found: list[Row] = []
    in_table = False
    for index, line in enumerate(lines):
        if not line.startswith("|"):
            in_table = False
            continue
        cells = split_row(line)
        if tuple(c.lower() for c in cells[:4]) == HEADER:
            in_table = True
            continue
        if in_table and not set("".join(cells)) <= set("-: "):
            found.append(Row(index, cells))
    return found


def test_refs(cell: str) -> list[tuple[str, str]]:
    refs: list[tuple[str, str]] = []
    current = ""
    for match in _TEST_REF.finditer(cell):
        current = match.group(1) or current
        if current:
            refs.append((current, match.group(2)))
    return refs


def missing_tests(refs: list[tuple[str, str]], root: Path = REPO) -> list[str]:
    missing = []
    for path, name in refs:
        file = root / path
        if not file.exists() or not re.search(
                rf"^\s*(async\s+)?def {re.escape(name)}\(", file.read_text(), re.M):
            missing.append(f"{path}::{name}")
    return missing


def snapshot_evidence(rows_: list[Row], root: Path = SNAPSHOTS) -> tuple[
        dict[int, Evidence], list[str]]:
    """Which rows each snapshot confirms; problems for phrases matching no row or several."""
    evidence: dict[int, Evidence] = {}
    problems: list[str] = []
    for path in sorted(root.glob("*/*.json")):
        if path.name.endswith(".new.json"):
            continue
        data = json.loads(path.read_text())
        kind = data.get("provenance", {}).get("kind")
        for phrase in data.get("confirms", []):
            matches = [r for r in rows_ if phrase in r.behaviour]
            name = path.relative_to(root).as_posix()
            if len(matches) != 1:
                problems.append(f"{name}: confirms {phrase!r}, which matches "
                                f"{len(matches)} rows of docs/fidelity.md (needs exactly 1)")
                continue
            item = evidence.setdefault(matches[0].line, Evidence())
            if kind == "recorded":
                item.recorded += 1
            else:
                item.documented += 1
            item.files.append(name)
    return evidence, problems


def status_of(row: Row, evidence: Evidence | None, root: Path = REPO) -> tuple[str, list[str]]:
    source, sandbox, tool = [*row.cells, "", "", ""][1:4]
    sandbox_refs, tool_refs = test_refs(sandbox), test_refs(tool)
    problems = [f"names a test that doesn't exist: {m}"
                for m in missing_tests(sandbox_refs + tool_refs, root)]
    parts = ["sourced" if source.strip() not in _EMPTY else "not sourced",
             "sandbox-tested" if sandbox_refs else "not sandbox-tested"]
    if evidence is None:
        parts.append("snapshot: none")
    else:
        # Known differences are not counted here: a snapshot's list is about the whole
        # answer, not about the row; they are in the snapshot file, each with its reason.
        parts.append(f"snapshot: {'recorded' if evidence.recorded else 'documented'}")
    return " · ".join(parts), problems


def render(text: str, root: Path = REPO, snapshots: Path = SNAPSHOTS) -> tuple[str, list[str]]:
    """The document with every status cell written, and the problems found."""
    lines = text.split("\n")
    found = rows(lines)
    evidence, problems = snapshot_evidence(found, snapshots)
    for row in found:
        status, row_problems = status_of(row, evidence.get(row.line), root)
        problems += [f"docs/fidelity.md:{row.line + 1}: {p}" for p in row_problems]
        lines[row.line] = "| " + " | ".join([*row.cells[:4], status]) + " |"
    for index, line in enumerate(lines):
        cells = split_row(line) if line.startswith("|") else []
        if tuple(c.lower() for c in cells[:4]) == HEADER:
            lines[index] = "| " + " | ".join([*HEADER, STATUS]) + " |"
            if index + 1 < len(lines) and lines[index + 1].startswith("|"):
                lines[index + 1] = "|" + " --- |" * 5
    return "\n".join(lines), problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if the file is stale or a test is missing")
    args = parser.parse_args(argv)
    text = FIDELITY.read_text()
    new, problems = render(text)
    for problem in problems:
        print(problem, file=sys.stderr)
    if args.check:
        if new != text:
            print("docs/fidelity.md: the status column is stale: run "
                  "`python tools/fidelity_status.py`", file=sys.stderr)
            return 1
        return 1 if problems else 0
    if new != text:
        FIDELITY.write_text(new)
        print("docs/fidelity.md: status column rewritten")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
