"""Live documents -> the spec a person would write (pure: no sandbox)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from reconciler.errors import ReconcilerError
from reconciler.export import defaults
from reconciler.export.build import (
    MISSING,
    build_pool,
    env_name,
    escape,
    prune,
    spec_document,
)
from reconciler.export.emit import emit
from reconciler.export.read import ExportedClient, ExportedPool
from reconciler.model import LivePart
from reconciler.spec import load_spec
from reconciler.spec.schema_data import definition


def standard_schema(**changes: dict[str, Any]) -> list[dict[str, Any]]:
    attributes = []
    for name, base in defaults.STANDARD_ATTRIBUTES.items():
        attribute = {"Name": name, "DeveloperOnlyAttribute": False, **copy.deepcopy(base)}
        attribute.update(changes.get(name, {}))
        attributes.append(attribute)
    return attributes


def empty_pool_describe(name: str = "users") -> dict[str, Any]:
    """DescribeUserPool of a pool created with nothing but a name (the sandbox's answer)."""
    return {
        "Id": "us-east-1_abc", "Name": name, "Arn": "arn:aws:cognito-idp:us-east-1:1:userpool/x",
        "CreationDate": "2026-01-01", "LastModifiedDate": "2026-01-02",
        "EstimatedNumberOfUsers": 0,
        "Policies": {"PasswordPolicy": dict(defaults.PASSWORD_POLICY),
                     "SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD"]}},
        "DeletionProtection": "INACTIVE", "LambdaConfig": {},
        "VerificationMessageTemplate": {"DefaultEmailOption": "CONFIRM_WITH_CODE"},
        "UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": []},
        "MfaConfiguration": "OFF", "EmailConfiguration": {"EmailSendingAccount": "COGNITO_DEFAULT"},
        "UserPoolTags": {},
        "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False,
                                  "UnusedAccountValidityDays": 7},
        "UserPoolTier": "ESSENTIALS",
        "SchemaAttributes": standard_schema(),
    }


def empty_client_describe(name: str = "web") -> dict[str, Any]:
    return {
        "UserPoolId": "us-east-1_abc", "ClientName": name, "ClientId": f"id-{name}",
        "CreationDate": "2026-01-01", "LastModifiedDate": "2026-01-01",
        "RefreshTokenValidity": 30, "TokenValidityUnits": {},
        "ExplicitAuthFlows": list(defaults.DEFAULT_AUTH_FLOWS),
        "AllowedOAuthFlowsUserPoolClient": False, "PreventUserExistenceErrors": "LEGACY",
        "EnableTokenRevocation": True, "EnablePropagateAdditionalUserContextData": False,
        "AuthSessionValidity": 3,
    }


def pool(describe: dict[str, Any] | None = None, **fields: Any) -> ExportedPool:
    return ExportedPool(pool_id="us-east-1_abc", region="us-east-1",
                        describe=describe or empty_pool_describe(),
                        mfa={"MfaConfiguration": "OFF"}, **fields)


def client(describe: dict[str, Any] | None = None, has_secret: bool = False,
           **parts: LivePart | None) -> ExportedClient:
    shown = describe or empty_client_describe()
    return ExportedClient(client_id=shown["ClientId"], name=shown["ClientName"],
                          describe=shown, has_secret=has_secret, parts=dict(parts))


def valid(pools: list[Any], tmp_path: Path, environ: dict[str, str] | None = None) -> str:
    data, comments, inline = spec_document(pools)
    text = emit(data, comments, inline)
    path = tmp_path / "spec.yaml"
    path.write_text(text)
    load_spec([str(path)], environ=environ or {})
    return text


def test_an_untouched_pool_is_its_name(tmp_path: Path) -> None:
    exported = build_pool(pool(clients=[client()]))
    assert exported.pool == {"pool_name": "users", "id": "us-east-1_abc",
                             "clients": [{"client_name": "web", "id": "id-web"}]}
    valid([exported], tmp_path)


