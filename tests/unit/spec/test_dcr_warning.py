"""validate warns when a spec turns dynamic client registration on: applications then
register app clients at runtime (ClientType DCR), and apply deletes every live client
a spec that lists clients doesn't name (CONTRACT.md), those registered ones too."""

from __future__ import annotations

from pathlib import Path

from _spec_helpers import problems, write

from reconciler.spec import load_spec

HEAD = "version: 1\nuser_pools:\n  - pool_name: p\n"


def _warnings(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path, "a.yaml", HEAD + text)
    assert problems([path]) == []  # a warning, never an error
    return [str(w) for w in load_spec([path], environ={}).warnings]


def test_dcr_on_with_listed_clients_warns_that_apply_deletes_registered_ones(
        tmp_path: Path) -> None:
    [found] = _warnings(tmp_path, "    dcr_configuration: {allowed_scopes: [openid]}\n"
                                  "    clients:\n      - client_name: web\n")
    assert "a.yaml:4:5" in found
    assert "apply deletes every live app client this spec doesn't list" in found
    assert "registered at runtime" in found


def test_dcr_on_without_clients_warns_about_strict_mode(tmp_path: Path) -> None:
    [found] = _warnings(tmp_path, "    dcr_configuration: {enable_status: Enabled}\n")
    assert "--strict" in found and "registered at runtime" in found


def test_dcr_off_says_nothing(tmp_path: Path) -> None:
    assert _warnings(tmp_path, "    dcr_configuration: {enable_status: Disabled}\n"
                               "    clients:\n      - client_name: web\n") == []
