"""What AWS fills in for settings a request leaves out.

One table serves both create and update: AWS documents that UpdateUserPool and
UpdateUserPoolClient reset every omitted field "to its default value", so the
default a create fills in is exactly what an update that omits the field gets.

Sources: the botocore model's documentation strings ([M]), the AWS CLI's
example outputs, and a DescribeUserPool answer captured from AWS in 2025 (it
shows SignInPolicy, UserAttributeUpdateSettings, UserPoolTags {}, LambdaConfig
{}, UserPoolTier and a VerificationMessageTemplate holding only
DefaultEmailOption for a pool that never set message texts). Where no source
says what AWS returns, the choice is marked ASSUMED.
"""

from __future__ import annotations

import copy
from typing import Any

# --- user pools -------------------------------------------------------------

DEFAULT_PASSWORD_POLICY: dict[str, Any] = {
    # AWS: a pool created without Policies gets the console's strict policy.
    "MinimumLength": 8,
    "RequireUppercase": True,
    "RequireLowercase": True,
    "RequireNumbers": True,
    "RequireSymbols": True,
    "TemporaryPasswordValidityDays": 7,
}

DEFAULT_SIGN_IN_POLICY: dict[str, Any] = {"AllowedFirstAuthFactors": ["PASSWORD"]}

# Top-level pool fields AWS always returns, with the value an omission gets.
POOL_DEFAULTS: dict[str, Any] = {
    "Policies": {
        "PasswordPolicy": DEFAULT_PASSWORD_POLICY,
        "SignInPolicy": DEFAULT_SIGN_IN_POLICY,
    },
    # AWS: API-created pools have deletion protection off (the console's default is on).
    "DeletionProtection": "INACTIVE",
    "LambdaConfig": {},
    "VerificationMessageTemplate": {"DefaultEmailOption": "CONFIRM_WITH_CODE"},
    "UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": []},
    # AWS: MFA is off unless asked for.
    "MfaConfiguration": "OFF",
    # AWS [M]: without an EmailConfiguration, Cognito sends with its own account.
    "EmailConfiguration": {"EmailSendingAccount": "COGNITO_DEFAULT"},
    "UserPoolTags": {},
    "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False, "UnusedAccountValidityDays": 7},
    # AWS [M]: UserPoolTier "Defaults to ESSENTIALS".
    "UserPoolTier": "ESSENTIALS",
}

# Keys filled inside a block the request does give (shallow, per block).
_BLOCK_DEFAULTS: dict[str, dict[str, Any]] = {
    "EmailConfiguration": {"EmailSendingAccount": "COGNITO_DEFAULT"},
    "VerificationMessageTemplate": {"DefaultEmailOption": "CONFIRM_WITH_CODE"},
    "UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": []},
    # UnusedAccountValidityDays [M]: "The default value for this parameter is 7".
    "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False, "UnusedAccountValidityDays": 7},
    # ASSUMED: the two device flags read back as false when the block omits them.
    "DeviceConfiguration": {
        "ChallengeRequiredOnNewDevice": False,
        "DeviceOnlyRememberedOnUserPrompt": False,
    },
}

# Fields only CreateUserPool accepts: AWS never changes them afterwards.
POOL_CREATE_ONLY = ("UsernameAttributes", "AliasAttributes", "UsernameConfiguration")


def _password_policy(given: dict[str, Any]) -> dict[str, Any]:
    """A PasswordPolicy block as AWS stores it.

    ASSUMED: omitted Require* flags inside a given block read back false (they
    are plain booleans), an omitted MinimumLength reads back 8. [M]: a
    TemporaryPasswordValidityDays of 0 (or none) means the default, 7.
    """
    policy = {
        "MinimumLength": 8,
        "RequireUppercase": False,
        "RequireLowercase": False,
        "RequireNumbers": False,
        "RequireSymbols": False,
    }
    policy.update(given)
    if not policy.get("TemporaryPasswordValidityDays"):
        policy["TemporaryPasswordValidityDays"] = 7
    return policy


