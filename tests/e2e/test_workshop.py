"""The console walkthrough as a spec: validate, plan, apply, and a clean re-plan."""

from __future__ import annotations

import json

from .cli import clear_requests, run, run_process, writes


def test_workshop_validates_offline(sandbox_url, workshop_spec):
    result = run(sandbox_url, "validate", workshop_spec)
    assert result.code == 0, result.text
    assert "Valid: 1 user pool(s), 1 client(s)" in result.err


def test_workshop_plan_apply_replan(sandbox_url, cognito, workshop_spec):
    planned = run(sandbox_url, "plan", "--detailed-exitcode", workshop_spec)
    assert planned.code == 2, planned.text
    assert "+ user_pool \"workshop-users\"" in planned.out
    assert "+ client \"workshop-web\"" in planned.out
    assert "Plan: 2 to create, 0 to update, 0 to replace, 0 to delete." in planned.out

    applied = run(sandbox_url, "apply", "--auto-approve", workshop_spec)
    assert applied.code == 0, applied.text
    assert "A fresh plan shows no changes" in applied.err

    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    pool = cognito.describe_user_pool(UserPoolId=summary["Id"])["UserPool"]
    assert pool["Name"] == "workshop-users"
    assert pool["UsernameAttributes"] == ["email"]
    assert pool["UsernameConfiguration"] == {"CaseSensitive": False}
    assert pool["DeletionProtection"] == "ACTIVE"
    assert pool["UserPoolTags"] == {"project": "workshop"}
    assert "custom:tenant_id" in {a["Name"] for a in pool["SchemaAttributes"]}
    [client] = cognito.list_user_pool_clients(UserPoolId=summary["Id"])["UserPoolClients"]
    described = cognito.describe_user_pool_client(UserPoolId=summary["Id"],
                                                  ClientId=client["ClientId"])["UserPoolClient"]
    assert described["AccessTokenValidity"] == 60
    assert described["TokenValidityUnits"]["AccessToken"] == "minutes"
    assert "ClientSecret" not in described

    clear_requests(sandbox_url)
    replanned = run(sandbox_url, "plan", "--detailed-exitcode", workshop_spec)
    assert replanned.code == 0, replanned.text
    assert "No changes." in replanned.out

    again = run(sandbox_url, "apply", "--auto-approve", workshop_spec)
    assert again.code == 0, again.text
    assert writes(sandbox_url) == []


def test_json_plan_follows_the_contract(sandbox_url, workshop_spec):
    result = run(sandbox_url, "plan", "--json", workshop_spec)
    assert result.code == 0, result.text
    plan = json.loads(result.out)
    assert plan["format_version"] == 1
    assert plan["summary"] == {"create": 2, "update": 0, "replace": 0, "delete": 0}
    addresses = [(c["address"], c["action"]) for c in plan["changes"]]
    assert addresses == [("user_pool.workshop-users", "create"),
                         ("user_pool.workshop-users.client.workshop-web", "create")]
    assert plan["changes"][0]["calls"] == ["CreateUserPool"]


def test_installed_command_runs_as_a_process(sandbox_url, workshop_spec):
    applied = run_process(sandbox_url, "apply", "--auto-approve", workshop_spec)
    assert applied.code == 0, applied.err
    replanned = run_process(sandbox_url, "plan", "--detailed-exitcode", workshop_spec)
    assert replanned.code == 0, replanned.out + replanned.err
