"""Hypothesis strategies: valid specs (split into what can and can't change in place)
and out-of-band drift made with boto3 the way another tool or a person would."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from hypothesis import strategies as st

POOL_NAME = "prop-pool"
CLIENT_NAMES = ("web", "mobile", "api", "admin", "svc")
GROUP_NAMES = ("admins", "staff", "readers")
# Cognito's ranges per unit ("default": no unit given, so hours / hours / days).
TOKEN_RANGES = {
    "access_token": {"minutes": (5, 1440), "hours": (1, 24), "default": (1, 24)},
    "id_token": {"minutes": (5, 1440), "hours": (1, 24), "default": (1, 24)},
    "refresh_token": {"minutes": (60, 5_256_000), "hours": (1, 87_600), "days": (1, 3650),
                      "default": (1, 3650)},
}
AUTH_FLOWS = ("ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH",
              "ALLOW_ADMIN_USER_PASSWORD_AUTH")


@dataclass(frozen=True)
class Fixed:
    """What a replace would be needed to change: chosen once per pool."""

    username_attributes: tuple[str, ...] | None
    case_sensitive: bool | None
    secrets: dict[str, bool]  # client name -> generate_secret


fixed = st.builds(
    Fixed,
    username_attributes=st.one_of(st.none(), st.sampled_from(
        [("email",), ("phone_number",), ("email", "phone_number")])),
    case_sensitive=st.one_of(st.none(), st.booleans()),
    secrets=st.fixed_dictionaries({name: st.booleans() for name in CLIENT_NAMES}),
)


@st.composite
def password_policy(draw: st.DrawFn) -> dict[str, Any]:
    policy: dict[str, Any] = {"minimum_length": draw(st.integers(6, 99))}
    for key in ("require_uppercase", "require_lowercase", "require_numbers", "require_symbols"):
        if draw(st.booleans()):
            policy[key] = draw(st.booleans())
    if draw(st.booleans()):
        policy["temporary_password_validity_days"] = draw(st.integers(1, 365))
    return policy


tag_key = st.text("abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=12)
tag_value = st.text("abcdefghijklmnopqrstuvwxyz0123456789 -", max_size=20)


@st.composite
def client(draw: st.DrawFn, name: str, secret: bool) -> dict[str, Any]:
    spec: dict[str, Any] = {"client_name": name, "generate_secret": secret}
    if draw(st.booleans()):
        flows = draw(st.sets(st.sampled_from(AUTH_FLOWS), max_size=3))
        spec["explicit_auth_flows"] = sorted(flows | {"ALLOW_REFRESH_TOKEN_AUTH"})
    units: dict[str, str] = {}
    for token, ranges in TOKEN_RANGES.items():
        if not draw(st.booleans()):
            continue
        unit = draw(st.sampled_from(sorted(ranges)))
        low, high = ranges[unit]
        spec[f"{token}_validity"] = draw(st.integers(low, high))
        if unit != "default":
            units[token] = unit
    if units:
        spec["token_validity_units"] = units
    if draw(st.booleans()):
        spec["auth_session_validity"] = draw(st.integers(3, 15))
    if draw(st.booleans()):
        spec["prevent_user_existence_errors"] = draw(st.sampled_from(["ENABLED", "LEGACY"]))
    if draw(st.booleans()):
        spec["enable_token_revocation"] = draw(st.booleans())
    if draw(st.booleans()):
        spec["allowed_oauth_flows_user_pool_client"] = True
        spec["allowed_oauth_flows"] = ["code"]
        spec["allowed_oauth_scopes"] = sorted(draw(st.sets(
            st.sampled_from(["openid", "email", "profile"]), min_size=1)) | {"openid"})
        spec["callback_urls"] = [f"https://{name}.example.com/callback"]
        spec["supported_identity_providers"] = ["COGNITO"]
    return spec


@st.composite
def spec_data(draw: st.DrawFn, shape: Fixed) -> dict[str, Any]:
    """A valid spec for one pool with ``shape``'s fixed parts; the rest drawn."""
    pool: dict[str, Any] = {"pool_name": POOL_NAME}
    if shape.username_attributes is not None:
        pool["username_attributes"] = list(shape.username_attributes)
    if shape.case_sensitive is not None:
        pool["username_configuration"] = {"case_sensitive": shape.case_sensitive}
    if draw(st.booleans()):
        pool["policies"] = {"password_policy": draw(password_policy())}
    mfa = draw(st.sampled_from(["OFF", "OPTIONAL", None]))
    if mfa is not None:
        pool["mfa_configuration"] = mfa
        if mfa == "OPTIONAL":
            pool["software_token_mfa_configuration"] = {"enabled": True}
    if draw(st.booleans()):
        pool["deletion_protection"] = draw(st.sampled_from(["ACTIVE", "INACTIVE"]))
    if draw(st.booleans()):
        pool["user_pool_tags"] = draw(st.dictionaries(tag_key, tag_value, max_size=3))
    if draw(st.booleans()):
        pool["admin_create_user_config"] = {"allow_admin_create_user_only": draw(st.booleans())}
    if draw(st.booleans()):
        pool["device_configuration"] = {
            "challenge_required_on_new_device": draw(st.booleans()),
            "device_only_remembered_on_user_prompt": draw(st.booleans()),
        }
    if draw(st.booleans()):
        pool["account_recovery_setting"] = {"recovery_mechanisms": [
            {"name": "verified_email", "priority": 1}]}
    names = draw(st.lists(st.sampled_from(CLIENT_NAMES), unique=True, max_size=4))
    if names:
        pool["clients"] = [draw(client(name, shape.secrets[name])) for name in names]
    groups = draw(st.lists(st.sampled_from(GROUP_NAMES), unique=True, max_size=3))
    if groups:
        pool["groups"] = [
            {"group_name": name, "precedence": draw(st.integers(0, 100)),
             **({"description": draw(tag_value)} if draw(st.booleans()) else {})}
            for name in groups]
    return {"version": 1, "user_pools": [pool]}


