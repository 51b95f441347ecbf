"""Validated spec data -> the desired model (API-shaped, managed fields only)."""

from __future__ import annotations

from typing import Any

from reconciler import model_facts
from reconciler.errors import ReconcilerError
from reconciler.model import DesiredClient, DesiredPool
from reconciler.spec.convert import to_api
from reconciler.spec.loader import LoadedSpec
from reconciler.spec.schema_data import definition

# Tool keys that hold parts of a pool managed through their own calls.
PART_KEYS = ("domain", "groups", "resource_servers", "identity_providers", "ui_customization",
             "risk_configuration", "log_delivery_configuration")
CLIENT_PART_KEYS = ("ui_customization", "risk_configuration", "managed_login_branding")


def _unsupported(where: str, keys: list[str]) -> ReconcilerError:
    return ReconcilerError(
        f"{where}: {', '.join(keys)} can be validated but not yet planned by this version",
        "remove these keys for now; they are managed by an upcoming release",
    )


def desired_client(data: dict[str, Any], path: tuple[str | int, ...],
                   pool_address: str) -> DesiredClient:
    parts = [k for k in CLIENT_PART_KEYS if k in data]
    if parts:
        raise _unsupported(f"{pool_address}.client.{data['client_name']}", parts)
    settings: dict[str, Any] = to_api(data, definition("Client"))
    return DesiredClient(name=str(data["client_name"]), settings=settings, path=path)


def desired_pool(data: dict[str, Any], path: tuple[str | int, ...]) -> DesiredPool:
    converted: dict[str, Any] = to_api(data, definition("UserPool"))
    create_members = model_facts.members("user_pool", "create_members")
    settings = {k: v for k, v in converted.items() if k in create_members}
    mfa = {k: v for k, v in converted.items() if k not in create_members}
    pool = DesiredPool(name=str(data["pool_name"]), settings=settings, mfa=mfa,
                       pool_id=data.get("id"), region=data.get("region"), path=path)
    parts = [k for k in PART_KEYS if k in data]
    if parts:
        raise _unsupported(pool.address, parts)
    if "clients" in data:
        pool.clients = [
            desired_client(client, (*path, "clients", index), pool.address)
            for index, client in enumerate(data["clients"])
        ]
    return pool


def desired_pools(spec: LoadedSpec) -> list[DesiredPool]:
    return [desired_pool(pool, ("user_pools", index))
            for index, pool in enumerate(spec.data.get("user_pools", []))]
