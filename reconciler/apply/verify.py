"""After apply: prove that a fresh plan of what the apply wrote is empty.

Re-reading the whole fleet to verify a few writes made apply about twice its
necessary work (issue 15). Only what a change wrote is read again: a pool's settings
when the pool was updated, the changed clients (one client list per pool, then a
describe of each changed one), the part lists or singletons that changed (one list
per kind per pool). A pool that was created or replaced is read in full, and so is
a pool with a change this module doesn't recognise. Everything else keeps the read
the plan was made from, so the fresh plan covers the same resources as the first.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from reconciler.aws_types import UNMODELED_KEY
from reconciler.concurrency import parallel_map, side_by_side
from reconciler.live.client_secrets import read_client
from reconciler.live.parts import read_client_parts, read_pool_parts
from reconciler.live.read import CognitoReader, LiveReader
from reconciler.model import DesiredPool, LiveClient, LivePool
from reconciler.plan.build import Observed, make_plan
from reconciler.plan.model import Action, Change, Plan
from reconciler.plan.pools import live_fingerprint

POOL_KIND = "user_pool"
CLIENT_KIND = "client"
# A pool part's change kind -> the spec key its live read is kept under.
POOL_PART_KEY = {"group": "groups", "resource_server": "resource_servers",
                 "identity_provider": "identity_providers", "domain": "domain",
                 "ui_customization": "ui_customization",
                 "risk_configuration": "risk_configuration",
                 "session_configuration": "session_configuration",
                 "log_delivery_configuration": "log_delivery_configuration"}
# A client's listed parts (terms documents, CIMD policies).
CLIENT_LIST_KINDS = ("terms", "cimd_policy")
CLIENT_PART_KINDS = ("ui_customization", "risk_configuration", "managed_login_branding",
                     "client_session_configuration")


class _ReadAll(Exception):
    """A change this module can't narrow: read the whole pool."""


Written = Mapping[tuple[str, str], dict[str, Any]]


def verification_plan(planned: Plan, observed: list[Observed],
                      api_for_region: Callable[[str | None], CognitoReader],
                      resend_secrets: bool = False, written: Written | None = None) -> Plan:
    """The plan of the same specs made after the apply, re-reading only what changed.

    ``written``: clients as their one write (update or create) returned them, by (pool
    id, client id): UpdateUserPoolClient and CreateUserPoolClient answer with the
    whole client, as DescribeUserPoolClient does, so those need no describe."""
    responses = written or {}
    reader = LiveReader(api_for_region)
    by_pool: dict[str, list[Change]] = {}
    for change in planned.changes:
        by_pool.setdefault(change.pool_address, []).append(change)

    def verify(item: Observed) -> Observed:
        changes = by_pool.get(item.pool.address)
        live = item.live
        if changes:
            api = reader.api(item.pool.region)
            try:
                if live is None:
                    raise _ReadAll
                live = _refreshed(api, item.pool, live, changes, responses)
            except _ReadAll:
                live = reader.read_pool(item.pool)
        return Observed(pool=item.pool, live=live, region=item.region)

    # Pools side by side, as the plan reads them: pacing keeps the calls under quota.
    return make_plan(parallel_map(verify, observed), resend_secrets)


def _client_of(change: Change) -> str | None:
    """The client a change is about (itself, or one of its parts); None: not a client's."""
    if change.kind == CLIENT_KIND:
        return change.name
    if change.kind in CLIENT_LIST_KINDS:
        # Addressed <pool>.<kind>.<client>.<name>, and a client's name may hold dots:
        # the change's name is its client's.
        return change.name
    prefix = f"{change.pool_address}.{change.kind}."
    if change.kind in CLIENT_PART_KINDS and change.address.startswith(prefix):
        return change.address[len(prefix):]
    return None