def to_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False)


# --- drift -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Drift:
    kind: str  # see apply_drift
    target: str = ""
    value: Any = None


drift = st.one_of(
    st.builds(Drift, kind=st.just("pool_min_length"), value=st.integers(6, 99)),
    st.builds(Drift, kind=st.just("pool_tags"), value=st.dictionaries(tag_key, tag_value,
                                                                         max_size=2)),
    st.builds(Drift, kind=st.just("pool_unmanaged"), value=st.sampled_from(
        ["Verify your account", "Your code", "Welcome aboard"])),
    st.builds(Drift, kind=st.just("client_refresh"), target=st.sampled_from(CLIENT_NAMES),
              value=st.integers(1, 3650)),
    st.builds(Drift, kind=st.just("client_flows"), target=st.sampled_from(CLIENT_NAMES)),
    st.builds(Drift, kind=st.just("extra_client"), target=st.just("stray")),
    st.builds(Drift, kind=st.just("delete_client"), target=st.sampled_from(CLIENT_NAMES)),
    st.builds(Drift, kind=st.just("group_precedence"), target=st.sampled_from(GROUP_NAMES),
              value=st.integers(0, 100)),
    st.builds(Drift, kind=st.just("extra_group"), target=st.just("stray-group")),
)


def _members(cognito: Any, operation: str) -> set[str]:
    shape = cognito.meta.service_model.operation_model(operation).input_shape
    return set(shape.members)


def full_pool_update(cognito: Any, pool_id: str) -> dict[str, Any]:
    """An UpdateUserPool body carrying every live setting (AWS resets what's omitted)."""
    live = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    body = {k: v for k, v in live.items() if k in _members(cognito, "UpdateUserPool")}
    body["UserPoolId"] = pool_id
    body.pop("PoolName", None)
    # AWS refuses the legacy UnusedAccountValidityDays that describe still shows.
    body.get("AdminCreateUserConfig", {}).pop("UnusedAccountValidityDays", None)
    return body


def full_client_update(cognito: Any, pool_id: str, client_id: str) -> dict[str, Any]:
    live = cognito.describe_user_pool_client(UserPoolId=pool_id,
                                             ClientId=client_id)["UserPoolClient"]
    return {k: v for k, v in live.items() if k in _members(cognito, "UpdateUserPoolClient")}


def apply_drift(cognito: Any, pool_id: str, change: Drift) -> str | None:
    """Make ``change`` out of band; returns a description, or None if it didn't apply."""
    clients = {c["ClientName"]: c["ClientId"] for c in cognito.list_user_pool_clients(
        UserPoolId=pool_id, MaxResults=60)["UserPoolClients"]}
    groups = {g["GroupName"] for g in cognito.list_groups(UserPoolId=pool_id)["Groups"]}
    if change.kind == "pool_min_length":
        body = full_pool_update(cognito, pool_id)
        body.setdefault("Policies", {}).setdefault("PasswordPolicy", {})
        body["Policies"]["PasswordPolicy"]["MinimumLength"] = change.value
        cognito.update_user_pool(**body)
    elif change.kind == "pool_tags":
        body = full_pool_update(cognito, pool_id)
        body["UserPoolTags"] = change.value
        cognito.update_user_pool(**body)
    elif change.kind == "pool_unmanaged":
        body = full_pool_update(cognito, pool_id)
        body["EmailVerificationSubject"] = change.value
        # The template member mirrors it, and AWS keeps the template's text if they differ.
        body.setdefault("VerificationMessageTemplate", {})["EmailSubject"] = change.value
        cognito.update_user_pool(**body)
    elif change.kind in ("client_refresh", "client_flows") and change.target in clients:
        body = full_client_update(cognito, pool_id, clients[change.target])
        if change.kind == "client_refresh":
            body["RefreshTokenValidity"] = change.value
            body.setdefault("TokenValidityUnits", {})["RefreshToken"] = "days"
        else:
            body["ExplicitAuthFlows"] = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_CUSTOM_AUTH"]
        cognito.update_user_pool_client(**body)
    elif change.kind == "extra_client" and change.target not in clients:
        cognito.create_user_pool_client(UserPoolId=pool_id, ClientName=change.target)
    elif change.kind == "delete_client" and change.target in clients:
        cognito.delete_user_pool_client(UserPoolId=pool_id, ClientId=clients[change.target])
    elif change.kind == "group_precedence" and change.target in groups:
        live = cognito.get_group(UserPoolId=pool_id, GroupName=change.target)["Group"]
        body = {k: live[k] for k in ("Description", "RoleArn") if k in live}
        cognito.update_group(UserPoolId=pool_id, GroupName=change.target,
                             Precedence=change.value, **body)
    elif change.kind == "extra_group" and change.target not in groups:
        cognito.create_group(UserPoolId=pool_id, GroupName=change.target)
    else:
        return None
    return f"{change.kind} {change.target} {change.value!r}".strip()
