"""Members only the shipped (newer) model knows, planned and applied against the sandbox."""

from __future__ import annotations

import json

from .cli import clear_requests, run, sandbox_requests, write_spec

SPEC = """\
version: 1
user_pools:
  - pool_name: modern
    deletion_protection: {protection}
{extra}"""
NEW_MEMBERS = """\
    issuer_configuration: {type: UPDATED}
    key_configuration: {key_type: AWS_OWNED_KEY}
    acr_configuration:
      Level2: {acr_value: "urn:example:mfa"}
"""


def _pool(cognito):
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    return summary["Id"]


def test_new_pool_members_are_created_and_converge(sandbox_url, cognito, tmp_path):
    path = write_spec(tmp_path, SPEC.format(protection="INACTIVE", extra=NEW_MEMBERS))
    assert run(sandbox_url, "validate", path).code == 0
    applied = run(sandbox_url, "apply", "--auto-approve", path)
    assert applied.code == 0, applied.text
    [create] = [r["body"] for r in sandbox_requests(sandbox_url)
                if r["operation"] == "CreateUserPool"]
    assert create["IssuerConfiguration"] == {"Type": "UPDATED"}
    assert create["KeyConfiguration"] == {"KeyType": "AWS_OWNED_KEY"}
    assert create["AcrConfiguration"] == {"Level2": {"AcrValue": "urn:example:mfa"}}
    planned = run(sandbox_url, "plan", "--detailed-exitcode", path)
    assert planned.code == 0, planned.text


def test_an_update_carries_new_members_the_spec_leaves_out(sandbox_url, cognito, tmp_path):
    path = write_spec(tmp_path, SPEC.format(protection="INACTIVE", extra=NEW_MEMBERS))
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    clear_requests(sandbox_url)
    # The new members are no longer in the spec: unmanaged, so kept as they are live.
    unmanaged = write_spec(tmp_path, SPEC.format(protection="ACTIVE", extra=""), "b.yaml")
    result = run(sandbox_url, "apply", "--auto-approve", unmanaged)
    assert result.code == 0, result.text
    [update] = [r["body"] for r in sandbox_requests(sandbox_url)
                if r["operation"] == "UpdateUserPool"]
    assert update["DeletionProtection"] == "ACTIVE"
    assert update["IssuerConfiguration"] == {"Type": "UPDATED"}
    assert update["KeyConfiguration"] == {"KeyType": "AWS_OWNED_KEY"}
    pool = cognito.describe_user_pool(UserPoolId=_pool(cognito))["UserPool"]
    assert pool["DeletionProtection"] == "ACTIVE"


def test_a_new_member_changes_in_place(sandbox_url, cognito, tmp_path):
    path = write_spec(tmp_path, SPEC.format(protection="INACTIVE", extra=NEW_MEMBERS))
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    changed = write_spec(tmp_path, SPEC.format(
        protection="INACTIVE", extra=NEW_MEMBERS.replace("UPDATED", "ORIGINAL")), "c.yaml")
    planned = run(sandbox_url, "plan", "--json", changed)
    [change] = json.loads(planned.out)["changes"]
    assert change["action"] == "update"
    assert {"path": "issuer_configuration.type", "before": "UPDATED", "after": "ORIGINAL"} \
        in [{k: f[k] for k in ("path", "before", "after")} for f in change["fields"]]
    assert run(sandbox_url, "apply", "--auto-approve", changed).code == 0
    assert run(sandbox_url, "plan", "--detailed-exitcode", changed).code == 0


def test_a_bad_value_of_a_new_member_is_refused_offline(sandbox_url, tmp_path):
    path = write_spec(tmp_path, SPEC.format(
        protection="INACTIVE", extra="    issuer_configuration: {type: NEWEST}\n"))
    clear_requests(sandbox_url)
    result = run(sandbox_url, "validate", path)
    assert result.code == 1
    assert "issuer_configuration" in result.err and "UPDATED" in result.err
    assert sandbox_requests(sandbox_url) == []


def test_a_new_client_auth_flow_is_applied_and_converges(sandbox_url, cognito, tmp_path):
    path = write_spec(tmp_path, SPEC.format(protection="INACTIVE", extra=(
        "    clients:\n      - client_name: web\n        explicit_auth_flows: "
        "[ALLOW_REFRESH_TOKEN_AUTH, ALLOW_TOKEN_EXCHANGE_DELEGATION]\n")))
    applied = run(sandbox_url, "apply", "--auto-approve", path)
    assert applied.code == 0, applied.text
    [summary] = cognito.list_user_pool_clients(UserPoolId=_pool(cognito),
                                               MaxResults=60)["UserPoolClients"]
    [create] = [r["body"] for r in sandbox_requests(sandbox_url)
                if r["operation"] == "CreateUserPoolClient"]
    assert create["ExplicitAuthFlows"] == ["ALLOW_REFRESH_TOKEN_AUTH",
                                           "ALLOW_TOKEN_EXCHANGE_DELEGATION"]
    assert summary["ClientName"] == "web"
    assert run(sandbox_url, "plan", "--detailed-exitcode", path).code == 0


def test_new_members_are_exported_and_the_export_plans_clean(sandbox_url, tmp_path):
    extra = NEW_MEMBERS + (
        "    sms_configuration:\n      sns_caller_arn: 'arn:aws:iam::123456789012:role/s'\n"
        "      eums_sms: {caller_arn: 'arn:aws:iam::123456789012:role/e'}\n")
    path = write_spec(tmp_path, SPEC.format(protection="INACTIVE", extra=extra))
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    exported = run(sandbox_url, "export", "--pool-name", "modern")
    assert exported.code == 0, exported.text
    for key in ("issuer_configuration:", "acr_configuration:", "eums_sms:"):
        assert key in exported.out
    # AWS_OWNED_KEY is the default key type: left out, like every default (issue 11).
    assert "key_configuration:" not in exported.out
    planned = run(sandbox_url, "plan", "--detailed-exitcode",
                  write_spec(tmp_path, exported.out, "exported.yaml"))
    assert planned.code == 0, planned.text
