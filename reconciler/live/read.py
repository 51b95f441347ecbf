"""Reading the live pools a spec names: found by id or by (non-unique) name."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol

from reconciler.aws_types import UNMODELED_KEY
from reconciler.concurrency import parallel_map, side_by_side
from reconciler.errors import ReconcilerError
from reconciler.live.client_secrets import read_client
from reconciler.live.parts import (
    POOL_PART_KEYS,
    PoolListing,
    no_client_lists,
    pool_parts_to_read,
    read_client_lists_of_pool,
    read_client_parts,
    read_pool_parts,
)
from reconciler.model import DesiredPool, LiveClient, LivePool
from reconciler.plan.pools import live_fingerprint


class CognitoReader(Protocol):
    region: str

    def list_user_pools(self) -> list[dict[str, Any]]: ...
    def describe_user_pool(self, pool_id: str) -> dict[str, Any]: ...
    def find_user_pool(self, pool_id: str) -> dict[str, Any] | None: ...
    def list_clients(self, pool_id: str) -> list[dict[str, Any]]: ...
    def describe_client(self, pool_id: str, client_id: str) -> dict[str, Any]: ...
    def list_client_secrets(self, pool_id: str, client_id: str) -> list[tuple[str, str]]: ...
    def get_mfa_config(self, pool_id: str) -> dict[str, Any]: ...
    def call(self, operation: str, **params: Any) -> dict[str, Any]: ...
    def pages(self, operation: str, key: str, **params: Any) -> list[dict[str, Any]]: ...


class LiveReader:
    """Reads each pool once; the pool list of a region is fetched once and shared."""

    def __init__(self, api_for_region: Callable[[str | None], CognitoReader]) -> None:
        self._api_for_region = api_for_region
        self._pool_lists: dict[str, list[dict[str, Any]]] = {}

    def api(self, region: str | None) -> CognitoReader:
        return self._api_for_region(region)

    def _pool_list(self, api: CognitoReader) -> list[dict[str, Any]]:
        if api.region not in self._pool_lists:
            self._pool_lists[api.region] = api.list_user_pools()
        return self._pool_lists[api.region]

    def find_pool_id(self, pool: DesiredPool) -> str | None:
        api = self.api(pool.region)
        if pool.pool_id:
            return pool.pool_id
        matches = sorted(str(p["Id"]) for p in self._pool_list(api) if p.get("Name") == pool.name)
        if len(matches) > 1:
            raise ReconcilerError(
                f"{pool.address}: {len(matches)} live pools in {api.region} are named "
                f"{pool.name!r} ({', '.join(matches)})",
                "pool names are not unique in Cognito: pin the right one with `id:` in the spec",
            )
        return matches[0] if matches else None

    def read_pools(self, pools: list[DesiredPool],
                   progress: Callable[[int, int, str], None] | None = None,
                   ) -> list[LivePool | None]:
        """Every pool, read concurrently (pacing keeps the calls under the quotas);
        ``progress(done, total, pool_name)`` is called as each pool is read."""
        for pool in pools:
            if not pool.pool_id:
                # Fetched once per region, before the threads need it.
                self._pool_list(self.api(pool.region))
        lock = threading.Lock()
        done = [0]

        def read(pool: DesiredPool) -> LivePool | None:
            live = self.read_pool(pool)
            if progress:
                with lock:
                    done[0] += 1
                    progress(done[0], len(pools), pool.name)
            return live

        return parallel_map(read, pools)

    def read_pool(self, pool: DesiredPool, everything: bool = False) -> LivePool | None:
        """What the spec manages; with ``everything``, all that the pool would lose if
        it were deleted (every client and part), whether the spec manages it or not."""
        api = self.api(pool.region)
        pool_id = self.find_pool_id(pool)
        if pool_id is None:
            return None

        def settings() -> tuple[dict[str, Any] | None, dict[str, Any]]:
            found = api.find_user_pool(pool_id) if pool.pool_id else api.describe_user_pool(
                pool_id)
            return found, api.get_mfa_config(pool_id) if found is not None else {}

        def clients() -> list[LiveClient] | None:
            if pool.clients is None and not everything:
                return []
            try:
                return self.read_clients(api, pool, pool_id)
            except ReconcilerError as exc:
                if getattr(exc, "code", None) == "ResourceNotFoundException":
                    return None  # a pinned id that doesn't exist: reported below
                raise

        # The pool's settings and its clients are read side by side: client reads have
        # their own quota, which would otherwise idle while the pool is described.
        (describe, mfa), live_clients = side_by_side(settings, clients)
        if describe is None or live_clients is None:
            raise ReconcilerError(
                f"{pool.address}: the spec pins id {pool_id}, but no such pool exists in "
                f"{api.region}",
                "fix or remove `id:` (without it the pool is found by name, or created)",
            )
        unmodeled = list(describe.pop(UNMODELED_KEY, []))
        unmodeled += [f"mfa.{p}" for p in mfa.pop(UNMODELED_KEY, [])]
        live = LivePool(pool_id=pool_id, describe=describe, mfa=mfa, unmodeled=unmodeled,
                        fingerprint=live_fingerprint(describe, mfa), clients=live_clients)
        managed = {**dict.fromkeys(POOL_PART_KEYS), **pool.parts} if everything else (
            pool_parts_to_read(pool.parts, pool.clients))
        live.parts = read_pool_parts(api, pool_id, describe, managed)
        if everything:
            # Each client's terms and CIMD policies, managed or not: named among what
            # deleting the pool destroys.
            lists = read_client_lists_of_pool(api, pool_id)
            for client in live.clients:
                for key, items in (lists.get(client.client_id) or no_client_lists()).items():
                    client.parts.setdefault(key, items)
        return live

    def read_clients(self, api: CognitoReader, pool: DesiredPool,
                     pool_id: str) -> list[LiveClient]:
        summaries = api.list_clients(pool_id)
        names: dict[str, list[str]] = {}
        for summary in summaries:
            names.setdefault(str(summary["ClientName"]), []).append(str(summary["ClientId"]))
        # A client pinned by id is told apart from its namesakes by that id.
        wanted = {c.name for c in pool.clients or [] if c.client_id is None}
        for name, ids in names.items():
            if len(ids) > 1 and name in wanted:
                raise ReconcilerError(
                    f"{pool.address}: {len(ids)} live clients are named {name!r} "
                    f"({', '.join(sorted(ids))})",
                    "client names are not unique in Cognito: rename or delete the extra client",
                )
        parts_by_name = {c.name: c.parts for c in pool.clients or [] if c.client_id is None}
        parts_by_id = {c.client_id: c.parts for c in pool.clients or [] if c.client_id}
        pinned = set(parts_by_id)

        desired_by_name = {c.name: c for c in pool.clients or [] if c.client_id is None}
        desired_by_id = {c.client_id: c for c in pool.clients or [] if c.client_id}
        listing = PoolListing(api, pool_id)  # the pool's CIMD policies, listed once

        def read_one(summary: dict[str, Any]) -> LiveClient:
            client_id, name = str(summary["ClientId"]), str(summary["ClientName"])
            desired = desired_by_id.get(client_id) or (
                None if client_id in pinned else desired_by_name.get(name))
            client = read_client(api, pool_id, client_id, name, desired)
            managed = parts_by_id.get(client.client_id) or (
                None if client.client_id in pinned else parts_by_name.get(client.name))
            if managed:
                client.parts = read_client_parts(api, pool_id, client.client_id, managed,
                                                 listing)
            elif (pool.clients is not None and client.client_id not in pinned
                  and client.name not in parts_by_name):
                # The spec no longer lists it, so apply deletes it: its CIMD policies
                # outlive it (doc: CIMDPolicyType.ClientId) and are deleted first.
                client.parts = read_client_parts(api, pool_id, client.client_id,
                                                 {"cimd_policies": []}, listing)
            return client

        clients = parallel_map(read_one, summaries)
        return clients
