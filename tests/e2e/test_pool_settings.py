"""Pool settings through the CLI against the sandbox: apply, then plan shows no changes
(issue 10.1, 10.8, 10.9, 10.12)."""

from __future__ import annotations

from typing import Any

from .cli import clear_requests, run, sandbox_requests, write_spec

LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:tokens"

SPEC = ("""\
version: 1
user_pools:
  - pool_name: settings
    username_configuration: {case_sensitive: true}
    admin_create_user_config:
      allow_admin_create_user_only: true
      unused_account_validity_days: 5
    email_verification_subject: Your code
    verification_message_template:
      sms_message: "sms {####}"
    lambda_config:
      pre_token_generation: LAMBDA_ARN
    schema:
      - name: custom:tenant_id
        attribute_data_type: String
        string_attribute_constraints: {min_length: "01", max_length: "064"}
MORE""").replace("LAMBDA_ARN", LAMBDA)


def _pool(cognito: Any) -> dict[str, Any]:
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    return dict(cognito.describe_user_pool(UserPoolId=summary["Id"])["UserPool"])


def test_apply_then_plan_is_empty_and_nothing_legacy_is_sent(sandbox_url: str, cognito: Any,
                                                             tmp_path: Any) -> None:
    path = write_spec(tmp_path, SPEC.replace("MORE", ""))
    applied = run(sandbox_url, "apply", "--auto-approve", path)
    assert applied.code == 0, applied.text
    pool = _pool(cognito)
    assert pool["Policies"]["PasswordPolicy"]["TemporaryPasswordValidityDays"] == 5
    assert pool["VerificationMessageTemplate"]["EmailSubject"] == "Your code"
    names = [a["Name"] for a in pool["SchemaAttributes"]]
    assert "custom:tenant_id" in names and "custom:custom:tenant_id" not in names
    planned = run(sandbox_url, "plan", "--detailed-exitcode", path)
    assert planned.code == 0, planned.text

    # A later settings change (and a custom attribute added by its console name) is an
    # update that never carries the legacy field, then converges.
    clear_requests(sandbox_url)
    more = "      - name: custom:plan\n        attribute_data_type: String\n"
    changed = SPEC.replace("MORE", more).replace("Your code", "Your new code")
    path = write_spec(tmp_path, changed)
    applied = run(sandbox_url, "apply", "--auto-approve", path)
    assert applied.code == 0, applied.text
    sent = {r["operation"]: r["body"] for r in sandbox_requests(sandbox_url)}
    assert "UnusedAccountValidityDays" not in sent["UpdateUserPool"]["AdminCreateUserConfig"]
    assert sent["UpdateUserPool"]["EmailVerificationSubject"] == "Your new code"
    assert sent["AddCustomAttributes"]["CustomAttributes"][0]["Name"] == "plan"
    assert run(sandbox_url, "plan", "--detailed-exitcode", path).code == 0


def test_a_pool_made_elsewhere_exports_and_plans_clean(sandbox_url: str, cognito: Any,
                                                      tmp_path: Any) -> None:
    cognito.create_user_pool(
        PoolName="legacy", AdminCreateUserConfig={"UnusedAccountValidityDays": 3},
        EmailVerificationMessage="code {####}", LambdaConfig={"PreTokenGeneration": LAMBDA})
    exported = run(sandbox_url, "export", "--pool-name", "legacy")
    assert exported.code == 0, exported.text
    assert "unused_account_validity_days" not in exported.out
    assert "email_verification_message" not in exported.out
    path = write_spec(tmp_path, exported.out)
    assert run(sandbox_url, "plan", "--detailed-exitcode", path).code == 0
