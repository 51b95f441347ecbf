"""Parts of a pool with their own calls: groups, resource servers, identity providers,
the domain, UI customization, threat protection, log delivery, managed login branding.

Every kind is described as data (its key, calls, what can't change, what is secret);
one differ serves them all, with the same guarantees as pools and clients: found by
natural key, full-body updates carrying live values, replaces with a reason,
deletes when absent from a spec that manages the kind.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from reconciler import model_facts, pool_defaults
from reconciler.errors import ReconcilerError
from reconciler.model import LivePart
from reconciler.notation import before_after
from reconciler.plan import branding
from reconciler.plan import identity_providers as idp_rules
from reconciler.plan import replicas as replica_rules
from reconciler.plan.clients import WITH_POOL, unmodeled_message
from reconciler.plan.documents import canonical, field_changes, fingerprint, merge, pick
from reconciler.plan.model import Action, Change, FieldChange, PlanWarning, Request
from reconciler.plan.shapes import Shape

Path = tuple[str | int, ...]

# Keys of ProviderDetails that hold secrets. Cognito may not return them (or
# returns them in clear): they are never read back, only sent.
SECRET_DETAIL_KEYS = frozenset({"client_secret", "private_key"})


@dataclass(frozen=True)
class PartKind:
    kind: str  # model_facts kind and address segment
    definition: str  # schema $defs name
    key: str | None  # natural key member; None for singletons keyed by their owner
    update_op: str
    create_op: str | None = None  # None: the update op is an upsert (Set*)
    delete_op: str | None = None
    owner: str = "pool"  # "pool" or "client"
    merged_maps: frozenset[Path] = frozenset()  # maps merged key by key, not replaced
    secret_paths: frozenset[Path] = frozenset()  # write-only, never compared
    # Map entries the service fills in itself: kept from live unless the spec sets them.
    server_filled: frozenset[tuple[str, str]] = frozenset()
    phase: int = 0
    extra_ids: tuple[str, ...] = ()  # members that identify a live item in requests
    # For parts with no delete call: the Set call's members that take the part away.
    clear: dict[str, Any] | None = None
    # For parts Cognito always answers for: what it answers when never set. Live at this
    # value is "nothing configured" (no removal, nothing to export); a new owner has it.
    default: dict[str, Any] | None = None
    # A client's part that stays when the client is deleted (a CIMD policy: doc
    # CIMDPolicyType.ClientId), so it is deleted by its own call before a replace.
    outlives_owner: bool = False

    def create_only(self) -> frozenset[str]:
        if self.create_op is None:
            return frozenset()
        return model_facts.create_only(self.kind) - {"ClientId"}


GROUP = PartKind("group", "Group", "GroupName", "UpdateGroup", "CreateGroup", "DeleteGroup",
                 phase=30)
RESOURCE_SERVER = PartKind("resource_server", "ResourceServer", "Identifier",
                           "UpdateResourceServer", "CreateResourceServer",
                           "DeleteResourceServer", phase=10)
IDENTITY_PROVIDER = PartKind(
    "identity_provider", "IdentityProvider", "ProviderName", "UpdateIdentityProvider",
    "CreateIdentityProvider", "DeleteIdentityProvider",
    # Describe adds keys the service derives (authorize_url, oidc_issuer, ...).
    merged_maps=frozenset({("ProviderDetails",)}),
    # Cognito maps the provider's subject to `username` when the mapping doesn't.
    server_filled=frozenset({("AttributeMapping", "username")}),
    secret_paths=frozenset(("ProviderDetails", k) for k in SECRET_DETAIL_KEYS), phase=10)
DOMAIN = PartKind("domain", "Domain", "Domain", "UpdateUserPoolDomain", "CreateUserPoolDomain",
                  "DeleteUserPoolDomain", phase=5)
# Removal by an empty Set call, as terraform-provider-aws deletes these resources:
# user_pool_ui_customization.go (no CSS, no image), risk_configuration.go
# (resourceRiskConfigurationDelete: UserPoolId and ClientId only; a client then inherits
# the pool's configuration), log_delivery_configuration.go (Delete: "set an empty
# configuration", LogConfigurations: []).
UI_CUSTOMIZATION = PartKind("ui_customization", "UICustomization", None, "SetUICustomization",
                            phase=40, secret_paths=frozenset({("ImageFile",)}), clear={})
RISK_CONFIGURATION = PartKind("risk_configuration", "RiskConfiguration", None,
                              "SetRiskConfiguration", phase=40, clear={})
LOG_DELIVERY = PartKind("log_delivery_configuration", "LogDeliveryConfiguration", None,
                        "SetLogDeliveryConfiguration", phase=40,
                        clear={"LogConfigurations": []})
# Session configuration: Get answers the documented defaults until Set is called
# ([M] GetUserPoolSessionConfiguration, GetUserPoolClientSessionConfiguration), and there
# is no delete, so removal sets those defaults again (as CloudFormation's
# UserPoolSessionConfigurationAttachment returns a pool to them on delete). A client's
# Set needs the pool's tracking ENABLED [M]: the pool's runs first (35 < 45), and its
# removal after the clients' (65 > 55).
POOL_SESSION_DEFAULT = pool_defaults.POOL_SESSION_DEFAULT
CLIENT_SESSION_DEFAULT = pool_defaults.CLIENT_SESSION_DEFAULT
SESSION_CONFIGURATION = PartKind(
    "session_configuration", "SessionConfiguration", None, "SetUserPoolSessionConfiguration",
    phase=35, clear=POOL_SESSION_DEFAULT, default=POOL_SESSION_DEFAULT)
CLIENT_SESSION_CONFIGURATION = PartKind(
    "client_session_configuration", "ClientSessionConfiguration", None,
    "SetUserPoolClientSessionConfiguration", owner="client", phase=45,
    clear=CLIENT_SESSION_DEFAULT, default=CLIENT_SESSION_DEFAULT)
# Keyed by region; after the pool (phase 0) and before the domain, whose failover
# routing names a replica region; removed after the domain (97).
REPLICA = PartKind("replica", "Replica", "RegionName", "UpdateUserPoolReplica",
                   "CreateUserPoolReplica", "DeleteUserPoolReplica", phase=3)
MANAGED_LOGIN_BRANDING = PartKind(
    "managed_login_branding", "ManagedLoginBranding", None, "UpdateManagedLoginBranding",
    "CreateManagedLoginBranding", "DeleteManagedLoginBranding", owner="client", phase=40,
    extra_ids=("ManagedLoginBrandingId",))
# A client's terms documents and CIMD policies: lists keyed by name within the client,
# each item then addressed by its own id (DescribeTerms/UpdateTerms/DeleteTerms take
# TermsId, the CIMD calls CIMDPolicyId). After the client and its other parts.
TERMS = PartKind("terms", "Terms", "TermsName", "UpdateTerms", "CreateTerms", "DeleteTerms",
                 owner="client", phase=46, extra_ids=("TermsId",))
CIMD_POLICY = PartKind("cimd_policy", "CIMDPolicy", "PolicyName", "UpdateCIMDPolicy",
                       "CreateCIMDPolicy", "DeleteCIMDPolicy", owner="client", phase=46,
                       extra_ids=("CIMDPolicyId",), outlives_owner=True)

# spec key -> kind, for the pool's own parts
POOL_LISTS = {"groups": GROUP, "resource_servers": RESOURCE_SERVER,
              "identity_providers": IDENTITY_PROVIDER, "replicas": REPLICA}
POOL_SINGLETONS = {"domain": DOMAIN, "ui_customization": UI_CUSTOMIZATION,
                   "risk_configuration": RISK_CONFIGURATION,
                   "log_delivery_configuration": LOG_DELIVERY,
                   "session_configuration": SESSION_CONFIGURATION}
CLIENT_SINGLETONS = {
    "ui_customization": PartKind("ui_customization", "UICustomization", None,
                                 "SetUICustomization", owner="client", phase=40,
                                 secret_paths=frozenset({("ImageFile",)}), clear={}),
    "risk_configuration": PartKind("risk_configuration", "RiskConfiguration", None,
                                   "SetRiskConfiguration", owner="client", phase=40, clear={}),
    "managed_login_branding": MANAGED_LOGIN_BRANDING,
    "session_configuration": CLIENT_SESSION_CONFIGURATION,
}
CLIENT_LISTS = {"terms": TERMS, "cimd_policies": CIMD_POLICY}
DROPPED = frozenset({"UserPoolId", "CreationDate", "LastModifiedDate", "ClientId",
                     "ManagedLoginBrandingId", "TermsId", "CIMDPolicyId",
                     "CSSVersion", "ImageUrl", "AWSAccountId",
                     "CloudFrontDistribution", "S3Bucket", "Status", "Version"})
# Members that change on their own: a domain's Status goes CREATING/UPDATING -> ACTIVE
# without anyone editing it, so it is not part of the pre-write fingerprint.
# A CIMD policy's ClientId vanishes when its client is deleted (doc: CIMDPolicyType.ClientId,
# "omits this value when the app client no longer exists"): a replaced client's old
# policies are still the same policies when apply deletes them.
VOLATILE = {"domain": frozenset({"Status"}), "cimd_policy": frozenset({"ClientId"})}


def part_fingerprint(kind: str, document: dict[str, Any]) -> str:
    """The fingerprint apply compares just before writing a part (see live/recheck.py)."""
    volatile = VOLATILE.get(kind, frozenset())
    return fingerprint({k: v for k, v in document.items() if k not in volatile})


@dataclass
class Owner:
    """Who a part belongs to: the pool (and, for client parts, the client)."""

    pool_address: str
    region: str
    pool_id: str  # live id or a created-ref placeholder
    client_name: str | None = None
    client_id: str | None = None  # live id or a created-ref placeholder
    # Notes that must reach the plan even when the part has no change.
    warnings: list[PlanWarning] = field(default_factory=list)


def address(kind: PartKind, owner: Owner, name: str | None) -> str:
    if owner.client_name is not None:
        # A client's listed parts: one per name within the client.
        item = f".{name}" if kind.key and name else ""
        return f"{owner.pool_address}.{kind.kind}.{owner.client_name}{item}"
    return f"{owner.pool_address}.{kind.kind}" + (f".{name}" if name else "")


def _ids(kind: PartKind, owner: Owner, live: LivePart | None) -> dict[str, Any]:
    """The members that say which resource a request is about."""
    ids: dict[str, Any] = {"UserPoolId": owner.pool_id}
    if live is not None and live.ids:
        # e.g. ManagedLoginBrandingId: such parts are addressed by their own id once made.
        ids.update(live.ids)
    elif owner.client_id is not None:
        ids["ClientId"] = owner.client_id
    return ids


def _strip(document: dict[str, Any], paths: frozenset[Path]) -> dict[str, Any]:
    """A copy without the values at ``paths`` (write-only secrets are never compared)."""
    out: dict[str, Any] = {}
    for key, value in document.items():
        if (key,) in paths:
            continue
        nested = frozenset(p[1:] for p in paths if len(p) > 1 and p[0] == key)
        out[key] = _strip(value, nested) if nested and isinstance(value, dict) else value
    return out


def _has_secret(document: dict[str, Any], paths: frozenset[Path]) -> list[Path]:
    found = []
    for path in sorted(paths, key=str):
        value: Any = document
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        if value is not None:
            found.append(path)
    return found


def _name(kind: PartKind, desired: dict[str, Any] | None, live: LivePart | None) -> str | None:
    if kind.key is None:
        return None
    source = desired if desired is not None else (live.document if live else {})
    return str(source.get(kind.key, ""))


def _fields(shape: Shape, before: dict[str, Any], after: dict[str, Any],
            sensitive: frozenset[Path]) -> list[FieldChange]:
    return field_changes(shape, canonical(before, shape), canonical(after, shape), sensitive)


def plan_part(kind: PartKind, owner: Owner, desired: dict[str, Any] | None,
              live: LivePart | None, force_secrets: bool = False) -> Change | None:
    """One part: create, update, replace or delete (``desired`` None: absent from spec)."""
    shape = Shape.of(kind.definition)
    name = _name(kind, desired, live)
    label = owner.client_name or name or "pool"
    base = Change(address=address(kind, owner, name), kind=kind.kind, name=label,
                  action=Action.UPDATE, region=owner.region, pool_address=owner.pool_address,
                  phase=kind.phase)
    ids = _ids(kind, owner, live)
    if kind.kind == REPLICA.kind:
        # Its status moves on its own and its tags can't be read: planned by its own rules.
        base.fingerprint = part_fingerprint(kind.kind, live.document) if live else None
        return replica_rules.plan_replica(base, desired, live, ids, owner.warnings)
    if desired is None:
        if live is None or (kind.delete_op is None and kind.clear is None) or at_default(
                kind, live.document):
            return None
        base.action = Action.DELETE
        # Listed parts go when the list leaves them out; single ones only by `remove:`.
        base.reason = "not in the spec" if kind.key and kind.kind != "domain" else (
            f"the spec removes {kind.kind} (remove: names it, or strict mode leaves it out)")
        if kind.default is not None:
            # No delete call: the documented defaults are set again; the fields say so.
            base.reason = ("remove: names it; it has no delete call, so Cognito's defaults "
                           "are set again")
            base.fields = _fields(shape, pick(live.document, frozenset(kind.default)),
                                  kind.default, kind.secret_paths)
        base.live_id = name
        base.fingerprint = part_fingerprint(kind.kind, live.document)
        # Parts with their own id are deleted by it alone (DeleteTerms: TermsId).
        key = {kind.key: name} if kind.key and not kind.extra_ids else {}
        if kind.extra_ids and live.ids:
            ids = {"UserPoolId": owner.pool_id,
                   **{k: v for k, v in live.ids.items() if k in kind.extra_ids}}
        if kind.delete_op is not None:
            base.requests = [Request(kind.delete_op, {**ids, **key})]
        else:
            base.requests = [Request(kind.update_op, {**ids, **(kind.clear or {})})]
        base.phase = 100 - kind.phase  # deletes run in reverse dependency order
        return base
    if kind.kind == MANAGED_LOGIN_BRANDING.kind:
        # Its update merges instead of replacing: planned by its own rules.
        base.fingerprint = part_fingerprint(kind.kind, live.document) if live else None
        return _guard_unmodeled(branding.plan_style(base, shape, desired, live, ids,
                                                    owner.client_id), live)
    if kind.kind == IDENTITY_PROVIDER.kind:
        desired, note = idp_rules.without_read_only(desired)
        if note:
            owner.warnings.append(PlanWarning(base.address, note))
    if live is None and kind.default is not None:
        return _set_from_default(kind, base, shape, desired, ids)
    secrets = _has_secret(desired, kind.secret_paths)
    if live is None:
        base.action = Action.CREATE
        base.fields = _fields(shape, {}, desired, kind.secret_paths)
        op = kind.create_op or kind.update_op
        base.requests = [Request(op, {**ids, **desired})]
        return base
    current = pick(live.document, model_facts.members(kind.kind, "describe_members") - DROPPED)
    wanted = merge(current, desired, shape)
    for path in kind.merged_maps:
        member = str(path[0])
        if isinstance(desired.get(member), dict):
            wanted[member] = {**(current.get(member) or {}), **desired[member]}
    for member, entry in kind.server_filled:
        have = current.get(member) or {}
        if isinstance(wanted.get(member), dict) and entry in have and entry not in wanted[member]:
            wanted[member] = {**wanted[member], entry: have[entry]}
    comparable_wanted = _strip(wanted, kind.secret_paths)
    fields = _fields(shape, current, comparable_wanted, kind.secret_paths)
    # The live key, which differs from the spec's when the key itself changes (replace).
    base.live_id = str(live.document.get(kind.key)) if kind.key else None
    base.fingerprint = part_fingerprint(kind.kind, live.document)
    if kind.kind == IDENTITY_PROVIDER.kind:
        # Readable secrets are compared (masked); only the others need --resend-secrets.
        fields += idp_rules.secret_changes(desired, live, force_secrets)
        secrets = idp_rules.unreadable(secrets)
    if secrets:
        owner.warnings.append(PlanWarning(base.address, (
            f"{', '.join(shape.spec_path(s) for s in secrets)} can't be read back from "
            "Cognito, so the plan can't tell "
            "whether it changed; apply with --resend-secrets to send it again")))
        if force_secrets:
            fields += [FieldChange(shape.spec_path(s), None, None, sensitive=True)
                       for s in secrets]
    if not fields:
        return None
    base.fields = fields
    removal = branding.logo_removal(live, desired) if kind.kind == "ui_customization" else None
    if removal:
        base.fields.append(removal[0])
        base.warnings.append(removal[1])
    create_only = {shape.spec_name(m) for m in kind.create_only()}
    key_name = shape.spec_name(kind.key) if kind.key else None
    reasons = [f"{f.path} can't change after creation ({before_after(f.before, f.after)})"
               for f in fields if f.path.split(".")[0] in create_only | {key_name}]
    update_members = model_facts.members(kind.kind, "update_members")
    body = {**ids, **pick(wanted, update_members - set(ids))}
    if "ClientId" in update_members and owner.client_id is not None and "ClientId" not in body:
        # UpdateCIMDPolicy requires the client (it may move the policy to another one).
        body["ClientId"] = owner.client_id
    if reasons and kind.create_op and kind.delete_op:
        base.action = Action.REPLACE
        base.reason = "; ".join(reasons)
        old_key = {kind.key: live.document.get(kind.key)} if kind.key else {}
        base.requests = [Request(kind.delete_op, {**ids, **old_key}),
                         Request(kind.create_op, {**_ids(kind, owner, None), **desired})]
        return base
    if kind.kind == IDENTITY_PROVIDER.kind:
        body = idp_rules.update_body(body, desired, live)
        base.blocked = idp_rules.erase_risk(desired, live)
    base.requests = [Request(kind.update_op, body, note=f"full update: {len(body)} fields")]
    return _guard_unmodeled(base, live)


def at_default(kind: PartKind, document: dict[str, Any]) -> bool:
    """Whether ``document`` is what Cognito answers for this part when it was never set."""
    if kind.default is None:
        return False
    shape = Shape.of(kind.definition)
    return bool(canonical(pick(document, frozenset(kind.default)), shape)
                == canonical(kind.default, shape))


def _set_from_default(kind: PartKind, base: Change, shape: Shape, desired: dict[str, Any],
                      ids: dict[str, Any]) -> Change | None:
    """A part of an owner made in this plan: it starts at Cognito's default."""
    wanted = merge(copy.deepcopy(kind.default or {}), desired, shape)
    fields = _fields(shape, kind.default or {}, wanted, kind.secret_paths)
    if not fields:
        return None  # the default is what the new pool or client gets anyway
    base.action = Action.CREATE
    base.fields = fields
    base.requests = [Request(kind.update_op, {**ids, **wanted})]
    return base


