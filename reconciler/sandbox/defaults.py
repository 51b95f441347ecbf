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

from reconciler import pool_defaults as shared

# --- user pools -------------------------------------------------------------

# The values live in one table shared with the planner and the exporter.
DEFAULT_PASSWORD_POLICY = shared.DEFAULT_PASSWORD_POLICY
DEFAULT_SIGN_IN_POLICY = shared.DEFAULT_SIGN_IN_POLICY
VERIFICATION_MIRRORS = shared.VERIFICATION_MIRRORS
POOL_DEFAULTS = shared.POOL_DEFAULTS
_BLOCK_DEFAULTS = shared.BLOCK_DEFAULTS

# Fields only CreateUserPool accepts: AWS never changes them afterwards.
POOL_CREATE_ONLY = ("UsernameAttributes", "AliasAttributes", "UsernameConfiguration")


def _password_policy(given: dict[str, Any]) -> dict[str, Any]:
    """A PasswordPolicy block as AWS stores it.

    ASSUMED: omitted Require* flags inside a given block read back false (they
    are plain booleans), an omitted MinimumLength reads back 8. [M]: a
    TemporaryPasswordValidityDays of 0 (or none) means the default, 7.
    """
    policy = {k: v for k, v in shared.GIVEN_PASSWORD_POLICY.items()
              if k != "TemporaryPasswordValidityDays"}
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
    legacy = legacy_validity(config)
    config["AdminCreateUserConfig"].pop(shared.LEGACY_VALIDITY[1], None)
    if legacy:
        # AWS [M, UnusedAccountValidityDays]: "no longer in use"; a request that may
        # still send it (``pools.check_legacy_validity``) sets the successor field.
        config["Policies"]["PasswordPolicy"]["TemporaryPasswordValidityDays"] = legacy
    _mirror(config)
    return config


def moto_pool_config(config: dict[str, Any]) -> dict[str, Any]:
    """The pool configuration handed to moto's model (which runs users and auth)."""
    return copy.deepcopy(config)


def legacy_validity(request: dict[str, Any]) -> int:
    """AdminCreateUserConfig.UnusedAccountValidityDays of a request (0: not given)."""
    return int((request.get("AdminCreateUserConfig") or {}).get("UnusedAccountValidityDays") or 0)


def temporary_validity(request: dict[str, Any]) -> int:
    policy = (request.get("Policies") or {}).get("PasswordPolicy") or {}
    return int(policy.get("TemporaryPasswordValidityDays") or 0)


def _mirror(config: dict[str, Any]) -> None:
    """Members AWS keeps as one value under two names, filled in from each other."""
    # AWS (terraform-provider-aws acceptance test withVerificationMessageTemplate):
    # setting a template member sets its legacy twin and vice versa; when a request
    # gives both, the template's text is kept in both (terraform-provider-aws#2423).
    template = config["VerificationMessageTemplate"]
    for legacy, member in VERIFICATION_MIRRORS.items():
        value = template.get(member) or config.get(legacy)
        if value:
            template[member] = config[legacy] = value
    # AWS [M, PreTokenGenerationVersionConfigType.LambdaArn]: "This parameter and the
    # PreTokenGeneration property of LambdaConfig have the same value." ASSUMED: the
    # legacy member alone reads back as a V1_0 configuration (the legacy trigger's version).
    triggers = config["LambdaConfig"]
    versioned = triggers.get(shared.PRE_TOKEN_CONFIG)
    arn = (versioned or {}).get("LambdaArn") or triggers.get(shared.PRE_TOKEN_LEGACY)
    if arn:
        triggers[shared.PRE_TOKEN_LEGACY] = arn
        triggers[shared.PRE_TOKEN_CONFIG] = versioned or {
            "LambdaVersion": shared.PRE_TOKEN_LEGACY_VERSION, "LambdaArn": arn}


def describe_fields(config: dict[str, Any]) -> dict[str, Any]:
    """The stored pool configuration as DescribeUserPool shows it."""
    shown = copy.deepcopy(config)
    # AWS (API reference DescribeUserPool example): the legacy UnusedAccountValidityDays
    # is still returned, equal to the temporary password's validity.
    shown["AdminCreateUserConfig"][shared.LEGACY_VALIDITY[1]] = temporary_validity(shown)
    return shown


# --- app clients ------------------------------------------------------------

DEFAULT_AUTH_FLOWS = shared.DEFAULT_AUTH_FLOWS
CLIENT_DEFAULTS = shared.CLIENT_DEFAULTS

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
