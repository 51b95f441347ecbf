"""`validate DIR` doesn't read variable files as specs (issue 13, trap 9).

The rule (docs/getting-started.md): in a folder, a file named by --var-file is a
variable file, not a spec; and a file whose top level has neither `version:` nor
`user_pools:` is not a spec either (a var file is a flat NAME: value mapping): it is
skipped with a warning naming it. A file named on the command line is always read
as a spec, so its mistakes are still errors.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reconciler.errors import SpecError
from reconciler.spec.loader import load_spec

SPEC = """\
version: 1
user_pools:
  - pool_name: ${var:pool}
"""
VARS = "pool: prod-users\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "pools.yaml").write_text(SPEC)
    (tmp_path / "vars").mkdir()
    (tmp_path / "vars" / "prod.yaml").write_text(VARS)
    return tmp_path


def test_a_var_file_inside_the_folder_is_not_read_as_a_spec(folder: Path) -> None:
    spec = load_spec([str(folder)], var_files=[str(folder / "vars" / "prod.yaml")])
    assert [p["pool_name"] for p in spec.data["user_pools"]] == ["prod-users"]
    assert not [w for w in spec.warnings if "prod.yaml" in str(w)]


def test_a_file_without_version_or_user_pools_is_skipped_with_a_warning(folder: Path) -> None:
    spec = load_spec([str(folder)], cli_vars={"pool": "dev-users"})
    assert [p["pool_name"] for p in spec.data["user_pools"]] == ["dev-users"]
    [warning] = [w for w in spec.warnings if "prod.yaml" in str(w)]
    assert "not a spec" in str(warning) and warning.severity == "warning"


def test_a_misspelt_spec_in_the_folder_is_still_an_error(folder: Path) -> None:
    (folder / "typo.yaml").write_text("version: 1\nuser_pool:\n  - pool_name: x\n")
    with pytest.raises(SpecError) as raised:
        load_spec([str(folder)], cli_vars={"pool": "dev-users"})
    assert any("typo.yaml" in str(d) for d in raised.value.diagnostics)


def test_a_file_named_on_the_command_line_is_always_a_spec(folder: Path) -> None:
    with pytest.raises(SpecError) as raised:
        load_spec([str(folder / "pools.yaml"), str(folder / "vars" / "prod.yaml")],
                  cli_vars={"pool": "dev-users"})
    assert any("prod.yaml" in str(d) for d in raised.value.diagnostics)
