"""User pool operations answered with AWS's semantics.

moto creates and stores the pool (it also runs users and sign-in); the
sandbox owns the configuration document that Describe/UpdateUserPool see.
"""

from __future__ import annotations

import copy
import secrets
import string
from typing import Any

from moto.cognitoidp.models import CognitoIdpUserPool

from . import defaults, mfa, pool_settings, schema
from .calls import Call, handles
from .errors import ApiError, invalid_parameter
from .paging import page
from .state import PoolRecord

# Request members that aren't stored settings.
_NOT_CONFIG = ("UserPoolId", "PoolName", "Schema")


def _settings(body: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in body.items() if key not in _NOT_CONFIG}


def _check_pool(config: dict[str, Any], record_mfa: dict[str, Any]) -> None:
    """AWS's cross-field checks on a pool configuration."""
    if config.get("UsernameAttributes") and config.get("AliasAttributes"):
        # AWS: sign-in is either by alias or by username attributes, never both.
        raise invalid_parameter(
            "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool."
        )
    add_ons = config.get("UserPoolAddOns") or {}
    if add_ons.get("AdvancedSecurityMode", "OFF") != "OFF" and config["UserPoolTier"] != "PLUS":
        # AWS [M]: threat protection "To activate this setting, your user pool
        # must be on the Plus tier."
        raise ApiError(
            "FeatureUnavailableInTierException",
            "Threat protection (UserPoolAddOns.AdvancedSecurityMode) requires the PLUS tier.",
        )
    mfa.check_pool_mode(config, record_mfa)


def _check_request(body: dict[str, Any], updating: bool) -> None:
    """AWS's refusals of Create/UpdateUserPool members that a stored config can't show."""
    if defaults.legacy_validity(body) and (updating or defaults.temporary_validity(body)):
        # AWS [M, TemporaryPasswordValidityDays]: "When you set TemporaryPasswordValidityDays
        # for a user pool, you can no longer set a value for the legacy
        # UnusedAccountValidityDays parameter"; the message is the one terraform-provider-aws
        # resourceUserPoolUpdate retries on (and hashicorp/terraform#21561,
        # pulumi-aws-native#1256 quote). Every pool shows the new field, so updates refuse it.
        raise invalid_parameter(
            "Please use TemporaryPasswordValidityDays in PasswordPolicy instead of "
            "UnusedAccountValidityDays"
        )
    triggers = body.get("LambdaConfig") or {}
    legacy = triggers.get("PreTokenGeneration")
    versioned = (triggers.get("PreTokenGenerationConfig") or {}).get("LambdaArn")
    if legacy and versioned and legacy != versioned:
        # AWS [M, LambdaConfigType.PreTokenGeneration]: "If you also set an ARN in
        # PreTokenGenerationConfig, its value must be identical to PreTokenGeneration."
        raise invalid_parameter(
            "PreTokenGeneration and PreTokenGenerationConfig.LambdaArn must be identical."
        )


def _new_pool_id(call: Call, pool: CognitoIdpUserPool) -> str:
    """AWS's pool id shape: the region, "_", 9 letters and digits (API reference
    examples: ap-southeast-1_zeN7E8U11); moto uses 32 hex digits."""
    alphabet = string.ascii_letters + string.digits
    while True:
        pool_id = f"{pool.region}_{''.join(secrets.choice(alphabet) for _ in range(9))}"
        if pool_id not in call.backend.user_pools:
            return pool_id


def _rename(call: Call, pool: CognitoIdpUserPool) -> None:
    del call.backend.user_pools[pool.id]
    new_id = _new_pool_id(call, pool)
    pool.arn = pool.arn[: -len(pool.id)] + new_id
    pool.id = new_id
    call.backend.user_pools[new_id] = pool


def _domains(call: Call, pool: CognitoIdpUserPool) -> dict[str, str]:
    """DescribeUserPool's Domain (prefix) and CustomDomain (own certificate) names."""
    found: dict[str, str] = {}
    for domain in call.backend.user_pool_domains.values():
        if domain.user_pool_id == pool.id:
            key = "CustomDomain" if domain.custom_domain_config else "Domain"
            found[key] = domain.domain
    return found


def describe(call: Call, pool: CognitoIdpUserPool, record: PoolRecord) -> dict[str, Any]:
    """UserPoolType as AWS's DescribeUserPool answers it."""
    described: dict[str, Any] = {"Id": pool.id, "Name": pool.name}
    described.update(defaults.describe_fields(record.config))
    described.update(
        {
            "LastModifiedDate": pool.last_modified_date,
            "CreationDate": pool.creation_date,
            "SchemaAttributes": schema.described(record.schema, bool(pool.identity_providers)),
            "EstimatedNumberOfUsers": len(pool.users),
            "Arn": pool.arn,
        }
    )
    described.update(_domains(call, pool))
    # Fields of a newer API version (POST /_sandbox/describe-extra).
    described.update(copy.deepcopy(record.describe_extra))
    return described


