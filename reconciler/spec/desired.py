"""Validated spec data -> the desired model (API-shaped, managed fields only)."""

from __future__ import annotations

from typing import Any

from reconciler import model_facts
from reconciler.model import DesiredClient, DesiredPool
from reconciler.plan.parts import (
    CLIENT_LISTS,
    CLIENT_SINGLETONS,
    POOL_LISTS,
    POOL_SINGLETONS,
    PartKind,
)
from reconciler.spec.convert import to_api
from reconciler.spec.loader import LoadedSpec
from reconciler.spec.schema_data import definition
from reconciler.spec.strict import strict_pool
from reconciler.standard_attributes import STANDARD_ATTRIBUTES


def _parts(
    data: dict[str, Any], lists: dict[str, PartKind], singles: dict[str, PartKind]
) -> dict[str, Any]:
    # `remove: [domain, ...]` is the one spelling for "this part must not exist" (a key
    # left out is unmanaged): such a part is managed with no document.
    parts: dict[str, Any] = {key: None for key in data.get("remove") or [] if key in singles}
    for key, kind in lists.items():
        if key in data:
            parts[key] = [to_api(item, definition(kind.definition)) for item in data[key]]
    for key, kind in singles.items():
        if key in data:
            parts[key] = to_api(data[key], definition(kind.definition))
    return parts


def desired_client(
    data: dict[str, Any], path: tuple[str | int, ...], pool_address: str
) -> DesiredClient:
    settings: dict[str, Any] = to_api(data, definition("Client"))
    members = {key: prop["x-aws-name"] for key, prop in definition("Client")["properties"].items()
               if "x-aws-name" in prop}
    removed = frozenset(members[key] for key in data.get("remove") or [] if key in members)
    return DesiredClient(
        name=str(data["client_name"]),
        settings=settings,
        path=path,
        parts=_parts(data, CLIENT_LISTS, CLIENT_SINGLETONS),
        client_id=str(data["id"]) if data.get("id") is not None else None,
        removed=removed,
    )


def _bare_custom_name(attribute: dict[str, Any]) -> dict[str, Any]:
    """A schema attribute named as the console and DescribeUserPool name it
    (``custom:tenant_id``, ``dev:custom:x``) -> as CreateUserPool and AddCustomAttributes
    take it. AWS adds the prefix itself, so ``custom:x`` sent as is becomes
    ``custom:custom:x`` and every later apply fails (awsdocs/aws-cloudformation-user-guide
    #932, crossplane-contrib/provider-upjet-aws#427)."""
    name = attribute.get("Name")
    if not isinstance(name, str):
        return attribute
    for prefix, developer_only in (("dev:custom:", True), ("custom:", False)):
        bare = name[len(prefix):]
        # A bare standard name would mean the standard attribute: leave such names alone.
        if name.startswith(prefix) and bare and bare not in STANDARD_ATTRIBUTES:
            fixed = {**attribute, "Name": bare}
            if developer_only:
                fixed.setdefault("DeveloperOnlyAttribute", True)
            return fixed
    return attribute


def _without_legacy_validity(settings: dict[str, Any]) -> dict[str, Any]:
    """AdminCreateUserConfig.UnusedAccountValidityDays means the temporary password's
    validity ([M]: "no longer in use"; AWS refuses requests that still carry it once
    TemporaryPasswordValidityDays is set). The new field wins when both are given."""
    block = settings.get("AdminCreateUserConfig")
    if not isinstance(block, dict) or "UnusedAccountValidityDays" not in block:
        return settings
    days = block["UnusedAccountValidityDays"]
    out = {**settings, "AdminCreateUserConfig": {
        k: v for k, v in block.items() if k != "UnusedAccountValidityDays"}}
    policies = dict(out.get("Policies") or {})
    policy = dict(policies.get("PasswordPolicy") or {})
    if days and not policy.get("TemporaryPasswordValidityDays"):
        policy["TemporaryPasswordValidityDays"] = days
        policies["PasswordPolicy"] = policy
        out["Policies"] = policies
    return out


def desired_pool(data: dict[str, Any], path: tuple[str | int, ...]) -> DesiredPool:
    converted: dict[str, Any] = _without_legacy_validity(to_api(data, definition("UserPool")))
    if isinstance(converted.get("Schema"), list):
        converted["Schema"] = [_bare_custom_name(a) if isinstance(a, dict) else a
                               for a in converted["Schema"]]
    create_members = model_facts.members("user_pool", "create_members")
    settings = {k: v for k, v in converted.items() if k in create_members}
    mfa = {k: v for k, v in converted.items() if k not in create_members}
    pool = DesiredPool(
        name=str(data["pool_name"]),
        settings=settings,
        mfa=mfa,
        pool_id=data.get("id"),
        region=data.get("region"),
        path=path,
        parts=_parts(data, POOL_LISTS, POOL_SINGLETONS),
    )
    if "clients" in data:
        pool.clients = [
            desired_client(client, (*path, "clients", index), pool.address)
            for index, client in enumerate(data["clients"])
        ]
    return pool


def desired_pools(spec: LoadedSpec, strict: bool = False) -> list[DesiredPool]:
    """The spec's pools; in strict mode (the run's ``--strict``, or ``strict: true`` at the
    top of the pool's file or on the pool) what they leave out is managed at Cognito's
    default."""
    pools = [
        desired_pool(pool, ("user_pools", index))
        for index, pool in enumerate(spec.data.get("user_pools", []))
    ]
    for index, (data, pool) in enumerate(zip(spec.data.get("user_pools", []), pools,
                                             strict=True)):
        if strict or index in spec.strict_pools or data.get("strict") is True:
            strict_pool(pool)
    return pools
