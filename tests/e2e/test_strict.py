"""Issue 13 (trap 7): strict mode manages what a spec leaves out at Cognito's defaults,
so a console edit of a default-valued setting shows as drift."""

from __future__ import annotations

import json

from .cli import clear_requests, client_update_body, run, write_spec, writes

MINIMAL = """\
version: 1
user_pools:
  - pool_name: strict-users
{strict}    clients:
      - client_name: web
"""


def _ids(cognito):
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    [client] = cognito.list_user_pool_clients(UserPoolId=summary["Id"])["UserPoolClients"]
    return summary["Id"], client["ClientId"]


def _console_edit(cognito, pool_id, client_id):
    """Out of band: a trigger, auto-verification and a callback URL, none in the spec."""
    pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    cognito.update_user_pool(
        UserPoolId=pool_id, Policies=pool["Policies"], AutoVerifiedAttributes=["email"],
        UserPoolTags={"edited": "by-hand"})
    client = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    body = client_update_body(client["UserPoolClient"])
    body["AuthSessionValidity"] = 12
    cognito.update_user_pool_client(**body)


def test_a_fresh_pool_plans_clean_in_strict_mode(sandbox_url, cognito, tmp_path):
    spec = write_spec(tmp_path, MINIMAL.format(strict=""))
    assert run(sandbox_url, "apply", "--auto-approve", spec).code == 0
    assert run(sandbox_url, "plan", "--strict", "--detailed-exitcode", spec).code == 0


def test_strict_plan_shows_drift_of_defaults_that_a_normal_plan_ignores(
        sandbox_url, cognito, tmp_path):
    spec = write_spec(tmp_path, MINIMAL.format(strict=""))
    assert run(sandbox_url, "apply", "--auto-approve", spec).code == 0
    pool_id, client_id = _ids(cognito)
    _console_edit(cognito, pool_id, client_id)
    assert run(sandbox_url, "plan", "--detailed-exitcode", spec).code == 0
    strict = run(sandbox_url, "plan", "--strict", "--detailed-exitcode", spec)
    assert strict.code == 2, strict.text
    for shown in ("auto_verified_attributes", "user_pool_tags", "auth_session_validity"):
        assert shown in strict.out
    # apply --strict puts the defaults back, and then a strict plan is clean
    assert run(sandbox_url, "apply", "--strict", "--auto-approve", spec).code == 0
    pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert not pool.get("AutoVerifiedAttributes") and not pool.get("UserPoolTags")
    client = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    assert client["UserPoolClient"]["AuthSessionValidity"] == 3
    assert run(sandbox_url, "plan", "--strict", "--detailed-exitcode", spec).code == 0


def test_strict_true_on_a_pool_is_the_same_as_the_flag(sandbox_url, cognito, tmp_path):
    spec = write_spec(tmp_path, MINIMAL.format(strict="    strict: true\n"))
    assert run(sandbox_url, "apply", "--auto-approve", spec).code == 0
    pool_id, client_id = _ids(cognito)
    _console_edit(cognito, pool_id, client_id)
    assert run(sandbox_url, "plan", "--detailed-exitcode", spec).code == 2


def test_a_strict_plan_is_saved_and_applied_as_planned(sandbox_url, cognito, tmp_path):
    spec = write_spec(tmp_path, MINIMAL.format(strict=""))
    assert run(sandbox_url, "apply", "--auto-approve", spec).code == 0
    pool_id, client_id = _ids(cognito)
    _console_edit(cognito, pool_id, client_id)
    saved = tmp_path / "p.plan"
    made = run(sandbox_url, "plan", "--strict", "--out", str(saved), spec)
    assert made.code == 0, made.text
    assert json.loads(saved.read_text())["strict"] is True
    # apply PLANFILE re-plans in strict mode (a normal re-plan would differ: stale)
    applied = run(sandbox_url, "apply", "--auto-approve", str(saved))
    assert applied.code == 0, applied.text
    assert not cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"].get(
        "AutoVerifiedAttributes")
    assert run(sandbox_url, "plan", "--strict", "--detailed-exitcode", spec).code == 0


