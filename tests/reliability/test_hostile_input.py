"""Hostile specs through the CLI: validate, plan and apply refuse each one cleanly.

For every bad input: exit 1, a ``FILE:LINE:COL: error:`` line saying what's wrong
(or a refusal for size), no traceback, not one request reaching the sandbox.
Time and peak Python memory are measured and recorded, never asserted (CI
machines vary); docs/reliability.md quotes them. The spec loader's own unit
tests (tests/unit/spec/test_spec_bad_input.py) pin the exact messages; these
pin the CLI's behaviour around them.
"""

from __future__ import annotations

import re
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from e2e.cli import run, run_process

from .helpers import Figures, clear_requests, requests

COMMANDS = (["validate"], ["plan"], ["plan", "--json"], ["apply", "--auto-approve"])
POOL = "version: 1\nuser_pools:\n  - pool_name: p\n"


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], str]  # writes the input under a folder, returns the path to give
    expect: str  # a fragment of the error message
    where: str | None = None  # "LINE:COL" of the first error, when it's worth pinning
    errors: int | None = None  # how many error lines, when it's worth pinning


def _file(name: str, content: str | bytes) -> Callable[[Path], str]:
    def build(folder: Path) -> str:
        path = folder / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return str(path)

    return build


def _alias_bomb() -> str:
    lines = ["version: 1", "l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):  # 10**9 values if expanded
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 10) + "]")
    return "\n".join([*lines, "user_pools: []"]) + "\n"


def _many_files(count: int) -> Callable[[Path], str]:
    def build(folder: Path) -> str:
        specs = folder / "specs"
        specs.mkdir()
        for index in range(count):
            (specs / f"pool{index:05d}.yaml").write_text(
                f"version: 1\nuser_pools:\n  - pool_name: p{index}\n    bogus: {index}\n")
        return str(specs)

    return build


def _device(path: str) -> Callable[[Path], str]:
    return lambda folder: path


