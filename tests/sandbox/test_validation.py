"""Requests that break the model's ranges, enums and patterns are refused as on AWS."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from reconciler.sandbox import patterns
from reconciler.sandbox.validation import problems

from .helpers import Control


def _refusal(call: Any, **kwargs: Any) -> str:
    with pytest.raises(ClientError) as raised:
        call(**kwargs)
    error = raised.value.response["Error"]
    assert error["Code"] == "InvalidParameterException"
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    return str(error["Message"])


def test_password_length_out_of_range_is_refused(raw_cognito: Any) -> None:
    message = _refusal(
        raw_cognito.create_user_pool, PoolName="p",
        Policies={"PasswordPolicy": {"MinimumLength": 200}},
    )
    assert message == (
        "1 validation error detected: Value '200' at 'policies.passwordPolicy.minimumLength' "
        "failed to satisfy constraint: Member must have value less than or equal to 99"
    )
    # botocore itself refuses 3 (below the model's min); the server does too.
    message = _refusal(
        raw_cognito.create_user_pool, PoolName="p",
        Policies={"PasswordPolicy": {"MinimumLength": 3}},
    )
    assert "greater than or equal to 6" in message
    assert raw_cognito.list_user_pools(MaxResults=10)["UserPools"] == []


def test_unknown_enum_is_refused(raw_cognito: Any) -> None:
    message = _refusal(raw_cognito.create_user_pool, PoolName="p", MfaConfiguration="SOMETIMES")
    assert "Value 'SOMETIMES' at 'mfaConfiguration'" in message
    assert "Member must satisfy enum value set: [OFF, ON, OPTIONAL]" in message


def test_list_member_errors_are_reported_at_the_list(raw_cognito: Any, pool_id: str) -> None:
    message = _refusal(
        raw_cognito.create_user_pool_client, UserPoolId=pool_id, ClientName="c",
        AllowedOAuthFlows=["code", "token"],
    )
    assert message == (
        "1 validation error detected: Value '[code, token]' at 'allowedOAuthFlows' failed to "
        "satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value "
        "set: [code, implicit, client_credentials]]"
    )


def test_long_names_and_patterns_are_refused(raw_cognito: Any) -> None:
    message = _refusal(raw_cognito.create_user_pool, PoolName="x" * 129)
    assert "Member must have length less than or equal to 128" in message
    message = _refusal(raw_cognito.create_user_pool, PoolName="bad/name")
    assert "Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+" in message


def test_several_errors_are_counted(raw_cognito: Any) -> None:
    message = _refusal(
        raw_cognito.create_user_pool, PoolName="p", MfaConfiguration="X",
        DeletionProtection="MAYBE",
    )
    assert message.startswith("2 validation errors detected: ")


def test_unknown_members_and_wrong_types_are_refused(raw_cognito: Any, post: Control) -> None:
    status, answer = post("CreateUserPool", {"PoolName": "p", "Name": "p"})
    assert status == 400
    assert answer["__type"] == "InvalidParameterException"
    assert "'name'" in answer["message"]
    message = _refusal(raw_cognito.create_user_pool, PoolName="p", DeletionProtection=True)
    assert "Member must be of type string" in message


def test_sensitive_values_are_not_echoed(raw_cognito: Any, pool_id: str) -> None:
    secret = "tooshort"
    message = _refusal(
        raw_cognito.create_user_pool_client, UserPoolId=pool_id, ClientName="c",
        ClientSecret=secret,
    )
    assert secret not in message
    assert "Value at 'clientSecret'" in message


def test_multiline_messages_and_unicode_pass(cognito: Any) -> None:
    cognito.create_user_pool(
        PoolName="msgs",
        VerificationMessageTemplate={
            "EmailMessage": "Bonjour,\n\nvotre code est {####}.\nÀ bientôt ✓",
            "EmailSubject": "Votre code",
            "SmsMessage": "Code:\n{####}",
        },
    )


def test_model_patterns_are_full_matches_with_unicode_classes() -> None:
    assert patterns.full_match(r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+", "https://ü.example/cb") is True
    assert patterns.full_match(r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+", "two words") is False
    assert patterns.full_match(r"[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+", "_ab") is False
    assert patterns.full_match("[0-9]+", "12a") is False  # anchored, like Java's matches()
    assert patterns.full_match(r"[\w]+", "é") is False  # Java's \w is ASCII


def test_validation_covers_nested_shapes() -> None:
    found = problems(
        "UpdateUserPoolClient",
        {"UserPoolId": "us-east-1_a", "ClientId": "c", "TokenValidityUnits": {"IdToken": "weeks"}},
    )
    assert found == [
        "Value 'weeks' at 'tokenValidityUnits.idToken' failed to satisfy constraint: "
        "Member must satisfy enum value set: [seconds, minutes, hours, days]"
    ]
