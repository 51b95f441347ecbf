"""Checks the schema can't express: uniqueness, cross-field rules and Cognito's limits.

They run even when the schema found errors (every problem is reported at once), so
each check looks only at values of the right type and skips the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Set
from dataclasses import replace
from typing import Any

from reconciler.errors import Diagnostic
from reconciler.spec import (
    client_secret_rules,
    cognito_rules,
    mfa_rules,
    replica_rules,
    terms_rules,
)
from reconciler.spec.findings import Locate
from reconciler.spec.findings import error as _error
from reconciler.spec.findings import items as _items
from reconciler.spec.yaml_source import SpecPath

# Cognito's standard user attributes (OIDC claims plus Cognito's own).
STANDARD_ATTRIBUTES = frozenset(
    "address birthdate email email_verified family_name gender given_name identities "
    "locale middle_name name nickname phone_number phone_number_verified picture "
    "preferred_username profile sub updated_at website zoneinfo".split()
)
MAX_CUSTOM_ATTRIBUTES = 50
LEGACY_AUTH_FLOWS = frozenset({"ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH"})

_MINUTES = {"seconds": 1 / 60, "minutes": 1, "hours": 60, "days": 24 * 60}
# field, its key in token_validity_units, default unit, AWS range in minutes.
_VALIDITIES = (
    ("access_token_validity", "access_token", "hours", 5, 24 * 60),
    ("id_token_validity", "id_token", "hours", 5, 24 * 60),
    ("refresh_token_validity", "refresh_token", "days", 60, 3650 * 24 * 60),
)


def check(data: Any, locate: Locate, hidden: Set[SpecPath] = frozenset()) -> list[Diagnostic]:
    """Every finding; values at ``hidden`` paths (from ${env:...}) are never quoted."""
    if not isinstance(data, dict):
        return []
    out: list[Diagnostic] = []
    pools = list(_items(data.get("user_pools"), ("user_pools",)))
    out += _unique_pool_names(pools, locate)
    for path, pool in pools:
        out += _unique(pool, path, "clients", "client_name", locate)
        out += _unique(pool, path, "clients", "id", locate)
        out += _unique(pool, path, "groups", "group_name", locate)
        out += _unique(pool, path, "resource_servers", "identifier", locate)
        out += _unique(pool, path, "identity_providers", "provider_name", locate)
        out += _schema_attributes(pool, path, locate)
        out += _removed_and_set(pool, path, locate)
        out += mfa_rules.check_pool(pool, path, locate)
        out += cognito_rules.check_pool(pool, path, locate, STANDARD_ATTRIBUTES, hidden)
        out += replica_rules.check_pool(pool, path, locate)
        for client_path, client in _items(pool.get("clients"), (*path, "clients")):
            out += _client(client, client_path, locate)
            out += client_secret_rules.check_client(client, client_path, locate)
            out += _unique(client, client_path, "terms", "terms_name", locate)
            out += _unique(client, client_path, "cimd_policies", "policy_name", locate)
            out += terms_rules.check_client(client, client_path, locate)
            out += _removed_and_set(client, client_path, locate)
    return out


def _removed_and_set(owner: dict[str, Any], path: SpecPath, locate: Locate) -> list[Diagnostic]:
    """`remove:` says a part must not exist: setting it too is a contradiction."""
    removed = owner.get("remove")
    if not isinstance(removed, list):
        return []
    return [
        _error(locate, (*path, "remove", index),
               f"remove: names {key}, which is also set here; keep one of them")
        for index, key in enumerate(removed) if isinstance(key, str) and key in owner
    ]




def _unique_pool_names(
    pools: list[tuple[SpecPath, dict[str, Any]]], locate: Locate
) -> list[Diagnostic]:
    # Plan addresses are user_pool.<pool_name> and apply keys the ids it creates by
    # them, so one name in two regions (or once pinned by id) would collide (issue
    # 12.4). Live twins (Cognito allows one name twice) that every entry pins by id
    # are never created, so they only share an address: a warning, as export writes
    # such twins.
    def message(name: str, others: str) -> str:
        return (
            f"pool_name '{name}' is also used at {others}; plan addresses "
            "(user_pool.<pool_name>) must be unique; run each region separately (one spec "
            "per region) or give the pools distinct names"
        )

    def twins(name: str, others: str) -> str:
        return (
            f"pool_name '{name}' is also used at {others}; each entry is pinned by id, so "
            f"each finds its own pool, but their changes share the address user_pool.{name}"
        )

    names = {p["pool_name"] for _, p in pools if isinstance(p.get("pool_name"), str)}
    pinned = {
        name for name in names
        if all(isinstance(p.get("id"), str) for _, p in pools if p.get("pool_name") == name)
    }
    out = _once_each(pools, "pool_name", locate, message, skip=pinned)
    out += [
        replace(d, severity="warning")
        for d in _once_each(pools, "pool_name", locate, twins, skip=names - pinned)
    ]
    return out + _once_each(
        pools, "id", locate, lambda pool_id, others: (
            f"id '{pool_id}' is also pinned at {others}; two entries would manage one "
            "live pool; keep one entry for it"
        )
    )


def _once_each(
    pools: list[tuple[SpecPath, dict[str, Any]]],
    key: str,
    locate: Locate,
    message: Callable[[str, str], str],
    skip: set[str] | None = None,
) -> list[Diagnostic]:
    """One error at each entry whose ``key`` value another entry also has."""
    by_value: dict[str, list[SpecPath]] = {}
    for path, pool in pools:
        value = pool.get(key)
        if isinstance(value, str) and value not in (skip or set()):
            by_value.setdefault(value, []).append((*path, key))
    out = []
    for value, paths in by_value.items():
        for path in paths if len(paths) > 1 else []:
            others = ", ".join(str(locate(other)) for other in paths if other != path)
            out.append(_error(locate, path, message(value, others)))
    return out


def _unique(
    pool: dict[str, Any], pool_path: SpecPath, kind: str, key: str, locate: Locate
) -> list[Diagnostic]:
    seen: dict[str, SpecPath] = {}
    out = []
    for path, item in _items(pool.get(kind), (*pool_path, kind)):
        name = item.get(key)
        if not isinstance(name, str):
            continue
        if name in seen:
            first = locate((*seen[name], key))
            out.append(
                _error(
                    locate,
                    (*path, key),
                    f"{key} '{name}' is used twice in {kind} (also at {first})",
                )
            )
        else:
            seen[name] = path
    return out


def _schema_attributes(
    pool: dict[str, Any], pool_path: SpecPath, locate: Locate
) -> list[Diagnostic]:
    out = []
    custom = 0
    seen: set[str] = set()
    for path, attribute in _items(pool.get("schema"), (*pool_path, "schema")):
        name = attribute.get("name")
        if not isinstance(name, str):
            continue
        where = (*path, "name")
        if name in seen:
            out.append(_error(locate, where, f"schema attribute '{name}' is defined twice"))
        seen.add(name)
        if name in STANDARD_ATTRIBUTES:
            continue
        custom += 1
        # dev:custom:x too: spec/desired.py reads both prefixes as the custom attribute x.
        bare = name.removeprefix("dev:").removeprefix("custom:")
        if bare.lower() in STANDARD_ATTRIBUTES:
            out.append(
                _error(
                    locate,
                    where,
                    f"custom attribute '{name}' clashes with the standard attribute "
                    f"'{bare.lower()}'; to configure the standard one, write name: {bare.lower()}",
                )
            )
        if custom == MAX_CUSTOM_ATTRIBUTES + 1:
            out.append(
                _error(
                    locate, where, f"more than {MAX_CUSTOM_ATTRIBUTES} custom attributes in a pool"
                )
            )
    return out


def _client(client: dict[str, Any], path: SpecPath, locate: Locate) -> list[Diagnostic]:
    out = _validities(client, path, locate)
    redirect = client.get("default_redirect_uri")
    callbacks = client.get("callback_urls")
    if isinstance(redirect, str) and redirect not in (
        callbacks if isinstance(callbacks, list) else []
    ):
        out.append(
            _error(
                locate,
                (*path, "default_redirect_uri"),
                f"default_redirect_uri '{redirect}' must also be listed in callback_urls",
            )
        )
    flows = client.get("allowed_oauth_flows")
    if isinstance(flows, list) and "client_credentials" in flows and len(set(flows)) > 1:
        out.append(
            _error(
                locate,
                (*path, "allowed_oauth_flows"),
                "allowed_oauth_flows: client_credentials can't be combined with "
                "code or implicit; use a separate client",
            )
        )
    auth = client.get("explicit_auth_flows")
    if isinstance(auth, list):
        legacy = sorted({f for f in auth if isinstance(f, str) and f in LEGACY_AUTH_FLOWS})
        modern = sorted({f for f in auth if isinstance(f, str) and f.startswith("ALLOW_")})
        if legacy and modern:
            out.append(
                _error(
                    locate,
                    (*path, "explicit_auth_flows"),
                    f"explicit_auth_flows mixes legacy {', '.join(legacy)} with "
                    f"{', '.join(modern)}; use only ALLOW_* values",
                )
            )
    if client.get("generate_secret") is True and "client_secret" in client:
        out.append(
            _error(
                locate,
                (*path, "client_secret"),
                "client_secret can't be given together with generate_secret: true",
            )
        )
    return out


def _validities(client: dict[str, Any], path: SpecPath, locate: Locate) -> list[Diagnostic]:
    units = client.get("token_validity_units")
    units = units if isinstance(units, dict) else {}
    out = []
    for key, unit_key, default_unit, low, high in _VALIDITIES:
        value = client.get(key)
        unit = units.get(unit_key, default_unit)
        if not isinstance(value, int) or isinstance(value, bool) or unit not in _MINUTES:
            continue
        minutes = value * _MINUTES[unit]
        if not low <= minutes <= high:
            out.append(
                _error(
                    locate,
                    (*path, key),
                    f"{key}: {value} {unit} is outside the range AWS allows "
                    f"({_span(low)} to {_span(high)})",
                )
            )
    return out


def _span(minutes: int) -> str:
    if minutes >= 365 * 24 * 60:
        return f"{minutes // (365 * 24 * 60)} years"
    if minutes == 24 * 60:
        return "1 day"
    return f"{minutes} minutes"