def _guard_unmodeled(change: Change | None, live: LivePart | None) -> Change | None:
    """An update would reset the live fields this model can't see: refuse it (as for pools)."""
    if change and live and live.unmodeled and change.action == Action.UPDATE:
        change.blocked = change.blocked or unmodeled_message(live.unmodeled)
    return change


def plan_list(kind: PartKind, owner: Owner, desired: list[dict[str, Any]] | None,
              live: list[LivePart], force_secrets: bool = False) -> list[Change]:
    if desired is None:
        return []
    assert kind.key is not None
    live_by_key = {str(item.document.get(kind.key)): item for item in live}
    if len(live_by_key) < len(live):
        _refuse_namesakes(kind, owner, live)
    changes = []
    for item in desired:
        change = plan_part(kind, owner, item, live_by_key.get(str(item[kind.key])),
                           force_secrets)
        if change:
            changes.append(change)
    wanted = {str(item[kind.key]) for item in desired}
    for key, live_item in sorted(live_by_key.items()):
        if key not in wanted:
            change = plan_part(kind, owner, None, live_item)
            if change:
                changes.append(change)
    return changes


def left_by_replaced_owner(kind: PartKind, old_owner: Owner, planned: list[Change],
                           live_items: list[LivePart]) -> list[Change]:
    """A replaced client's own items, beside ``planned`` (the new client's creates).

    Most go with the deleted client. One that outlives it (a CIMD policy, doc:
    CIMDPolicyType.ClientId) is deleted by its own call: in the change that creates its
    namesake for the new client (a replace), or alone when the spec no longer names it.
    Returns the changes to add; the replaces are made in ``planned`` itself."""
    if not kind.outlives_owner:
        return []
    by_address = {change.address: change for change in planned}
    alone: list[Change] = []
    for item in live_items:
        gone = plan_part(kind, old_owner, None, item)
        if gone is None:
            continue
        new = by_address.get(gone.address)
        if new is not None and new.action == Action.CREATE:
            new.action = Action.REPLACE
            new.reason = (f"its client is replaced; a {kind.kind} outlives its client, so "
                          "the old one is deleted and a new one made for the new client")
            new.requests = [*gone.requests, *new.requests]
            new.fingerprint, new.live_id = gone.fingerprint, gone.live_id
        else:
            gone.reason = "its client is replaced and the spec no longer names it"
            alone.append(gone)
    return alone


