"""Validated spec data -> the desired model (API-shaped, managed fields only)."""

from __future__ import annotations

from typing import Any

from reconciler import model_facts
from reconciler.model import DesiredClient, DesiredPool
from reconciler.plan.parts import CLIENT_SINGLETONS, POOL_LISTS, POOL_SINGLETONS, PartKind
from reconciler.spec.convert import to_api
from reconciler.spec.loader import LoadedSpec
from reconciler.spec.schema_data import definition


def _parts(
    data: dict[str, Any], lists: dict[str, PartKind], singles: dict[str, PartKind]
) -> dict[str, Any]:
    parts: dict[str, Any] = {}
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
    return DesiredClient(
        name=str(data["client_name"]),
        settings=settings,
        path=path,
        parts=_parts(data, {}, CLIENT_SINGLETONS),
    )


def desired_pool(data: dict[str, Any], path: tuple[str | int, ...]) -> DesiredPool:
    converted: dict[str, Any] = to_api(data, definition("UserPool"))
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


def desired_pools(spec: LoadedSpec) -> list[DesiredPool]:
    return [
        desired_pool(pool, ("user_pools", index))
        for index, pool in enumerate(spec.data.get("user_pools", []))
    ]
