"""Re-reading one resource just before apply writes it.

Cognito has no conditional writes: a full-body update computed from an old read
would silently undo someone else's change made in between. Apply re-reads each
resource right before its first write and stops if it no longer matches what
the plan was made from. A race in the milliseconds between this read and the
write remains; nothing on the client side can close it.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

from reconciler.aws_types import UNMODELED_KEY
from reconciler.concurrency import side_by_side
from reconciler.errors import ReconcilerError
from reconciler.live import parts as readers
from reconciler.model import LivePart
from reconciler.plan.documents import fingerprint
from reconciler.plan.identity_providers import from_describe
from reconciler.plan.model import Action, Change
from reconciler.plan.parts import SESSION_CONFIGURATION, at_default, part_fingerprint
from reconciler.plan.pools import live_fingerprint

# A point read of one list item (issue 15): re-reading the whole list before each of
# N changed items made N^2 calls (N^2 + 2N DescribeIdentityProvider for N IdPs).
# (operation, the request member naming the item, the answer's key, to a document)
PointRead = tuple[str, str, str, Callable[[dict[str, Any]], LivePart]]
POINT_READS: dict[str, PointRead] = {
    "group": ("GetGroup", "GroupName", "Group", lambda d: LivePart(document=d)),
    "resource_server": ("DescribeResourceServer", "Identifier", "ResourceServer",
                        lambda d: LivePart(document=d)),
    "identity_provider": ("DescribeIdentityProvider", "ProviderName", "IdentityProvider",
                          from_describe),
}


def _params(change: Change) -> dict[str, Any]:
    return change.requests[0].params if change.requests else {}


def _part_document(api: Any, change: Change) -> dict[str, Any] | None:
    params = _params(change)
    pool_id = str(params.get("UserPoolId"))
    client_id = params.get("ClientId")
    if change.kind in POINT_READS:
        operation, member, key, to_part = POINT_READS[change.kind]
        try:
            answer = api.call(operation, UserPoolId=pool_id, **{member: change.live_id})
        except ReconcilerError as exc:
            if getattr(exc, "code", None) == "ResourceNotFoundException":
                return None  # gone since the plan
            raise
        return to_part(answer[key]).document
    single: LivePart | None
    if change.kind == "domain":
        described = api.call("DescribeUserPoolDomain", Domain=change.live_id)
        document = described.get("DomainDescription") or {}
        # Read as the plan read it (an empty CustomDomainConfig means none).
        return readers.domain_document(document) if document.get("Domain") else None
    if change.kind == "replica":
        return next((r.document for r in readers.read_replicas(api, pool_id)
                     if r.document.get("RegionName") == change.live_id), None)
    if change.kind in ("session_configuration", "client_session_configuration"):
        # Always answered (the defaults when never set): there is no "gone".
        session = readers.read_session_configuration(api, pool_id, client_id)
        return session.document if session else None
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
    elif change.kind == "terms" and params.get("TermsId"):
        single = readers.read_terms_by_id(api, pool_id, str(params["TermsId"]))
    elif change.kind == "cimd_policy" and params.get("CIMDPolicyId"):
        single = readers.read_cimd_policy_by_id(api, pool_id, str(params["CIMDPolicyId"]))
    else:
        return None
    return single.document if single else None


def current_fingerprint(api: Any, change: Change) -> str | None:
    """The fingerprint of the resource ``change`` will write, as it is now (None: gone)."""
    params = _params(change)
    if change.kind == "user_pool":
        # Side by side: two round trips in a row are the re-check's whole cost.
        pool, mfa_or_none = side_by_side(lambda: api.find_user_pool(change.live_id),
                                         lambda: _mfa_if_found(api, str(change.live_id)))
        if pool is None or mfa_or_none is None:
            return None
        mfa = mfa_or_none
        pool.pop(UNMODELED_KEY, None)
        mfa.pop(UNMODELED_KEY, None)
        if change.action == Action.REPLACE:
            _stop_if_unlisted(api, change, pool)
        return live_fingerprint(pool, mfa)
    if change.kind == "client":
        client = api.describe_client(str(params["UserPoolId"]), change.live_id)
        client.pop("HasSecret", None)
        client.pop(UNMODELED_KEY, None)
        return fingerprint(client)
    document = _part_document(api, change)
    return part_fingerprint(change.kind, document) if document is not None else None


def _pool_contents(api: Any, change: Change, pool: dict[str, Any]) -> list[str]:
    """The addresses of what deleting the pool would destroy now, one per item (a
    name twice is listed twice). List calls only: names are all that is compared."""
    pool_id, base = str(change.live_id), change.pool_address
    found = [f"{base}.client.{c.get('ClientName')}" for c in api.list_clients(pool_id)]
    lists = (("group", "ListGroups", "Groups", "GroupName", {"Limit": 60}),
             ("resource_server", "ListResourceServers", "ResourceServers", "Identifier",
              {"MaxResults": 50}),
             ("identity_provider", "ListIdentityProviders", "Providers", "ProviderName",
              {"MaxResults": 60}))
    for kind, operation, key, name, page in lists:
        found += [f"{base}.{kind}.{item.get(name)}"
                  for item in api.pages(operation, key, UserPoolId=pool_id, **page)]
    found += [f"{base}.domain.{name}" for name in (pool.get("Domain"), pool.get("CustomDomain"))
              if name]
    found += [f"{base}.replica.{r.document.get('RegionName')}"
              for r in readers.read_replicas(api, pool_id)]
    singles = (("ui_customization", readers.read_ui_customization),
               ("risk_configuration", readers.read_risk_configuration),
               ("log_delivery_configuration", readers.read_log_delivery))
    found += [f"{base}.{kind}" for kind, read in singles if read(api, pool_id) is not None]
    # Always answered: lost only when it differs from what a new pool gets.
    session = readers.read_session_configuration(api, pool_id)
    if session is not None and not at_default(SESSION_CONFIGURATION, session.document):
        found.append(f"{base}.session_configuration")
    return found


def _stop_if_unlisted(api: Any, change: Change, pool: dict[str, Any]) -> None:
    """Before DeleteUserPool: stop unless everything the pool holds now was in the
    plan's list (``destroys`` or ``recreates``), the list the user consented to. The
    pool's own settings can be unchanged while a client or group was added since."""
    listed = set(change.destroys) | set(change.recreates)
    contents = _pool_contents(api, change, pool)
    unlisted = sorted({a for a in contents if a not in listed}
                      | {a for a in contents if contents.count(a) > 1})
    if unlisted:
        raise ReconcilerError(
            f"{change.address} was not replaced: the pool now holds what the plan did not "
            f"list, and deleting it would destroy {', '.join(unlisted)}",
            "run plan again to see (and consent to) everything the replace destroys")