def test_full_keeps_the_defaults(tmp_path: Path) -> None:
    exported = build_pool(pool(clients=[client()]), full=True)
    spec = exported.pool
    assert spec["deletion_protection"] == "INACTIVE"
    assert spec["policies"]["password_policy"]["require_symbols"] is True
    assert spec["mfa_configuration"] == "OFF"
    assert [a["name"] for a in spec["schema"]][:2] == ["sub", "name"]
    assert spec["groups"] == [] and spec["identity_providers"] == []
    assert spec["clients"][0]["generate_secret"] is False
    assert spec["clients"][0]["refresh_token_validity"] == 30
    assert spec["clients"][0]["token_validity_units"] == {
        "access_token": "hours", "id_token": "hours", "refresh_token": "days"}
    valid([exported], tmp_path)


def test_a_block_keeps_only_what_differs_from_its_given_defaults() -> None:
    rule = defaults.POOL["Policies"]
    node = definition("UserPool")["properties"]["policies"]
    live = {"PasswordPolicy": {**defaults.PASSWORD_POLICY, "MinimumLength": 12,
                               "RequireSymbols": False},
            "SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD"]}}
    assert prune(live, rule, node) == {"PasswordPolicy": {
        "MinimumLength": 12, "RequireUppercase": True, "RequireLowercase": True,
        "RequireNumbers": True}}
    assert prune(copy.deepcopy(empty_pool_describe()["Policies"]), rule, node) is MISSING
    devices = defaults.POOL["DeviceConfiguration"]
    device_node = definition("UserPool")["properties"]["device_configuration"]
    both_false = {"ChallengeRequiredOnNewDevice": False, "DeviceOnlyRememberedOnUserPrompt": False}
    # Every member a default, yet the block differs from leaving it out: kept whole.
    assert prune(both_false, devices, device_node) == both_false


def test_sets_compare_unordered_and_empties_are_absent() -> None:
    rule = defaults.CLIENT["ExplicitAuthFlows"]
    assert prune(list(reversed(defaults.DEFAULT_AUTH_FLOWS)), rule, None) is MISSING
    assert prune([], None, None) is MISSING
    assert prune({"a": []}, None, {"type": "object"}) is MISSING


def test_token_lifetimes_come_with_their_units() -> None:
    shown = empty_client_describe()
    shown.update(AccessTokenValidity=30, IdTokenValidity=60, RefreshTokenValidity=720,
                 TokenValidityUnits={"AccessToken": "minutes", "IdToken": "minutes",
                                     "RefreshToken": "hours"})
    [spec] = build_pool(pool(clients=[client(shown)])).pool["clients"]
    # 60 minutes is the default hour; 720 hours are the default 30 days.
    assert spec == {"client_name": "web", "id": "id-web", "access_token_validity": 30,
                    "token_validity_units": {"access_token": "minutes"}}
    shown = empty_client_describe()
    shown.update(RefreshTokenValidity=10, TokenValidityUnits={"RefreshToken": "days"})
    [spec] = build_pool(pool(clients=[client(shown)])).pool["clients"]
    assert spec["refresh_token_validity"] == 10
    assert spec["token_validity_units"] == {"refresh_token": "days"}


def test_client_keys_follow_the_api_reference_order() -> None:
    shown = empty_client_describe()
    shown.update(AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["code"],
                 AllowedOAuthScopes=["openid"], CallbackURLs=["https://x.example/cb"],
                 ReadAttributes=["email"], AuthSessionValidity=10)
    exported = build_pool(pool(clients=[client(shown, has_secret=True)]))
    [spec] = exported.pool["clients"]
    assert list(spec) == ["client_name", "id", "generate_secret", "read_attributes",
                          "callback_urls",
                          "allowed_oauth_flows", "allowed_oauth_scopes",
                          "allowed_oauth_flows_user_pool_client", "auth_session_validity"]
    assert exported.inline[("clients", 0, "generate_secret")].startswith("its secret")
    assert exported.inline[("clients", 0, "auth_session_validity")] == "minutes"


