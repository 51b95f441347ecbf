"""Risk configuration (needs threat protection) and log delivery."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

BLOCK_SIGN_IN = {
    "EventFilter": ["SIGN_IN"],
    "Actions": {"EventAction": "BLOCK"},
}
LOG_GROUP = {"LogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:cognito"}


def _code(raised: pytest.ExceptionInfo[ClientError]) -> str:
    return str(raised.value.response["Error"]["Code"])


@pytest.fixture
def plus_pool(cognito: Any) -> str:
    return str(cognito.create_user_pool(
        PoolName="plus", UserPoolTier="PLUS", UserPoolAddOns={"AdvancedSecurityMode": "ENFORCED"}
    )["UserPool"]["Id"])


def test_risk_configuration_needs_threat_protection(cognito: Any, pool_id: str) -> None:
    with pytest.raises(ClientError) as raised:
        cognito.describe_risk_configuration(UserPoolId=pool_id)
    assert _code(raised) == "UserPoolAddOnNotEnabledException"
    with pytest.raises(ClientError) as raised:
        cognito.set_risk_configuration(
            UserPoolId=pool_id, CompromisedCredentialsRiskConfiguration=BLOCK_SIGN_IN
        )
    assert _code(raised) == "UserPoolAddOnNotEnabledException"


def test_risk_configuration_is_replaced_and_inherited(cognito: Any, plus_pool: str) -> None:
    cognito.set_risk_configuration(
        UserPoolId=plus_pool, CompromisedCredentialsRiskConfiguration=BLOCK_SIGN_IN,
        RiskExceptionConfiguration={"BlockedIPRangeList": ["192.0.2.0/24"]},
    )
    found = cognito.describe_risk_configuration(UserPoolId=plus_pool)["RiskConfiguration"]
    assert found["CompromisedCredentialsRiskConfiguration"]["Actions"] == {"EventAction": "BLOCK"}

    client_id = cognito.create_user_pool_client(UserPoolId=plus_pool, ClientName="c")[
        "UserPoolClient"]["ClientId"]
    inherited = cognito.describe_risk_configuration(UserPoolId=plus_pool, ClientId=client_id)
    assert "ClientId" not in inherited["RiskConfiguration"]

    cognito.set_risk_configuration(
        UserPoolId=plus_pool, ClientId=client_id,
        RiskExceptionConfiguration={"SkippedIPRangeList": ["198.51.100.0/24"]},
    )
    own = cognito.describe_risk_configuration(UserPoolId=plus_pool, ClientId=client_id)
    assert own["RiskConfiguration"]["ClientId"] == client_id
    assert "CompromisedCredentialsRiskConfiguration" not in own["RiskConfiguration"]

    # Only UserPoolId: the pool's configuration goes back to the defaults.
    cognito.set_risk_configuration(UserPoolId=plus_pool)
    reset = cognito.describe_risk_configuration(UserPoolId=plus_pool)["RiskConfiguration"]
    assert set(reset) <= {"UserPoolId", "LastModifiedDate"}


def test_log_delivery_is_a_full_replacement(cognito: Any, pool_id: str) -> None:
    empty = cognito.get_log_delivery_configuration(UserPoolId=pool_id)
    assert empty["LogDeliveryConfiguration"] == {"UserPoolId": pool_id, "LogConfigurations": []}
    notification = {"LogLevel": "ERROR", "EventSource": "userNotification",
                    "CloudWatchLogsConfiguration": LOG_GROUP}
    cognito.set_log_delivery_configuration(UserPoolId=pool_id, LogConfigurations=[notification])
    got = cognito.get_log_delivery_configuration(UserPoolId=pool_id)["LogDeliveryConfiguration"]
    assert got["LogConfigurations"] == [notification]
    cognito.set_log_delivery_configuration(UserPoolId=pool_id, LogConfigurations=[])
    got = cognito.get_log_delivery_configuration(UserPoolId=pool_id)["LogDeliveryConfiguration"]
    assert got["LogConfigurations"] == []


@pytest.mark.parametrize(
    "configuration",
    [
        # (userNotification at INFO is accepted: test_pool_settings.py)
        {"LogLevel": "ERROR", "EventSource": "userNotification",
         "S3Configuration": {"BucketArn": "arn:aws:s3:::logs"}},
    ],
)
def test_log_delivery_rules(cognito: Any, pool_id: str, configuration: dict[str, Any]) -> None:
    with pytest.raises(ClientError) as raised:
        cognito.set_log_delivery_configuration(UserPoolId=pool_id,
                                               LogConfigurations=[configuration])
    assert _code(raised) == "InvalidParameterException"


def test_user_auth_events_need_the_plus_tier(cognito: Any, pool_id: str, plus_pool: str) -> None:
    events = {"LogLevel": "INFO", "EventSource": "userAuthEvents",
              "FirehoseConfiguration": {"StreamArn": "arn:aws:firehose:us-east-1:1:stream/s"}}
    with pytest.raises(ClientError) as raised:
        cognito.set_log_delivery_configuration(UserPoolId=pool_id, LogConfigurations=[events])
    assert _code(raised) == "FeatureUnavailableInTierException"
    cognito.set_log_delivery_configuration(UserPoolId=plus_pool, LogConfigurations=[events])
