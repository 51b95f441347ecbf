"""SetRiskConfiguration / DescribeRiskConfiguration (moto lacks them).

AWS: risk configuration belongs to threat protection. While the pool's
UserPoolAddOns.AdvancedSecurityMode is OFF, both calls answer
UserPoolAddOnNotEnabledException (DescribeRiskConfiguration's way of saying
"no risk configuration"). A set replaces the whole configuration; a set with
only UserPoolId restores the defaults, and with only UserPoolId and ClientId
makes the client inherit the pool's configuration again [M].
"""

from __future__ import annotations

import copy
from typing import Any

from .calls import Call, handles
from .errors import ApiError
from .state import PoolRecord

POOL_LEVEL = "ALL"
_SETTINGS = (
    "CompromisedCredentialsRiskConfiguration",
    "AccountTakeoverRiskConfiguration",
    "RiskExceptionConfiguration",
)


def _saved(record: PoolRecord) -> dict[str, Any]:
    return record.part("risk_configuration")  # "ALL" or client id -> RiskConfigurationType


def _require_threat_protection(record: PoolRecord) -> None:
    mode = (record.config.get("UserPoolAddOns") or {}).get("AdvancedSecurityMode", "OFF")
    if mode == "OFF":
        raise ApiError(
            "UserPoolAddOnNotEnabledException",
            "Threat protection (UserPoolAddOns.AdvancedSecurityMode) is not enabled for this "
            "user pool.",
        )


def _key(call: Call) -> str:
    pool = call.pool()
    client_id = call.body.get("ClientId")
    if client_id:
        call.client(pool, client_id)  # AWS: the app client must exist
        return str(client_id)
    return POOL_LEVEL


@handles("SetRiskConfiguration")
def set_risk_configuration(call: Call) -> dict[str, Any]:
    pool = call.pool()
    record = call.record(pool)
    _require_threat_protection(record)
    key = _key(call)
    settings = {name: copy.deepcopy(call.body[name]) for name in _SETTINGS if call.body.get(name)}
    if key != POOL_LEVEL and not settings:
        _saved(record).pop(key, None)  # back to inheriting the pool's configuration
        inherited = _saved(record).get(POOL_LEVEL) or {"UserPoolId": pool.id}
        return {"RiskConfiguration": copy.deepcopy(inherited)}
    configuration: dict[str, Any] = {"UserPoolId": pool.id, **settings,
                                     "LastModifiedDate": call.now()}
    if key != POOL_LEVEL:
        configuration["ClientId"] = key
    _saved(record)[key] = configuration
    return {"RiskConfiguration": copy.deepcopy(configuration)}


@handles("DescribeRiskConfiguration")
def describe_risk_configuration(call: Call) -> dict[str, Any]:
    pool = call.pool()
    record = call.record(pool)
    _require_threat_protection(record)
    saved = _saved(record)
    # ASSUMED: a client without its own configuration reads the pool's (no
    # ClientId in it), like GetUICustomization does.
    found = saved.get(_key(call)) or saved.get(POOL_LEVEL) or {"UserPoolId": pool.id}
    return {"RiskConfiguration": copy.deepcopy(found)}


def forget_client(record: PoolRecord, client_id: str) -> None:
    """A deleted app client takes its own risk configuration with it."""
    _saved(record).pop(client_id, None)