def _policies(given: dict[str, Any]) -> dict[str, Any]:
    policies = copy.deepcopy(given)
    if "PasswordPolicy" in policies:
        policies["PasswordPolicy"] = _password_policy(policies["PasswordPolicy"])
    else:
        policies["PasswordPolicy"] = dict(DEFAULT_PASSWORD_POLICY)
    policies.setdefault("SignInPolicy", copy.deepcopy(DEFAULT_SIGN_IN_POLICY))
    return policies


def pool_config(request: dict[str, Any]) -> dict[str, Any]:
    """The stored pool configuration for the settings of a Create/UpdateUserPool body.

    ``request`` holds only configuration members (no UserPoolId, PoolName, Schema).
    """
    config = copy.deepcopy(POOL_DEFAULTS)
    for key, value in request.items():
        if value is None:
            continue
        if key == "Policies":
            config[key] = _policies(value)
        elif key in _BLOCK_DEFAULTS and isinstance(value, dict):
            block = dict(_BLOCK_DEFAULTS[key])
            block.update(copy.deepcopy(value))
            config[key] = block
        else:
            config[key] = copy.deepcopy(value)
    return config


# AWS: with no AccountRecoverySetting the legacy rule applies, "SMS is preferred
# over email" [M]. moto's forgot-password code needs the setting to exist, so
# moto's copy of the config gets this equivalent; DescribeUserPool doesn't show it.
LEGACY_RECOVERY = {
    "RecoveryMechanisms": [
        {"Priority": 1, "Name": "verified_phone_number"},
        {"Priority": 2, "Name": "verified_email"},
    ]
}


def moto_pool_config(config: dict[str, Any]) -> dict[str, Any]:
    """The pool configuration handed to moto's model (which runs users and auth)."""
    derived = copy.deepcopy(config)
    derived.setdefault("AccountRecoverySetting", copy.deepcopy(LEGACY_RECOVERY))
    return derived


# --- app clients ------------------------------------------------------------

DEFAULT_AUTH_FLOWS = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"]

CLIENT_DEFAULTS: dict[str, Any] = {
    # AWS [M]: "your refresh tokens are valid for 30 days".
    "RefreshTokenValidity": 30,
    # AWS returns an empty TokenValidityUnits when none were set (Terraform's
    # provider documents "tokenValidityConfig is never nil").
    "TokenValidityUnits": {},
    # AWS [M]: the flows a client gets when the request names none.
    "ExplicitAuthFlows": DEFAULT_AUTH_FLOWS,
    "AllowedOAuthFlowsUserPoolClient": False,
    # AWS [M]: "Defaults to LEGACY when you don't provide a value".
    "PreventUserExistenceErrors": "LEGACY",
    # AWS [M]: token revocation is activated for every new client.
    "EnableTokenRevocation": True,
    "EnablePropagateAdditionalUserContextData": False,
    # ASSUMED (Terraform/Pulumi docs): the authentication session lasts 3 minutes.
    "AuthSessionValidity": 3,
}

# Members of Create/UpdateUserPoolClient that aren't stored settings.
CLIENT_NON_CONFIG = ("UserPoolId", "ClientId", "GenerateSecret", "ClientSecret")


def client_config(request: dict[str, Any]) -> dict[str, Any]:
    """The stored client configuration for a Create/UpdateUserPoolClient body."""
    config = copy.deepcopy(CLIENT_DEFAULTS)
    for key, value in request.items():
        if key in CLIENT_NON_CONFIG or value is None:
            continue
        config[key] = copy.deepcopy(value)
    # AWS [M]: "You can't set RefreshTokenValidity to 0. If you do, Amazon
    # Cognito overrides the value with the default value of 30 days."
    if config.get("RefreshTokenValidity") == 0:
        config["RefreshTokenValidity"] = 30
        config["TokenValidityUnits"] = dict(config["TokenValidityUnits"], RefreshToken="days")
    return config


def client_describe_fields(config: dict[str, Any]) -> dict[str, Any]:
    """The stored client settings as DescribeUserPoolClient shows them.

    AWS [M]: "Amazon Cognito only populates ReadAttributes in the API response
    if you have specified your own custom set" (and WriteAttributes alike).
    """
    shown = copy.deepcopy(config)
    for key in ("ReadAttributes", "WriteAttributes"):
        if not shown.get(key):
            shown.pop(key, None)
    return shown
