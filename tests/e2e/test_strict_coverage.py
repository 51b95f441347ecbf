"""Issue 13: strict mode covers every setting and part a spec can leave out.

Each newly covered setting, edited out of band as the console does (boto3 against the
sandbox), is a change in strict mode and none in normal mode; apply --strict puts it
back; a pool made from the spec, and the export of an edited pool, plan clean in strict
mode. Parts the spec doesn't name are planned for removal in strict mode, by name.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reconciler import model_facts

from .cli import run, write_spec

# Blocks given in part: strict mode manages their other members at Cognito's defaults.
SPEC = """\
version: 1
user_pools:
  - pool_name: covered
    policies:
      password_policy: {minimum_length: 12}
    device_configuration: {challenge_required_on_new_device: true}
    email_configuration: {email_sending_account: COGNITO_DEFAULT}
    admin_create_user_config: {allow_admin_create_user_only: true}
    clients:
      - client_name: web
"""

UPDATABLE = model_facts.members("user_pool", "update_members")
CLIENT_UPDATABLE = model_facts.members("client", "update_members")


def _pool_id(cognito: Any) -> str:
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    return str(summary["Id"])


def _edit_pool(cognito: Any, pool_id: str, **changes: Any) -> None:
    """A console edit: the full updatable set as read, with ``changes`` laid over it."""
    pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    body = {k: v for k, v in pool.items() if k in UPDATABLE}
    body["AdminCreateUserConfig"] = {k: v for k, v in body["AdminCreateUserConfig"].items()
                                     if k != "UnusedAccountValidityDays"}
    for member, value in changes.items():
        if isinstance(value, dict) and isinstance(body.get(member), dict):
            body[member] = {**body[member], **value}
        else:
            body[member] = value
    cognito.update_user_pool(UserPoolId=pool_id, **body)


def _edit_client(cognito: Any, pool_id: str, **changes: Any) -> None:
    [summary] = [c for c in cognito.list_user_pool_clients(UserPoolId=pool_id)[
        "UserPoolClients"] if c["ClientName"] == "web"]
    client = cognito.describe_user_pool_client(UserPoolId=pool_id,
                                               ClientId=summary["ClientId"])["UserPoolClient"]
    body = {k: v for k, v in client.items() if k in CLIENT_UPDATABLE}
    cognito.update_user_pool_client(**{**body, **changes})


def _strict_fields(sandbox_url: str, spec: str) -> dict[str, str]:
    """Changed field path -> address, and delete address -> reason, of a strict plan."""
    planned = run(sandbox_url, "plan", "--strict", "--json", spec)
    assert planned.code == 0, planned.text
    shown: dict[str, str] = {}
    for change in json.loads(planned.out)["changes"]:
        if change["action"] == "delete":
            shown[change["address"]] = change["reason"] or ""
        for field in change.get("fields") or []:
            shown[field["path"]] = change["address"]
    return shown


def _applied(sandbox_url: str, tmp_path: Path) -> str:
    spec = write_spec(tmp_path, SPEC)
    applied = run(sandbox_url, "apply", "--auto-approve", spec)
    assert applied.code == 0, applied.text
    return spec


def test_a_pool_made_from_a_spec_with_partial_blocks_plans_clean_strict(
        sandbox_url: str, cognito: Any, tmp_path: Path) -> None:
    spec = _applied(sandbox_url, tmp_path)
    strict = run(sandbox_url, "plan", "--strict", "--detailed-exitcode", spec)
    assert strict.code == 0, strict.text


def test_console_edits_of_each_covered_setting_show_only_in_strict_mode(
        sandbox_url: str, cognito: Any, tmp_path: Path) -> None:
    spec = _applied(sandbox_url, tmp_path)
    pool_id = _pool_id(cognito)
    _edit_pool(
        cognito, pool_id,
        # members of blocks the spec gives in part
        Policies={"PasswordPolicy": {"MinimumLength": 12, "RequireSymbols": True,
                                     "RequireUppercase": False, "RequireLowercase": False,
                                     "RequireNumbers": False,
                                     "TemporaryPasswordValidityDays": 7}},
        DeviceConfiguration={"DeviceOnlyRememberedOnUserPrompt": True},
        EmailConfiguration={"ReplyToEmailAddress": "help@example.com"},
        AdminCreateUserConfig={"InviteMessageTemplate": {"SMSMessage": "Hi {username} {####}"}},
        # members a new pool doesn't have (the legacy messages are the template's)
        SmsAuthenticationMessage="Your code: {####}",
        EmailVerificationMessage="Verify with {####}",
        EmailVerificationSubject="Verify",
        UserPoolTier="PLUS", UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"})
    _edit_client(cognito, pool_id, CallbackURLs=["https://app.example.com/cb"],
                 DefaultRedirectURI="https://app.example.com/cb",
                 AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["code"],
                 AllowedOAuthScopes=["openid"], SupportedIdentityProviders=["COGNITO"])
    assert run(sandbox_url, "plan", "--detailed-exitcode", spec).code == 0
    shown = _strict_fields(sandbox_url, spec)
    for path in ("policies.password_policy.require_symbols",
                 "device_configuration.device_only_remembered_on_user_prompt",
                 "email_configuration.reply_to_email_address",
                 "admin_create_user_config.invite_message_template.sms_message",
                 "sms_authentication_message", "verification_message_template.email_message",
                 "verification_message_template.email_subject",
                 "user_pool_add_ons.advanced_security_mode", "user_pool_tier",
                 "default_redirect_uri"):
        assert path in shown, (path, shown)
    # apply --strict puts every default back; then a strict plan is clean
    applied = run(sandbox_url, "apply", "--strict", "--auto-approve", spec)
    assert applied.code == 0, applied.text
    pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert pool["DeviceConfiguration"] == {"ChallengeRequiredOnNewDevice": True,
                                           "DeviceOnlyRememberedOnUserPrompt": False}
    assert not pool.get("SmsAuthenticationMessage") and not pool.get("UserPoolAddOns")
    assert not (pool.get("VerificationMessageTemplate") or {}).get("EmailMessage")
    assert "InviteMessageTemplate" not in pool["AdminCreateUserConfig"]
    assert run(sandbox_url, "plan", "--strict", "--detailed-exitcode", spec).code == 0


def test_a_device_configuration_the_spec_leaves_out_is_managed_as_none(
        sandbox_url: str, cognito: Any, tmp_path: Path) -> None:
    spec = write_spec(tmp_path, "version: 1\nuser_pools:\n  - pool_name: covered\n")
    assert run(sandbox_url, "apply", "--auto-approve", spec).code == 0
    pool_id = _pool_id(cognito)
    _edit_pool(cognito, pool_id, DeviceConfiguration={"ChallengeRequiredOnNewDevice": True})
    assert run(sandbox_url, "plan", "--detailed-exitcode", spec).code == 0
    assert "device_configuration.challenge_required_on_new_device" in _strict_fields(
        sandbox_url, spec)
    assert run(sandbox_url, "apply", "--strict", "--auto-approve", spec).code == 0
    assert "DeviceConfiguration" not in cognito.describe_user_pool(
        UserPoolId=pool_id)["UserPool"]
    assert run(sandbox_url, "plan", "--strict", "--detailed-exitcode", spec).code == 0


def test_parts_the_spec_does_not_name_are_removed_by_name_in_strict_mode(
        sandbox_url: str, cognito: Any, tmp_path: Path) -> None:
    spec = _applied(sandbox_url, tmp_path)
    pool_id = _pool_id(cognito)
    cognito.create_group(UserPoolId=pool_id, GroupName="admins")
    cognito.create_resource_server(UserPoolId=pool_id, Identifier="https://api.example.com",
                                   Name="api")
    cognito.create_user_pool_domain(UserPoolId=pool_id, Domain="covered-by-hand")
    cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="by-hand")
    cognito.set_ui_customization(UserPoolId=pool_id, CSS=".banner-customizable {}")
    cognito.create_identity_provider(
        UserPoolId=pool_id, ProviderName="corp", ProviderType="OIDC",
        ProviderDetails={"client_id": "corp-app", "authorize_scopes": "openid",
                         "oidc_issuer": "https://id.example.com",
                         "attributes_request_method": "GET"})
    # The spec names clients, so the extra client is a delete in either mode; the other
    # part kinds are unmanaged in normal mode.
    normal = json.loads(run(sandbox_url, "plan", "--json", spec).out)["changes"]
    assert [c["address"] for c in normal] == ["user_pool.covered.client.by-hand"]
    shown = _strict_fields(sandbox_url, spec)
    deletes = {address: reason for address, reason in shown.items()
               if address.startswith("user_pool.")}
    assert set(deletes) == {
        "user_pool.covered.group.admins",
        "user_pool.covered.resource_server.https://api.example.com",
        "user_pool.covered.domain.covered-by-hand", "user_pool.covered.client.by-hand",
        "user_pool.covered.ui_customization", "user_pool.covered.identity_provider.corp"}, deletes
    assert "strict mode" in deletes["user_pool.covered.domain.covered-by-hand"]
    text = run(sandbox_url, "plan", "--strict", spec)
    assert "admins" in text.out and "covered-by-hand" in text.out, text.out
    applied = run(sandbox_url, "apply", "--strict", "--auto-approve", spec)
    assert applied.code == 0, applied.text
    assert cognito.list_groups(UserPoolId=pool_id)["Groups"] == []
    assert cognito.list_identity_providers(UserPoolId=pool_id, MaxResults=60)["Providers"] == []
    assert "Domain" not in cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert run(sandbox_url, "plan", "--strict", "--detailed-exitcode", spec).code == 0


def test_the_export_of_an_edited_pool_plans_clean_in_strict_mode(
        sandbox_url: str, cognito: Any, tmp_path: Path) -> None:
    _applied(sandbox_url, tmp_path)
    pool_id = _pool_id(cognito)
    _edit_pool(cognito, pool_id, SmsAuthenticationMessage="Your code: {####}",
               EmailConfiguration={"ReplyToEmailAddress": "help@example.com"},
               UserPoolTier="PLUS", UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"},
               EmailVerificationMessage="Verify with {####}")
    cognito.create_group(UserPoolId=pool_id, GroupName="admins")
    cognito.create_user_pool_domain(UserPoolId=pool_id, Domain="covered-export")
    exported = run(sandbox_url, "export", "--pool-id", pool_id)
    assert exported.code == 0, exported.text
    again = write_spec(tmp_path, exported.out, name="exported.yaml")
    strict = run(sandbox_url, "plan", "--strict", "--detailed-exitcode", again)
    assert strict.code == 0, strict.text


def test_threat_protection_turned_off_by_hand_exports_and_plans_clean_strict(
        sandbox_url: str, cognito: Any, tmp_path: Path) -> None:
    """OFF set by hand reads back as OFF, which a pool that never set it doesn't show
    (terraform-provider-aws withAdvancedSecurityMode: user_pool_add_ons.# = 0): the
    export keeps it, so strict mode doesn't plan it away."""
    _applied(sandbox_url, tmp_path)
    pool_id = _pool_id(cognito)
    _edit_pool(cognito, pool_id, UserPoolAddOns={"AdvancedSecurityMode": "OFF"})
    exported = run(sandbox_url, "export", "--pool-id", pool_id)
    assert exported.code == 0, exported.text
    assert "advanced_security_mode" in exported.out
    again = write_spec(tmp_path, exported.out, name="exported.yaml")
    strict = run(sandbox_url, "plan", "--strict", "--detailed-exitcode", again)
    assert strict.code == 0, strict.text


def test_the_example_specs_exported_plan_clean_in_strict_mode(
        sandbox_url: str, cognito: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """The richest pools people wrote: applied, exported, the export plans clean in strict
    mode (no false diff from a default strict mode assumes)."""
    from .test_export import export_example_specs

    out = export_example_specs(sandbox_url, cognito, tmp_path, monkeypatch)
    planned = run(sandbox_url, "plan", "--strict", "--detailed-exitcode", str(out))
    assert planned.code == 0, planned.text


def test_a_clients_own_parts_and_analytics_made_by_hand_show_in_strict_mode(
        sandbox_url: str, cognito: Any, tmp_path: Path) -> None:
    spec = _applied(sandbox_url, tmp_path)
    pool_id = _pool_id(cognito)
    [client] = cognito.list_user_pool_clients(UserPoolId=pool_id)["UserPoolClients"]
    cognito.create_user_pool_domain(UserPoolId=pool_id, Domain="covered-client")
    cognito.set_ui_customization(UserPoolId=pool_id, ClientId=client["ClientId"],
                                 CSS=".banner-customizable {}")
    _edit_client(cognito, pool_id, AnalyticsConfiguration={
        "ApplicationArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc",
        "UserDataShared": False})
    assert run(sandbox_url, "plan", "--detailed-exitcode", spec).code == 0
    shown = _strict_fields(sandbox_url, spec)
    assert "user_pool.covered.ui_customization.web" in shown, shown
    assert any(path.startswith("analytics_configuration") for path in shown), shown
    applied = run(sandbox_url, "apply", "--strict", "--auto-approve", spec)
    assert applied.code == 0, applied.text
    described = cognito.describe_user_pool_client(UserPoolId=pool_id,
                                                  ClientId=client["ClientId"])
    assert not described["UserPoolClient"].get("AnalyticsConfiguration")
    assert run(sandbox_url, "plan", "--strict", "--detailed-exitcode", spec).code == 0
