"""User pool operations answered with AWS's semantics.

moto creates and stores the pool (it also runs users and sign-in); the
sandbox owns the configuration document that Describe/UpdateUserPool see.
"""

from __future__ import annotations

import copy
from typing import Any

from moto.cognitoidp.models import CognitoIdpUserPool

from . import defaults, mfa, schema
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
    described.update(copy.deepcopy(record.config))
    described.update(
        {
            "LastModifiedDate": pool.last_modified_date,
            "CreationDate": pool.creation_date,
            "SchemaAttributes": copy.deepcopy(record.schema),
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
    config = defaults.pool_config(_settings(call.body))
    attributes = schema.build(call.body.get("Schema"))
    _check_pool(config, {})
    pool = call.backend.create_user_pool(call.body["PoolName"], defaults.moto_pool_config(config))
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
    request = _settings(call.body)
    # AWS [M]: "With the exception of UserPoolTier, if you don't provide a value
    # for an attribute, Amazon Cognito sets it to its default value."
    request.setdefault("UserPoolTier", record.config["UserPoolTier"])
    # AWS: an SmsConfiguration can't be removed once set (a new pool is needed),
    # so an update that omits it keeps it.
    if "SmsConfiguration" in record.config:
        request.setdefault("SmsConfiguration", record.config["SmsConfiguration"])
    config = defaults.pool_config(request)
    # AWS: sign-in options and case sensitivity are fixed at creation; they are
    # not members of UpdateUserPoolRequest and an update never changes them.
    for key in defaults.POOL_CREATE_ONLY:
        config.pop(key, None)
        if key in record.config:
            config[key] = copy.deepcopy(record.config[key])
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
