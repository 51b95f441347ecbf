"""User pools: settings, schema and MFA, planned as one resource with its clients."""

from __future__ import annotations

from typing import Any

from reconciler import model_facts
from reconciler import pool_features as features
from reconciler.model import DesiredClient, DesiredPool, LiveClient, LivePart, LivePool
from reconciler.notation import before_after
from reconciler.plan import clients as client_rules
from reconciler.plan import parts as part_rules
from reconciler.plan import replicas as replica_rules
from reconciler.plan.documents import canonical, field_changes, fingerprint, merge, pick
from reconciler.plan.model import (
    Action,
    Change,
    FieldChange,
    PlanWarning,
    Request,
    created_ref,
)
from reconciler.plan.pool_view import unify, with_create_only_defaults, with_twins
from reconciler.plan.schema_attrs import diff_schema
from reconciler.plan.session_order import check_client_sessions
from reconciler.plan.shapes import Shape

KIND = "user_pool"
# Describe spells some request members differently.
DESCRIBE_ALIASES = {"Name": "PoolName", "SchemaAttributes": "Schema"}
# Triggers are slots: a trigger left out of `lambda_config` means no trigger. The new
# members are replaced whole by a request (doc: DcrConfiguration "Members that you omit
# revert to their default values"; AcrConfiguration "any level that you don't specify
# keeps its default name"), and compared in their effective form (pool_features.py).
WHOLE = frozenset({("LambdaConfig",), *((member,) for member in features.MEMBERS)})
MFA_MEMBER = "MfaConfiguration"
MFA_FACTOR_BLOCKS = ("SmsMfaConfiguration", "SoftwareTokenMfaConfiguration",
                     "EmailMfaConfiguration")
CUSTOM_ATTRIBUTES_PER_CALL = 25


def current_document(live: LivePool) -> dict[str, Any]:
    renamed = {DESCRIBE_ALIASES.get(k, k): v for k, v in live.describe.items()}
    settable = model_facts.members(KIND, "create_members") | model_facts.members(
        KIND, "update_members")
    # Mirrored members read in one spelling; the legacy UnusedAccountValidityDays is
    # dropped (AWS refuses requests that carry it).
    return unify(pick(renamed, settable - {"UserPoolId"}))


def current_mfa(live: LivePool) -> dict[str, Any]:
    members = model_facts.members("mfa", "update_members") - {"UserPoolId"}
    return {k: v for k, v in pick(live.mfa, members).items() if v is not None}


def desired_mfa(pool: DesiredPool, base: dict[str, Any]) -> dict[str, Any]:
    managed = dict(pool.mfa)
    if MFA_MEMBER in pool.settings:
        managed[MFA_MEMBER] = pool.settings[MFA_MEMBER]
    wanted: dict[str, Any] = merge(base, managed, Shape.of("UserPool"))
    wanted.setdefault(MFA_MEMBER, "OFF")
    return wanted


def mfa_request(pool_id: str, wanted: dict[str, Any]) -> Request:
    body = dict(wanted)
    if body.get(MFA_MEMBER) == "OFF":
        # Cognito refuses to turn MFA off while configuring a factor in the same call.
        for block in MFA_FACTOR_BLOCKS:
            body.pop(block, None)
    return Request("SetUserPoolMfaConfig", {"UserPoolId": pool_id, **body},
                   note=f"full set: {', '.join(sorted(body))}")


