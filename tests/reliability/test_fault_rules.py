"""The sandbox's fault rules that the reliability tests rely on, checked on their own."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from reconciler.sandbox.faults import FaultInjector

from .helpers import fault_state, inject, operations


def no_retry_client(url: str) -> Any:
    return boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    ).client("cognito-idp", endpoint_url=url,
             config=Config(retries={"mode": "standard", "total_max_attempts": 1}))


def error_code(call: Any) -> str | None:
    try:
        call()
    except ClientError as exc:
        return str(exc.response["Error"]["Code"])
    return None


def test_throttle_fraction_is_seeded_and_repeatable() -> None:
    def pattern(seed: int) -> list[bool]:
        injector = FaultInjector()
        injector.configure({"throttle_fraction": 0.3, "seed": seed})
        return [injector.check("DescribeUserPool") is not None for _ in range(200)]

    assert pattern(7) == pattern(7)
    assert pattern(7) != pattern(8)
    assert 30 <= sum(pattern(7)) <= 90  # about 30% of 200


def test_fail_write_number_times_fails_consecutive_writes() -> None:
    injector = FaultInjector()
    injector.configure({"fail_write_number": 2, "times": 3})
    answers = [injector.check(op) for op in
               ["CreateUserPool", "DescribeUserPool", "UpdateUserPool", "UpdateUserPool",
                "UpdateUserPool", "UpdateUserPool"]]
    assert [a is not None for a in answers] == [False, False, True, True, True, False]
    assert injector.describe()[0]["failed"] == 3


def test_fail_operation_after_and_times() -> None:
    injector = FaultInjector()
    injector.configure({"fail_operation": [
        {"operation": "UpdateUserPool", "code": "AccessDeniedException"},
        {"operation": "*", "code": "ExpiredTokenException", "after": 3, "times": 2},
    ]})
    codes = []
    for op in ["DescribeUserPool", "UpdateUserPool", "DescribeUserPool", "ListUserPools",
               "ListUserPools", "ListUserPools"]:
        error = injector.check(op)
        codes.append(error.code if error else None)
    assert codes == [None, "AccessDeniedException", None, "ExpiredTokenException",
                     "ExpiredTokenException", None]
    denied = FaultInjector()
    denied.configure({"fail_operation": {"operation": "UpdateUserPool",
                                         "code": "AccessDeniedException"}})
    error = denied.check("UpdateUserPool")
    assert error is not None and "cognito-idp:UpdateUserPool" in error.message


@pytest.mark.parametrize("config", [
    {"throttle_fraction": 0}, {"throttle_fraction": 1.5}, {"throttle_fraction": 0.5, "seed": "x"},
    {"seed": 3}, {"times": 2}, {"fail_write_number": 1, "times": 0},
    {"fail_operation": "UpdateUserPool"}, {"fail_operation": {"operation": "Nope", "code": "X"}},
    {"fail_operation": {"operation": "*"}}, {"fail_operation": {"operation": "*", "code": "X",
                                                                "bogus": 1}},
])
def test_bad_rule_configs_are_refused(sandbox_url: str, config: dict[str, Any]) -> None:
    request = urllib.request.Request(f"{sandbox_url}/_sandbox/faults",
                                     data=json.dumps(config).encode(), method="POST")
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=10)
    raised.value.close()
    assert raised.value.code == 400


def test_rules_answer_over_http_and_count(sandbox_url: str, cognito: Any) -> None:
    pool_id = cognito.create_user_pool(PoolName="p")["UserPool"]["Id"]
    client = no_retry_client(sandbox_url)
    inject(sandbox_url, {"fail_operation": {"operation": "DescribeUserPool",
                                            "code": "ExpiredTokenException", "times": 1}})
    assert error_code(lambda: client.describe_user_pool(UserPoolId=pool_id)) == (
        "ExpiredTokenException")
    assert error_code(lambda: client.describe_user_pool(UserPoolId=pool_id)) is None
    assert fault_state(sandbox_url)[0]["failed"] == 1
    inject(sandbox_url, {"fail_write_number": 1, "times": 2, "status": 503})
    assert error_code(lambda: client.update_user_pool(UserPoolId=pool_id)) == (
        "InternalErrorException")
    assert error_code(lambda: client.update_user_pool(UserPoolId=pool_id)) == (
        "InternalErrorException")
    assert error_code(lambda: client.update_user_pool(UserPoolId=pool_id)) is None
    assert operations(sandbox_url).count("UpdateUserPool") == 3
