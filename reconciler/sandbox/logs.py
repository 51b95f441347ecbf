"""SetLogDeliveryConfiguration / GetLogDeliveryConfiguration (moto lacks them).

AWS [M, LogConfigurationType]: userNotification logs are ERROR-level (INFO is
accepted too, see _RULES) and go to CloudWatch Logs; userAuthEvents logs
(threat-protection user activity) are INFO-level, go to CloudWatch Logs, S3 or
Firehose, and need the Plus tier.
A set replaces the whole configuration.
"""

from __future__ import annotations

import copy
from typing import Any

from .calls import Call, handles
from .errors import ApiError, invalid_parameter

_DESTINATIONS = ("CloudWatchLogsConfiguration", "S3Configuration", "FirehoseConfiguration")
_RULES = {
    # event source -> (log levels, allowed destinations)
    # AWS: userNotification is accepted at INFO too (terraform-provider-aws acceptance
    # tests log_delivery_configuration _firehose, _logLevelUpdate, _orderSwap).
    "userNotification": ({"ERROR", "INFO"}, {"CloudWatchLogsConfiguration"}),
    "userAuthEvents": ({"INFO"}, set(_DESTINATIONS)),
}


def _check(configuration: dict[str, Any], tier: str) -> None:
    source = configuration["EventSource"]
    levels, allowed = _RULES[source]
    if configuration["LogLevel"] not in levels:
        raise invalid_parameter(f"{source} logs must use LogLevel {' or '.join(sorted(levels))}.")
    destinations = [name for name in _DESTINATIONS if configuration.get(name)]
    if len(destinations) != 1 or destinations[0] not in allowed:
        raise invalid_parameter(
            f"{source} logs need exactly one destination of: {', '.join(sorted(allowed))}."
        )
    if source == "userAuthEvents" and tier != "PLUS":
        raise ApiError(
            "FeatureUnavailableInTierException",
            "Exporting userAuthEvents logs requires the PLUS tier.",
        )


@handles("SetLogDeliveryConfiguration")
def set_log_delivery_configuration(call: Call) -> dict[str, Any]:
    pool = call.pool()
    record = call.record(pool)
    configurations = call.body["LogConfigurations"]
    sources = [c["EventSource"] for c in configurations]
    if len(sources) != len(set(sources)):
        raise invalid_parameter("Each EventSource can have only one log configuration.")
    for configuration in configurations:
        _check(configuration, record.config.get("UserPoolTier", "ESSENTIALS"))
    delivery = {"UserPoolId": pool.id, "LogConfigurations": copy.deepcopy(configurations)}
    record.part("log_delivery")["configuration"] = delivery
    return {"LogDeliveryConfiguration": copy.deepcopy(delivery)}


@handles("GetLogDeliveryConfiguration")
def get_log_delivery_configuration(call: Call) -> dict[str, Any]:
    pool = call.pool()
    saved = call.record(pool).part("log_delivery").get("configuration")
    # ASSUMED: a pool that never set one answers an empty list.
    delivery = saved or {"UserPoolId": pool.id, "LogConfigurations": []}
    return {"LogDeliveryConfiguration": copy.deepcopy(delivery)}