MIB = 1024 * 1024
CASES = [
    Case("alias bomb", _file("bomb.yaml", _alias_bomb()),
         "aliases expand to more than 100,000 values", "6:45"),
    Case("too many aliases", _file("aliases.yaml", "version: 1\nx: &a [1]\ny: ["
                                   + ", ".join(["*a"] * 101) + "]\nuser_pools: []\n"),
         "more than 100 aliases"),
    Case("very large file", _file("big.yaml", "version: 1\nuser_pools: []\n# "
                                  + "x" * (11 * MIB) + "\n"),
         "larger than 10 MiB: refusing to read it", "1:1"),
    Case("endless device file", _device("/dev/zero"), "larger than 10 MiB", "1:1"),
    Case("deep nesting", _file("deep.yaml", "version: 1\nuser_pools: " + "[" * 50_000
                               + "]" * 50_000 + "\n"),
         "nested more than 100 levels deep"),
    Case("deep mapping nesting", _file("deepmap.yaml", POOL + "    x: " + "{a: " * 5000 + "1"
                                       + "}" * 5000 + "\n"),
         "nested more than 100 levels deep"),
    Case("non-UTF-8", _file("latin1.yaml", b"version: 1\nuser_pools:\n  - pool_name: caf\xe9\n"),
         "not UTF-8 text (byte 0xe9)", "3:19"),
    Case("UTF-16", _file("utf16.yaml", POOL.encode("utf-16")), "UTF-16 encoded", "1:1"),
    Case("binary", _file("logo.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary file"),
    Case("tabs", _file("tabs.yaml", "version: 1\nuser_pools:\n\t- pool_name: p\n"),
         "a tab is used for indentation", "3:1"),
    Case("BOM (columns unchanged)", _file("bom.yaml", "\ufeff" + POOL + "    x: 1\n"),
         "unknown key 'x'", "4:5"),
    Case("CRLF line ends", _file("crlf.yaml", (POOL + "    x: 1\n").replace("\n", "\r\n")),
         "unknown key 'x'", "4:5"),
    Case("duplicate keys", _file("dup.yaml", POOL + "    pool_name: q\n"),
         "duplicate key 'pool_name' (first given on line 3)", "4:5"),
    Case("wrong types", _file("types.yaml", "version: 1\nuser_pools:\n  - pool_name: [a]\n"
                              "    policies: {password_policy: {minimum_length: eight}}\n"),
         "expected a string, got a list", "3:16", errors=2),
    Case("unknown keys", _file("unknown.yaml", POOL + "    bogus: 1\n    clients:\n"
                               "      - {client_name: c, secret: x}\n"),
         "unknown key 'bogus'", "4:5", errors=2),
    Case("unquoted OFF", _file("off.yaml", POOL + "    mfa_configuration: OFF\n"),
         "unquoted OFF is read by YAML 1.1 as the boolean false", "4:24"),
    Case("path and shell characters in names",
         _file("shell.yaml", 'version: 1\nuser_pools:\n  - pool_name: "$(rm -rf ~); ../../etc"\n'
                             '    clients:\n      - client_name: "`reboot`|/bin/sh"\n'
                             '    groups:\n      - group_name: "../../../root"\n'),
         "does not match the pattern AWS requires", "3:16"),
    Case("strings over Cognito's limits",
         _file("long.yaml", 'version: 1\nuser_pools:\n  - pool_name: "' + "p" * 129 + '"\n'
                            '    email_verification_subject: "' + "s" * 141 + '"\n'
                            '    clients:\n      - client_name: "' + "c" * 129 + '"\n'),
         "must be at most 128 characters long (it has 129)", "3:16", errors=3),
    Case("numbers out of range", _file("range.yaml", POOL + "    policies:\n      password_policy:"
                                       "\n        minimum_length: 200\n"),
         "minimum_length"),
    Case("huge integer", _file("hugeint.yaml", POOL + "    policies: {password_policy: "
                               "{minimum_length: " + "9" * 5000 + "}}\n"),
         "this number is too large"),
    Case("empty file", _file("empty.yaml", ""), "the file is empty", "1:1"),
    Case("only a comment", _file("comment.yaml", "# nothing here\n"), "the file is empty"),
    Case("top level not a mapping", _file("null.yaml", "~\n"),
         "the top level must be a mapping", "1:1"),
    Case("code-running YAML tag", _file("tag.yaml", "version: 1\nuser_pools:\n"
                                        '  - !!python/object/apply:os.system ["echo pwned"]\n'),
         "unsupported YAML tag"),
    Case("control characters", _file("ctrl.yaml", 'version: 1\nuser_pools:\n'
                                      '  - pool_name: "p\x07q"\n'),
         "control characters are not allowed"),
    Case("a 2 MB key", _file("longline.yaml", POOL + "    " + "k" * 2_000_000 + ": 1\n"),
         "YAML: while scanning a simple key"),
    Case("a directory of thousands of files", _many_files(3000), "unknown key 'bogus'",
         errors=3000),
]


def first_error(err: str) -> re.Match[str] | None:
    return re.search(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): error: (?P<message>.*)$",
                     err, re.MULTILINE)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_spec_is_refused_without_a_call(case: Case, sandbox_url: str, tmp_path: Path,
                                               figures: Figures) -> None:
    target = case.build(tmp_path)
    clear_requests(sandbox_url)
    timings = {}
    for command in COMMANDS:
        measure = command == ["validate"]  # tracemalloc slows a run down a lot: once is enough
        if measure:
            tracemalloc.start()
        started = time.monotonic()
        result = run(sandbox_url, *command, target)
        elapsed = time.monotonic() - started
        if measure:
            timings["validate peak MiB"] = round(tracemalloc.get_traced_memory()[1] / MIB, 1)
            tracemalloc.stop()
        else:
            timings[" ".join(command) + " s"] = round(elapsed, 3)
        assert result.code == 1, result.text
        assert "Traceback" not in result.text and "internal error" not in result.text
        match = first_error(result.err)
        assert match is not None, result.err[:2000]
        assert match["file"].startswith(target)
        assert case.expect in result.err, result.err[:2000]
        if case.where:
            assert f"{match['line']}:{match['col']}" == case.where, result.err[:2000]
        if case.errors is not None:
            lines = [line for line in result.err.splitlines() if ": error: " in line]
            assert len(lines) == case.errors, result.err[:2000]
        assert result.err.rstrip().endswith("nothing was read or changed.")
        assert result.out == ""
    assert requests(sandbox_url) == []  # not one call reached Cognito
    figures.record("hostile_inputs", **{case.name: timings})
    figures.record("hostile_inputs_total", inputs=1, runs=len(COMMANDS))


def test_hostile_variable_values_are_checked_and_hidden(sandbox_url: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    evil = "$(reboot); ../../etc/passwd"
    monkeypatch.setenv("EVIL", evil)
    spec = tmp_path / "env.yaml"
    spec.write_text('version: 1\nuser_pools:\n  - pool_name: "${env:EVIL}"\n')
    clear_requests(sandbox_url)
    for command in COMMANDS:
        result = run(sandbox_url, *command, str(spec))
        assert result.code == 1
        assert f"{spec}:3:16: error: pool_name: the value (hidden) does not match" in result.err
        assert evil not in result.text  # an ${env:...} value may be a secret: never echoed
    assert requests(sandbox_url) == []


@pytest.mark.parametrize("name", ["alias bomb", "very large file", "deep nesting",
                                  "a directory of thousands of files"])
def test_worst_inputs_as_a_real_process(name: str, sandbox_url: str, tmp_path: Path,
                                       figures: Figures) -> None:
    [case] = [case for case in CASES if case.name == name]
    target = case.build(tmp_path)
    clear_requests(sandbox_url)
    started = time.monotonic()
    result = run_process(sandbox_url, "plan", target)
    elapsed = time.monotonic() - started
    assert result.code == 1
    assert "Traceback" not in result.text
    assert first_error(result.err) is not None
    assert requests(sandbox_url) == []
    figures.record("hostile_inputs_process", **{name: round(elapsed, 2)})
