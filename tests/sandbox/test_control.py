"""Control endpoints: request log, describe-extra, faults, reset."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from .helpers import Control


def test_request_log_records_every_call_in_order(
    cognito: Any, control: Control, pool_id: str
) -> None:
    cognito.update_user_pool(UserPoolId=pool_id, DeletionProtection="ACTIVE")
    with pytest.raises(ClientError):
        cognito.describe_user_pool(UserPoolId="us-east-1_missing")
    status, log = control("GET", "/_sandbox/requests")
    assert status == 200
    assert log == [
        {"operation": "CreateUserPool", "body": {"PoolName": "plain"}},
        {"operation": "UpdateUserPool",
         "body": {"UserPoolId": pool_id, "DeletionProtection": "ACTIVE"}},
        {"operation": "DescribeUserPool", "body": {"UserPoolId": "us-east-1_missing"}},
    ]
    assert control("DELETE", "/_sandbox/requests")[0] == 200
    assert control("GET", "/_sandbox/requests") == (200, [])


def test_describe_extra_adds_unmodelled_fields(
    control: Control, post: Control, pool_id: str
) -> None:
    extra = {"KeyConfiguration": {"KeyType": "AWS_OWNED_KEY"}}
    status, _ = control("POST", "/_sandbox/describe-extra",
                        {"UserPoolId": pool_id, "Fields": extra})
    assert status == 200
    # botocore drops members its model lacks, so read the raw JSON as a newer SDK would.
    status, answer = post("DescribeUserPool", {"UserPoolId": pool_id})
    assert status == 200
    pool = answer["UserPool"]
    assert pool["KeyConfiguration"] == {"KeyType": "AWS_OWNED_KEY"}
    assert pool["Id"] == pool_id

    assert control("POST", "/_sandbox/describe-extra",
                   {"UserPoolId": "us-east-1_nope", "Fields": extra})[0] == 404


def test_throttle_every_nth_call_is_retried_by_standard_mode(
    cognito: Any, control: Control, pool_id: str
) -> None:
    control("DELETE", "/_sandbox/requests")
    assert control("POST", "/_sandbox/faults", {"throttle_every": 2})[0] == 200
    cognito.describe_user_pool(UserPoolId=pool_id)  # call 1: answered
    cognito.describe_user_pool(UserPoolId=pool_id)  # call 2 throttled, retry (3) answered
    _, log = control("GET", "/_sandbox/requests")
    assert [entry["operation"] for entry in log] == ["DescribeUserPool"] * 3

    no_retry = boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    ).client("cognito-idp", endpoint_url=cognito.meta.endpoint_url,
             config=Config(retries={"mode": "standard", "max_attempts": 0}))
    with pytest.raises(ClientError) as raised:
        no_retry.describe_user_pool(UserPoolId=pool_id)  # call 4: throttled, not retried
    assert raised.value.response["Error"]["Code"] == "TooManyRequestsException"
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    no_retry.describe_user_pool(UserPoolId=pool_id)  # call 5: answered


def test_fail_write_number_answers_500_without_touching_state(
    cognito: Any, control: Control, pool_id: str
) -> None:
    control("POST", "/_sandbox/faults", {"fail_write_number": 2, "status": 503})
    cognito.update_user_pool(UserPoolId=pool_id, UserPoolTags={"n": "1"})  # write 1
    no_retry = boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    ).client("cognito-idp", endpoint_url=cognito.meta.endpoint_url,
             config=Config(retries={"mode": "standard", "max_attempts": 0}))
    with pytest.raises(ClientError) as raised:
        no_retry.update_user_pool(UserPoolId=pool_id, UserPoolTags={"n": "2"})  # write 2
    assert raised.value.response["Error"]["Code"] == "InternalErrorException"
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 503
    pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]  # reads don't count
    assert pool["UserPoolTags"] == {"n": "1"}
    cognito.update_user_pool(UserPoolId=pool_id, UserPoolTags={"n": "3"})  # write 3: fine
    assert control("GET", "/_sandbox/faults")[1]["faults"][0]["writes_seen"] == 3


def test_injected_client_errors_are_not_retried(
    cognito: Any, control: Control, pool_id: str
) -> None:
    control("POST", "/_sandbox/faults",
            {"fail_write_number": 1, "status": 400, "code": "ConcurrentModificationException"})
    control("DELETE", "/_sandbox/requests")
    with pytest.raises(ClientError) as raised:
        cognito.update_user_pool(UserPoolId=pool_id)
    assert raised.value.response["Error"]["Code"] == "ConcurrentModificationException"
    assert len(control("GET", "/_sandbox/requests")[1]) == 1  # standard mode gave up at once


def test_bad_fault_config_is_refused(control: Control) -> None:
    assert control("POST", "/_sandbox/faults", {"throttle_every": 0})[0] == 400
    assert control("POST", "/_sandbox/faults", {"explode": True})[0] == 400
    assert control("POST", "/_sandbox/faults", {"fail_write_number": 1, "status": 302})[0] == 400


def test_reset_clears_moto_and_sandbox_state(
    sandbox: Any, cognito: Any, control: Control, pool_id: str
) -> None:
    control("POST", "/_sandbox/faults", {"throttle_every": 1000})
    assert control("POST", "/moto-api/reset")[0] == 200
    assert control("GET", "/_sandbox/requests") == (200, [])
    assert control("GET", "/_sandbox/faults") == (200, {"faults": []})
    assert cognito.list_user_pools(MaxResults=10)["UserPools"] == []
    cognito.create_user_pool(PoolName="again")
    sandbox.reset()
    assert cognito.list_user_pools(MaxResults=10)["UserPools"] == []


def test_unimplemented_operations_fail_fast(cognito: Any, pool_id: str) -> None:
    # An operation of the shipped model that neither moto nor the sandbox implements
    # (point-in-time recovery is not a part the tool manages).
    with pytest.raises(ClientError) as raised:
        cognito.list_point_in_time_recoveries(UserPoolId=pool_id)
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 501