def test_apply_planfile_takes_no_strict_flag(sandbox_url, cognito, tmp_path):
    spec = write_spec(tmp_path, MINIMAL.format(strict=""))
    saved = tmp_path / "p.plan"
    assert run(sandbox_url, "plan", "--strict", "--out", str(saved), spec).code == 0
    clear_requests(sandbox_url)
    result = run(sandbox_url, "apply", "--strict", "--auto-approve", str(saved))
    assert result.code == 1 and "records whether it was planned with --strict" in result.err
    assert writes(sandbox_url) == []


def test_a_saved_plan_of_the_older_format_is_refused(sandbox_url, cognito, tmp_path):
    spec = write_spec(tmp_path, MINIMAL.format(strict=""))
    saved = tmp_path / "p.plan"
    assert run(sandbox_url, "plan", "--out", str(saved), spec).code == 0
    document = json.loads(saved.read_text())
    assert document["file_version"] == 2 and document["strict"] is False
    older = {k: v for k, v in document.items() if k not in ("file_version", "strict")}
    saved.write_text(json.dumps(older))
    clear_requests(sandbox_url)
    result = run(sandbox_url, "apply", "--auto-approve", str(saved))
    assert result.code == 1
    [line] = [line for line in result.err.splitlines() if line.strip()][:1]
    assert "is not a usable saved plan: file_version is missing" in line, result.err
    assert "make it again" in result.err
    assert writes(sandbox_url) == [] and cognito.list_user_pools(MaxResults=60)["UserPools"] == []


def test_export_says_when_to_use_strict_and_its_spec_plans_clean_strict(
        sandbox_url, cognito, tmp_path):
    spec = write_spec(tmp_path, MINIMAL.format(strict=""))
    assert run(sandbox_url, "apply", "--auto-approve", spec).code == 0
    exported = run(sandbox_url, "export", "--pool-name", "strict-users")
    assert exported.code == 0, exported.text
    assert "# For a drift check, plan with --strict (or add strict: true)" in exported.out
    again = write_spec(tmp_path, exported.out, name="exported.yaml")
    assert run(sandbox_url, "plan", "--strict", "--detailed-exitcode", again).code == 0
    pool_id, client_id = _ids(cognito)
    _console_edit(cognito, pool_id, client_id)
    assert run(sandbox_url, "plan", "--detailed-exitcode", again).code == 0
    assert run(sandbox_url, "plan", "--strict", "--detailed-exitcode", again).code == 2


def test_strict_true_at_the_top_covers_that_files_pools_only(sandbox_url, cognito, tmp_path):
    strict_file = write_spec(tmp_path, "strict: true\n" + MINIMAL.format(strict=""),
                             name="strict.yaml")
    other = write_spec(tmp_path, MINIMAL.format(strict="").replace(
        "strict-users", "loose-users"), name="loose.yaml")
    assert run(sandbox_url, "apply", "--auto-approve", strict_file, other).code == 0
    pools = {p["Name"]: p["Id"] for p in cognito.list_user_pools(MaxResults=60)["UserPools"]}
    for name in pools:
        cognito.update_user_pool(UserPoolId=pools[name], AutoVerifiedAttributes=["email"])
    plan = run(sandbox_url, "plan", "--json", strict_file, other)
    assert plan.code == 0, plan.text
    changed = {c["address"] for c in json.loads(plan.out)["changes"]}
    assert changed == {"user_pool.strict-users"}
    assert run(sandbox_url, "plan", "--detailed-exitcode", other).code == 0


def test_strict_manages_the_default_duration_not_its_unit(sandbox_url, cognito, tmp_path):
    spec = write_spec(tmp_path, MINIMAL.format(strict=""))
    assert run(sandbox_url, "apply", "--auto-approve", spec).code == 0
    pool_id, client_id = _ids(cognito)
    client = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    body = client_update_body(client["UserPoolClient"])
    body.update(AccessTokenValidity=60, TokenValidityUnits={"AccessToken": "minutes"})
    cognito.update_user_pool_client(**body)
    assert run(sandbox_url, "plan", "--strict", "--detailed-exitcode", spec).code == 0
    body.update(AccessTokenValidity=30)
    cognito.update_user_pool_client(**body)
    assert run(sandbox_url, "plan", "--strict", "--detailed-exitcode", spec).code == 2
