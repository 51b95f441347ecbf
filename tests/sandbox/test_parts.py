"""Groups, resource servers and identity providers: replacements and guards."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

GOOGLE = {"client_id": "id", "client_secret": "s3cret", "authorize_scopes": "openid email"}
ROLE = "arn:aws:iam::123456789012:role/admins"


def _code(raised: pytest.ExceptionInfo[ClientError]) -> str:
    return str(raised.value.response["Error"]["Code"])


def test_update_group_is_a_full_replacement(cognito: Any, pool_id: str) -> None:
    created = cognito.create_group(
        UserPoolId=pool_id, GroupName="admins", Description="Admins", RoleArn=ROLE, Precedence=1
    )["Group"]
    assert created["Precedence"] == 1
    cognito.update_group(UserPoolId=pool_id, GroupName="admins", Description="Only this")
    group = cognito.get_group(UserPoolId=pool_id, GroupName="admins")["Group"]
    assert group["Description"] == "Only this"
    assert "RoleArn" not in group and "Precedence" not in group
    listed = cognito.list_groups(UserPoolId=pool_id, Limit=10)
    assert [g["GroupName"] for g in listed["Groups"]] == ["admins"]
    assert "NextToken" not in listed
    with pytest.raises(ClientError) as raised:
        cognito.create_group(UserPoolId=pool_id, GroupName="admins")
    assert _code(raised) == "GroupExistsException"


def test_resource_server_update_replaces_and_delete_removes(cognito: Any, pool_id: str) -> None:
    cognito.create_resource_server(
        UserPoolId=pool_id, Identifier="api", Name="API",
        Scopes=[{"ScopeName": "read", "ScopeDescription": "r"},
                {"ScopeName": "write", "ScopeDescription": "w"}],
    )
    updated = cognito.update_resource_server(UserPoolId=pool_id, Identifier="api", Name="API 2")
    assert updated["ResourceServer"]["Scopes"] == []  # omitted scopes: none left
    described = cognito.describe_resource_server(UserPoolId=pool_id, Identifier="api")
    assert described["ResourceServer"] == {
        "UserPoolId": pool_id, "Identifier": "api", "Name": "API 2", "Scopes": [],
    }
    listed = cognito.list_resource_servers(UserPoolId=pool_id, MaxResults=10)
    assert [s["Identifier"] for s in listed["ResourceServers"]] == ["api"]
    cognito.delete_resource_server(UserPoolId=pool_id, Identifier="api")
    with pytest.raises(ClientError) as raised:
        cognito.describe_resource_server(UserPoolId=pool_id, Identifier="api")
    assert _code(raised) == "ResourceNotFoundException"
    with pytest.raises(ClientError) as raised:
        cognito.update_resource_server(UserPoolId=pool_id, Identifier="api", Name="x")
    assert _code(raised) == "ResourceNotFoundException"


def test_duplicate_identity_provider_is_refused(cognito: Any, pool_id: str) -> None:
    cognito.create_identity_provider(
        UserPoolId=pool_id, ProviderName="Google", ProviderType="Google", ProviderDetails=GOOGLE
    )
    with pytest.raises(ClientError) as raised:
        cognito.create_identity_provider(
            UserPoolId=pool_id, ProviderName="Google", ProviderType="Google",
            ProviderDetails=GOOGLE,
        )
    assert _code(raised) == "DuplicateProviderException"
    with pytest.raises(ClientError) as raised:
        cognito.create_identity_provider(
            UserPoolId=pool_id, ProviderName="MyGoogle", ProviderType="Google",
            ProviderDetails=GOOGLE,
        )
    assert _code(raised) == "InvalidParameterException"
    with pytest.raises(ClientError) as raised:
        cognito.create_identity_provider(
            UserPoolId=pool_id, ProviderName="corp", ProviderType="OIDC",
            ProviderDetails={"client_id": "x"},
        )
    assert _code(raised) == "InvalidParameterException"


def test_identity_provider_describe_and_full_replacement(cognito: Any, pool_id: str) -> None:
    created = cognito.create_identity_provider(
        UserPoolId=pool_id, ProviderName="Google", ProviderType="Google", ProviderDetails=GOOGLE,
        AttributeMapping={"email": "email"}, IdpIdentifiers=["gmail"],
    )["IdentityProvider"]
    details = created["ProviderDetails"]
    assert details["client_id"] == "id"
    assert details["authorize_url"].startswith("https://accounts.google.com/")  # server-filled
    assert created["AttributeMapping"] == {"email": "email", "username": "sub"}

    cognito.update_identity_provider(
        UserPoolId=pool_id, ProviderName="Google", AttributeMapping={"name": "name"}
    )
    updated = cognito.describe_identity_provider(UserPoolId=pool_id, ProviderName="Google")[
        "IdentityProvider"]
    assert updated["AttributeMapping"] == {"name": "name", "username": "sub"}
    # The update left the identifiers out, so none remain: AWS answers an empty list
    # (aws-cli describe-identity-provider.rst; tests/aws/snapshots/DescribeIdentityProvider).
    assert updated["IdpIdentifiers"] == []
    assert updated["ProviderDetails"]["client_id"] == "id"
    listed = cognito.list_identity_providers(UserPoolId=pool_id, MaxResults=10)["Providers"]
    assert [(p["ProviderName"], p["ProviderType"]) for p in listed] == [("Google", "Google")]


def test_apple_private_key_is_never_echoed(cognito: Any, pool_id: str) -> None:
    provider = cognito.create_identity_provider(
        UserPoolId=pool_id, ProviderName="SignInWithApple", ProviderType="SignInWithApple",
        ProviderDetails={"client_id": "c", "team_id": "t", "key_id": "k",
                         "private_key": "-----BEGIN PRIVATE KEY-----", "authorize_scopes": "email"},
    )["IdentityProvider"]
    assert "private_key" not in provider["ProviderDetails"]
    assert provider["ProviderDetails"]["team_id"] == "t"
