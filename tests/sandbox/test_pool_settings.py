"""Pool settings the sandbox answers as AWS does: the legacy temporary-password field,
mirrored members, the console's custom-attribute spelling, and read-back defaults."""

from __future__ import annotations

import re
from typing import Any

import pytest
from botocore.exceptions import ClientError

LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:tokens"
OTHER_LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:other"
LEGACY_MESSAGE = "Please use TemporaryPasswordValidityDays in PasswordPolicy instead of " \
    "UnusedAccountValidityDays"


def _error(raised: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    return raised.value.response["Error"]["Code"], raised.value.response["Error"]["Message"]


def _describe(cognito: Any, pool_id: str) -> dict[str, Any]:
    return dict(cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"])


# --- 10.1: UnusedAccountValidityDays ---------------------------------------------------


def test_update_carrying_unused_account_validity_days_is_refused(
    cognito: Any, pool_id: str
) -> None:
    before = _describe(cognito, pool_id)
    # DescribeUserPool shows the legacy field beside its successor...
    assert before["AdminCreateUserConfig"]["UnusedAccountValidityDays"] == 7
    assert before["Policies"]["PasswordPolicy"]["TemporaryPasswordValidityDays"] == 7
    # ...but a request that sends it back is refused, and nothing changes.
    with pytest.raises(ClientError) as raised:
        cognito.update_user_pool(
            UserPoolId=pool_id, UserPoolTags={"team": "id"},
            AdminCreateUserConfig={"AllowAdminCreateUserOnly": True,
                                   "UnusedAccountValidityDays": 7})
    assert _error(raised) == ("InvalidParameterException", LEGACY_MESSAGE)
    after = _describe(cognito, pool_id)
    assert after["UserPoolTags"] == {}
    assert after["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is False


def test_create_with_both_fields_is_refused(cognito: Any) -> None:
    with pytest.raises(ClientError) as raised:
        cognito.create_user_pool(
            PoolName="both",
            Policies={"PasswordPolicy": {"TemporaryPasswordValidityDays": 3}},
            AdminCreateUserConfig={"UnusedAccountValidityDays": 5})
    assert _error(raised) == ("InvalidParameterException", LEGACY_MESSAGE)
    assert cognito.list_user_pools(MaxResults=10)["UserPools"] == []


def test_the_legacy_field_alone_sets_the_temporary_password_validity(cognito: Any) -> None:
    pool = cognito.create_user_pool(
        PoolName="legacy", AdminCreateUserConfig={"UnusedAccountValidityDays": 5})["UserPool"]
    assert pool["Policies"]["PasswordPolicy"]["TemporaryPasswordValidityDays"] == 5
    assert pool["AdminCreateUserConfig"]["UnusedAccountValidityDays"] == 5
    # Updates that name only the new field are accepted and read back in both places.
    cognito.update_user_pool(
        UserPoolId=pool["Id"], Policies={"PasswordPolicy": {"TemporaryPasswordValidityDays": 9}})
    after = _describe(cognito, pool["Id"])
    assert after["AdminCreateUserConfig"]["UnusedAccountValidityDays"] == 9


# --- 10.8: mirrored fields --------------------------------------------------------------


def test_verification_template_fills_the_legacy_members(cognito: Any) -> None:
    pool = cognito.create_user_pool(
        PoolName="messages",
        VerificationMessageTemplate={"EmailMessage": "code {####}", "EmailSubject": "Code",
                                     "SmsMessage": "sms {####}"})["UserPool"]
    assert pool["EmailVerificationMessage"] == "code {####}"
    assert pool["EmailVerificationSubject"] == "Code"
    assert pool["SmsVerificationMessage"] == "sms {####}"


def test_legacy_members_fill_the_verification_template(cognito: Any, pool_id: str) -> None:
    cognito.update_user_pool(
        UserPoolId=pool_id, EmailVerificationMessage="legacy {####}",
        EmailVerificationSubject="Legacy", SmsVerificationMessage="old {####}")
    template = _describe(cognito, pool_id)["VerificationMessageTemplate"]
    assert template == {"DefaultEmailOption": "CONFIRM_WITH_CODE", "EmailMessage": "legacy {####}",
                        "EmailSubject": "Legacy", "SmsMessage": "old {####}"}


def test_the_template_wins_when_both_spellings_differ(cognito: Any, pool_id: str) -> None:
    # terraform-provider-aws#2423: AWS kept the template's text in both places.
    cognito.update_user_pool(
        UserPoolId=pool_id, EmailVerificationMessage="Foo {####} Bar",
        VerificationMessageTemplate={"EmailMessage": "Foo {####} Hoge"})
    pool = _describe(cognito, pool_id)
    assert pool["EmailVerificationMessage"] == "Foo {####} Hoge"
    assert pool["VerificationMessageTemplate"]["EmailMessage"] == "Foo {####} Hoge"


def test_pre_token_generation_is_mirrored_both_ways(cognito: Any, pool_id: str) -> None:
    cognito.update_user_pool(UserPoolId=pool_id, LambdaConfig={"PreTokenGeneration": LAMBDA})
    assert _describe(cognito, pool_id)["LambdaConfig"] == {
        "PreTokenGeneration": LAMBDA,
        "PreTokenGenerationConfig": {"LambdaVersion": "V1_0", "LambdaArn": LAMBDA}}
    config = {"LambdaVersion": "V2_0", "LambdaArn": OTHER_LAMBDA}
    cognito.update_user_pool(UserPoolId=pool_id,
                             LambdaConfig={"PreTokenGenerationConfig": config})
    assert _describe(cognito, pool_id)["LambdaConfig"] == {
        "PreTokenGeneration": OTHER_LAMBDA, "PreTokenGenerationConfig": config}


def test_pre_token_generation_arns_must_match(cognito: Any, pool_id: str) -> None:
    with pytest.raises(ClientError) as raised:
        cognito.update_user_pool(UserPoolId=pool_id, LambdaConfig={
            "PreTokenGeneration": LAMBDA,
            "PreTokenGenerationConfig": {"LambdaVersion": "V2_0", "LambdaArn": OTHER_LAMBDA}})
    assert _error(raised)[0] == "InvalidParameterException"
    assert _describe(cognito, pool_id)["LambdaConfig"] == {}


# --- 10.9: the console's spelling of custom attributes ---------------------------------


def test_a_custom_prefix_in_a_schema_name_is_doubled(cognito: Any) -> None:
    pool_id = cognito.create_user_pool(PoolName="console", Schema=[
        {"Name": "custom:tenant_id", "AttributeDataType": "String"}])["UserPool"]["Id"]
    cognito.add_custom_attributes(UserPoolId=pool_id, CustomAttributes=[
        {"Name": "custom:plan", "AttributeDataType": "String"}])
    names = [a["Name"] for a in _describe(cognito, pool_id)["SchemaAttributes"]]
    assert "custom:custom:tenant_id" in names
    assert "custom:custom:plan" in names
    assert "custom:tenant_id" not in names


# --- 10.12: defaults as AWS reads them back --------------------------------------------


def test_a_pool_id_is_the_region_and_nine_alphanumerics(cognito: Any, pool_id: str) -> None:
    assert re.fullmatch(r"us-east-1_[0-9A-Za-z]{9}", pool_id)
    pool = _describe(cognito, pool_id)
    assert pool["Arn"].endswith(f":userpool/{pool_id}")
    assert [p["Id"] for p in cognito.list_user_pools(MaxResults=10)["UserPools"]] == [pool_id]
    # The pool still works under its id: users, clients, deletion.
    cognito.admin_create_user(UserPoolId=pool_id, Username="someone")
    cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app")
    cognito.delete_user_pool(UserPoolId=pool_id)


def test_account_recovery_is_read_back_for_a_pool_created_without_it(
    cognito: Any, pool_id: str
) -> None:
    # ASSUMED mechanisms: the documented legacy rule, SMS preferred over email.
    assert _describe(cognito, pool_id)["AccountRecoverySetting"] == {"RecoveryMechanisms": [
        {"Priority": 1, "Name": "verified_phone_number"},
        {"Priority": 2, "Name": "verified_email"}]}
    chosen = {"RecoveryMechanisms": [{"Priority": 1, "Name": "admin_only"}]}
    cognito.update_user_pool(UserPoolId=pool_id, AccountRecoverySetting=chosen)
    assert _describe(cognito, pool_id)["AccountRecoverySetting"] == chosen


def test_identities_is_listed_only_once_an_identity_provider_exists(
    cognito: Any, pool_id: str
) -> None:
    names = [a["Name"] for a in _describe(cognito, pool_id)["SchemaAttributes"]]
    assert "identities" not in names
    assert len(names) == 20
    cognito.create_identity_provider(
        UserPoolId=pool_id, ProviderName="Google", ProviderType="Google",
        ProviderDetails={"client_id": "x", "client_secret": "y", "authorize_scopes": "openid"})
    names = [a["Name"] for a in _describe(cognito, pool_id)["SchemaAttributes"]]
    assert names[-1] == "identities"


def test_an_update_omitting_user_attribute_update_settings_keeps_them(
    cognito: Any, pool_id: str
) -> None:
    settings = {"AttributesRequireVerificationBeforeUpdate": ["email"]}
    cognito.update_user_pool(UserPoolId=pool_id, AutoVerifiedAttributes=["email"],
                             UserAttributeUpdateSettings=settings)
    cognito.update_user_pool(UserPoolId=pool_id, AutoVerifiedAttributes=["email"])
    assert _describe(cognito, pool_id)["UserAttributeUpdateSettings"] == settings
    # An empty list turns it off.
    cognito.update_user_pool(UserPoolId=pool_id, UserAttributeUpdateSettings={
        "AttributesRequireVerificationBeforeUpdate": []})
    assert _describe(cognito, pool_id)["UserAttributeUpdateSettings"] == {
        "AttributesRequireVerificationBeforeUpdate": []}


def test_prevent_user_existence_errors_is_absent_when_never_set(
    cognito: Any, pool_id: str
) -> None:
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app")[
        "UserPoolClient"]["ClientId"]
    client = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    assert "PreventUserExistenceErrors" not in client["UserPoolClient"]
    cognito.update_user_pool_client(UserPoolId=pool_id, ClientId=client_id,
                                    PreventUserExistenceErrors="ENABLED")
    client = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    assert client["UserPoolClient"]["PreventUserExistenceErrors"] == "ENABLED"


def test_user_notification_logs_are_accepted_at_info(cognito: Any, pool_id: str) -> None:
    configuration = {"LogLevel": "INFO", "EventSource": "userNotification",
                     "CloudWatchLogsConfiguration": {
                         "LogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:x"}}
    cognito.set_log_delivery_configuration(UserPoolId=pool_id,
                                           LogConfigurations=[configuration])
    got = cognito.get_log_delivery_configuration(UserPoolId=pool_id)
    assert got["LogDeliveryConfiguration"]["LogConfigurations"] == [configuration]
