"""The pool members botocore 1.44 added (issue 11): IssuerConfiguration,
KeyConfiguration, AcrConfiguration, DcrConfiguration. What Cognito means by each,
read the same way by the planner, the exporter, ``validate`` and the sandbox.

Sources are the shipped model's documentation (``doc:``), quoted beside each fact.
Where it doesn't say what DescribeUserPool returns for a member never set, the
tool reads absence and the documented default as the same setting (``effective``),
so it is right under either reading; the sandbox picks one (marked ASSUMED there).
"""

from __future__ import annotations

import copy
from typing import Any

from reconciler import pool_defaults as facts

ISSUER = "IssuerConfiguration"
KEY = "KeyConfiguration"
ACR = "AcrConfiguration"
DCR = "DcrConfiguration"
MEMBERS = (ISSUER, KEY, ACR, DCR)

# doc: AcrConfigurationType "keyed by level, from Level1 through Level4".
ACR_LEVELS = ("Level1", "Level2", "Level3", "Level4")
# doc: CreateUserPool.AcrConfiguration "By default, the levels are named urn:cognito:loa:1
# through urn:cognito:loa:4, and Amazon Cognito applies the default name to any level that
# you don't specify."
DEFAULT_ACR: dict[str, dict[str, str]] = facts.DEFAULT_ACR_CONFIGURATION
DEFAULT_ISSUER: dict[str, str] = facts.DEFAULT_ISSUER_CONFIGURATION
DEFAULT_KEY: dict[str, str] = facts.DEFAULT_KEY_CONFIGURATION
# doc: DcrConfigurationType members: an omitted EnableStatus "turns dynamic client
# registration on"; OpenDcrEnabled "The default value is false"; AuthenticatedGrantTypes
# unset "permits the code and client_credentials grant types"; OpenDcrGrantTypes unset
# "permits only the code grant type"; AllowedScopes unset: "only the OIDC scopes".
DCR_MEMBER_DEFAULTS: dict[str, Any] = {
    "EnableStatus": "Enabled",
    "OpenDcrEnabled": False,
    "AuthenticatedGrantTypes": ["client_credentials", "code"],
    "OpenDcrGrantTypes": ["code"],
    "AllowedScopes": [],
}
DCR_GRANTS = ("AuthenticatedGrantTypes", "OpenDcrGrantTypes")
# doc: DcrConfigurationType grant types: "Amazon Cognito accepts implicit in this list
# but ignores it."
IGNORED_GRANT = "implicit"
LITE = "LITE"
# doc: DcrConfigurationType: the scope an access token needs for authenticated
# registration, which "A registered app client can't request".
DCR_REGISTER_SCOPE = "aws.cognito/dcr/register"


def effective_acr(given: Any) -> dict[str, dict[str, str]]:
    """The four level names in force: doc (UserPoolType.AcrConfiguration) "Amazon Cognito
    always returns the effective configuration, with default names merged in for any
    level that you haven't customized"."""
    levels = copy.deepcopy(DEFAULT_ACR)
    for level, config in (given or {}).items():
        if isinstance(config, dict) and config.get("AcrValue"):
            levels[str(level)] = {"AcrValue": str(config["AcrValue"])}
    return levels


def custom_acr(given: Any) -> dict[str, dict[str, str]]:
    """Only the levels named otherwise than by default: a request with these sets the
    same names as one with all four (doc: "any level that you don't specify keeps its
    default name"), and asks for no custom name where there is none (custom names need
    the Essentials tier)."""
    return {level: config for level, config in effective_acr(given).items()
            if config != DEFAULT_ACR.get(level)}


def duplicate_acr_values(given: Any) -> dict[str, list[str]]:
    """Names used by two levels or more, default names included (doc: "Each name must be
    unique across all four levels, including any default names that apply to levels you
    don't override"), with their levels."""
    by_value: dict[str, list[str]] = {}
    for level, config in sorted(effective_acr(given).items()):
        by_value.setdefault(config["AcrValue"], []).append(level)
    return {value: levels for value, levels in by_value.items() if len(levels) > 1}


def effective_dcr(given: Any) -> dict[str, Any]:
    """The registration settings in force. Absent means never turned on: read as
    Disabled (with the other members at their defaults). Order doesn't matter in the
    grant and scope lists, and ``implicit`` is ignored by Cognito (doc), so left out;
    an empty list stays empty (doc: it refuses that kind of registration)."""
    if not isinstance(given, dict):
        return {**copy.deepcopy(DCR_MEMBER_DEFAULTS), "EnableStatus": "Disabled"}
    config = copy.deepcopy(DCR_MEMBER_DEFAULTS)
    config.update({k: copy.deepcopy(v) for k, v in given.items() if v is not None})
    for member in DCR_GRANTS:
        config[member] = sorted(g for g in config[member] or [] if g != IGNORED_GRANT)
    config["AllowedScopes"] = sorted(config["AllowedScopes"] or [])
    return config


