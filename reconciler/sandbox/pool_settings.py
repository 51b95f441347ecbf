"""The pool members botocore 1.44 added, stored and checked as the model documents them.

moto stores whatever a request carries and forgets it on the next update. AWS (the
shipped model's documentation, ``doc:``; the values in ``reconciler/pool_features.py``):
- AcrConfiguration is described in full, "with default names merged in for any level
  that you haven't customized" (doc: UserPoolType.AcrConfiguration); each name "must be
  unique across all four levels, including any default names" (doc: CreateUserPool);
- a DcrConfiguration without EnableStatus turns registration on, OpenDcrEnabled
  defaults to false (doc: DcrConfigurationType); an UpdateUserPool that omits it keeps
  the existing one (doc: UpdateUserPool.DcrConfiguration, the exception to the reset);
- custom ACR names and DCR need "the Essentials tier or higher", and a pool moves to
  Lite only with EnableStatus Disabled (doc: UpdateUserPool.DcrConfiguration).
ASSUMED (no source says): the error codes (InvalidParameterException for a duplicate
name; FeatureUnavailableInTierException, which Create/UpdateUserPool list, for the
tier), and the never-set Issuer/Key/DCR shown at their defaults (pool_defaults.py).
"""

from __future__ import annotations

import copy
from typing import Any

from reconciler import pool_features as features

from .errors import ApiError, invalid_parameter

# doc: DcrConfigurationType.EnableStatus and OpenDcrEnabled (the defaults Cognito fills).
_DCR_FILLED = ("EnableStatus", "OpenDcrEnabled")


def kept_on_update(request: dict[str, Any], stored: dict[str, Any]) -> None:
    """Members an UpdateUserPool that omits them keeps (doc: UpdateUserPool.DcrConfiguration
    "If you omit this parameter, Amazon Cognito keeps the existing configuration")."""
    if features.DCR not in request and features.DCR in stored:
        request[features.DCR] = copy.deepcopy(stored[features.DCR])


def settle(config: dict[str, Any]) -> None:
    """Fills in what Cognito does for the new members of a stored configuration, then
    refuses what it refuses (nothing is stored when this raises)."""
    # ASSUMED: a block given without its type reads back with the default type.
    for member, default in ((features.ISSUER, features.DEFAULT_ISSUER),
                            (features.KEY, features.DEFAULT_KEY)):
        config[member] = {**default, **(config.get(member) or {})}
    config[features.ACR] = features.effective_acr(config.get(features.ACR))
    duplicates = features.duplicate_acr_values(config[features.ACR])
    if duplicates:
        value, levels = next(iter(duplicates.items()))
        raise invalid_parameter(
            f"AcrValue {value} is used by {' and '.join(levels)}: each ACR name must be unique "
            "across all levels, including default names.")
    given = config.get(features.DCR)
    if isinstance(given, dict):
        filled = {k: features.DCR_MEMBER_DEFAULTS[k] for k in _DCR_FILLED}
        config[features.DCR] = {**filled, **copy.deepcopy(given)}
    if config.get("UserPoolTier") != features.LITE:
        return
    if features.custom_acr(config[features.ACR]):
        raise ApiError("FeatureUnavailableInTierException",
                       "Custom ACR level names (AcrConfiguration) require the Essentials "
                       "tier or higher.")
    if features.DCR in config and features.dcr_enabled(config[features.DCR]):
        raise ApiError("FeatureUnavailableInTierException",
                       "Dynamic client registration (DcrConfiguration) requires the Essentials "
                       "tier or higher; set EnableStatus to Disabled for the Lite tier.")
