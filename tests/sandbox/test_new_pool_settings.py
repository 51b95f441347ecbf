"""Issue 11: the pool members botocore 1.44 added, and IdP AcrMapping, answered as the
shipped model documents them (reconciler/sandbox/pool_settings.py)."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

DEFAULT_ACR = {f"Level{n}": {"AcrValue": f"urn:cognito:loa:{n}"} for n in range(1, 5)}
OIDC_DETAILS = {"client_id": "c", "client_secret": "s", "attributes_request_method": "GET",
                "oidc_issuer": "https://idp.example.com", "authorize_scopes": "openid"}


def _error(raised: pytest.ExceptionInfo[ClientError]) -> str:
    return str(raised.value.response["Error"]["Code"])


def _pool(idp: Any, pool_id: str) -> dict[str, Any]:
    return dict(idp.describe_user_pool(UserPoolId=pool_id)["UserPool"])


def test_acr_names_are_described_with_the_default_names_merged_in(idp: Any) -> None:
    pool = idp.create_user_pool(PoolName="acr", AcrConfiguration={
        "Level2": {"AcrValue": "urn:example:mfa"}})["UserPool"]
    assert _pool(idp, pool["Id"])["AcrConfiguration"] == {
        **DEFAULT_ACR, "Level2": {"AcrValue": "urn:example:mfa"}}
    plain = idp.create_user_pool(PoolName="plain")["UserPool"]
    assert _pool(idp, plain["Id"])["AcrConfiguration"] == DEFAULT_ACR


def test_an_acr_name_equal_to_another_levels_default_is_refused(idp: Any) -> None:
    with pytest.raises(ClientError) as raised:
        idp.create_user_pool(PoolName="dup", AcrConfiguration={
            "Level1": {"AcrValue": "urn:cognito:loa:2"}})
    assert _error(raised) == "InvalidParameterException"
    assert "unique" in str(raised.value)
    assert idp.list_user_pools(MaxResults=10)["UserPools"] == []


def test_custom_acr_names_and_dcr_need_the_essentials_tier(idp: Any) -> None:
    with pytest.raises(ClientError) as raised:
        idp.create_user_pool(PoolName="lite", UserPoolTier="LITE",
                             AcrConfiguration={"Level1": {"AcrValue": "urn:example:1"}})
    assert _error(raised) == "FeatureUnavailableInTierException"
    with pytest.raises(ClientError) as raised:
        idp.create_user_pool(PoolName="lite", UserPoolTier="LITE",
                             DcrConfiguration={"AllowedScopes": ["openid"]})
    assert _error(raised) == "FeatureUnavailableInTierException"
    assert idp.list_user_pools(MaxResults=10)["UserPools"] == []
    # Disabled registration and the default names are fine on Lite.
    pool = idp.create_user_pool(PoolName="lite", UserPoolTier="LITE", AcrConfiguration=DEFAULT_ACR,
                                DcrConfiguration={"EnableStatus": "Disabled"})["UserPool"]
    assert _pool(idp, pool["Id"])["UserPoolTier"] == "LITE"


def test_moving_to_lite_needs_registration_turned_off(idp: Any) -> None:
    pool_id = idp.create_user_pool(PoolName="dcr", DcrConfiguration={
        "AllowedScopes": ["openid"]})["UserPool"]["Id"]
    with pytest.raises(ClientError) as raised:
        idp.update_user_pool(UserPoolId=pool_id, UserPoolTier="LITE")
    assert _error(raised) == "FeatureUnavailableInTierException"
    assert _pool(idp, pool_id)["UserPoolTier"] == "ESSENTIALS"
    idp.update_user_pool(UserPoolId=pool_id, UserPoolTier="LITE",
                         DcrConfiguration={"EnableStatus": "Disabled"})
    after = _pool(idp, pool_id)
    assert after["UserPoolTier"] == "LITE"
    assert after["DcrConfiguration"]["EnableStatus"] == "Disabled"


def test_dcr_is_kept_when_an_update_omits_it_and_replaced_when_given(idp: Any) -> None:
    pool_id = idp.create_user_pool(PoolName="dcr", DcrConfiguration={
        "OpenDcrEnabled": True, "AllowedScopes": ["openid"]})["UserPool"]["Id"]
    created = _pool(idp, pool_id)["DcrConfiguration"]
    # An omitted EnableStatus turns registration on.
    assert created == {"EnableStatus": "Enabled", "OpenDcrEnabled": True,
                       "AllowedScopes": ["openid"]}
    idp.update_user_pool(UserPoolId=pool_id, DeletionProtection="INACTIVE")
    assert _pool(idp, pool_id)["DcrConfiguration"] == created
    # Given, it replaces the whole configuration: omitted members revert.
    idp.update_user_pool(UserPoolId=pool_id, DcrConfiguration={"AllowedScopes": ["email"]})
    assert _pool(idp, pool_id)["DcrConfiguration"] == {
        "EnableStatus": "Enabled", "OpenDcrEnabled": False, "AllowedScopes": ["email"]}


def test_issuer_and_key_read_back_and_reset_when_an_update_omits_them(idp: Any) -> None:
    plain = idp.create_user_pool(PoolName="plain")["UserPool"]["Id"]
    described = _pool(idp, plain)
    assert described["IssuerConfiguration"] == {"Type": "ORIGINAL"}
    assert described["KeyConfiguration"] == {"KeyType": "AWS_OWNED_KEY"}
    assert described["DcrConfiguration"] == {"EnableStatus": "Disabled", "OpenDcrEnabled": False}
    empty = idp.create_user_pool(PoolName="empty", IssuerConfiguration={},
                                 KeyConfiguration={})["UserPool"]["Id"]
    assert _pool(idp, empty)["IssuerConfiguration"] == {"Type": "ORIGINAL"}
    assert _pool(idp, empty)["KeyConfiguration"] == {"KeyType": "AWS_OWNED_KEY"}
    pool_id = idp.create_user_pool(PoolName="updated", IssuerConfiguration={
        "Type": "UPDATED"})["UserPool"]["Id"]
    assert _pool(idp, pool_id)["IssuerConfiguration"] == {"Type": "UPDATED"}
    # UpdateUserPool resets what it omits (doc), these members included.
    idp.update_user_pool(UserPoolId=pool_id, DeletionProtection="INACTIVE")
    assert _pool(idp, pool_id)["IssuerConfiguration"] == {"Type": "ORIGINAL"}


def _provider(idp: Any, pool_id: str, name: str) -> dict[str, Any]:
    return dict(idp.describe_identity_provider(UserPoolId=pool_id,
                                               ProviderName=name)["IdentityProvider"])


def test_an_oidc_provider_keeps_its_acr_mapping_until_an_update_leaves_it_out(idp: Any) -> None:
    pool_id = idp.create_user_pool(PoolName="idp")["UserPool"]["Id"]
    idp.create_identity_provider(UserPoolId=pool_id, ProviderName="Corp", ProviderType="OIDC",
                                 ProviderDetails=OIDC_DETAILS,
                                 AcrMapping={"Level2": "urn:idp:mfa"})
    assert _provider(idp, pool_id, "Corp")["AcrMapping"] == {"Level2": "urn:idp:mfa"}
    idp.update_identity_provider(UserPoolId=pool_id, ProviderName="Corp",
                                 AcrMapping={"Level1": "urn:idp:pwd"})
    assert _provider(idp, pool_id, "Corp")["AcrMapping"] == {"Level1": "urn:idp:pwd"}
    idp.update_identity_provider(UserPoolId=pool_id, ProviderName="Corp",
                                 AttributeMapping={"email": "email"})
    assert "AcrMapping" not in _provider(idp, pool_id, "Corp")


def test_acr_mapping_is_refused_for_a_provider_that_is_not_oidc(idp: Any) -> None:
    pool_id = idp.create_user_pool(PoolName="idp")["UserPool"]["Id"]
    with pytest.raises(ClientError) as raised:
        idp.create_identity_provider(
            UserPoolId=pool_id, ProviderName="Google", ProviderType="Google",
            ProviderDetails={"client_id": "c", "client_secret": "s",
                             "authorize_scopes": "openid"},
            AcrMapping={"Level1": "x"})
    assert _error(raised) == "InvalidParameterException"
    assert idp.list_identity_providers(UserPoolId=pool_id)["Providers"] == []
