"""Schema-driven conversion between spec (snake_case) and API (member names) data."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from _spec_helpers import WORKSHOP
from hypothesis import given
from hypothesis import strategies as st

from reconciler.spec.convert import from_api, spec_path, to_api
from reconciler.spec.schema_data import definition

POOL = definition("UserPool")
CLIENT = definition("Client")


def test_nested_structures() -> None:
    spec = {"policies": {"password_policy": {"minimum_length": 8, "require_symbols": True}}}
    api = {"Policies": {"PasswordPolicy": {"MinimumLength": 8, "RequireSymbols": True}}}
    assert to_api(spec, POOL) == api
    assert from_api(api, POOL) == spec


def test_lists_of_structures() -> None:
    spec = {
        "schema": [
            {"name": "email", "attribute_data_type": "String", "required": True},
            {"name": "tenant_id", "string_attribute_constraints": {"max_length": "64"}},
        ],
        "account_recovery_setting": {
            "recovery_mechanisms": [{"name": "verified_email", "priority": 1}]
        },
    }
    api = {
        "Schema": [
            {"Name": "email", "AttributeDataType": "String", "Required": True},
            {"Name": "tenant_id", "StringAttributeConstraints": {"MaxLength": "64"}},
        ],
        "AccountRecoverySetting": {
            "RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]
        },
    }
    assert to_api(spec, POOL) == api
    assert from_api(api, POOL) == spec


def test_map_keys_are_data_and_never_renamed() -> None:
    spec = {"user_pool_tags": {"CostCenter": "42", "project_name": "x"}}
    assert to_api(spec, POOL) == {"UserPoolTags": {"CostCenter": "42", "project_name": "x"}}
    assert from_api({"UserPoolTags": {"CostCenter": "42"}}, POOL) == {
        "user_pool_tags": {"CostCenter": "42"}
    }
    idp = {"provider_details": {"client_id": "abc", "authorize_scopes": "openid"}}
    assert to_api(idp, definition("IdentityProvider")) == {
        "ProviderDetails": {"client_id": "abc", "authorize_scopes": "openid"}
    }


def test_tool_keys_are_dropped_and_mfa_members_converted() -> None:
    spec = {
        "pool_name": "p",
        "id": "us-east-1_abc",
        "region": "us-east-1",
        "clients": [{"client_name": "c"}],
        "mfa_configuration": "OPTIONAL",
        "software_token_mfa_configuration": {"enabled": True},
    }
    assert to_api(spec, POOL) == {
        "PoolName": "p",
        "MfaConfiguration": "OPTIONAL",
        "SoftwareTokenMfaConfiguration": {"Enabled": True},
    }


def test_oauth_names_use_the_overrides() -> None:
    spec = {"allowed_oauth_flows": ["code"], "allowed_oauth_flows_user_pool_client": True}
    api = {"AllowedOAuthFlows": ["code"], "AllowedOAuthFlowsUserPoolClient": True}
    assert to_api(spec, CLIENT) == api
    assert from_api(api, CLIENT) == spec


def test_unknown_api_members_are_kept_under_their_api_name() -> None:
    api = {"PoolName": "p", "Policies": {"PasswordPolicy": {"FutureSetting": 3}}, "NewThing": [1]}
    assert from_api(api, POOL) == {
        "pool_name": "p",
        "policies": {"password_policy": {"FutureSetting": 3}},
        "NewThing": [1],
    }


def test_documents_pass_through_unchanged() -> None:
    settings = {"components": {"primaryButton": {"lightMode": {"defaults": {"color": "fff"}}}}}
    branding = {"settings": settings, "use_cognito_provided_values": False}
    api = to_api(branding, definition("ManagedLoginBranding"))
    assert api == {"Settings": settings, "UseCognitoProvidedValues": False}
    assert api["Settings"] is not settings  # a copy: callers may mutate results freely
    assert from_api(api, definition("ManagedLoginBranding")) == branding


def test_blobs_are_base64_in_specs_and_bytes_in_the_api() -> None:
    ui = definition("UICustomization")
    assert to_api({"image_file": "iVBORw0K"}, ui) == {"ImageFile": b"\x89PNG\r\n"}
    assert from_api({"ImageFile": b"\x89PNG\r\n"}, ui) == {"image_file": "iVBORw0K"}


def test_inputs_are_not_mutated() -> None:
    spec = yaml.safe_load(WORKSHOP.read_text(encoding="utf-8"))["user_pools"][0]
    before = copy.deepcopy(spec)
    to_api(spec, POOL)
    assert spec == before


def test_workshop_round_trips() -> None:
    pool = yaml.safe_load(WORKSHOP.read_text(encoding="utf-8"))["user_pools"][0]
    client = pool.pop("clients")[0]
    api = to_api(pool, POOL)
    assert api["VerificationMessageTemplate"] == {
        "DefaultEmailOption": "CONFIRM_WITH_CODE",
        "SmsMessage": "Your verification code is {####}.",
    }
    assert api["UsernameConfiguration"] == {"CaseSensitive": False}
    assert from_api(api, POOL) == pool
    client_api = to_api(client, CLIENT)
    assert client_api["TokenValidityUnits"] == {
        "RefreshToken": "days",
        "AccessToken": "minutes",
        "IdToken": "minutes",
    }
    assert from_api(client_api, CLIENT) == client


def test_spec_path() -> None:
    assert spec_path(("Policies", "PasswordPolicy", "MinimumLength"), POOL) == (
        "policies",
        "password_policy",
        "minimum_length",
    )
    assert spec_path(("Schema", 1, "StringAttributeConstraints", "MaxLength"), POOL) == (
        "schema",
        1,
        "string_attribute_constraints",
        "max_length",
    )
    assert spec_path(("UserPoolTags", "CostCenter"), POOL) == ("user_pool_tags", "CostCenter")
    assert spec_path(("AllowedOAuthScopes", 0), CLIENT) == ("allowed_oauth_scopes", 0)
    assert spec_path(("Unknown", "Deeper"), POOL) == ("Unknown", "Deeper")
    settings_path = ("Settings", "components", "form")
    assert spec_path(settings_path, definition("ManagedLoginBranding")) == (
        "settings",
        "components",
        "form",
    )
    assert spec_path((), POOL) == ()


_tag_maps = st.dictionaries(st.text(min_size=1, max_size=5), st.text(max_size=5), max_size=3)
_policies = st.fixed_dictionaries(
    {},
    optional={
        "minimum_length": st.integers(6, 99),
        "require_numbers": st.booleans(),
        "password_history_size": st.integers(0, 24),
    },
)


@given(tags=_tag_maps, policy=_policies, flows=st.lists(st.sampled_from(["code", "implicit"])))
def test_round_trip_property(
    tags: dict[str, str], policy: dict[str, Any], flows: list[str]
) -> None:
    pool = {"user_pool_tags": tags, "policies": {"password_policy": policy}}
    assert from_api(to_api(pool, POOL), POOL) == pool
    client = {"allowed_oauth_flows": flows}
    assert from_api(to_api(client, CLIENT), CLIENT) == client
