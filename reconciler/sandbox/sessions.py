"""Pool and app client session configuration (moto lacks all four calls).

Sources, from the shipped model's documentation ([M], botocore 1.44.8):
- GetUserPoolSessionConfiguration: "If you have never called
  SetUserPoolSessionConfiguration for the user pool, this operation returns the default
  values: UserSessionTracking as DISABLED and a MaxPerUser value of 20."
- GetUserPoolClientSessionConfiguration: "If you have never called
  SetUserPoolClientSessionConfiguration for the app client, this operation returns the
  default SSO session maximum validity of 60 minutes."
- SetUserPoolSessionConfiguration / SetUserPoolClientSessionConfiguration: "This
  operation performs a full replacement of the ... session configuration; every request
  parameter is required" (the model marks every member required, so validation.py
  refuses a request without one), "The user pool must be in the Essentials or Plus tier.
  Otherwise, this operation returns a FeatureUnavailableInTierException"; the client's
  also: "session tracking must be enabled for the user pool".
- SetUserPoolSessionConfiguration.UserSessionTracking: "When you set this value to
  DISABLED ..., existing client-level session configurations are retained but dormant,
  and are reactivated when you enable tracking again."
- Ranges (MaxPerUser 1..100, MaxValidityMinutes 0..129600) are the model's min/max,
  enforced for every operation by validation.py, as AWS's front end does.
A missing pool or client is ResourceNotFoundException (Call.pool / Call.client, the
errors every per-pool call of the model lists); deleting the pool drops its record,
deleting a client forgets the client's configuration (``forget_client``).
"""

from __future__ import annotations

import copy
from typing import Any

from reconciler.pool_defaults import CLIENT_SESSION_DEFAULT as CLIENT_DEFAULT
from reconciler.pool_defaults import POOL_SESSION_DEFAULT as POOL_DEFAULT

from .calls import Call, handles
from .errors import ApiError, invalid_parameter
from .state import PoolRecord

# The Get answers for a pool or client that never called Set come from the one defaults
# table (reconciler/pool_defaults.py), which cites the same model documentation.
_POOL_LEVEL = "pool"


def _saved(record: PoolRecord) -> dict[str, Any]:
    return record.part("session_configuration")  # "pool" or a client id -> settings


def _require_tier(record: PoolRecord) -> None:
    # A pool created without UserPoolTier is ESSENTIALS [M: UserPoolTier].
    if record.config.get("UserPoolTier", "ESSENTIALS") not in ("ESSENTIALS", "PLUS"):
        raise ApiError("FeatureUnavailableInTierException",
                       "Session configuration requires the Essentials or Plus feature plan.")


def _pool_settings(record: PoolRecord) -> dict[str, Any]:
    return _saved(record).get(_POOL_LEVEL) or POOL_DEFAULT


@handles("GetUserPoolSessionConfiguration")
def get_user_pool_session_configuration(call: Call) -> dict[str, Any]:
    pool = call.pool()
    return {"UserPoolId": pool.id, **copy.deepcopy(_pool_settings(call.record(pool)))}


@handles("SetUserPoolSessionConfiguration")
def set_user_pool_session_configuration(call: Call) -> dict[str, Any]:
    pool = call.pool()
    record = call.record(pool)
    _require_tier(record)
    settings = {"UserSessionTracking": call.body["UserSessionTracking"],
                "TokenSession": {"MaxPerUser": call.body["TokenSession"]["MaxPerUser"]}}
    # A full replacement; client configurations stay (dormant while DISABLED).
    _saved(record)[_POOL_LEVEL] = settings
    return {"UserPoolId": pool.id, **copy.deepcopy(settings)}


@handles("GetUserPoolClientSessionConfiguration")
def get_user_pool_client_session_configuration(call: Call) -> dict[str, Any]:
    pool = call.pool()
    client, _ = call.client(pool)
    # ASSUMED: a dormant configuration (tracking DISABLED) still reads back as set.
    found = _saved(call.record(pool)).get(client.id) or CLIENT_DEFAULT
    return {"UserPoolId": pool.id, "ClientId": client.id, **copy.deepcopy(found)}


@handles("SetUserPoolClientSessionConfiguration")
def set_user_pool_client_session_configuration(call: Call) -> dict[str, Any]:
    pool = call.pool()
    client, _ = call.client(pool)
    record = call.record(pool)
    _require_tier(record)
    if _pool_settings(record)["UserSessionTracking"] != "ENABLED":
        # [M] "session tracking must be enabled for the user pool"; the error code is
        # ASSUMED (the model names none for this case).
        raise invalid_parameter("Session tracking must be enabled for the user pool before "
                                "an app client's session configuration can be set.")
    settings = {"SSOSession": {"MaxValidityMinutes":
                               call.body["SSOSession"]["MaxValidityMinutes"]}}
    _saved(record)[client.id] = settings
    return {"UserPoolId": pool.id, "ClientId": client.id, **copy.deepcopy(settings)}


def forget_client(record: PoolRecord, client_id: str) -> None:
    """A deleted app client takes its session configuration with it."""
    _saved(record).pop(client_id, None)
