"""Re-reading one resource just before apply writes it.

Cognito has no conditional writes: a full-body update computed from an old read
would silently undo someone else's change made in between. Apply re-reads each
resource right before its first write and stops if it no longer matches what
the plan was made from. A race in the milliseconds between this read and the
write remains; nothing on the client side can close it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reconciler.aws_types import UNMODELED_KEY
from reconciler.live import parts as readers
from reconciler.model import LivePart
from reconciler.plan.documents import fingerprint
from reconciler.plan.model import Change
from reconciler.plan.parts import part_fingerprint
from reconciler.plan.pools import live_fingerprint

ListReader = Callable[[Any, str], list[LivePart]]
LIST_READERS: dict[str, tuple[ListReader, str]] = {
    "group": (readers.read_groups, "GroupName"),
    "resource_server": (readers.read_resource_servers, "Identifier"),
    "identity_provider": (readers.read_identity_providers, "ProviderName"),
}


def _params(change: Change) -> dict[str, Any]:
    return change.requests[0].params if change.requests else {}


def _part_document(api: Any, change: Change) -> dict[str, Any] | None:
    params = _params(change)
    pool_id = str(params.get("UserPoolId"))
    client_id = params.get("ClientId")
    if change.kind in LIST_READERS:
        read, key = LIST_READERS[change.kind]
        found = [p for p in read(api, pool_id) if str(p.document.get(key)) == change.live_id]
        return found[0].document if found else None
    single: LivePart | None
    if change.kind == "domain":
        described = api.call("DescribeUserPoolDomain", Domain=change.live_id)
        document = described.get("DomainDescription") or {}
        return document if document.get("Domain") else None
    if change.kind == "ui_customization":
        single = readers.read_ui_customization(api, pool_id, client_id)
    elif change.kind == "risk_configuration":
        single = readers.read_risk_configuration(api, pool_id, client_id)
    elif change.kind == "log_delivery_configuration":
        single = readers.read_log_delivery(api, pool_id)
    elif change.kind == "managed_login_branding" and params.get("ManagedLoginBrandingId"):
        # An existing style is addressed by its id (the requests carry no ClientId).
        single = readers.read_managed_login_branding_by_id(
            api, pool_id, str(params["ManagedLoginBrandingId"]))
    else:
        return None
    return single.document if single else None


def current_fingerprint(api: Any, change: Change) -> str | None:
    """The fingerprint of the resource ``change`` will write, as it is now (None: gone)."""
    params = _params(change)
    if change.kind == "user_pool":
        pool = api.find_user_pool(change.live_id)
        if pool is None:
            return None
        pool.pop(UNMODELED_KEY, None)
        mfa = api.get_mfa_config(change.live_id)
        mfa.pop(UNMODELED_KEY, None)
        return live_fingerprint(pool, mfa)
    if change.kind == "client":
        client = api.describe_client(str(params["UserPoolId"]), change.live_id)
        client.pop("HasSecret", None)
        client.pop(UNMODELED_KEY, None)
        return fingerprint(client)
    document = _part_document(api, change)
    return part_fingerprint(change.kind, document) if document is not None else None


def existing_for_create(api: Any, operation: str, params: dict[str, Any]) -> str | None:
    """Just before a create: what of that name exists now (None: nothing).

    Names are not unique in Cognito, so a second apply of the same new pool would make
    a second pool; the plan's read may be minutes old. Pools are looked up in the
    client's region, clients in their pool.
    """
    if operation == "CreateUserPool":
        name = params.get("PoolName")
        found = [p for p in api.list_user_pools() if p.get("Name") == name]
        kind, key = "a user pool", "Id"
    elif operation == "CreateUserPoolClient":
        name = params.get("ClientName")
        found = [c for c in api.list_clients(str(params.get("UserPoolId")))
                 if c.get("ClientName") == name]
        kind, key = "a client", "ClientId"
    else:
        return None
    if not found:
        return None
    ids = ", ".join(sorted(str(item.get(key)) for item in found))
    return f"{kind} named {name!r} exists (id {ids})"