def outliving_parts_of_deleted_client(owner: Owner, parts: dict[str, Any]) -> list[Change]:
    """A client apply deletes: its items that would outlive it (CIMD policies, doc:
    CIMDPolicyType.ClientId) are deleted by their own calls, before the client's."""
    changes: list[Change] = []
    for key, kind in CLIENT_LISTS.items():
        found = parts.get(key)
        for item in found if kind.outlives_owner and isinstance(found, list) else []:
            change = plan_part(kind, owner, None, item)
            if change is not None:
                change.reason = (f"its client is deleted; a {kind.kind} outlives its client, "
                                 "so it is deleted by its own call")
                changes.append(change)
    return changes


def _refuse_namesakes(kind: PartKind, owner: Owner, live: list[LivePart]) -> None:
    """Two live items of one name: which one the spec means can't be told. AWS doesn't
    document CIMD policy names as unique (CreateCIMDPolicy lists no "exists" error)."""
    assert kind.key is not None
    names = [str(item.document.get(kind.key)) for item in live]
    name = sorted({n for n in names if names.count(n) > 1})[0]
    raise ReconcilerError(
        f"{address(kind, owner, name)}: {names.count(name)} live {kind.kind} items are named "
        f"{name!r}; nothing was changed",
        f"names of this kind are not unique in Cognito: delete or rename the extra "
        f"{kind.kind}, then plan again")


def client_lists_lost_with_pool(owner: Owner, live_parts: dict[str, Any],
                                declared: Any) -> list[Change]:
    """A client's terms and CIMD policies that deleting the pool destroys: each one the
    spec doesn't make again in the new pool (``declared``: the spec's client, or None),
    with no call of its own."""
    lost: list[Change] = []
    for key, kind in CLIENT_LISTS.items():
        assert kind.key is not None
        wanted = getattr(declared, "parts", {}).get(key) or []
        names = {str(item.get(kind.key)) for item in wanted}
        found = live_parts.get(key)
        for item in found if isinstance(found, list) else []:
            name = str(item.document.get(kind.key))
            if name in names:
                continue  # made again from the spec
            lost.append(Change(address=address(kind, owner, name), kind=kind.kind,
                               name=owner.client_name or name, action=Action.DELETE,
                               region=owner.region, pool_address=owner.pool_address,
                               reason=WITH_POOL, live_id=name,
                               fingerprint=part_fingerprint(kind.kind, item.document),
                               phase=100 - kind.phase))
    return lost
