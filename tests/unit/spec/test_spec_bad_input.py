"""Hostile and broken input: one exact FILE:LINE:COL line each, never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

from _spec_helpers import POOL, problems, write

from reconciler.spec import load_spec
from reconciler.spec.yaml_source import MAX_FILE_BYTES


def test_non_utf8_file(tmp_path: Path) -> None:
    f = write(tmp_path, "a.yaml", b"version: 1\nuser_pools:\n  - pool_name: caf\xe9\n")
    assert problems([f]) == [f"{f}:3:19: error: not UTF-8 text (byte 0xe9): save the file as UTF-8"]


def test_utf16_file(tmp_path: Path) -> None:
    f = write(tmp_path, "a.yaml", POOL.format(name="p").encode("utf-16"))
    assert problems([f]) == [f"{f}:1:1: error: the file is UTF-16 encoded: save it as UTF-8"]


def test_binary_file(tmp_path: Path) -> None:
    f = write(tmp_path, "logo.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert problems([f]) == [
        f"{f}:3:1: error: this is a binary file (it holds a NUL byte), not YAML text"
    ]


def test_utf8_bom_is_accepted_and_columns_are_unchanged(tmp_path: Path) -> None:
    f = write(tmp_path, "a.yaml", "\ufeffversion: 1\nuser_pools:\n  - pool_name: p\n    x: 1\n")
    assert problems([f]) == [
        f"{f}:4:5: error: unknown key 'x' in user_pools[0] (at user_pools[0].x)"
    ]
    ok = write(tmp_path, "b.yaml", "\ufeff" + POOL.format(name="p"))
    assert load_spec([ok], environ={}).data["user_pools"][0]["pool_name"] == "p"


def test_tab_indentation(tmp_path: Path) -> None:
    f = write(tmp_path, "a.yaml", "version: 1\nuser_pools:\n\t- pool_name: p\n")
    assert problems([f]) == [
        f"{f}:3:1: error: a tab is used for indentation: YAML indents with spaces only, "
        "replace the tab with spaces"
    ]


def test_tab_inside_an_indented_block(tmp_path: Path) -> None:
    f = write(tmp_path, "a.yaml", "version: 1\nuser_pools:\n  - pool_name: p\n  \t  x: 1\n")
    assert problems([f]) == [
        f"{f}:4:3: error: a tab is used for indentation: YAML indents with spaces only, "
        "replace the tab with spaces"
    ]


def test_alias_expansion_bomb(tmp_path: Path) -> None:
    lines = ["version: 1", "l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):  # 10**9 values if expanded
        refs = ", ".join([f"*l{level - 1}"] * 10)
        lines.append(f"l{level}: &l{level} [{refs}]")
    lines.append("user_pools: []")
    f = write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n")
    started = time.monotonic()
    found = problems([f])
    assert time.monotonic() - started < 10
    # Reported at the alias (*l3, in l4's list) whose expansion crosses the limit.
    assert found == [f"{f}:6:45: error: aliases expand to more than 100,000 values"]


def test_too_many_aliases(tmp_path: Path) -> None:
    refs = ", ".join(["*a"] * 101)
    f = write(tmp_path, "a.yaml", f"version: 1\nx: &a [1]\ny: [{refs}]\nuser_pools: []\n")
    column = len("y: [") + len("*a, ") * 100 + 1
    assert problems([f]) == [
        f"{f}:3:{column}: error: more than 100 aliases (*name): refusing to expand them"
    ]


def test_recursive_alias(tmp_path: Path) -> None:
    f = write(tmp_path, "a.yaml", "version: 1\nuser_pools: &a [*a]\n")
    assert problems([f]) == [f"{f}:2:17: error: an alias refers to its own anchor (a cycle)"]


def test_file_over_10_mib(tmp_path: Path) -> None:
    f = write(tmp_path, "big.yaml", b"#" * (MAX_FILE_BYTES + 1))
    assert problems([f]) == [
        f"{f}:1:1: error: the file is larger than 10 MiB: refusing to read it as a spec"
    ]


def test_empty_file(tmp_path: Path) -> None:
    f = write(tmp_path, "empty.yaml", "")
    comments = write(tmp_path, "comments.yaml", "# nothing yet\n")
    message = "error: the file is empty: a spec needs 'version: 1' and 'user_pools'"
    assert problems([f, comments]) == [f"{comments}:1:1: {message}", f"{f}:1:1: {message}"]


def test_deep_nesting(tmp_path: Path) -> None:
    f = write(tmp_path, "deep.yaml", "version: 1\nuser_pools: " + "[" * 500 + "]" * 500 + "\n")
    assert problems([f]) == [f"{f}:2:112: error: nested more than 100 levels deep"]


def test_deep_nesting_through_aliases(tmp_path: Path) -> None:
    # Each anchor is 60 deep; nesting one inside another reaches 120 only on expansion.
    inner = "[" * 60 + "]" * 60
    outer = "[" * 60 + "*a" + "]" * 60
    f = write(tmp_path, "a.yaml", f"version: 1\nx: &a {inner}\ny: {outer}\nuser_pools: []\n")
    assert problems([f]) == [f"{f}:3:64: error: nested more than 100 levels deep"]


def test_folder_without_spec_files(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    write(tmp_path, "empty/readme.md", "# hi")
    folder = str(tmp_path / "empty")
    assert problems([folder]) == [f"{folder}:1:1: error: no *.yaml or *.yml files in this folder"]


def test_missing_file(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.yaml")
    assert problems([missing]) == [f"{missing}:1:1: error: no such file or folder"]


def test_duplicate_keys(tmp_path: Path) -> None:
    f = write(
        tmp_path,
        "a.yaml",
        "version: 1\nuser_pools:\n  - pool_name: p\n    policies: {}\n    pool_name: q\n"
        "    policies: {}\nversion: 1\n",
    )
    assert problems([f]) == [
        f"{f}:5:5: error: duplicate key 'pool_name' (first given on line 3) "
        "(at user_pools[0].pool_name)",
        f"{f}:6:5: error: duplicate key 'policies' (first given on line 4) "
        "(at user_pools[0].policies)",
        f"{f}:7:1: error: duplicate key 'version' (first given on line 1) (at version)",
    ]


def test_yaml_syntax_error(tmp_path: Path) -> None:
    f = write(tmp_path, "a.yaml", "version: 1\nuser_pools:\n  - pool_name: [p\n")
    assert problems([f]) == [
        f"{f}:4:1: error: YAML: while parsing a flow sequence (from line 3); "
        "did not find expected ',' or ']'"
    ]


def test_two_documents_in_one_file(tmp_path: Path) -> None:
    f = write(tmp_path, "a.yaml", POOL.format(name="a") + "---\n" + POOL.format(name="b"))
    assert problems([f]) == [
        f"{f}:4:1: error: a spec file holds one YAML document; a second starts here"
    ]


def test_control_character(tmp_path: Path) -> None:
    f = write(tmp_path, "a.yaml", "version: 1\nuser_pools:\n  - pool_name: \x07p\n")
    assert problems([f]) == [f"{f}:3:16: error: YAML: control characters are not allowed"]


def test_top_level_not_a_mapping(tmp_path: Path) -> None:
    f = write(tmp_path, "a.yaml", "- pool_name: p\n")
    assert problems([f]) == [
        f"{f}:1:1: error: the top level must be a mapping with 'version: 1' and 'user_pools'"
    ]


def test_unsupported_tags_and_complex_keys(tmp_path: Path) -> None:
    f = write(
        tmp_path,
        "a.yaml",
        "version: 1\nuser_pools:\n  - pool_name: !!python/name:os.system p\n    ? [a]\n    : 1\n",
    )
    assert problems([f]) == [
        f"{f}:3:16: error: unsupported YAML tag tag:yaml.org,2002:python/name:os.system",
        f"{f}:4:7: error: a key must be a plain name, not a mapping or a list",
    ]


def test_huge_integer(tmp_path: Path) -> None:
    f = write(tmp_path, "a.yaml", POOL.format(name="p") + "    x: 1" + "0" * 5000 + "\n")
    assert problems([f]) == [
        f"{f}:4:5: error: unknown key 'x' in user_pools[0] (at user_pools[0].x)",
        f"{f}:4:8: error: this number is too large",
    ]


def test_a_folder_given_as_a_var_file(tmp_path: Path) -> None:
    f = write(tmp_path, "a.yaml", POOL.format(name="p"))
    assert problems([f], var_files=[str(tmp_path)]) == [
        f"{tmp_path}:1:1: error: is a folder, not a file"
    ]
