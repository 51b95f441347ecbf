"""MFA: one store for the mode; SetUserPoolMfaConfig is a full replacement."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

SMS = {"SnsCallerArn": "arn:aws:iam::123456789012:role/sms", "ExternalId": "x"}


def _mode_both_ways(cognito: Any, pool_id: str) -> tuple[str, str]:
    described = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["MfaConfiguration"]
    got = cognito.get_user_pool_mfa_config(UserPoolId=pool_id)["MfaConfiguration"]
    return described, got


def test_update_user_pool_and_set_mfa_config_share_one_mode(cognito: Any, pool_id: str) -> None:
    cognito.set_user_pool_mfa_config(
        UserPoolId=pool_id, MfaConfiguration="OPTIONAL",
        SoftwareTokenMfaConfiguration={"Enabled": True},
    )
    assert _mode_both_ways(cognito, pool_id) == ("OPTIONAL", "OPTIONAL")

    cognito.update_user_pool(UserPoolId=pool_id, MfaConfiguration="OFF")
    assert _mode_both_ways(cognito, pool_id) == ("OFF", "OFF")

    cognito.update_user_pool(UserPoolId=pool_id, MfaConfiguration="ON")  # TOTP is still set up
    assert _mode_both_ways(cognito, pool_id) == ("ON", "ON")


def test_set_mfa_config_is_a_full_replacement(cognito: Any, pool_id: str) -> None:
    cognito.set_user_pool_mfa_config(
        UserPoolId=pool_id, MfaConfiguration="ON",
        SoftwareTokenMfaConfiguration={"Enabled": True},
    )
    cognito.set_user_pool_mfa_config(UserPoolId=pool_id)
    answer = cognito.get_user_pool_mfa_config(UserPoolId=pool_id)
    assert answer["MfaConfiguration"] == "OFF"
    assert "SoftwareTokenMfaConfiguration" not in answer


def test_mfa_off_with_a_factor_block_is_refused(cognito: Any, pool_id: str) -> None:
    with pytest.raises(ClientError) as raised:
        cognito.set_user_pool_mfa_config(
            UserPoolId=pool_id, MfaConfiguration="OFF",
            SoftwareTokenMfaConfiguration={"Enabled": False},
        )
    assert raised.value.response["Error"]["Code"] == "InvalidParameterException"


def test_mfa_on_needs_a_factor(cognito: Any, pool_id: str) -> None:
    with pytest.raises(ClientError) as raised:
        cognito.create_user_pool(PoolName="p", MfaConfiguration="ON")
    assert raised.value.response["Error"]["Code"] == "InvalidParameterException"
    with pytest.raises(ClientError) as raised:
        cognito.update_user_pool(UserPoolId=pool_id, MfaConfiguration="OPTIONAL")
    assert raised.value.response["Error"]["Code"] == "InvalidParameterException"
    with pytest.raises(ClientError) as raised:
        cognito.set_user_pool_mfa_config(
            UserPoolId=pool_id, MfaConfiguration="ON",
            SoftwareTokenMfaConfiguration={"Enabled": False},
        )
    assert raised.value.response["Error"]["Code"] == "InvalidParameterException"

    pool = cognito.create_user_pool(PoolName="sms", MfaConfiguration="ON", SmsConfiguration=SMS)
    assert pool["UserPool"]["MfaConfiguration"] == "ON"


def test_email_mfa_needs_developer_email(cognito: Any, pool_id: str) -> None:
    with pytest.raises(ClientError) as raised:
        cognito.set_user_pool_mfa_config(
            UserPoolId=pool_id, MfaConfiguration="OPTIONAL",
            EmailMfaConfiguration={"Subject": "Your code"},
        )
    assert raised.value.response["Error"]["Code"] == "InvalidParameterException"


def test_passkeys_are_allowed_with_mfa_off(cognito: Any, pool_id: str) -> None:
    answer = cognito.set_user_pool_mfa_config(
        UserPoolId=pool_id, MfaConfiguration="OFF",
        WebAuthnConfiguration={"RelyingPartyId": "auth.example.com"},
    )
    assert answer["WebAuthnConfiguration"]["RelyingPartyId"] == "auth.example.com"
