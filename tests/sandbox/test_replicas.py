"""User pool replicas (multi-Region replication) and a domain's failover routing.

The installed botocore may predate these operations: clients are made from the model
the tool ships (reconciler/aws/service_model.py), as the tool makes its own.
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from .helpers import Control

MRK = "arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd1234abcd1234abcd1234abcd"
CERT = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"


def _pool(idp: Any, **extra: Any) -> str:
    settings = {"KeyConfiguration": {"KeyType": "CUSTOMER_MANAGED_KEY", "KmsKeyArn": MRK},
                **extra}
    return str(idp.create_user_pool(PoolName="replicated", **settings)["UserPool"]["Id"])


def _code(raised: pytest.ExceptionInfo[ClientError]) -> str:
    return str(raised.value.response["Error"]["Code"])


def _secondaries(idp: Any, pool_id: str) -> list[dict[str, Any]]:
    listed = idp.list_user_pool_replicas(UserPoolId=pool_id)["UserPoolReplicas"]
    return [r for r in listed if r["Role"] == "SECONDARY"]


def test_a_replica_is_created_inactive_after_creating(idp: Any, control: Control) -> None:
    control("POST", "/_sandbox/faults", {"replica_seconds": 3600})
    pool_id = _pool(idp)
    made = idp.create_user_pool_replica(UserPoolId=pool_id, RegionName="eu-west-1",
                                        UserPoolTags={"team": "id"})["UserPoolReplica"]
    assert made == {"RegionName": "eu-west-1", "Status": "CREATING", "Role": "SECONDARY",
                    "UserPoolArn": f"arn:aws:cognito-idp:eu-west-1:123456789012:userpool/"
                                   f"{pool_id}"}
    listed = idp.list_user_pool_replicas(UserPoolId=pool_id)["UserPoolReplicas"]
    assert [(r["RegionName"], r["Role"], r["Status"]) for r in listed] == [
        ("us-east-1", "PRIMARY", "ACTIVE"), ("eu-west-1", "SECONDARY", "CREATING")]
    # Still creating: it can't be switched or deleted yet.
    with pytest.raises(ClientError) as raised:
        idp.update_user_pool_replica(UserPoolId=pool_id, RegionName="eu-west-1",
                                     Status="ACTIVE")
    assert _code(raised) == "InvalidParameterException"
    control("POST", "/_sandbox/faults", {"replica_seconds": 0})
    assert [r["Status"] for r in _secondaries(idp, pool_id)] == ["INACTIVE"]


def test_activate_deactivate_and_delete_only_when_inactive(idp: Any, control: Control) -> None:
    control("POST", "/_sandbox/faults", {"replica_seconds": 0})
    pool_id = _pool(idp)
    idp.create_user_pool_replica(UserPoolId=pool_id, RegionName="eu-west-1")
    idp.update_user_pool_replica(UserPoolId=pool_id, RegionName="eu-west-1", Status="ACTIVE")
    assert [r["Status"] for r in _secondaries(idp, pool_id)] == ["ACTIVE"]
    with pytest.raises(ClientError) as raised:
        idp.delete_user_pool_replica(UserPoolId=pool_id, RegionName="eu-west-1")
    assert _code(raised) == "InvalidParameterException"
    assert "INACTIVE" in raised.value.response["Error"]["Message"]
    idp.update_user_pool_replica(UserPoolId=pool_id, RegionName="eu-west-1", Status="INACTIVE")
    assert [r["Status"] for r in _secondaries(idp, pool_id)] == ["INACTIVE"]
    control("POST", "/_sandbox/faults", {"replica_seconds": 3600})
    idp.delete_user_pool_replica(UserPoolId=pool_id, RegionName="eu-west-1")
    assert [r["Status"] for r in _secondaries(idp, pool_id)] == ["DELETING"]
    control("POST", "/_sandbox/faults", {"replica_seconds": 0})
    assert _secondaries(idp, pool_id) == []
    with pytest.raises(ClientError) as raised:
        idp.delete_user_pool_replica(UserPoolId=pool_id, RegionName="eu-west-1")
    assert _code(raised) == "ResourceNotFoundException"


def test_a_status_switch_takes_a_while(idp: Any, control: Control) -> None:
    control("POST", "/_sandbox/faults", {"replica_seconds": 0})
    pool_id = _pool(idp)
    idp.create_user_pool_replica(UserPoolId=pool_id, RegionName="eu-west-1")
    assert [r["Status"] for r in _secondaries(idp, pool_id)] == ["INACTIVE"]
    control("POST", "/_sandbox/faults", {"replica_seconds": 3600})
    idp.update_user_pool_replica(UserPoolId=pool_id, RegionName="eu-west-1", Status="ACTIVE")
    assert [r["Status"] for r in _secondaries(idp, pool_id)] == ["INACTIVE"]


@pytest.mark.parametrize(("settings", "region", "code"), [
    ({}, "eu-west-1", "InvalidParameterException"),  # AWS-owned key
    ({"KeyConfiguration": {"KeyType": "CUSTOMER_MANAGED_KEY",
                           "KmsKeyArn": "arn:aws:kms:us-east-1:123456789012:key/1234"}},
     "eu-west-1", "InvalidParameterException"),  # a single-Region key
    ({"UserPoolTier": "LITE"}, "eu-west-1", "FeatureUnavailableInTierException"),
    (None, "us-east-1", "InvalidParameterException"),  # the pool's own region
    (None, "mars-north-1", "InvalidParameterException"),
])
def test_prerequisites_are_refused(idp: Any, settings: dict[str, Any] | None, region: str,
                                   code: str) -> None:
    if settings is None or "UserPoolTier" in settings:
        pool_id = _pool(idp, **(settings or {}))
    else:
        pool_id = str(idp.create_user_pool(PoolName="plain", **settings)["UserPool"]["Id"])
    with pytest.raises(ClientError) as raised:
        idp.create_user_pool_replica(UserPoolId=pool_id, RegionName=region)
    assert _code(raised) == code
    assert _secondaries(idp, pool_id) == []


def test_one_secondary_replica_per_pool(idp: Any, control: Control) -> None:
    control("POST", "/_sandbox/faults", {"replica_seconds": 0})
    pool_id = _pool(idp)
    idp.create_user_pool_replica(UserPoolId=pool_id, RegionName="eu-west-1")
    with pytest.raises(ClientError) as raised:
        idp.create_user_pool_replica(UserPoolId=pool_id, RegionName="eu-west-1")
    assert _code(raised) == "InvalidParameterException"
    with pytest.raises(ClientError) as raised:
        idp.create_user_pool_replica(UserPoolId=pool_id, RegionName="ap-southeast-2")
    assert _code(raised) == "LimitExceededException"
    assert [r["RegionName"] for r in _secondaries(idp, pool_id)] == ["eu-west-1"]


def test_unknown_pool_and_replica(idp: Any) -> None:
    with pytest.raises(ClientError) as raised:
        idp.create_user_pool_replica(UserPoolId="us-east-1_missing1", RegionName="eu-west-1")
    assert _code(raised) == "ResourceNotFoundException"
    pool_id = _pool(idp)
    with pytest.raises(ClientError) as raised:
        idp.update_user_pool_replica(UserPoolId=pool_id, RegionName="eu-west-1",
                                     Status="ACTIVE")
    assert _code(raised) == "ResourceNotFoundException"


def _routing(region: str) -> dict[str, Any]:
    return {"Failover": {"SecondaryRegion": region, "PrimaryRoute53HealthCheckId": "hc-1"}}


def test_custom_domain_failover_routing_is_kept_and_returned(idp: Any,
                                                             control: Control) -> None:
    control("POST", "/_sandbox/faults", {"replica_seconds": 0, "domain_seconds": 0})
    pool_id = _pool(idp)
    idp.create_user_pool_replica(UserPoolId=pool_id, RegionName="eu-west-1")
    made = idp.create_user_pool_domain(UserPoolId=pool_id, Domain="auth.example.com",
                                       CustomDomainConfig={"CertificateArn": CERT},
                                       Routing=_routing("eu-west-1"))
    assert made["Routing"] == _routing("eu-west-1")
    described = idp.describe_user_pool_domain(Domain="auth.example.com")["DomainDescription"]
    assert described["Routing"] == _routing("eu-west-1")
    # An update is a full replacement: without Routing, the routing is gone.
    idp.update_user_pool_domain(UserPoolId=pool_id, Domain="auth.example.com",
                                CustomDomainConfig={"CertificateArn": CERT})
    described = idp.describe_user_pool_domain(Domain="auth.example.com")["DomainDescription"]
    assert "Routing" not in described


def test_routing_needs_a_custom_domain_and_a_replica(idp: Any, control: Control) -> None:
    control("POST", "/_sandbox/faults", {"replica_seconds": 0, "domain_seconds": 0})
    pool_id = _pool(idp)
    with pytest.raises(ClientError) as raised:
        idp.create_user_pool_domain(UserPoolId=pool_id, Domain="acme-login",
                                    Routing=_routing("eu-west-1"))
    assert _code(raised) == "InvalidParameterException"
    with pytest.raises(ClientError) as raised:
        idp.create_user_pool_domain(UserPoolId=pool_id, Domain="auth.example.com",
                                    CustomDomainConfig={"CertificateArn": CERT},
                                    Routing=_routing("eu-west-1"))
    assert _code(raised) == "InvalidParameterException"
    assert "eu-west-1" in raised.value.response["Error"]["Message"]
    assert idp.describe_user_pool_domain(Domain="auth.example.com")["DomainDescription"] == {}