def _fields(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    shape = Shape.of("UserPool")
    return field_changes(shape, canonical(before, shape), canonical(after, shape))


def create_requests(pool: DesiredPool) -> list[Request]:
    pool_id = created_ref(pool.address)
    settings = features.request_form(with_twins(unify(pool.settings)))
    wanted_mfa = desired_mfa(pool, {})
    # MFA ON/OPTIONAL needs a factor that only SetUserPoolMfaConfig can enable, so the
    # pool is created with MFA off and MFA is set right after (as CloudFormation does).
    settings.pop(MFA_MEMBER, None)
    requests = [Request("CreateUserPool", settings)]
    if pool.mfa or wanted_mfa[MFA_MEMBER] != "OFF":
        requests.append(mfa_request(pool_id, wanted_mfa))
    return requests


def plan_create(pool: DesiredPool, region: str, warnings: list[PlanWarning],
                reason: str | None = None) -> list[Change]:
    fields = _fields({}, {**pool.settings, **pool.mfa})
    changes = [Change(address=pool.address, kind=KIND, name=pool.name, action=Action.CREATE,
                      region=region, pool_address=pool.address, fields=fields, reason=reason,
                      requests=create_requests(pool))]
    owner = part_rules.Owner(pool.address, region, created_ref(pool.address), warnings=warnings)
    changes += _plan_parts(pool, owner, {})
    for client in pool.clients or []:
        if client.client_id:
            # A new pool's clients get new ids: the pin would find nothing next time.
            warnings.append(PlanWarning(client_rules.client_address(pool.address, client.name), (
                f"the spec pins client id {client.client_id}, but the pool is created here, "
                "so the client gets a new id: after apply, set id: to it (or remove id:)")))
        changes.append(client_rules.plan_create(client, pool.address, region, owner.pool_id,
                                                reason=reason))
        changes += _plan_client_parts(client, owner, None, fresh=True)
    return changes


def _replace_reasons(pool: DesiredPool, fields: list[FieldChange],
                     schema_immutable: list[tuple[str, str, Any, Any]],
                     missing_standard: list[str]) -> list[str]:
    shape = Shape.of("UserPool")
    create_only = {shape.spec_name(m) for m in model_facts.create_only(KIND) - {"Schema"}}
    reasons = [f"{f.path} can't change after the pool is created "
               f"({before_after(f.before, f.after)})"
               for f in fields if f.path.split(".")[0] in create_only]
    reasons += [f"schema attribute {name}: {prop} can't change after creation "
                f"({before_after(before, after)})"
                for name, prop, before, after in schema_immutable]
    reasons += [f"schema attribute {name} is not in the live pool and standard attributes "
                "can only be set at creation" for name in missing_standard]
    return reasons


def plan_pool(pool: DesiredPool, live: LivePool | None, region: str,
              warnings: list[PlanWarning], force_secrets: bool = False) -> list[Change]:
    if live is None:
        return check_client_sessions(plan_create(pool, region, warnings), None, warnings)

    current = current_document(live)
    managed = features.effective(
        {k: v for k, v in unify(pool.settings).items() if k not in ("Schema", MFA_MEMBER)},
        fill_absent=False)
    comparable_current = features.effective(with_create_only_defaults(
        {k: v for k, v in current.items() if k not in ("Schema", MFA_MEMBER)}), fill_absent=True)
    wanted = merge(comparable_current, managed, Shape.of("UserPool"), WHOLE)
    fields = _fields(comparable_current, wanted)

    schema = diff_schema(pool.settings.get("Schema"), current.get("Schema") or [])
    for name in schema.unmanaged_custom:
        warnings.append(PlanWarning(pool.address, (
            f"custom attribute {name} exists in the live pool but not in the spec; Cognito can "
            "never remove a custom attribute, so it stays")))
    for attribute in schema.additions:
        added = Shape.of("UserPool").spec_value(("Schema", 0), attribute)
        fields.append(FieldChange(f"schema[{attribute['Name']}]", None,
                                  {k: v for k, v in added.items() if k != "name"}))

    live_mfa = current_mfa(live)
    wanted_mfa = desired_mfa(pool, live_mfa)
    mfa_fields = _fields(live_mfa, wanted_mfa)
    fields += mfa_fields

    if live.unmodeled:
        warnings.append(PlanWarning(pool.address, client_rules.unmodeled_message(live.unmodeled)))

    reasons = _replace_reasons(pool, fields, schema.immutable, schema.missing_standard)
    if reasons:
        for name, prop, before, after in schema.immutable:
            fields.append(FieldChange(f"schema[{name}].{prop}", before, after))
        return _plan_replace(pool, live, region, fields, reasons)

    changes: list[Change] = []
    requests: list[Request] = []
    setting_fields = [f for f in fields if f not in mfa_fields and not f.path.startswith("schema[")]
    if setting_fields:
        body = features.request_form(with_twins(pick(
            {**current, **wanted}, model_facts.members(KIND, "update_members"))))
        for member in features.MEMBERS:
            # Not read and not managed: left out, as before (the comparison's default
            # stands for a reading, not for something to send).
            if member not in current and member not in managed:
                body.pop(member, None)
        body["UserPoolId"] = live.pool_id
        # MFA is owned by SetUserPoolMfaConfig; UpdateUserPool carries the live value
        # so that it doesn't reset it.
        if MFA_MEMBER in current:
            body[MFA_MEMBER] = current[MFA_MEMBER]
        requests.append(Request("UpdateUserPool", body,
                                note=f"full update: {len(body) - 1} fields"))
    for start in range(0, len(schema.additions), CUSTOM_ATTRIBUTES_PER_CALL):
        batch = schema.additions[start:start + CUSTOM_ATTRIBUTES_PER_CALL]
        requests.append(Request("AddCustomAttributes",
                                {"UserPoolId": live.pool_id, "CustomAttributes": batch},
                                note=", ".join(str(a["Name"]) for a in batch)))
    if mfa_fields:
        requests.append(mfa_request(live.pool_id, wanted_mfa))
    if requests:
        change = _live_change(pool, live, region, Action.UPDATE, fields, requests)
        _new_member_checks(change, comparable_current, wanted, bool(setting_fields))
        # A full update would reset what this version can't see: in the pool for
        # UpdateUserPool, in the MFA settings (mfa.*) for SetUserPoolMfaConfig.
        in_mfa = [p for p in live.unmodeled if p.startswith("mfa.")]
        in_pool = [p for p in live.unmodeled if not p.startswith("mfa.")]
        at_risk = (in_pool if setting_fields else []) + (in_mfa if mfa_fields else [])
        if at_risk:
            change.blocked = client_rules.unmodeled_message(at_risk)
        changes.append(change)
    changes.extend(_plan_clients(pool, live, region, warnings))
    owner = part_rules.Owner(pool.address, region, live.pool_id, warnings=warnings)
    changes.extend(_plan_parts(pool, owner, live.parts, force_secrets))
    return check_client_sessions(changes, live, warnings)


def _new_member_checks(change: Change, current: dict[str, Any], wanted: dict[str, Any],
                       updating: bool) -> None:
    """What the plan says about the new members' effects and refusals before apply."""
    if not updating:
        return
    moved = features.issuer_change_warning(current.get(features.ISSUER),
                                           wanted.get(features.ISSUER))
    if moved:
        change.warnings.append(moved)
    problems = features.tier_problems(wanted)
    if problems and not change.blocked:
        # The spec alone is checked by validate; here the live tier or the live DCR/ACR
        # (which the spec may leave out) meets the other.
        change.blocked = "Cognito would refuse this update: " + "; ".join(problems)


def _live_change(pool: DesiredPool, live: LivePool, region: str, action: Action,
                 fields: list[FieldChange], requests: list[Request]) -> Change:
    return Change(address=pool.address, kind=KIND, name=pool.name, action=action, region=region,
                  pool_address=pool.address, fields=fields, requests=requests,
                  live_id=live.pool_id, fingerprint=live.fingerprint)


def _plan_replace(pool: DesiredPool, live: LivePool, region: str, fields: list[FieldChange],
                  reasons: list[str]) -> list[Change]:
    # Cognito refuses to delete a pool that still has a domain.
    domains = [Request("DeleteUserPoolDomain", {"UserPoolId": live.pool_id, "Domain": name})
               for name in (live.describe.get("Domain"), live.describe.get("CustomDomain"))
               if name]
    requests = [*domains, *replica_rules.pool_removal_requests(live.pool_id, live.parts),
                Request("DeleteUserPool", {"UserPoolId": live.pool_id},
                        note="every user in the pool is lost"),
                *create_requests(pool)]
    change = _live_change(pool, live, region, Action.REPLACE, fields, requests)
    change.reason = "; ".join(reasons)
    if live.deletion_protection == "ACTIVE":
        change.blocked = (
            "deletion protection is ACTIVE on the live pool, so it can't be replaced: set "
            "deletion_protection: INACTIVE, apply that alone, then apply this with "
            "--allow-replace (all users are lost)")
    replaced = "re-created in the replacement pool (new id)"
    rest = plan_create(pool, region, [], reason=replaced)[1:]
    for item in rest:
        item.reason = replaced
    lost = _lost_with_pool(pool, live, region)
    reset = _settings_not_carried(pool, live)
    if reset:
        change.warnings.append(
            "settings the spec doesn't manage are not carried to the new pool, which gets "
            f"Cognito's defaults for: {', '.join(reset)} (where a live value isn't the "
            "default, add it to the spec to keep it)")
    # The consent is given for this list: the pool change names every loss itself.
    change.users_lost = int(live.describe.get("EstimatedNumberOfUsers") or 0)
    change.destroys = [c.address for c in lost]
    change.recreates = [c.address for c in rest]
    return [change, *rest, *lost]


def _lost_with_pool(pool: DesiredPool, live: LivePool, region: str) -> list[Change]:
    """What the live pool holds that the replacement won't: deletes with no calls of
    their own (deleting the pool deletes them). The engine reads a pool that is to be
    replaced in full, so this covers what the spec doesn't manage too."""
    wanted_clients = {c.name for c in pool.clients or []}
    pinned = {c.client_id for c in pool.clients or [] if c.client_id}
    lost = [client_rules.plan_delete(c, pool.address, region, live.pool_id, with_pool=True)
            for c in live.clients
            if c.name not in wanted_clients and c.client_id not in pinned]
    declared_clients = {c.name: c for c in pool.clients or []}
    for live_client in live.clients:
        lost += part_rules.client_lists_lost_with_pool(
            part_rules.Owner(pool.address, region, live.pool_id, client_name=live_client.name,
                             client_id=live_client.client_id),
            live_client.parts, declared_clients.get(live_client.name))
    owner = part_rules.Owner(pool.address, region, live.pool_id)
    for key, kind in part_rules.POOL_LISTS.items():
        assert kind.key is not None
        declared = {str(item.get(kind.key)) for item in pool.parts.get(key) or []}
        items = live.parts.get(key)
        for item in items if isinstance(items, list) else []:
            if str(item.document.get(kind.key)) not in declared:
                lost.append(_lost_part(kind, owner, item))
    for key, kind in part_rules.POOL_SINGLETONS.items():
        single = live.parts.get(key)
        if not isinstance(single, LivePart) or part_rules.at_default(kind, single.document):
            continue  # nothing there (a session configuration at its default is nothing)
        declared_part = pool.parts.get(key)
        if declared_part is not None and (kind.key is None or declared_part.get(
                kind.key) == single.document.get(kind.key)):
            continue  # re-created from the spec
        lost.append(_lost_part(kind, owner, single))
    return lost


def _settings_not_carried(pool: DesiredPool, live: LivePool) -> list[str]:
    """Live settings the replacement is created without (the spec doesn't set them)."""
    shape = Shape.of("UserPool")
    current = features.without_defaults(current_document(live))
    names = [shape.spec_name(member) for member, value in current.items()
             if member not in pool.settings and member not in ("PoolName", "Schema", MFA_MEMBER)
             and value not in (None, "", [], {})]
    wanted = {str(a.get("Name")) for a in pool.settings.get("Schema") or []}
    names += [f"schema[{a['Name']}]" for a in current.get("Schema") or []
              if str(a.get("Name", "")).startswith("custom:")
              and str(a["Name"]) not in wanted and str(a["Name"])[len("custom:"):] not in wanted]
    names += [shape.spec_name(member) for member, value in current_mfa(live).items()
              if member not in pool.mfa and member != MFA_MEMBER and value]
    return sorted(set(names))


def _lost_part(kind: part_rules.PartKind, owner: part_rules.Owner, live: LivePart) -> Change:
    name = str(live.document.get(kind.key)) if kind.key else None
    return Change(address=part_rules.address(kind, owner, name), kind=kind.kind,
                  name=name or "pool", action=Action.DELETE, region=owner.region,
                  pool_address=owner.pool_address, reason=client_rules.WITH_POOL,
                  live_id=name, fingerprint=part_rules.part_fingerprint(kind.kind, live.document),
                  phase=100 - kind.phase)


def _plan_parts(pool: DesiredPool, owner: part_rules.Owner,
                live_parts: dict[str, Any], force_secrets: bool = False) -> list[Change]:
    changes: list[Change] = []
    for key, kind in part_rules.POOL_LISTS.items():
        if key in pool.parts:
            live_items = live_parts.get(key) or []
            changes += part_rules.plan_list(kind, owner, pool.parts[key], live_items,
                                            force_secrets)
    for key, kind in part_rules.POOL_SINGLETONS.items():
        if key in pool.parts:
            change = part_rules.plan_part(kind, owner, pool.parts[key], live_parts.get(key),
                                          force_secrets)
            if change:
                changes.append(change)
    return changes


def _plan_client_parts(client: DesiredClient, owner: part_rules.Owner,
                       live: LiveClient | None, fresh: bool = False) -> list[Change]:
    address = client_rules.client_address(owner.pool_address, client.name)
    client_owner = part_rules.Owner(
        owner.pool_address, owner.region, owner.pool_id, client_name=client.name,
        client_id=created_ref(address) if fresh or live is None else live.client_id,
        warnings=owner.warnings)
    changes = []
    for key, kind in part_rules.CLIENT_SINGLETONS.items():
        if key in client.parts:
            live_part = None if fresh or live is None else live.parts.get(key)
            change = part_rules.plan_part(kind, client_owner, client.parts[key], live_part)
            if change:
                changes.append(change)
    for key, kind in part_rules.CLIENT_LISTS.items():
        if key in client.parts:
            found = None if live is None else live.parts.get(key)
            live_items = found if isinstance(found, list) else []
            planned = part_rules.plan_list(kind, client_owner, client.parts[key],
                                           [] if fresh else live_items)
            if fresh and live is not None:
                # The replaced client's own items: see part_rules.left_by_replaced_owner.
                old_owner = part_rules.Owner(owner.pool_address, owner.region, owner.pool_id,
                                             client_name=client.name,
                                             client_id=live.client_id)
                planned += part_rules.left_by_replaced_owner(kind, old_owner, planned,
                                                             live_items)
            changes += planned
    return changes


def _plan_clients(pool: DesiredPool, live: LivePool, region: str,
                  warnings: list[PlanWarning]) -> list[Change]:
    if pool.clients is None:
        return []
    matched = client_rules.match_clients(pool.clients, live.clients, pool.address)
    owner = part_rules.Owner(pool.address, region, live.pool_id, warnings=warnings)
    changes: list[Change] = []
    for client in pool.clients:
        live_client = matched.get(id(client))
        if live_client is None:
            changes.append(client_rules.plan_create(client, pool.address, region, live.pool_id))
            changes += _plan_client_parts(client, owner, None, fresh=True)
            continue
        change = client_rules.plan_client(client, live_client, pool.address, region,
                                          live.pool_id, warnings=warnings)
        if change:
            changes.append(change)
        fresh = change is not None and change.action == Action.REPLACE
        changes += _plan_client_parts(client, owner, live_client, fresh=fresh)
    wanted_ids = {c.client_id for c in matched.values()}
    for live_client in live.clients:
        if live_client.client_id not in wanted_ids:
            changes.append(client_rules.plan_delete(live_client, pool.address, region,
                                                    live.pool_id))
            gone = part_rules.Owner(pool.address, region, live.pool_id,
                                    client_name=live_client.name,
                                    client_id=live_client.client_id)
            changes += part_rules.outliving_parts_of_deleted_client(gone, live_client.parts)
    return changes


def live_fingerprint(describe: dict[str, Any], mfa: dict[str, Any]) -> str:
    volatile = {"EstimatedNumberOfUsers", "LastModifiedDate"}
    return fingerprint({"pool": {k: v for k, v in describe.items() if k not in volatile},
                        "mfa": mfa})