def test_pool_keys_follow_the_console_sections() -> None:
    describe = empty_pool_describe()
    describe.update(UserPoolTier="PLUS", UsernameAttributes=["email"],
                    AutoVerifiedAttributes=["email"], SmsAuthenticationMessage="Code {####}",
                    LambdaConfig={"PreSignUp": "arn:aws:lambda:us-east-1:1:function:f"})
    exported = build_pool(pool(describe, clients=[client()]))
    assert list(exported.pool) == [
        "pool_name", "id", "username_attributes", "auto_verified_attributes",
        "sms_authentication_message", "user_pool_tier", "lambda_config", "clients"]
    assert exported.comments[("username_attributes",)] == ["", "Sign-in experience: how users "
                                                                "sign in"]
    assert exported.comments[("clients",)][1] == "App integration: app clients"


def test_schema_keeps_changed_standard_and_every_custom_attribute() -> None:
    describe = empty_pool_describe()
    describe["SchemaAttributes"] = [*standard_schema(
        email={"Required": True},
        name={"StringAttributeConstraints": {"MinLength": "0", "MaxLength": "100"}},
    ),
        {"Name": "custom:tenant", "AttributeDataType": "String", "DeveloperOnlyAttribute": False,
         "Mutable": False, "Required": False, "StringAttributeConstraints": {}},
        {"Name": "dev:custom:score", "AttributeDataType": "Number",
         "DeveloperOnlyAttribute": True, "Mutable": True, "Required": False,
         "NumberAttributeConstraints": {"MinValue": "1"}},
        {"Name": "brand_new_standard", "AttributeDataType": "String"},
    ]
    exported = build_pool(pool(describe))
    assert exported.pool["schema"] == [
        {"name": "name", "string_attribute_constraints": {"min_length": "0",
                                                          "max_length": "100"}},
        {"name": "email", "required": True},
        {"name": "tenant", "attribute_data_type": "String", "mutable": False},
        {"name": "score", "attribute_data_type": "Number", "developer_only_attribute": True,
         "mutable": True, "number_attribute_constraints": {"min_value": "1"}},
    ]
    assert any("brand_new_standard" in note for note in exported.notes)


def test_every_pool_is_pinned_by_id(tmp_path: Path) -> None:
    solo = build_pool(pool())
    assert solo.pool["id"] == "us-east-1_abc" and "renames" in solo.inline[("id",)]
    twin = build_pool(pool(name_is_unique=False))
    assert "same name" in twin.inline[("id",)]
    assert twin.pool["id"] == "us-east-1_abc"
    assert list(twin.pool)[:2] == ["pool_name", "id"]
    valid([twin], tmp_path)


