"""GetProvisionedLimit in the sandbox: answered from its quota settings (issue 11.5).

AWS ("Quotas in Amazon Cognito", "Managing provisioned limits", and the model's
LimitType docs): the answer carries the class and attributes asked for, the
provisioned rate ("the rate that Amazon Cognito currently enforces for your
account") and the free one (the category's default). The sandbox's ``quotas`` rule
takes ``provisioned`` rates per category, answers them and enforces them; the
per-pool 5/s stays ("Provisioned limits are account-level resources").
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from reconciler.sandbox.quotas import Quotas

from .helpers import Control

ACCOUNT, REGION = "123456789012", "us-east-1"


def definition(category: str) -> dict[str, Any]:
    return {"LimitClass": "API_CATEGORY", "Attributes": {"Category": category}}


def test_default_answer_is_the_free_rate(idp: Any) -> None:
    answer = idp.get_provisioned_limit(LimitDefinition=definition("UserPoolRead"))
    assert answer["Limit"] == {"LimitDefinition": definition("UserPoolRead"),
                               "ProvisionedLimitValue": 15, "FreeLimitValue": 15}


def test_categories_the_tool_never_calls_are_answered_too(idp: Any) -> None:
    # The page's example: UserAuthentication, 120 provisioned and free by default.
    limit = idp.get_provisioned_limit(
        LimitDefinition=definition("UserAuthentication"))["Limit"]
    assert (limit["ProvisionedLimitValue"], limit["FreeLimitValue"]) == (120, 120)


def test_a_raised_rate_is_answered(idp: Any, control: Control) -> None:
    control("POST", "/_sandbox/faults", {"quotas": {"provisioned": {"UserPoolClientRead": 40}}})
    limit = idp.get_provisioned_limit(
        LimitDefinition=definition("UserPoolClientRead"))["Limit"]
    assert (limit["ProvisionedLimitValue"], limit["FreeLimitValue"]) == (40, 15)


@pytest.mark.parametrize("attributes", [{}, {"Category": "NoSuchCategory"}])
def test_an_unknown_category_is_refused(idp: Any, attributes: dict[str, str]) -> None:
    with pytest.raises(ClientError) as caught:
        idp.get_provisioned_limit(
            LimitDefinition={"LimitClass": "API_CATEGORY", "Attributes": attributes})
    assert caught.value.response["Error"]["Code"] == "InvalidParameterException"


def test_the_call_can_be_denied(idp: Any, control: Control) -> None:
    # An IAM policy without cognito-idp:GetProvisionedLimit (the faults' fail_operation).
    control("POST", "/_sandbox/faults", {"fail_operation": {
        "operation": "GetProvisionedLimit", "code": "AccessDeniedException"}})
    with pytest.raises(ClientError) as caught:
        idp.get_provisioned_limit(LimitDefinition=definition("UserPoolRead"))
    assert caught.value.response["Error"]["Code"] == "AccessDeniedException"


def test_the_sandbox_enforces_a_raised_rate_but_not_a_raised_per_pool_limit() -> None:
    rule = Quotas.build({"quotas": {"provisioned": {"UserPoolClientRead": 30}}})
    rule.clock = lambda: 1000.0
    admitted = sum(rule.admit("DescribeUserPoolClient", f"us-east-1_{n}", ACCOUNT, REGION)
                   is None for n in range(40))
    assert admitted == 30  # one second's worth of the provisioned rate, not of 15
    rule = Quotas.build({"quotas": {"provisioned": {"UserPoolClientRead": 30}}})
    rule.clock = lambda: 1000.0
    same_pool = sum(rule.admit("DescribeUserPoolClient", "us-east-1_a", ACCOUNT, REGION)
                    is None for _ in range(10))
    assert same_pool == 5


def test_limit_management_is_one_request_a_second() -> None:
    rule = Quotas.build({"quotas": {}})
    rule.clock = lambda: 1000.0
    assert rule.admit("GetProvisionedLimit", None, ACCOUNT, REGION) is None
    error = rule.admit("GetProvisionedLimit", None, ACCOUNT, REGION)
    assert error is not None and error.code == "TooManyRequestsException"


@pytest.mark.parametrize("provisioned", [
    {"NoSuchCategory": 30}, {"UserPoolRead": 0}, {"UserPoolRead": 2.5},
    {"UserPoolRead": True}, ["UserPoolRead"],
])
def test_bad_provisioned_settings_are_refused(provisioned: Any) -> None:
    with pytest.raises(ValueError):
        Quotas.build({"quotas": {"provisioned": provisioned}})
