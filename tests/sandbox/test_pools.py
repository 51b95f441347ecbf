"""User pool corrections: update semantics, defaults, schema, deletion protection."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

STANDARD_NAMES = [
    "sub", "name", "given_name", "family_name", "middle_name", "nickname",
    "preferred_username", "profile", "picture", "website", "email", "email_verified",
    "gender", "birthdate", "zoneinfo", "locale", "phone_number", "phone_number_verified",
    "address", "updated_at",
]  # `identities` only once the pool has an identity provider (test_pool_settings.py)


def _error(raised: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    return raised.value.response["Error"]["Code"], raised.value.response["Error"]["Message"]


def _describe(cognito: Any, pool_id: str) -> dict[str, Any]:
    return dict(cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"])


def test_update_keeps_create_only_fields_and_resets_omitted_ones(cognito: Any) -> None:
    pool_id = cognito.create_user_pool(
        PoolName="signin",
        UsernameAttributes=["email"],
        UsernameConfiguration={"CaseSensitive": False},
        AutoVerifiedAttributes=["email"],
        Schema=[{"Name": "email", "AttributeDataType": "String", "Required": True}],
        Policies={"PasswordPolicy": {"MinimumLength": 12}},
        UserPoolTier="PLUS",
    )["UserPool"]["Id"]

    cognito.update_user_pool(UserPoolId=pool_id, UserPoolTags={"team": "id"})

    pool = _describe(cognito, pool_id)
    # AWS never changes sign-in options, case sensitivity or the schema on update...
    assert pool["UsernameAttributes"] == ["email"]
    assert pool["UsernameConfiguration"] == {"CaseSensitive": False}
    email = next(a for a in pool["SchemaAttributes"] if a["Name"] == "email")
    assert email["Required"] is True
    # ...resets every omitted updatable field to its default...
    assert "AutoVerifiedAttributes" not in pool
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 8
    assert pool["UserPoolTags"] == {"team": "id"}
    # ...except UserPoolTier, which an update that omits it keeps.
    assert pool["UserPoolTier"] == "PLUS"


def test_update_can_rename_and_sets_what_it_is_given(cognito: Any, pool_id: str) -> None:
    cognito.update_user_pool(
        UserPoolId=pool_id, PoolName="renamed", DeletionProtection="ACTIVE",
        AutoVerifiedAttributes=["email"], UserPoolTier="LITE",
    )
    pool = _describe(cognito, pool_id)
    assert pool["Name"] == "renamed"
    assert pool["DeletionProtection"] == "ACTIVE"
    assert pool["AutoVerifiedAttributes"] == ["email"]
    assert pool["UserPoolTier"] == "LITE"


def test_describe_returns_aws_defaults(cognito: Any, pool_id: str) -> None:
    pool = _describe(cognito, pool_id)
    assert pool["DeletionProtection"] == "INACTIVE"
    assert pool["UserAttributeUpdateSettings"] == {"AttributesRequireVerificationBeforeUpdate": []}
    assert pool["UserPoolTags"] == {}
    assert pool["UserPoolTier"] == "ESSENTIALS"
    assert pool["LambdaConfig"] == {}
    assert pool["MfaConfiguration"] == "OFF"
    assert pool["Policies"] == {
        "PasswordPolicy": {
            "MinimumLength": 8, "RequireUppercase": True, "RequireLowercase": True,
            "RequireNumbers": True, "RequireSymbols": True, "TemporaryPasswordValidityDays": 7,
        },
        "SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD"]},
    }
    assert pool["AdminCreateUserConfig"] == {
        "AllowAdminCreateUserOnly": False, "UnusedAccountValidityDays": 7,
    }
    assert pool["AccountRecoverySetting"]["RecoveryMechanisms"]
    assert pool["EmailConfiguration"] == {"EmailSendingAccount": "COGNITO_DEFAULT"}
    assert pool["VerificationMessageTemplate"] == {"DefaultEmailOption": "CONFIRM_WITH_CODE"}
    # Not set, so not returned.
    for absent in ("UsernameAttributes", "AliasAttributes", "UsernameConfiguration",
                   "SmsConfiguration", "DeviceConfiguration", "UserPoolAddOns"):
        assert absent not in pool
    assert pool["Arn"].endswith(f":userpool/{pool_id}")


def test_an_update_omitting_everything_restores_the_create_defaults(
    cognito: Any, pool_id: str
) -> None:
    before = _describe(cognito, pool_id)
    cognito.update_user_pool(
        UserPoolId=pool_id,
        Policies={"PasswordPolicy": {"MinimumLength": 20, "RequireSymbols": True}},
        MfaConfiguration="OFF",
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
        LambdaConfig={"PreSignUp": "arn:aws:lambda:us-east-1:123456789012:function:f"},
        EmailConfiguration={"ReplyToEmailAddress": "ops@example.com"},
    )
    changed = _describe(cognito, pool_id)
    assert changed["Policies"]["PasswordPolicy"]["RequireUppercase"] is False
    assert changed["EmailConfiguration"] == {
        "ReplyToEmailAddress": "ops@example.com", "EmailSendingAccount": "COGNITO_DEFAULT",
    }
    cognito.update_user_pool(UserPoolId=pool_id)
    after = _describe(cognito, pool_id)
    ignored = {"LastModifiedDate"}
    assert {k: v for k, v in after.items() if k not in ignored} == {
        k: v for k, v in before.items() if k not in ignored
    }


def test_standard_attributes_are_listed_with_server_defaults(cognito: Any) -> None:
    pool_id = cognito.create_user_pool(
        PoolName="attrs",
        Schema=[
            {"Name": "email", "Required": True},
            {"Name": "tenant", "AttributeDataType": "String",
             "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "64"}},
            {"Name": "level", "AttributeDataType": "Number", "Mutable": False},
            {"Name": "secret", "AttributeDataType": "String", "DeveloperOnlyAttribute": True},
        ],
    )["UserPool"]["Id"]
    attributes = {a["Name"]: a for a in _describe(cognito, pool_id)["SchemaAttributes"]}
    assert list(attributes)[: len(STANDARD_NAMES)] == STANDARD_NAMES
    assert attributes["sub"] == {
        "Name": "sub", "AttributeDataType": "String", "DeveloperOnlyAttribute": False,
        "Mutable": False, "Required": True,
        "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "2048"},
    }
    assert attributes["name"]["StringAttributeConstraints"] == {
        "MinLength": "0", "MaxLength": "2048",
    }
    assert attributes["email"]["Required"] is True
    assert attributes["email_verified"]["AttributeDataType"] == "Boolean"
    assert "StringAttributeConstraints" not in attributes["email_verified"]
    assert attributes["updated_at"]["NumberAttributeConstraints"] == {"MinValue": "0"}
    assert attributes["custom:tenant"]["StringAttributeConstraints"] == {
        "MinLength": "1", "MaxLength": "64",
    }
    assert attributes["custom:level"]["Mutable"] is False
    assert attributes["custom:level"]["NumberAttributeConstraints"] == {}
    assert attributes["dev:custom:secret"]["DeveloperOnlyAttribute"] is True


def test_schema_errors_match_aws(cognito: Any) -> None:
    with pytest.raises(ClientError) as raised:
        cognito.create_user_pool(
            PoolName="p", Schema=[{"Name": "email", "AttributeDataType": "Number"}]
        )
    assert _error(raised)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as raised:
        cognito.create_user_pool(
            PoolName="p", Schema=[{"Name": "x", "AttributeDataType": "String", "Required": True}]
        )
    assert _error(raised) == (
        "InvalidParameterException", "Required custom attributes are not supported currently."
    )


def test_add_custom_attributes_rejects_existing_names_and_the_51st(
    cognito: Any, pool_id: str
) -> None:
    cognito.add_custom_attributes(
        UserPoolId=pool_id, CustomAttributes=[{"Name": "plan", "AttributeDataType": "String"}]
    )
    names = [a["Name"] for a in _describe(cognito, pool_id)["SchemaAttributes"]]
    assert names[-1] == "custom:plan"
    with pytest.raises(ClientError) as raised:
        cognito.add_custom_attributes(
            UserPoolId=pool_id, CustomAttributes=[{"Name": "plan", "AttributeDataType": "Number"}]
        )
    assert _error(raised) == (
        "InvalidParameterException", "custom:plan: Existing attribute already has name custom:plan."
    )
    for batch in range(2):
        cognito.add_custom_attributes(
            UserPoolId=pool_id,
            CustomAttributes=[
                {"Name": f"a{batch}_{i}", "AttributeDataType": "String"} for i in range(24 + batch)
            ],
        )  # 1 + 24 + 25 = 50 custom attributes: the quota
    with pytest.raises(ClientError) as raised:
        cognito.add_custom_attributes(
            UserPoolId=pool_id,
            CustomAttributes=[{"Name": "one_more", "AttributeDataType": "String"}],
        )
    assert _error(raised)[0] == "InvalidParameterException"


def test_deletion_protection_blocks_delete(cognito: Any) -> None:
    pool = cognito.create_user_pool(PoolName="kept", DeletionProtection="ACTIVE")["UserPool"]
    pool_id = pool["Id"]
    with pytest.raises(ClientError) as raised:
        cognito.delete_user_pool(UserPoolId=pool_id)
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert _error(raised)[0] == "InvalidParameterException"
    assert _describe(cognito, pool_id)["Name"] == "kept"  # still there

    cognito.update_user_pool(UserPoolId=pool_id, DeletionProtection="INACTIVE")
    cognito.delete_user_pool(UserPoolId=pool_id)
    with pytest.raises(ClientError) as raised:
        cognito.describe_user_pool(UserPoolId=pool_id)
    assert _error(raised)[0] == "ResourceNotFoundException"


def test_a_pool_with_a_domain_cannot_be_deleted(cognito: Any, pool_id: str) -> None:
    cognito.create_user_pool_domain(UserPoolId=pool_id, Domain="my-login-prefix")
    assert _describe(cognito, pool_id)["Domain"] == "my-login-prefix"
    with pytest.raises(ClientError) as raised:
        cognito.delete_user_pool(UserPoolId=pool_id)
    assert _error(raised)[0] == "InvalidParameterException"
    cognito.delete_user_pool_domain(UserPoolId=pool_id, Domain="my-login-prefix")
    cognito.delete_user_pool(UserPoolId=pool_id)


def test_username_and_alias_attributes_are_exclusive(cognito: Any) -> None:
    with pytest.raises(ClientError) as raised:
        cognito.create_user_pool(
            PoolName="p", UsernameAttributes=["email"], AliasAttributes=["preferred_username"]
        )
    assert _error(raised)[0] == "InvalidParameterException"


def test_threat_protection_needs_the_plus_tier(cognito: Any) -> None:
    with pytest.raises(ClientError) as raised:
        cognito.create_user_pool(PoolName="p", UserPoolAddOns={"AdvancedSecurityMode": "ENFORCED"})
    assert _error(raised)[0] == "FeatureUnavailableInTierException"
    pool = cognito.create_user_pool(
        PoolName="p", UserPoolTier="PLUS", UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"}
    )["UserPool"]
    assert pool["UserPoolAddOns"] == {"AdvancedSecurityMode": "AUDIT"}


def test_list_user_pools_pages_summaries(cognito: Any) -> None:
    ids = {cognito.create_user_pool(PoolName=f"p{i}")["UserPool"]["Id"] for i in range(3)}
    first = cognito.list_user_pools(MaxResults=2)
    second = cognito.list_user_pools(MaxResults=2, NextToken=first["NextToken"])
    assert "NextToken" not in second
    listed = first["UserPools"] + second["UserPools"]
    assert {p["Id"] for p in listed} == ids
    assert set(listed[0]) == {"Id", "Name", "LambdaConfig", "LastModifiedDate", "CreationDate"}


def test_users_still_work_on_a_corrected_pool(cognito: Any) -> None:
    pool = cognito.create_user_pool(PoolName="users", UsernameAttributes=["email"])["UserPool"]
    pool_id = pool["Id"]
    cognito.update_user_pool(UserPoolId=pool_id, UserPoolTags={"a": "b"})
    cognito.admin_create_user(
        UserPoolId=pool_id, Username="someone@example.com",
        UserAttributes=[{"Name": "email", "Value": "someone@example.com"}],
    )
    assert _describe(cognito, pool_id)["EstimatedNumberOfUsers"] == 1