# Kinds whose list returns each item in full: with several changes of the kind in a
# pool's phase, one list just before the phase's first write re-checks them all.
LISTED = {"group": (readers.read_groups, "GroupName"),
          "resource_server": (readers.read_resource_servers, "Identifier")}


class PhaseRecheck:
    """``current_fingerprint`` with one list per pool, kind and phase (issue 15).

    Fifty changed groups of a pool took fifty GetGroup calls at the pool's 5 per
    second; one ListGroups (60 a page) re-checks them all. The price: an item written
    late in the phase is compared with a read made when the phase began, so a change
    made by someone else within that window is not seen. A single change of its kind
    keeps the point read, the narrowest window.
    """

    def __init__(self, changes: list[Change]) -> None:
        self._counts = Counter(_list_key(c) for c in changes if c.kind in LISTED and c.requests)
        self._lists: dict[tuple[str, ...], dict[str, str]] = {}
        self._locks: dict[tuple[str, ...], threading.Lock] = {}
        self._lock = threading.Lock()

    def __call__(self, api: Any, change: Change) -> str | None:
        key = _list_key(change)
        if change.kind not in LISTED or self._counts[key] < 2:
            return current_fingerprint(api, change)
        with self._lock:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:  # the first of the phase lists; the others wait for its answer
            if key not in self._lists:
                read, name = LISTED[change.kind]
                self._lists[key] = {str(p.document.get(name)): part_fingerprint(change.kind,
                                                                                p.document)
                                    for p in read(api, str(_params(change).get("UserPoolId")))}
            return self._lists[key].get(str(change.live_id))


def _list_key(change: Change) -> tuple[str, ...]:
    return (change.region, str(_params(change).get("UserPoolId")), change.kind, str(change.phase))


def _mfa_if_found(api: Any, pool_id: str) -> dict[str, Any] | None:
    try:
        found: dict[str, Any] = api.get_mfa_config(pool_id)
    except ReconcilerError as exc:
        if getattr(exc, "code", None) == "ResourceNotFoundException":
            return None  # the pool is gone: find_user_pool says so too
        raise
    return found


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
