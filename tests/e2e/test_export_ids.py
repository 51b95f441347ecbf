"""Issue 13 (trap 5): an exported spec pins its pool and clients by id, so renaming
either in the exported spec is an update in place, never a create (and an app's
client id survives the rename)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from .cli import run, write_spec

SPEC = """\
version: 1
user_pools:
  - pool_name: pinned-shop
    clients:
      - client_name: web
      - client_name: mobile
"""


def _export(sandbox_url: str, tmp_path: Path) -> tuple[dict[str, Any], str]:
    exported = run(sandbox_url, "export", "--pool-name", "pinned-shop")
    assert exported.code == 0, exported.text
    return yaml.safe_load(exported.out), exported.out


def test_export_writes_each_id_and_plans_clean(sandbox_url: str, cognito: Any,
                                               tmp_path: Path) -> None:
    assert run(sandbox_url, "apply", "--auto-approve", write_spec(tmp_path, SPEC)).code == 0
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    live = {c["ClientName"]: c["ClientId"] for c in cognito.list_user_pool_clients(
        UserPoolId=summary["Id"])["UserPoolClients"]}
    data, text = _export(sandbox_url, tmp_path)
    [pool] = data["user_pools"]
    assert pool["id"] == summary["Id"]
    assert {c["client_name"]: c["id"] for c in pool["clients"]} == live
    assert "# pins this client: a new client_name renames it" in text
    again = write_spec(tmp_path, text, name="exported.yaml")
    assert run(sandbox_url, "plan", "--detailed-exitcode", again).code == 0
    assert run(sandbox_url, "plan", "--strict", "--detailed-exitcode", again).code == 0


def test_a_rename_in_the_exported_spec_is_an_update(sandbox_url: str, cognito: Any,
                                                    tmp_path: Path) -> None:
    assert run(sandbox_url, "apply", "--auto-approve", write_spec(tmp_path, SPEC)).code == 0
    data, _ = _export(sandbox_url, tmp_path)
    [pool] = data["user_pools"]
    web_id = next(c["id"] for c in pool["clients"] if c["client_name"] == "web")
    pool_id = pool["id"]
    pool["pool_name"] = "pinned-store"
    for client in pool["clients"]:
        if client["client_name"] == "web":
            client["client_name"] = "web-app"
    renamed = write_spec(tmp_path, yaml.safe_dump(data, sort_keys=False), name="renamed.yaml")
    planned = run(sandbox_url, "plan", "--json", renamed)
    assert planned.code == 0, planned.text
    changes = json.loads(planned.out)["changes"]
    assert sorted(c["action"] for c in changes) == ["update", "update"], changes
    assert run(sandbox_url, "apply", "--auto-approve", renamed).code == 0
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    assert (summary["Id"], summary["Name"]) == (pool_id, "pinned-store")
    clients = {c["ClientName"]: c["ClientId"] for c in cognito.list_user_pool_clients(
        UserPoolId=pool_id)["UserPoolClients"]}
    assert clients["web-app"] == web_id and set(clients) == {"web-app", "mobile"}
