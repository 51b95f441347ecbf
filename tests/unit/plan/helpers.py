"""Builders for pure-core tests: live documents shaped like Cognito's answers."""

from __future__ import annotations

from typing import Any

from reconciler.model import DesiredClient, DesiredPool, LiveClient, LivePool
from reconciler.plan.schema_attrs import STANDARD_ATTRIBUTES


def standard_schema() -> list[dict[str, Any]]:
    return [
        {"Name": name, "AttributeDataType": "String", "DeveloperOnlyAttribute": False,
         "Mutable": name != "sub", "Required": name == "sub",
         "StringAttributeConstraints": {"MinLength": "0", "MaxLength": "2048"}}
        for name in sorted(STANDARD_ATTRIBUTES)
    ]


def live_pool(**overrides: Any) -> LivePool:
    describe = {
        "Id": "us-east-1_abc", "Name": "users", "Arn": "arn:aws:cognito-idp:x",
        "CreationDate": "2026-01-01", "LastModifiedDate": "2026-01-02",
        "EstimatedNumberOfUsers": 3, "DeletionProtection": "INACTIVE",
        "Policies": {"PasswordPolicy": {"MinimumLength": 8, "RequireSymbols": True,
                                        "TemporaryPasswordValidityDays": 7}},
        "AutoVerifiedAttributes": ["email"],
        "LambdaConfig": {"PreSignUp": "arn:aws:lambda:us-east-1:1:function:f"},
        "UsernameAttributes": ["email"], "UsernameConfiguration": {"CaseSensitive": False},
        "UserPoolTags": {"project": "x"}, "MfaConfiguration": "OFF",
        "SchemaAttributes": standard_schema(), "UserPoolTier": "ESSENTIALS",
    }
    describe.update(overrides.pop("describe", {}))
    return LivePool(pool_id="us-east-1_abc", describe=describe,
                    mfa=overrides.pop("mfa", {"MfaConfiguration": "OFF"}), **overrides)


def desired_pool(**settings: Any) -> DesiredPool:
    clients = settings.pop("clients", None)
    mfa = settings.pop("mfa", {})
    return DesiredPool(name="users", settings={"PoolName": "users", **settings}, mfa=mfa,
                       clients=clients)


def live_client(name: str = "web", has_secret: bool = False, **describe: Any) -> LiveClient:
    doc = {"ClientId": f"id-{name}", "ClientName": name, "UserPoolId": "us-east-1_abc",
           "ExplicitAuthFlows": ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"],
           "CallbackURLs": ["https://app.example.com/cb"], "RefreshTokenValidity": 30,
           "AccessTokenValidity": 60, "IdTokenValidity": 60,
           "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes",
                                  "RefreshToken": "days"},
           **describe}
    return LiveClient(client_id=f"id-{name}", name=name, describe=doc, has_secret=has_secret)


def desired_client(name: str = "web", **settings: Any) -> DesiredClient:
    return DesiredClient(name=name, settings={"ClientName": name, **settings})