def _apply(call: Call, pool: CognitoIdpUserPool, record: PoolRecord) -> None:
    """Hand the stored configuration to moto's pool, whose sign-in code reads it."""
    pool.extended_config = defaults.moto_pool_config(record.config)
    mfa.sync_moto(pool, record)


@handles("CreateUserPool")
def create_user_pool(call: Call) -> dict[str, Any]:
    _check_request(call.body, updating=False)
    config = defaults.pool_config(_settings(call.body))
    attributes = schema.build(call.body.get("Schema"))
    pool_settings.settle(config)
    _check_pool(config, {})
    pool = call.backend.create_user_pool(call.body["PoolName"], defaults.moto_pool_config(config))
    _rename(call, pool)
    record = PoolRecord(config=config, schema=attributes)
    call.state.pools[call.key(pool.id)] = record
    _apply(call, pool, record)
    return {"UserPool": describe(call, pool, record)}


@handles("DescribeUserPool")
def describe_user_pool(call: Call) -> dict[str, Any]:
    pool = call.pool()
    return {"UserPool": describe(call, pool, call.record(pool))}


@handles("UpdateUserPool")
def update_user_pool(call: Call) -> dict[str, Any]:
    pool = call.pool()
    record = call.record(pool)
    _check_request(call.body, updating=True)
    request = _settings(call.body)
    # AWS (terraform-provider-aws user_pool.go): an update that omits
    # UserAttributeUpdateSettings keeps it; an empty list turns it off.
    request.setdefault("UserAttributeUpdateSettings", record.config["UserAttributeUpdateSettings"])
    # AWS [M]: "With the exception of UserPoolTier, if you don't provide a value
    # for an attribute, Amazon Cognito sets it to its default value."
    request.setdefault("UserPoolTier", record.config["UserPoolTier"])
    # AWS: an SmsConfiguration can't be removed once set (a new pool is needed),
    # so an update that omits it keeps it.
    if "SmsConfiguration" in record.config:
        request.setdefault("SmsConfiguration", record.config["SmsConfiguration"])
    pool_settings.kept_on_update(request, record.config)
    config = defaults.pool_config(request)
    # AWS: sign-in options and case sensitivity are fixed at creation; they are
    # not members of UpdateUserPoolRequest and an update never changes them.
    for key in defaults.POOL_CREATE_ONLY:
        config.pop(key, None)
        if key in record.config:
            config[key] = copy.deepcopy(record.config[key])
    pool_settings.settle(config)
    _check_pool(config, record.mfa)
    if call.body.get("PoolName"):
        pool.name = call.body["PoolName"]  # AWS: pools can be renamed now
    record.config = config
    pool.last_modified_date = call.now()
    _apply(call, pool, record)
    return {}


@handles("DeleteUserPool")
def delete_user_pool(call: Call) -> dict[str, Any]:
    pool = call.pool()
    record = call.record(pool)
    if record.config.get("DeletionProtection") == "ACTIVE":
        # AWS [M]: "When you try to delete a protected user pool in a
        # DeleteUserPool API request, Amazon Cognito returns an
        # InvalidParameterException error."
        raise invalid_parameter(
            "The user pool cannot be deleted because deletion protection is activated. "
            "Deactivate deletion protection first."
        )
    if _domains(call, pool):
        # AWS: a pool with a domain can't be deleted until the domain is.
        raise invalid_parameter(
            "User pool cannot be deleted. It has a domain configured that should be deleted first."
        )
    call.backend.delete_user_pool(pool.id)
    call.state.pools.pop(call.key(pool.id), None)
    return {}


@handles("AddCustomAttributes")
def add_custom_attributes(call: Call) -> dict[str, Any]:
    pool = call.pool()
    record = call.record(pool)
    record.schema = schema.add_custom(record.schema, call.body["CustomAttributes"])
    pool.last_modified_date = call.now()
    return {}


@handles("ListUserPools")
def list_user_pools(call: Call) -> dict[str, Any]:
    pools = list(call.backend.user_pools.values())
    selected, next_token = page(pools, call.body, "MaxResults")
    # AWS: UserPoolDescriptionType is a summary (no MFA mode, no user count).
    answer: dict[str, Any] = {
        "UserPools": [
            {
                "Id": pool.id,
                "Name": pool.name,
                "LambdaConfig": copy.deepcopy(call.record(pool).config.get("LambdaConfig", {})),
                "LastModifiedDate": pool.last_modified_date,
                "CreationDate": pool.creation_date,
            }
            for pool in selected
        ]
    }
    if next_token:
        answer["NextToken"] = next_token
    return answer
