"""validate's rules for the members botocore 1.44 added (issue 11): what Cognito refuses,
or would quietly do otherwise than the spec says, found before any call.

Sources (doc: the shipped model's documentation), facts in ``reconciler/pool_features.py``:
- ACR names "must be unique across all four levels, including any default names"
  (doc: CreateUserPool.AcrConfiguration): an error;
- custom ACR names and DCR need "the Essentials tier or higher" (doc: AcrConfiguration,
  DcrConfiguration): an error when the spec sets user_pool_tier LITE (a spec without
  user_pool_tier leaves the live tier unknown offline; the plan checks it then);
- "Only OIDC IdPs support ACR mapping" (doc: CreateIdentityProvider.AcrMapping): an error;
- DCR on: applications register app clients at runtime (doc: DcrConfigurationType), and
  apply deletes live clients a spec that manages clients doesn't list (CONTRACT.md): a
  warning naming that, so the author decides before a plan shows the deletes;
- KeyConfiguration: KmsKeyArn "If not specified, Amazon Web Services managed keys are
  used" (doc). Whether AWS then refuses CUSTOMER_MANAGED_KEY without a key or quietly
  uses its own isn't documented; either way the spec wouldn't get what it says, so it is
  an error. An ARN beside AWS_OWNED_KEY is unused under either reading: a warning.
"""

from __future__ import annotations

from typing import Any

from reconciler import pool_features as features
from reconciler.errors import Diagnostic
from reconciler.spec.findings import Locate, error, items, warning
from reconciler.spec.yaml_source import SpecPath


def check(pool: dict[str, Any], path: SpecPath, locate: Locate) -> list[Diagnostic]:
    out = _acr(pool, path, locate)
    out += _dcr(pool, path, locate)
    out += _key(pool, path, locate)
    out += _acr_mappings(pool, path, locate)
    return out


def _acr_levels(pool: dict[str, Any]) -> dict[str, dict[str, str]] | None:
    """The spec's acr_configuration in API shape (None when it isn't a mapping)."""
    given = pool.get("acr_configuration")
    if not isinstance(given, dict):
        return None
    return {str(level): {"AcrValue": str(config["acr_value"])} for level, config in given.items()
            if isinstance(config, dict) and isinstance(config.get("acr_value"), str)}


def _acr(pool: dict[str, Any], path: SpecPath, locate: Locate) -> list[Diagnostic]:
    levels = _acr_levels(pool)
    if levels is None:
        return []
    key = (*path, "acr_configuration")
    out = [error(locate, key, (
        f"acr_configuration: the name '{value}' is used by {' and '.join(owners)}; Cognito "
        "needs each level's name unique, default names (urn:cognito:loa:1 to 4) included"))
        for value, owners in features.duplicate_acr_values(levels).items()]
    if pool.get("user_pool_tier") == features.LITE and features.custom_acr(levels):
        out.append(error(locate, key, (
            "acr_configuration names levels other than by default, which needs "
            "user_pool_tier ESSENTIALS or PLUS, not LITE")))
    return out


def _dcr(pool: dict[str, Any], path: SpecPath, locate: Locate) -> list[Diagnostic]:
    given = pool.get("dcr_configuration")
    if not isinstance(given, dict) or given.get("enable_status") == "Disabled":
        return []
    key = (*path, "dcr_configuration")
    out = []
    if pool.get("user_pool_tier") == features.LITE:
        out.append(error(locate, key, (
            "dcr_configuration turns dynamic client registration on (an omitted enable_status "
            "means Enabled), which needs user_pool_tier ESSENTIALS or PLUS; for LITE set "
            "enable_status: Disabled")))
    out.append(warning(locate, key, _registered_clients_note(pool)))
    grants = given.get("open_dcr_grant_types")
    if given.get("open_dcr_enabled") is True and isinstance(grants, list) \
            and "client_credentials" in grants:
        # doc: DcrConfigurationType.OpenDcrGrantTypes "If you add client_credentials, anyone
        # can register an app client that requests machine-to-machine (M2M) access tokens,
        # and you pay for the M2M token requests that those app clients make."
        out.append(warning(locate, (*key, "open_dcr_grant_types"), (
            "open registration with client_credentials lets anyone register an app client "
            "that gets machine-to-machine access tokens, and you pay for its token requests; "
            "remove client_credentials or turn open_dcr_enabled off")))
    scopes = given.get("allowed_scopes")
    if isinstance(scopes, list) and features.DCR_REGISTER_SCOPE in scopes:
        # doc: DcrConfigurationType.AllowedScopes "A registered app client can't request the
        # aws.cognito/dcr/register scope, even if you include it in this list."
        out.append(warning(locate, (*key, "allowed_scopes"), (
            f"{features.DCR_REGISTER_SCOPE} in allowed_scopes has no effect: Cognito never "
            "lets a registered app client request it")))
    return out


def _registered_clients_note(pool: dict[str, Any]) -> str:
    """doc: DcrConfigurationType "lets applications register their own app clients at
    runtime" (UserPoolClientType.ClientType DCR). CONTRACT.md: a client live in a managed
    pool but absent from the spec is deleted; strict mode manages a spec without
    `clients:` as none. The contract stays; the spec's author is told before apply."""
    registered = ("dynamic client registration is on: applications register app clients "
                  "at runtime (client_type DCR)")
    if "clients" in pool or pool.get("strict") is True:
        return (f"{registered}, and apply deletes every live app client this spec doesn't "
                "list, those registered at runtime too (the plan names each, 'registered "
                "by an application'); to keep them, list them, or leave clients: out of "
                "this spec without strict mode (clients are then unmanaged)")
    return (f"{registered}; this spec leaves clients: out, so they are kept, but with "
            "--strict (or strict: true) apply deletes every live app client the spec "
            "doesn't list, those registered at runtime too")


def _key(pool: dict[str, Any], path: SpecPath, locate: Locate) -> list[Diagnostic]:
    given = pool.get("key_configuration")
    if not isinstance(given, dict):
        return []
    key_type, arn = given.get("key_type"), given.get("kms_key_arn")
    key = (*path, "key_configuration")
    if key_type == "CUSTOMER_MANAGED_KEY" and not arn:
        return [error(locate, key, (
            "key_configuration: CUSTOMER_MANAGED_KEY needs kms_key_arn (without it Cognito "
            "would not use a key of yours)"))]
    if key_type in (None, "AWS_OWNED_KEY") and arn:
        return [warning(locate, (*key, "kms_key_arn"), (
            "kms_key_arn is only used with key_type: CUSTOMER_MANAGED_KEY; with an AWS-owned "
            "key it means nothing: set key_type: CUSTOMER_MANAGED_KEY or remove it"))]
    return []


def _acr_mappings(pool: dict[str, Any], path: SpecPath, locate: Locate) -> list[Diagnostic]:
    out = []
    for item_path, provider in items(pool.get("identity_providers"),
                                     (*path, "identity_providers")):
        kind = provider.get("provider_type")
        if provider.get("acr_mapping") and isinstance(kind, str) and kind != "OIDC":
            out.append(error(locate, (*item_path, "acr_mapping"), (
                f"acr_mapping is for OIDC providers only (Cognito supports ACR mapping for "
                f"OIDC identity providers), not {kind}")))
    return out
