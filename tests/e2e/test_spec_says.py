"""Issue 13 (engineer I2): what a spec can say, end to end against the sandbox."""

from __future__ import annotations

import json

from .cli import clear_requests, run, write_spec, writes

POOL = """\
version: 1
user_pools:
  - pool_name: pin-users
    clients:
      - client_name: {name}
{pin}        callback_urls: [https://app.example.com/cb]
        access_token_validity: 60
        token_validity_units: {{access_token: {unit}}}
"""


def _spec(tmp_path, name="web", pin="", unit="minutes"):
    return write_spec(tmp_path, POOL.format(name=name, pin=pin, unit=unit))


def _clients(cognito):
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    pool_id = summary["Id"]
    found = cognito.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)["UserPoolClients"]
    return pool_id, {c["ClientName"]: c["ClientId"] for c in found}


def test_renaming_a_pinned_client_updates_it_in_place(sandbox_url, cognito, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", _spec(tmp_path)).code == 0
    pool_id, before = _clients(cognito)
    client_id = before["web"]
    renamed = _spec(tmp_path, name="portal", pin=f"        id: {client_id}\n")
    plan = run(sandbox_url, "plan", "--json", renamed)
    assert plan.code == 0, plan.err
    assert json.loads(plan.out)["summary"] == {
        "create": 0, "update": 1, "replace": 0, "delete": 0}
    clear_requests(sandbox_url)
    assert run(sandbox_url, "apply", "--auto-approve", renamed).code == 0
    assert writes(sandbox_url) == ["UpdateUserPoolClient"]
    _, after = _clients(cognito)
    assert after == {"portal": client_id}
    live = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    assert live["UserPoolClient"]["CallbackURLs"] == ["https://app.example.com/cb"]
    assert run(sandbox_url, "plan", "--detailed-exitcode", renamed).code == 0


def test_a_pinned_client_id_that_does_not_exist_is_refused(sandbox_url, cognito, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", _spec(tmp_path)).code == 0
    _, before = _clients(cognito)
    clear_requests(sandbox_url)
    result = run(sandbox_url, "apply", "--auto-approve",
                 _spec(tmp_path, pin="        id: nosuchclient\n"))
    assert result.code == 1
    assert "nosuchclient" in result.err and "id:" in result.err
    assert writes(sandbox_url) == []
    assert _clients(cognito)[1] == before


def test_changing_only_the_unit_changes_the_live_unit(sandbox_url, cognito, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", _spec(tmp_path)).code == 0
    pool_id, ids = _clients(cognito)
    # The same hour, now said in hours: the units are managed, so the live unit follows.
    spec = write_spec(tmp_path, POOL.format(name="web", pin="", unit="hours").replace(
        "access_token_validity: 60", "access_token_validity: 1"))
    assert run(sandbox_url, "plan", "--detailed-exitcode", spec).code == 2
    assert run(sandbox_url, "apply", "--auto-approve", spec).code == 0
    live = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=ids["web"])
    assert live["UserPoolClient"]["TokenValidityUnits"]["AccessToken"] == "hours"
    assert live["UserPoolClient"]["AccessTokenValidity"] == 1
    assert run(sandbox_url, "plan", "--detailed-exitcode", spec).code == 0
