"""Issue 12.11: export of hostile names, and how export writes files.

"Export: pool names with \\n, \\r, \\f (AWS allows \\s) crash it and stop --all; --out
DIR overwrites files and follows symlinks planted in DIR."

Cognito's PoolName pattern is ``[\\w\\s+=,.@-]+`` (botocore's model), and ``\\s`` is
every whitespace character: line feed, carriage return, form feed, tab, vertical
tab. Such a name must export to a spec that reads back as the same name and plans
clean, and never reach the terminal raw.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from .cli import Result, run

HOSTILE = ["line\nbreak", "carriage\rreturn", "form\ffeed", "tab\there", "vertical\x0btab",
           "trailing\n", "\r\nleading", "..", "-rf", "..."]
# What a terminal must never receive raw: C0 controls but \n (which ends our own lines).
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


def clean_terminal(result: Result) -> None:
    assert "Traceback" not in result.text and "internal error" not in result.text
    assert not _CONTROL.search(result.err), repr(result.err)
    for name in HOSTILE:
        if "\n" in name:
            assert name not in result.err


def test_the_pool_name_pattern_allows_whitespace() -> None:
    import botocore.session

    model = botocore.session.get_session().get_service_model("cognito-idp")
    pattern = model.shape_for("UserPoolNameType").metadata["pattern"]
    assert all(re.fullmatch(pattern, name) for name in HOSTILE)


@pytest.mark.parametrize("name", [n for n in HOSTILE if "\n" in n or "\r" in n or "\f" in n])
def test_a_name_with_line_breaks_exports_and_plans_clean(sandbox_url: str, cognito: Any,
                                                         tmp_path: Path, name: str) -> None:
    pool_id = cognito.create_user_pool(PoolName=name)["UserPool"]["Id"]
    cognito.create_user_pool_client(UserPoolId=pool_id, ClientName=f"client {name}")
    exported = run(sandbox_url, "export", "--pool-name", name)
    assert exported.code == 0, exported.text
    clean_terminal(exported)
    document = yaml.safe_load(exported.out)
    assert document["user_pools"][0]["pool_name"] == name
    assert document["user_pools"][0]["clients"][0]["client_name"] == f"client {name}"
    spec = tmp_path / "spec.yaml"
    spec.write_text(exported.out)
    planned = run(sandbox_url, "plan", "--detailed-exitcode", str(spec))
    assert planned.code == 0, planned.text


def test_export_all_survives_every_hostile_name(sandbox_url: str, cognito: Any,
                                                tmp_path: Path) -> None:
    ids = {cognito.create_user_pool(PoolName=name)["UserPool"]["Id"]: name for name in HOSTILE}
    out = tmp_path / "pools"
    exported = run(sandbox_url, "export", "--all", "--out", str(out))
    assert exported.code == 0, exported.text
    clean_terminal(exported)
    files = sorted(out.iterdir())
    assert len(files) == len(HOSTILE)
    names = {}
    for path in files:
        assert path.parent == out  # nothing escaped the folder
        assert re.fullmatch(r"[A-Za-z0-9_@+=,-][A-Za-z0-9_.@+=,-]*\.yaml", path.name), path.name
        names[yaml.safe_load(path.read_text())["user_pools"][0]["pool_name"]] = path
    assert set(names) == set(ids.values())
    planned = run(sandbox_url, "plan", "--detailed-exitcode", str(out))
    assert planned.code == 0, planned.text


def _target(sandbox_url: str, cognito: Any, tmp_path: Path) -> tuple[Path, Path]:
    """A pool "victim" and the folder --all would write it to, made first."""
    cognito.create_user_pool(PoolName="victim")
    out = tmp_path / "out"
    out.mkdir()
    return out, out / "victim.yaml"


def test_a_symlink_planted_in_the_folder_is_not_followed(sandbox_url: str, cognito: Any,
                                                         tmp_path: Path) -> None:
    out, planted = _target(sandbox_url, cognito, tmp_path)
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me\n")
    planted.symlink_to(precious)
    for flags in ([], ["--overwrite"]):
        result = run(sandbox_url, "export", "--all", *flags, "--out", str(out))
        assert result.code == 1
        clean_terminal(result)
        assert "symbolic link" in result.err and "victim.yaml" in result.err
        assert precious.read_text() == "keep me\n"
        assert planted.is_symlink()
    dangling = out / "dangling"
    cognito.create_user_pool(PoolName="dangling")
    Path(str(dangling) + ".yaml").symlink_to(tmp_path / "created-through-the-link")
    result = run(sandbox_url, "export", "--pool-name", "dangling", "--out",
                 str(dangling) + ".yaml")
    assert result.code == 1 and "symbolic link" in result.err
    assert not (tmp_path / "created-through-the-link").exists()


def test_existing_files_are_kept_unless_overwrite_is_given(sandbox_url: str, cognito: Any,
                                                          tmp_path: Path) -> None:
    out, existing = _target(sandbox_url, cognito, tmp_path)
    existing.write_text("# my edits\n")
    refused = run(sandbox_url, "export", "--all", "--out", str(out))
    assert refused.code == 1
    errors = [line for line in refused.err.splitlines() if line.startswith("Error: ")]
    assert any("already exists" in line and "victim.yaml" in line for line in errors)
    assert "--overwrite" in refused.err
    assert existing.read_text() == "# my edits\n"
    single = out / "single.yaml"
    single.write_text("# mine\n")
    one = run(sandbox_url, "export", "--pool-name", "victim", "--out", str(single))
    assert one.code == 1 and "already exists" in one.err
    assert single.read_text() == "# mine\n"
    # Asked to, it overwrites: a new file put in place, not the old one written through.
    os.link(existing, tmp_path / "hardlink")
    allowed = run(sandbox_url, "export", "--all", "--overwrite", "--out", str(out))
    assert allowed.code == 0, allowed.text
    assert yaml.safe_load(existing.read_text())["user_pools"][0]["pool_name"] == "victim"
    assert (tmp_path / "hardlink").read_text() == "# my edits\n"
    assert sorted(p.name for p in out.iterdir()) == ["single.yaml", "victim.yaml"]


def test_a_refused_file_does_not_stop_the_other_pools(sandbox_url: str, cognito: Any,
                                                      tmp_path: Path) -> None:
    out, existing = _target(sandbox_url, cognito, tmp_path)
    cognito.create_user_pool(PoolName="bystander")
    existing.write_text("# mine\n")
    result = run(sandbox_url, "export", "--all", "--out", str(out))
    assert result.code == 1
    assert (out / "bystander.yaml").exists()
    assert "Exported 1 of 2" in result.err