def test_identity_provider_secrets_and_derived_details(tmp_path: Path) -> None:
    google = LivePart({"UserPoolId": "x", "ProviderName": "Google", "ProviderType": "Google",
                       "ProviderDetails": {"client_id": "gid", "authorize_scopes": "openid",
                                           "authorize_url": "https://accounts.google.com/x",
                                           "token_request_method": "POST"},
                       "AttributeMapping": {"username": "sub", "email": "email"},
                       "CreationDate": "2026-01-01"})
    saml = LivePart({"ProviderName": "Corp", "ProviderType": "SAML",
                     "ProviderDetails": {"MetadataURL": "https://idp.example/m.xml",
                                         "MetadataFile": "<xml/>",
                                         "SSORedirectBindingURI": "https://idp.example/sso"},
                     "AttributeMapping": {"email": "http://schemas/email"}})
    oidc = LivePart({"ProviderName": "My-OIDC", "ProviderType": "OIDC",
                     "ProviderDetails": {"client_id": "c", "oidc_issuer": "https://i.example",
                                         "authorize_scopes": "openid",
                                         "attributes_request_method": "GET",
                                         "jwks_uri": "https://i.example/jwks"}})
    exported = build_pool(pool(
        describe=empty_pool_describe("my app"),
        parts={"identity_providers": [saml, oidc, google]},
        provider_secrets={"Google": [], "Corp": [], "My-OIDC": ["client_secret"]}))
    providers = exported.pool["identity_providers"]
    assert [p["provider_name"] for p in providers] == ["Corp", "Google", "My-OIDC"]
    assert providers[0]["provider_details"] == {"MetadataURL": "https://idp.example/m.xml"}
    assert providers[1] == {
        "provider_name": "Google", "provider_type": "Google",
        "provider_details": {"authorize_scopes": "openid", "client_id": "gid",
                             "client_secret": "${env:MY_APP_GOOGLE_CLIENT_SECRET}"},
        "attribute_mapping": {"email": "email"}}
    assert providers[2]["provider_details"]["jwks_uri"] == "https://i.example/jwks"
    assert providers[2]["provider_details"]["client_secret"] == (
        "${env:MY_APP_MY_OIDC_CLIENT_SECRET}")
    assert [s.name for s in exported.secrets] == ["MY_APP_GOOGLE_CLIENT_SECRET",
                                                  "MY_APP_MY_OIDC_CLIENT_SECRET"]
    valid([exported], tmp_path, {s.name: "x" for s in exported.secrets})


def test_secret_variable_names_never_collide() -> None:
    first = LivePart({"ProviderName": "a-b", "ProviderType": "OIDC", "ProviderDetails": {}})
    second = LivePart({"ProviderName": "a.b", "ProviderType": "OIDC", "ProviderDetails": {}})
    exported = build_pool(pool(parts={"identity_providers": [first, second]},
                               provider_secrets={"a-b": ["client_secret"],
                                                 "a.b": ["client_secret"]}))
    assert [s.name for s in exported.secrets] == ["USERS_A_B_CLIENT_SECRET",
                                                  "USERS_A_B_CLIENT_SECRET_2"]
    details = [p["provider_details"]["client_secret"]
               for p in exported.pool["identity_providers"]]
    assert details == ["${env:USERS_A_B_CLIENT_SECRET}", "${env:USERS_A_B_CLIENT_SECRET_2}"]


def test_parts_and_client_parts(tmp_path: Path) -> None:
    parts: dict[str, Any] = {
        "groups": [LivePart({"GroupName": "admins", "UserPoolId": "x", "Precedence": 1,
                             "Description": "", "CreationDate": "2026-01-01"})],
        "resource_servers": [LivePart({"Identifier": "orders", "Name": "Orders",
                                       "Scopes": [{"ScopeName": "read",
                                                   "ScopeDescription": "Read"}]})],
        "domain": LivePart({"Domain": "my-app", "UserPoolId": "x", "Status": "ACTIVE",
                            "ManagedLoginVersion": 1, "CloudFrontDistribution": "d.cf"}),
        "ui_customization": LivePart({"ClientId": "ALL", "CSS": ".a { color: red }",
                                      "ImageUrl": "https://x/logo.png", "CSSVersion": "1"}),
        "log_delivery_configuration": LivePart({"UserPoolId": "x", "LogConfigurations": [
            {"LogLevel": "ERROR", "EventSource": "userNotification",
             "CloudWatchLogsConfiguration": {"LogGroupArn": "arn:aws:logs:us-east-1:1:x"}}]}),
    }
    web = client(empty_client_describe(),
                 managed_login_branding=LivePart({"ManagedLoginBrandingId": "b",
                                                  "UseCognitoProvidedValues": True,
                                                  "Settings": {"a": 1}}),
                 ui_customization=LivePart({"ClientId": "id-web", "CSS": ".b {}"}))
    exported = build_pool(pool(parts=parts, other_domain="other-prefix", clients=[web]))
    spec = exported.pool
    assert spec["groups"] == [{"group_name": "admins", "precedence": 1}]
    assert spec["resource_servers"][0]["scopes"] == [{"scope_name": "read",
                                                      "scope_description": "Read"}]
    assert spec["domain"] == {"domain": "my-app"}
    assert "other-prefix" in exported.comments[("domain",)][-1]
    assert spec["ui_customization"] == {"css": ".a { color: red }"}
    assert "logo image" in exported.comments[("ui_customization",)][-1]
    assert spec["log_delivery_configuration"]["log_configurations"][0]["log_level"] == "ERROR"
    assert spec["clients"][0]["managed_login_branding"] == {"use_cognito_provided_values": True}
    assert spec["clients"][0]["ui_customization"] == {"css": ".b {}"}
    valid([exported], tmp_path)


