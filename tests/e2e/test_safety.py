"""What must never happen: users lost without consent, secrets shown, bad specs sent."""

from __future__ import annotations

import json
import urllib.request

from .cli import clear_requests, run, sandbox_requests, write_spec, writes

BASE = """\
version: 1
user_pools:
  - pool_name: shop-users
    deletion_protection: {protection}
    username_attributes: [{username}]
    clients:
      - client_name: backend
        generate_secret: {secret}
"""


def spec(tmp_path, protection="INACTIVE", username="email", secret="true"):
    return write_spec(tmp_path, BASE.format(protection=protection, username=username,
                                            secret=secret))


def only_pool(cognito):
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    return summary["Id"]


def test_replace_is_refused_without_consent_and_nothing_changes(sandbox_url, cognito,
                                                                tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", spec(tmp_path)).code == 0
    pool_id = only_pool(cognito)
    cognito.admin_create_user(UserPoolId=pool_id, Username="bob@example.com")
    clear_requests(sandbox_url)

    changed = spec(tmp_path, username="phone_number")
    planned = run(sandbox_url, "plan", changed)
    assert "-/+ user_pool \"shop-users\"" in planned.out
    assert "reason: username_attributes can't change after the pool is created" in planned.out

    refused = run(sandbox_url, "apply", "--auto-approve", changed)
    assert refused.code == 1
    assert "pass --allow-replace to consent" in refused.err
    assert writes(sandbox_url) == []
    assert only_pool(cognito) == pool_id
    assert len(cognito.list_users(UserPoolId=pool_id)["Users"]) == 1


def test_replace_with_consent_recreates_the_pool(sandbox_url, cognito, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", spec(tmp_path)).code == 0
    old_id = only_pool(cognito)
    changed = spec(tmp_path, username="phone_number")
    result = run(sandbox_url, "apply", "--auto-approve", "--allow-replace", changed)
    assert result.code == 0, result.text
    new_id = only_pool(cognito)
    assert new_id != old_id
    pool = cognito.describe_user_pool(UserPoolId=new_id)["UserPool"]
    assert pool["UsernameAttributes"] == ["phone_number"]


def test_protected_pool_is_never_replaced(sandbox_url, cognito, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", spec(tmp_path, "ACTIVE")).code == 0
    pool_id = only_pool(cognito)
    clear_requests(sandbox_url)
    changed = spec(tmp_path, "ACTIVE", username="phone_number")
    result = run(sandbox_url, "apply", "--auto-approve", "--allow-replace", changed)
    assert result.code == 1
    assert "deletion protection is ACTIVE" in result.text
    assert "deletion_protection: INACTIVE" in result.text
    assert writes(sandbox_url) == []
    assert only_pool(cognito) == pool_id


def test_client_secret_never_appears_in_any_output(sandbox_url, cognito, tmp_path):
    path = spec(tmp_path)
    outputs = [run(sandbox_url, "-v", "apply", "--auto-approve", path)]
    pool_id = only_pool(cognito)
    [client] = cognito.list_user_pool_clients(UserPoolId=pool_id)["UserPoolClients"]
    secret = cognito.describe_user_pool_client(
        UserPoolId=pool_id, ClientId=client["ClientId"])["UserPoolClient"]["ClientSecret"]
    assert secret
    saved = tmp_path / "plan.json"
    outputs += [
        run(sandbox_url, "-v", "plan", path),
        run(sandbox_url, "-v", "plan", "--json", path),
        run(sandbox_url, "-v", "plan", "--out", str(saved), path),
        run(sandbox_url, "-v", "apply", "--auto-approve", path),
    ]
    for result in outputs:
        assert result.code == 0, result.text
        assert secret not in result.text
    assert secret not in saved.read_text()


def test_invalid_spec_never_reaches_cognito(sandbox_url, tmp_path):
    path = write_spec(tmp_path, "version: 1\nuser_pools:\n  - pool_name: x\n"
                                "    mfa_configuration: OFF\n    bogus: 1\n")
    clear_requests(sandbox_url)
    for command in (["validate", path], ["plan", path], ["apply", "--auto-approve", path]):
        result = run(sandbox_url, *command)
        assert result.code == 1
        assert "Traceback" not in result.text
        assert f"{path}:4:" in result.err and "OFF" in result.err
        assert f"{path}:5:" in result.err and "bogus" in result.err
    assert sandbox_requests(sandbox_url) == []


def test_two_live_pools_with_the_name_is_an_error_naming_both(sandbox_url, cognito,
                                                              tmp_path):
    ids = sorted(cognito.create_user_pool(PoolName="shop-users")["UserPool"]["Id"]
                 for _ in range(2))
    result = run(sandbox_url, "plan", spec(tmp_path))
    assert result.code == 1
    assert ids[0] in result.err and ids[1] in result.err
    assert "id:" in result.err


def test_pinned_id_selects_among_duplicates(sandbox_url, cognito, tmp_path):
    ids = [cognito.create_user_pool(PoolName="dup")["UserPool"]["Id"] for _ in range(2)]
    path = write_spec(tmp_path, f"version: 1\nuser_pools:\n  - pool_name: dup\n"
                                f"    id: {ids[1]}\n    deletion_protection: ACTIVE\n")
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    protections = [cognito.describe_user_pool(UserPoolId=i)["UserPool"]["DeletionProtection"]
                   for i in ids]
    assert protections == ["INACTIVE", "ACTIVE"]


def test_fields_this_version_does_not_model_block_updates(sandbox_url, cognito, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", spec(tmp_path)).code == 0
    pool_id = only_pool(cognito)
    # A member no model has yet (KeyConfiguration, once used here, is in the shipped model).
    body = json.dumps({"UserPoolId": pool_id,
                       "Fields": {"FutureConfiguration": {"Mode": "ON"}}}).encode()
    urllib.request.urlopen(urllib.request.Request(
        f"{sandbox_url}/_sandbox/describe-extra", data=body, method="POST",
        headers={"Content-Type": "application/json"}), timeout=10).close()
    clear_requests(sandbox_url)
    changed = spec(tmp_path, protection="ACTIVE")
    planned = run(sandbox_url, "plan", changed)
    assert "FutureConfiguration" in planned.text
    result = run(sandbox_url, "apply", "--auto-approve", changed)
    assert result.code == 1
    assert "FutureConfiguration" in result.err
    assert writes(sandbox_url) == []


def test_usage_errors_exit_1_not_2(sandbox_url, workshop_spec):
    assert run(sandbox_url, "plan", "--detailed-exitcode", "--bogus", workshop_spec).code == 1
    assert run(sandbox_url, "plan").code == 1


def test_apply_without_an_answer_needs_auto_approve(sandbox_url, workshop_spec):
    # An empty pipe (a CI job without --auto-approve) is refused; a piped "yes" is
    # accepted like a typed one (issue 13, trap 9: tests/e2e/test_confirm.py).
    clear_requests(sandbox_url)
    result = run(sandbox_url, "apply", workshop_spec, stdin="")
    assert result.code == 1
    assert "--auto-approve" in result.err
    assert writes(sandbox_url) == []