def _refreshed(api: CognitoReader, pool: DesiredPool, old: LivePool,
               changes: list[Change], written: Written) -> LivePool:
    live = copy.copy(old)
    live.parts = dict(old.parts)
    settings = False
    clients: set[str] = set()
    part_keys: set[str] = set()
    answered: dict[str, tuple[str, dict[str, Any]]] = {}  # client name -> (id, document)
    with_parts: set[str] = set()  # clients whose parts changed: read, not answered
    for change in changes:
        if change.kind == POOL_KIND:
            if change.action != Action.UPDATE:
                raise _ReadAll  # created or replaced: everything in it is new
            settings = True
            continue
        client = _client_of(change)
        if client is not None:
            clients.add(client)
            found = _answer(change, old.pool_id, written)
            if found is not None:
                answered[client] = found
            elif change.kind != CLIENT_KIND:
                with_parts.add(client)
        elif change.kind in POOL_PART_KEY:
            part_keys.add(POOL_PART_KEY[change.kind])
            if change.kind == "domain":
                settings = True  # DescribeUserPool names the pool's domain
        else:
            raise _ReadAll

    def read_settings() -> None:
        if settings:
            describe, mfa = side_by_side(lambda: api.describe_user_pool(old.pool_id),
                                         lambda: api.get_mfa_config(old.pool_id))
            live.unmodeled = list(describe.pop(UNMODELED_KEY, []))
            live.unmodeled += [f"mfa.{p}" for p in mfa.pop(UNMODELED_KEY, [])]
            live.describe, live.mfa = describe, mfa
            live.fingerprint = live_fingerprint(describe, mfa)

    for name in with_parts:
        answered.pop(name, None)

    def read_clients() -> None:
        if clients and set(answered) == clients:
            live.clients = _answered_clients(pool, old, answered)
        elif clients:
            live.clients = _refreshed_clients(api, pool, old, clients - set(answered), answered)

    # Client reads have their own quota: read them beside the pool's settings.
    side_by_side(read_settings, read_clients)
    if part_keys:
        managed = {key: pool.parts.get(key) for key in part_keys}
        live.parts.update(read_pool_parts(api, old.pool_id, live.describe, managed))
    return live


def _answer(change: Change, pool_id: str,
            written: Written) -> tuple[str, dict[str, Any]] | None:
    """The client a change's only write returned, if that is all the change did."""
    if change.kind != CLIENT_KIND or len(change.requests) != 1:
        return None
    for (pool, client_id), document in written.items():
        if pool == pool_id and document.get("ClientName") == change.name:
            if change.action == Action.CREATE or client_id == change.live_id:
                return client_id, document
    return None


def _as_live(client_id: str, name: str, describe: dict[str, Any],
             old: LivePool) -> LiveClient:
    """A written client; its parts, which no change of this apply touched, as read."""
    parts = next((c.parts for c in old.clients if c.client_id == client_id), {})
    return LiveClient.from_describe(client_id, name, describe, parts)


def _answered_clients(pool: DesiredPool, old: LivePool,
                      answered: dict[str, tuple[str, dict[str, Any]]]) -> list[LiveClient]:
    """Every changed client was updated or created by one write that returned it: no
    read at all (client parts are not such changes, see ``_answer``)."""
    ids = {client_id for client_id, _ in answered.values()}
    kept = [c for c in old.clients if c.client_id not in ids]
    return kept + [_as_live(client_id, name, document, old)
                   for name, (client_id, document) in answered.items()]


def _refreshed_clients(api: CognitoReader, pool: DesiredPool, old: LivePool,
                       changed: set[str],
                       answered: dict[str, tuple[str, dict[str, Any]]]) -> list[LiveClient]:
    """One list of the pool's clients; a describe of each changed (or new) one that no
    write answered with."""
    kept = {c.client_id: c for c in old.clients}
    wanted = {c.name: c for c in pool.clients or []}
    from_writes = {client_id: (name, doc) for name, (client_id, doc) in answered.items()}

    def read_one(summary: dict[str, Any]) -> LiveClient:
        client_id, name = str(summary["ClientId"]), str(summary["ClientName"])
        if client_id in from_writes:
            return _as_live(client_id, name, from_writes[client_id][1], old)
        if name not in changed and client_id in kept:
            return kept[client_id]
        # Changed, created, or appeared since the plan: read as a full read would.
        desired = wanted.get(name)
        client = read_client(api, old.pool_id, client_id, name, desired)
        if desired is not None and desired.parts:
            client = replace(client, parts=read_client_parts(api, old.pool_id, client_id,
                                                             desired.parts))
        return client

    return parallel_map(read_one, api.list_clients(old.pool_id))