def dcr_enabled(given: Any) -> bool:
    return bool(effective_dcr(given)["EnableStatus"] != "Disabled")


def request_dcr(given: Any) -> dict[str, Any]:
    """A DcrConfiguration request with the same meaning, members at their defaults
    left out except EnableStatus (left out, it means Enabled)."""
    config = effective_dcr(given)
    body = {"EnableStatus": config["EnableStatus"]}
    for member, value in config.items():
        if member != "EnableStatus" and value != effective_dcr({})[member]:
            body[member] = value
    return body


def effective(document: dict[str, Any], fill_absent: bool) -> dict[str, Any]:
    """``document`` (API-shaped pool settings) with the four members in their effective
    form, so equal settings compare equal whether Cognito echoes defaults or leaves them
    out. ``fill_absent``: absent members too (a live document, where absence means the
    default); a spec's absent member is not managed and stays absent."""
    doc = dict(document)
    fill = {ISSUER: DEFAULT_ISSUER, KEY: DEFAULT_KEY}
    for member, default in fill.items():
        if member in doc or fill_absent:
            # An empty block sets nothing: the member's default, as absence does.
            value = {**default, **(doc.get(member) or {})}
            doc[member] = {k: v for k, v in value.items() if v is not None}
    if ACR in doc or fill_absent:
        doc[ACR] = effective_acr(doc.get(ACR))
    if DCR in doc or fill_absent:
        doc[DCR] = effective_dcr(doc.get(DCR))
    return doc


def _custom_acr_only(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` (changed in place) with ACR reduced to its custom levels, left out
    when there are none."""
    if ACR in document:
        levels = custom_acr(document[ACR])
        if levels:
            document[ACR] = levels
        else:
            del document[ACR]
    return document


def request_form(body: dict[str, Any]) -> dict[str, Any]:
    """A Create/UpdateUserPool body whose ACR and DCR members say the same thing in the
    fewest words: only custom ACR levels (none: the member is left out), DCR without
    members at their defaults."""
    out = _custom_acr_only(dict(body))
    if isinstance(out.get(DCR), dict):
        out[DCR] = request_dcr(out[DCR])
    return out


def tier_problems(document: dict[str, Any]) -> list[str]:
    """Why Cognito would refuse these settings on the pool's tier: doc (CreateUserPool
    AcrConfiguration and DcrConfiguration) "To activate this setting, your user pool must
    be in the Essentials tier or higher"; UpdateUserPool.DcrConfiguration "To change the
    feature plan of the user pool to Lite, you must also set EnableStatus to Disabled"."""
    if document.get("UserPoolTier") != LITE:
        return []
    problems = []
    if custom_acr(document.get(ACR)):
        problems.append("acr_configuration names levels other than by default, which needs "
                        "user_pool_tier ESSENTIALS or PLUS")
    if DCR in document and dcr_enabled(document.get(DCR)):
        problems.append("dcr_configuration turns dynamic client registration on, which needs "
                        "user_pool_tier ESSENTIALS or PLUS (set dcr_configuration.enable_status: "
                        "Disabled to keep the LITE tier)")
    return problems


def issuer_change_warning(before: Any, after: Any) -> str | None:
    """What a plan says when the issuer type changes: every token's `iss` and the JWKS
    URL move (doc: IssuerType, the two URL formats)."""
    old = (before or DEFAULT_ISSUER).get("Type")
    new = (after or DEFAULT_ISSUER).get("Type")
    if old == new:
        return None
    message = (f"the token issuer changes ({old} -> {new}): apps that check a token's iss or "
               "fetch the JWKS URL must move to the new URLs (cognito-reconciler outputs "
               "prints them)")
    if new == "ORIGINAL":
        message += ("; Cognito documents UPDATED as recommended and needed for multi-Region "
                    "replication, and doesn't say whether it can go back to ORIGINAL: it may "
                    "refuse this")
    return message


def without_defaults(document: dict[str, Any]) -> dict[str, Any]:
    """Exported settings: the four members left out where they equal the defaults (a
    spec without them creates the same pool), ACR reduced to its custom levels."""
    doc = dict(document)
    if ISSUER in doc and effective({ISSUER: doc[ISSUER]}, False)[ISSUER] == DEFAULT_ISSUER:
        del doc[ISSUER]
    if KEY in doc and effective({KEY: doc[KEY]}, False)[KEY] == DEFAULT_KEY:
        del doc[KEY]
    doc = _custom_acr_only(doc)
    if DCR in doc:
        if effective_dcr(doc[DCR]) == effective_dcr(None):
            del doc[DCR]
        else:
            doc[DCR] = request_dcr(doc[DCR])
    return doc
