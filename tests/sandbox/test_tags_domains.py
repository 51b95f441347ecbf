"""Tags (one set with UserPoolTags) and domains (guards, describe, update)."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from reconciler.sandbox.domain_timing import DEFAULT_SECONDS

from .helpers import Control

CERT = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"


def _code(raised: pytest.ExceptionInfo[ClientError]) -> str:
    return str(raised.value.response["Error"]["Code"])


def test_tags_are_one_set_with_user_pool_tags(cognito: Any) -> None:
    pool = cognito.create_user_pool(PoolName="tagged", UserPoolTags={"team": "id"})["UserPool"]
    arn, pool_id = pool["Arn"], pool["Id"]
    assert cognito.list_tags_for_resource(ResourceArn=arn)["Tags"] == {"team": "id"}

    cognito.tag_resource(ResourceArn=arn, Tags={"env": "dev", "team": "auth"})
    described = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["UserPoolTags"]
    assert described == {"team": "auth", "env": "dev"}

    cognito.untag_resource(ResourceArn=arn, TagKeys=["team", "absent"])
    assert cognito.list_tags_for_resource(ResourceArn=arn)["Tags"] == {"env": "dev"}

    cognito.update_user_pool(UserPoolId=pool_id)  # an update without tags drops them
    assert cognito.list_tags_for_resource(ResourceArn=arn)["Tags"] == {}


def test_tag_limits_and_unknown_arns(cognito: Any, pool_id: str) -> None:
    arn = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Arn"]
    with pytest.raises(ClientError) as raised:
        cognito.tag_resource(ResourceArn=arn, Tags={f"k{i}": "v" for i in range(51)})
    assert _code(raised) == "InvalidParameterException"
    with pytest.raises(ClientError) as raised:
        cognito.tag_resource(ResourceArn=arn, Tags={"aws:owner": "me"})
    assert _code(raised) == "InvalidParameterException"
    with pytest.raises(ClientError) as raised:
        cognito.list_tags_for_resource(ResourceArn=arn + "x")
    assert _code(raised) == "ResourceNotFoundException"


def _status(cognito: Any, name: str) -> str | None:
    found = cognito.describe_user_pool_domain(Domain=name)["DomainDescription"]
    return found.get("Status")


def test_prefix_domain_create_describe_update_delete(
    cognito: Any, pool_id: str, control: Control
) -> None:
    control("POST", "/_sandbox/faults", {"domain_seconds": 0})
    answer = cognito.create_user_pool_domain(UserPoolId=pool_id, Domain="acme-login")
    assert answer["ManagedLoginVersion"] == 1
    first = cognito.describe_user_pool_domain(Domain="acme-login")["DomainDescription"]
    second = cognito.describe_user_pool_domain(Domain="acme-login")["DomainDescription"]
    assert first == second  # stable (moto made up a new account id every time)
    assert first["UserPoolId"] == pool_id
    assert first["AWSAccountId"] == "123456789012"
    assert first["Status"] == "ACTIVE"
    # AWS answers a prefix domain with an empty CustomDomainConfig (aws-cli
    # describe-user-pool-domain.rst; tests/aws/snapshots/DescribeUserPoolDomain).
    assert first["CustomDomainConfig"] == {}

    cognito.update_user_pool_domain(UserPoolId=pool_id, Domain="acme-login", ManagedLoginVersion=2)
    described = cognito.describe_user_pool_domain(Domain="acme-login")["DomainDescription"]
    assert described["ManagedLoginVersion"] == 2
    cognito.update_user_pool_domain(UserPoolId=pool_id, Domain="acme-login")
    described = cognito.describe_user_pool_domain(Domain="acme-login")["DomainDescription"]
    assert described["ManagedLoginVersion"] == 1

    cognito.delete_user_pool_domain(UserPoolId=pool_id, Domain="acme-login")
    assert cognito.describe_user_pool_domain(Domain="acme-login")["DomainDescription"] == {}


def test_domains_pass_through_creating_updating_deleting(
    cognito: Any, pool_id: str, control: Control
) -> None:
    assert DEFAULT_SECONDS > 0  # by default too, so a tool that doesn't wait is caught
    control("POST", "/_sandbox/faults", {"domain_seconds": 600})
    cognito.create_user_pool_domain(UserPoolId=pool_id, Domain="slow-login")
    assert _status(cognito, "slow-login") == "CREATING"
    with pytest.raises(ClientError) as raised:
        cognito.update_user_pool_domain(UserPoolId=pool_id, Domain="slow-login",
                                        ManagedLoginVersion=2)
    assert _code(raised) == "ConcurrentModificationException"

    control("POST", "/_sandbox/faults", {"domain_seconds": 0})  # ends what is under way
    assert _status(cognito, "slow-login") == "ACTIVE"
    control("POST", "/_sandbox/faults", {"domain_seconds": 600})
    cognito.update_user_pool_domain(UserPoolId=pool_id, Domain="slow-login",
                                    ManagedLoginVersion=2)
    assert _status(cognito, "slow-login") == "UPDATING"
    control("POST", "/_sandbox/faults", {"domain_seconds": 0})
    assert _status(cognito, "slow-login") == "ACTIVE"

    control("POST", "/_sandbox/faults", {"domain_seconds": 600})
    cognito.delete_user_pool_domain(UserPoolId=pool_id, Domain="slow-login")
    deleting = cognito.describe_user_pool_domain(Domain="slow-login")["DomainDescription"]
    assert deleting["Status"] == "DELETING" and deleting["UserPoolId"] == pool_id
    other = cognito.create_user_pool(PoolName="other")["UserPool"]["Id"]
    with pytest.raises(ClientError) as raised:  # the name is still taken
        cognito.create_user_pool_domain(UserPoolId=other, Domain="slow-login")
    assert _code(raised) == "InvalidParameterException"
    assert "already associated" in str(raised.value)
    cognito.delete_user_pool(UserPoolId=pool_id)  # moto has let go of the domain

    control("POST", "/_sandbox/faults", {"domain_seconds": 0})
    assert cognito.describe_user_pool_domain(Domain="slow-login")["DomainDescription"] == {}
    cognito.create_user_pool_domain(UserPoolId=other, Domain="slow-login")
    assert _status(cognito, "slow-login") == "ACTIVE"


def test_domain_seconds_is_checked_and_cleared(control: Control, sandbox_url: str) -> None:
    status, answer = control("POST", "/_sandbox/faults", {"domain_seconds": -1})
    assert status == 400 and "domain_seconds" in answer["error"]
    status, answer = control("POST", "/_sandbox/faults", {"domain_seconds": 2})
    assert answer["faults"] == [{"domain_seconds": 2.0}]
    control("DELETE", "/_sandbox/faults")
    assert control("GET", "/_sandbox/faults")[1]["faults"] == []


def test_deleting_a_missing_domain_is_an_invalid_parameter(cognito: Any, pool_id: str) -> None:
    # terraform-provider-aws user_pool_domain.go: InvalidParameterException "No such domain".
    with pytest.raises(ClientError) as raised:
        cognito.delete_user_pool_domain(UserPoolId=pool_id, Domain="never-made")
    assert _code(raised) == "InvalidParameterException"
    assert "No such domain" in str(raised.value)


def test_domain_guards(cognito: Any, pool_id: str) -> None:
    other = cognito.create_user_pool(PoolName="other")["UserPool"]["Id"]
    cognito.create_user_pool_domain(UserPoolId=pool_id, Domain="taken-name")
    with pytest.raises(ClientError) as raised:  # the name belongs to another pool
        cognito.create_user_pool_domain(UserPoolId=other, Domain="taken-name")
    assert _code(raised) == "InvalidParameterException"
    with pytest.raises(ClientError) as raised:  # one prefix domain per pool
        cognito.create_user_pool_domain(UserPoolId=pool_id, Domain="second-name")
    assert _code(raised) == "InvalidParameterException"
    with pytest.raises(ClientError) as raised:
        cognito.create_user_pool_domain(UserPoolId=other, Domain="my-aws-login")
    assert _code(raised) == "InvalidParameterException"
    with pytest.raises(ClientError) as raised:
        cognito.create_user_pool_domain(UserPoolId=other, Domain="Upper_Case")
    assert _code(raised) == "InvalidParameterException"
    with pytest.raises(ClientError) as raised:  # not this pool's domain
        cognito.delete_user_pool_domain(UserPoolId=other, Domain="taken-name")
    assert _code(raised) == "InvalidParameterException"


def test_custom_domain_needs_its_certificate_on_update(
    cognito: Any, pool_id: str, control: Control
) -> None:
    control("POST", "/_sandbox/faults", {"domain_seconds": 0})
    answer = cognito.create_user_pool_domain(
        UserPoolId=pool_id, Domain="auth.example.com",
        CustomDomainConfig={"CertificateArn": CERT}, ManagedLoginVersion=2,
    )
    assert answer["CloudFrontDomain"].endswith(".cloudfront.net")
    pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert pool["CustomDomain"] == "auth.example.com"
    described = cognito.describe_user_pool_domain(Domain="auth.example.com")["DomainDescription"]
    assert described["CustomDomainConfig"] == {"CertificateArn": CERT}
    with pytest.raises(ClientError) as raised:
        cognito.update_user_pool_domain(
            UserPoolId=pool_id, Domain="auth.example.com", ManagedLoginVersion=1
        )
    assert _code(raised) == "InvalidParameterException"
    cognito.update_user_pool_domain(
        UserPoolId=pool_id, Domain="auth.example.com", ManagedLoginVersion=1,
        CustomDomainConfig={"CertificateArn": CERT},
    )


def test_managed_login_needs_a_paid_tier(cognito: Any) -> None:
    pool_id = cognito.create_user_pool(PoolName="lite", UserPoolTier="LITE")["UserPool"]["Id"]
    with pytest.raises(ClientError) as raised:
        cognito.create_user_pool_domain(
            UserPoolId=pool_id, Domain="lite-login", ManagedLoginVersion=2
        )
    assert _code(raised) == "FeatureUnavailableInTierException"
