"""load_spec: files, folders, merging, locations and the digest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from _spec_helpers import POOL, WORKSHOP, problems, write

from reconciler.errors import Location, SpecError
from reconciler.spec import LoadedSpec, load_spec
from reconciler.spec.loader import SpecPath


def test_workshop_loads_cleanly() -> None:
    spec = load_spec([str(WORKSHOP)], environ={})
    assert spec.warnings == []
    pool = spec.data["user_pools"][0]
    assert pool["pool_name"] == "workshop-users"
    assert pool["mfa_configuration"] == "OFF"
    assert pool["schema"][1]["string_attribute_constraints"] == {
        "min_length": "1",
        "max_length": "64",
    }
    assert spec.data["version"] == 1
    assert spec.env_paths == set()
    assert len(spec.digest) == 64


def test_locations_are_one_based_and_point_at_keys_and_items() -> None:
    spec = load_spec([str(WORKSHOP)], environ={})
    file = str(WORKSHOP)
    lines = WORKSHOP.read_text(encoding="utf-8").splitlines()

    def line_of(text: str) -> int:
        return next(i for i, line in enumerate(lines, 1) if text in line)

    assert spec.locations[()] == Location(file, line_of("version: 1"), 1)
    assert spec.locations[("user_pools", 0)] == Location(file, line_of("- pool_name"), 5)
    assert spec.locations[("user_pools", 0, "mfa_configuration")] == Location(
        file, line_of("mfa_configuration:"), 5
    )
    client = ("user_pools", 0, "clients", 0)
    flow: SpecPath = (*client, "explicit_auth_flows", 1)
    assert spec.locations[flow] == Location(file, line_of("- ALLOW_REFRESH_TOKEN_AUTH"), 13)
    # locate() falls back to the nearest located ancestor
    deep: SpecPath = (*client, "token_validity_units", "nope", 3)
    units: SpecPath = (*client, "token_validity_units")
    assert spec.locate(deep) == spec.locations[units]


def test_data_is_plain_dicts_and_lists() -> None:
    spec = load_spec([str(WORKSHOP)], environ={})

    def check(value: object) -> None:
        assert type(value) in (dict, list, str, int, bool, float, type(None))
        if isinstance(value, dict):
            for item in value.values():
                check(item)
        elif isinstance(value, list):
            for item in value:
                check(item)

    check(spec.data)


def test_several_files_concatenate_pools(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", POOL.format(name="one"))
    b = write(tmp_path, "b.yaml", POOL.format(name="two") + "  - pool_name: three\n")
    spec = load_spec([b, a], environ={})
    assert [p["pool_name"] for p in spec.data["user_pools"]] == ["two", "three", "one"]
    assert spec.locations[("user_pools", 2)] == Location(a, 3, 5)
    assert spec.locations[("user_pools", 1, "pool_name")] == Location(b, 4, 5)


def test_errors_use_merged_indexes_and_each_files_own_positions(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", POOL.format(name="one"))
    b = write(tmp_path, "b.yaml", "version: 2\nuser_pools:\n  - pool_name: two\n    bogus: 1\n")
    assert problems([a, b], environ={}) == [
        f"{b}:1:10: error: version: must be 1, not 2 (at version)",
        f"{b}:4:5: error: unknown key 'bogus' in user_pools[1] (at user_pools[1].bogus)",
    ]


def test_folders_are_read_recursively_and_sorted(tmp_path: Path) -> None:
    write(tmp_path, "specs/b.yml", POOL.format(name="b"))
    write(tmp_path, "specs/a.yaml", POOL.format(name="a"))
    write(tmp_path, "specs/nested/c.yaml", POOL.format(name="c"))
    write(tmp_path, "specs/notes.txt", "not a spec")
    write(tmp_path, "specs/.hidden/d.yaml", "garbage: [")
    spec = load_spec([str(tmp_path / "specs")], environ={})
    assert [p["pool_name"] for p in spec.data["user_pools"]] == ["a", "b", "c"]


def test_a_path_given_twice_is_read_once(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", POOL.format(name="one"))
    spec = load_spec([a, str(tmp_path), a, str(tmp_path / "." / "a.yaml")], environ={})
    assert len(spec.data["user_pools"]) == 1


def test_variables_sections_merge(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", "version: 1\nvariables: {x: one}\nuser_pools: []\n")
    b = write(
        tmp_path,
        "b.yaml",
        "version: 1\nvariables: {x: one, y: two}\nuser_pools:\n  - pool_name: ${var:x}-${var:y}\n",
    )
    spec = load_spec([a, b], environ={})
    assert spec.data["variables"] == {"x": "one", "y": "two"}
    assert spec.data["user_pools"][0]["pool_name"] == "one-two"


def test_a_variable_defined_differently_in_two_files_is_an_error(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", "version: 1\nvariables: {x: one}\nuser_pools: []\n")
    b = write(tmp_path, "b.yaml", "version: 1\nvariables:\n  x: two\nuser_pools: []\n")
    assert problems([a, b], environ={}) == [
        f"{a}:2:13: warning: variable x is never used (set by variables:)",
        f"{b}:3:3: error: variable x is defined as 'one' at {a}:2:13 and as 'two' here "
        "(at variables.x)",
    ]


def test_digest_covers_files_and_variable_values(tmp_path: Path) -> None:
    text = POOL.format(name="p-${var:suffix}")
    a = write(tmp_path, "a.yaml", text)
    first = load_spec([a], cli_vars={"suffix": "1"}, environ={})
    again = load_spec([a], cli_vars={"suffix": "1"}, environ={})
    other_value = load_spec([a], cli_vars={"suffix": "2"}, environ={})
    assert first.digest == again.digest
    assert first.digest != other_value.digest
    write(tmp_path, "a.yaml", text + "    mfa_configuration: 'OFF'\n")
    assert load_spec([a], cli_vars={"suffix": "1"}, environ={}).digest != first.digest


def test_digest_is_independent_of_argument_order(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", POOL.format(name="one"))
    b = write(tmp_path, "b.yaml", POOL.format(name="two"))
    assert load_spec([a, b], environ={}).digest == load_spec([b, a], environ={}).digest


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    broken = write(tmp_path, "broken.yaml", "version: 1\nuser_pools: [\n")
    bad = write(tmp_path, "bad.yaml", POOL.format(name="x") + "    mfa_configuration: OFF\n")
    missing = str(tmp_path / "missing.yaml")
    lines = problems([broken, bad, missing], environ={})
    assert [line.split(": error: ")[0] for line in lines] == sorted(
        [f"{broken}:3:1", f"{bad}:4:24", f"{missing}:1:1"]
    )


def test_spec_error_str_is_one_line_per_problem(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.yaml", "version: 1\nuser_pools:\n  - {}\n  - {}\n")
    with pytest.raises(SpecError) as caught:
        load_spec([bad], environ={})
    assert str(caught.value).splitlines() == [
        f"{bad}:3:5: error: missing required key 'pool_name' in user_pools[0] (at user_pools[0])",
        f"{bad}:4:5: error: missing required key 'pool_name' in user_pools[1] (at user_pools[1])",
    ]


def test_workshop_copy_is_the_shared_example(tmp_path: Path) -> None:
    shared = Path("/work/shared/examples/workshop.yaml")
    if not shared.exists():
        pytest.skip("shared example not present")
    copy = tmp_path / "workshop.yaml"
    shutil.copy(shared, copy)
    assert isinstance(load_spec([str(copy)], environ={}), LoadedSpec)


def test_no_paths_is_an_error() -> None:
    assert problems([], environ={}) == ["<command line>:1:1: error: no spec files or folders given"]


def test_yaml_merge_keys_and_anchors(tmp_path: Path) -> None:
    spec_file = write(
        tmp_path,
        "a.yaml",
        """\
version: 1
user_pools:
  - pool_name: p
    clients:
      - &web
        client_name: web
        generate_secret: false
        explicit_auth_flows: [ALLOW_REFRESH_TOKEN_AUTH]
      - <<: *web
        client_name: web2
""",
    )
    spec = load_spec([spec_file], environ={})
    clients = spec.data["user_pools"][0]["clients"]
    assert clients[1] == {
        "client_name": "web2",
        "generate_secret": False,
        "explicit_auth_flows": ["ALLOW_REFRESH_TOKEN_AUTH"],
    }
    assert spec.locations[("user_pools", 0, "clients", 1, "client_name")] == Location(
        spec_file, 10, 9
    )


def test_parse_findings_use_merged_pool_indexes(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", POOL.format(name="one"))
    b = write(tmp_path, "b.yaml", POOL.format(name="two") + "    pool_name: three\n")
    assert problems([a, b], environ={}) == [
        f"{b}:4:5: error: duplicate key 'pool_name' (first given on line 3) "
        "(at user_pools[1].pool_name)"
    ]