def test_duplicate_client_names_are_an_error() -> None:
    twins = [client(empty_client_describe()), client(empty_client_describe())]
    twins[1].client_id = "other"
    with pytest.raises(ReconcilerError, match="2 app clients named 'web'"):
        build_pool(pool(clients=twins))


def test_strings_that_look_like_variables_are_escaped(tmp_path: Path) -> None:
    describe = empty_pool_describe()
    describe["SmsAuthenticationMessage"] = "Code ${env:HOME} {####}"
    exported = build_pool(pool(describe))
    assert exported.pool["sms_authentication_message"] == "Code $${env:HOME} {####}"
    text = valid([exported], tmp_path)
    loaded = load_spec([str(tmp_path / "spec.yaml")], environ={})
    assert loaded.data["user_pools"][0]["sms_authentication_message"] == (
        "Code ${env:HOME} {####}")
    assert "$${env:HOME}" in text
    assert escape({"k": ["a${b"]}) == {"k": ["a$${b"]}


def test_env_names() -> None:
    assert env_name("my pool", "Google", "client_secret") == "MY_POOL_GOOGLE_CLIENT_SECRET"
    assert env_name("1st", "x") == "_1ST_X"


def test_unmodeled_fields_are_noted() -> None:
    exported = build_pool(pool(unmodeled=["NewThing"]))
    assert any("NewThing" in note for note in exported.notes)


def test_the_whole_document_reads_back(tmp_path: Path) -> None:
    text = valid([build_pool(pool(clients=[client()]))], tmp_path)
    assert yaml.safe_load(text) == {"version": 1, "user_pools": [
        {"pool_name": "users", "id": "us-east-1_abc",
         "clients": [{"client_name": "web", "id": "id-web"}]}]}


def test_a_custom_attribute_named_like_a_standard_one_is_left_out(tmp_path: Path) -> None:
    describe = empty_pool_describe()
    describe["SchemaAttributes"] = [*standard_schema(), {
        "Name": "custom:Email", "AttributeDataType": "String", "Mutable": True}]
    exported = build_pool(pool(describe))
    assert "schema" not in exported.pool
    assert any("custom:Email" in note for note in exported.notes)
    valid([exported], tmp_path)


def test_an_empty_list_that_differs_from_the_default_is_kept(tmp_path: Path) -> None:
    shown = empty_client_describe()
    shown["ExplicitAuthFlows"] = []
    exported = build_pool(pool(clients=[client(shown)]))
    assert exported.pool["clients"] == [{"client_name": "web", "id": "id-web",
                                         "explicit_auth_flows": []}]
    valid([exported], tmp_path)


def test_an_empty_string_is_data_in_a_map_and_nothing_in_a_structure(tmp_path: Path) -> None:
    describe = empty_pool_describe()
    describe["UserPoolTags"] = {"team": "", "yes": "OFF"}
    describe["SmsConfiguration"] = {"SnsCallerArn": "arn:aws:iam::1:role/sms", "ExternalId": ""}
    exported = build_pool(pool(describe))
    assert exported.pool["user_pool_tags"] == {"team": "", "yes": "OFF"}
    assert exported.pool["sms_configuration"] == {"sns_caller_arn": "arn:aws:iam::1:role/sms"}
    valid([exported], tmp_path)
