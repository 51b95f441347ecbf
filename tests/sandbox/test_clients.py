"""App client corrections: reset-on-update, defaults, and AWS's cross-field checks."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError


def _code(raised: pytest.ExceptionInfo[ClientError]) -> str:
    return str(raised.value.response["Error"]["Code"])


def _describe(cognito: Any, pool_id: str, client_id: str) -> dict[str, Any]:
    return dict(
        cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)["UserPoolClient"]
    )


OAUTH = {
    "AllowedOAuthFlowsUserPoolClient": True,
    "AllowedOAuthFlows": ["code"],
    "AllowedOAuthScopes": ["openid", "email"],
    "CallbackURLs": ["https://app.example.com/callback", "http://localhost:3000/cb"],
    "DefaultRedirectURI": "https://app.example.com/callback",
    "SupportedIdentityProviders": ["COGNITO"],
}


def test_update_resets_omitted_fields_and_keeps_the_secret(cognito: Any, pool_id: str) -> None:
    created = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="web", GenerateSecret=True,
        AccessTokenValidity=30, TokenValidityUnits={"AccessToken": "minutes"},
        ReadAttributes=["email", "name"], **OAUTH,
    )["UserPoolClient"]
    client_id, secret = created["ClientId"], created["ClientSecret"]

    cognito.update_user_pool_client(UserPoolId=pool_id, ClientId=client_id, ClientName="web2")

    client = _describe(cognito, pool_id, client_id)
    assert client["ClientName"] == "web2"
    assert client["ClientSecret"] == secret
    for reset in ("CallbackURLs", "DefaultRedirectURI", "AllowedOAuthFlows", "AllowedOAuthScopes",
                  "SupportedIdentityProviders", "AccessTokenValidity", "ReadAttributes"):
        assert reset not in client, reset
    assert client["AllowedOAuthFlowsUserPoolClient"] is False
    assert client["TokenValidityUnits"] == {}
    assert client["ExplicitAuthFlows"] == [
        "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH",
    ]


def test_describe_returns_aws_defaults(cognito: Any, pool_id: str) -> None:
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app")[
        "UserPoolClient"]["ClientId"]
    client = _describe(cognito, pool_id, client_id)
    for key in ("CreationDate", "LastModifiedDate"):
        assert client.pop(key)
    assert client == {
        "UserPoolId": pool_id,
        "ClientName": "app",
        "ClientId": client_id,
        "RefreshTokenValidity": 30,
        "TokenValidityUnits": {},
        "ExplicitAuthFlows": ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH",
                              "ALLOW_CUSTOM_AUTH"],
        "AllowedOAuthFlowsUserPoolClient": False,
        "EnableTokenRevocation": True,
        "EnablePropagateAdditionalUserContextData": False,
        "AuthSessionValidity": 3,
        "ClientType": "REGULAR",  # doc: ClientType, a client made by CreateUserPoolClient
    }  # no ClientSecret: this client has none; no PreventUserExistenceErrors: never set


def test_custom_client_secret_and_listing_without_secrets(cognito: Any, pool_id: str) -> None:
    secret = "a" * 32
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="svc", ClientSecret=secret
    )["UserPoolClient"]["ClientId"]
    assert _describe(cognito, pool_id, client_id)["ClientSecret"] == secret
    listed = cognito.list_user_pool_clients(UserPoolId=pool_id, MaxResults=10)["UserPoolClients"]
    assert listed == [{"ClientId": client_id, "UserPoolId": pool_id, "ClientName": "svc"}]


@pytest.mark.parametrize(
    ("settings", "accepted"),
    [
        ({"AccessTokenValidity": 48}, False),  # 48 hours: over a day
        ({"AccessTokenValidity": 24}, True),
        ({"IdTokenValidity": 4, "TokenValidityUnits": {"IdToken": "minutes"}}, False),
        ({"IdTokenValidity": 5, "TokenValidityUnits": {"IdToken": "minutes"}}, True),
        ({"RefreshTokenValidity": 59, "TokenValidityUnits": {"RefreshToken": "minutes"}}, False),
        ({"RefreshTokenValidity": 3651}, False),  # days: over 10 years
        ({"RefreshTokenValidity": 3650}, True),
    ],
)
def test_token_validity_is_checked_after_unit_conversion(
    cognito: Any, pool_id: str, settings: dict[str, Any], accepted: bool
) -> None:
    if accepted:
        cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="c", **settings)
        return
    with pytest.raises(ClientError) as raised:
        cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="c", **settings)
    assert _code(raised) == "InvalidParameterException"


def test_refresh_token_validity_zero_means_thirty_days(cognito: Any, pool_id: str) -> None:
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="c", RefreshTokenValidity=0
    )["UserPoolClient"]["ClientId"]
    assert _describe(cognito, pool_id, client_id)["RefreshTokenValidity"] == 30


@pytest.mark.parametrize(
    ("settings", "code"),
    [
        ({**OAUTH, "DefaultRedirectURI": "https://elsewhere.example.com/"},
         "InvalidParameterException"),
        ({**OAUTH, "CallbackURLs": ["http://app.example.com/cb"], "DefaultRedirectURI": None},
         "InvalidParameterException"),
        ({**OAUTH, "AllowedOAuthFlowsUserPoolClient": False}, "InvalidParameterException"),
        ({**OAUTH, "AllowedOAuthFlows": ["code", "client_credentials"]},
         "InvalidOAuthFlowException"),
        ({**OAUTH, "AllowedOAuthFlows": ["client_credentials"]}, "InvalidOAuthFlowException"),
        ({**OAUTH, "AllowedOAuthScopes": ["api/read"]}, "ScopeDoesNotExistException"),
        ({**OAUTH, "SupportedIdentityProviders": ["COGNITO", "Google"]},
         "InvalidParameterException"),
        ({"ExplicitAuthFlows": ["USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]},
         "InvalidParameterException"),
        ({"ReadAttributes": ["email", "custom:nope"]}, "InvalidParameterException"),
        ({"WriteAttributes": ["sub"]}, "InvalidParameterException"),
    ],
)
def test_cross_field_checks(
    cognito: Any, pool_id: str, settings: dict[str, Any], code: str
) -> None:
    body = {k: v for k, v in settings.items() if v is not None}
    with pytest.raises(ClientError) as raised:
        cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="c", **body)
    assert _code(raised) == code


def test_oauth_client_with_existing_scopes_and_providers(cognito: Any, pool_id: str) -> None:
    cognito.create_resource_server(
        UserPoolId=pool_id, Identifier="https://api.example.com", Name="api",
        Scopes=[{"ScopeName": "read", "ScopeDescription": "read"}],
    )
    cognito.create_identity_provider(
        UserPoolId=pool_id, ProviderName="Google", ProviderType="Google",
        ProviderDetails={"client_id": "x", "client_secret": "y", "authorize_scopes": "openid"},
    )
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="m2m", GenerateSecret=True,
        AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["client_credentials"],
        AllowedOAuthScopes=["https://api.example.com/read"],
        SupportedIdentityProviders=["COGNITO", "Google"],
    )["UserPoolClient"]["ClientId"]
    client = _describe(cognito, pool_id, client_id)
    assert client["AllowedOAuthScopes"] == ["https://api.example.com/read"]
    assert client["SupportedIdentityProviders"] == ["COGNITO", "Google"]


def test_update_applies_the_same_checks(cognito: Any, pool_id: str) -> None:
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="c")[
        "UserPoolClient"]["ClientId"]
    with pytest.raises(ClientError) as raised:
        cognito.update_user_pool_client(
            UserPoolId=pool_id, ClientId=client_id, AccessTokenValidity=2,
            TokenValidityUnits={"AccessToken": "days"},
        )
    assert _code(raised) == "InvalidParameterException"


def test_unknown_client_is_not_found(cognito: Any, pool_id: str) -> None:
    with pytest.raises(ClientError) as raised:
        cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId="nope")
    assert _code(raised) == "ResourceNotFoundException"
    with pytest.raises(ClientError) as raised:
        cognito.delete_user_pool_client(UserPoolId=pool_id, ClientId="nope")
    assert _code(raised) == "ResourceNotFoundException"
