"""App clients: full-replacement updates, durations compared, secrets never read."""

from __future__ import annotations

from typing import Any

from reconciler import model_facts
from reconciler.errors import ReconcilerError
from reconciler.model import DesiredClient, LiveClient
from reconciler.notation import before_after
from reconciler.plan import client_secrets as secrets
from reconciler.plan import tokens
from reconciler.plan.documents import canonical, field_changes, fingerprint, merge, pick
from reconciler.plan.model import Action, Change, FieldChange, PlanWarning, Request
from reconciler.plan.shapes import Shape

KIND = "client"
READ_ONLY = frozenset({"ClientId", "UserPoolId", "CreationDate", "LastModifiedDate"})
TOKEN_MEMBERS = frozenset({*tokens.TOKENS, "TokenValidityUnits"})
SECRET_MEMBERS = frozenset({"ClientSecret"})
# After the resource servers and identity providers whose scopes and names clients
# use; deletes before those parts are deleted (a client must stop naming a provider first).
PHASE = 20
DELETE_PHASE = 80
WITH_POOL = "deleted with the pool it belongs to"


def client_address(pool_address: str, name: str) -> str:
    return f"{pool_address}.client.{name}"


def match_clients(desired: list[DesiredClient], live: list[LiveClient],
                  pool_address: str) -> dict[int, LiveClient]:
    """Each desired client's live one, by ``id(desired)``: pinned ones by client id (so a
    new client_name is a rename in place), the others by name among the live clients no
    pin claims."""
    by_id = {c.client_id: c for c in live}
    matched: dict[int, LiveClient] = {}
    for client in desired:
        if client.client_id is None:
            continue
        found = by_id.get(client.client_id)
        if found is None:
            raise ReconcilerError(
                f"{client_address(pool_address, client.name)}: the spec pins client id "
                f"{client.client_id}, but the pool has no such client",
                "fix or remove `id:` (without it the client is found by client_name, "
                "or created)")
        matched[id(client)] = found
    claimed = {c.client_id for c in matched.values()}
    by_name = {c.name: c for c in live if c.client_id not in claimed}
    for client in desired:
        if client.client_id is None and client.name in by_name:
            matched[id(client)] = by_name[client.name]
    return matched


def current_document(live: LiveClient) -> dict[str, Any]:
    """The live client in request terms; GenerateSecret inferred from the secret's
    presence, PublishSecretsInAWSSecretsManager from ClientSecretArn's (Describe returns
    neither member: plan/client_secrets.py)."""
    doc: dict[str, Any] = pick(live.describe,
                               model_facts.members(KIND, "create_members") - READ_ONLY)
    doc["GenerateSecret"] = live.has_secret
    doc[secrets.PUBLISH] = secrets.published(live.describe)
    return doc


def _comparable(doc: dict[str, Any]) -> dict[str, Any]:
    rest = {k: v for k, v in doc.items() if k not in TOKEN_MEMBERS | SECRET_MEMBERS}
    comparable: dict[str, Any] = canonical({**rest, **tokens.durations(doc)}, Shape.of("Client"))
    return comparable


def _display_value(doc: dict[str, Any], member: str, other: dict[str, Any]) -> Any:
    if member in tokens.TOKENS:
        if tokens.unit_of(doc, member) == tokens.unit_of(other, member):
            return doc.get(member) or tokens.TOKENS[member][2]
        return tokens.display(doc, member)
    return doc.get(member)


def client_field_changes(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    changes = field_changes(Shape.of("Client"), _comparable(before), _comparable(after))
    for change in changes:
        member = next((m for m in tokens.TOKENS if Shape.of("Client").spec_name(m) == change.path),
                      None)
        if member:
            # Durations were compared in seconds; show them as the documents state them.
            change.before = _display_value(before, member, after)
            change.after = _display_value(after, member, before)
    return changes


def unit_changes(current: dict[str, Any], wanted: dict[str, Any],
                 managed: dict[str, Any]) -> list[FieldChange]:
    """A unit the spec sets is managed: a live lifetime of equal duration in another unit
    still changes (comparing durations alone left the live units in place, issue 13)."""
    shape = Shape.of("Client")
    spec_units = managed.get("TokenValidityUnits") or {}
    out = []
    for member, (unit_key, _, _) in tokens.TOKENS.items():
        before = tokens.effective_unit(current, member)
        after = tokens.effective_unit(wanted, member)
        if unit_key in spec_units and before != after:
            path = shape.spec_path(("TokenValidityUnits", unit_key))
            out.append(FieldChange(path, before, after))
    return out


def plan_create(desired: DesiredClient, pool_address: str, region: str, pool_id: str,
                reason: str | None = None) -> Change:
    fields = field_changes(Shape.of("Client"), {}, canonical(desired.settings, Shape.of("Client")),
                           frozenset((m,) for m in SECRET_MEMBERS))
    return Change(
        address=client_address(pool_address, desired.name), kind=KIND, name=desired.name,
        action=Action.CREATE, region=region, pool_address=pool_address, fields=fields,
        reason=reason, phase=PHASE,
        requests=[Request("CreateUserPoolClient", {"UserPoolId": pool_id, **desired.settings})],
    )


def credential_note(client_id: str) -> str:
    """A client is what an app signs in with: deleting it breaks that app."""
    return (f"it is an app's credential: any app using client id {client_id} can no "
            "longer sign users in")


def plan_delete(live: LiveClient, pool_address: str, region: str, pool_id: str,
                with_pool: bool = False) -> Change:
    requests = [] if with_pool else [
        Request("DeleteUserPoolClient", {"UserPoolId": pool_id, "ClientId": live.client_id})]
    why = WITH_POOL if with_pool else "not in the spec"
    return Change(
        address=client_address(pool_address, live.name), kind=KIND, name=live.name,
        action=Action.DELETE, region=region, pool_address=pool_address, phase=DELETE_PHASE,
        reason=f"{why}; {credential_note(live.client_id)}{secrets.delete_note(live)}",
        requests=requests, live_id=live.client_id, fingerprint=fingerprint(live.describe),
    )


def plan_client(desired: DesiredClient, live: LiveClient, pool_address: str, region: str,
                pool_id: str, warnings: list[PlanWarning] | None = None) -> Change | None:
    current = current_document(live)
    managed = {k: v for k, v in desired.settings.items() if k not in TOKEN_MEMBERS}
    if desired.settings.get("ClientSecret") is not None:
        # A custom secret makes a confidential client, though the API wants it sent
        # with GenerateSecret false (doc: CreateUserPoolClientRequest.ClientSecret,
        # "You cannot specify both GenerateSecret as true and provide a ClientSecret
        # value"). Compared as sent, it planned a replace on every run (issue 12.6).
        managed["GenerateSecret"] = True
    wanted = merge(current, managed, Shape.of("Client"))
    for member in desired.removed:
        wanted.pop(member, None)  # left out of the full update, so Cognito clears it
    wanted.update(tokens.desired_tokens(current, desired.settings))
    fields = client_field_changes(current, wanted)
    fields += unit_changes(current, wanted, desired.settings)
    rotate = _rotates_secret(desired, live, fields)
    if rotate:
        fields.append(secrets.masked_secret_change())
    elif warnings is not None and _secret_unreadable(desired, live, fields):
        warnings.append(PlanWarning(client_address(pool_address, desired.name),
                                    secrets.UNREADABLE))
    if not rotate and warnings is not None and desired.settings.get(secrets.SECRET) is not None:
        extra = secrets.extra_secrets_warning(live.secret_ids)
        if extra:
            warnings.append(PlanWarning(client_address(pool_address, desired.name), extra))
    if not fields:
        return None
    change = Change(address=client_address(pool_address, desired.name), kind=KIND,
                    name=desired.name, action=Action.UPDATE, region=region, phase=PHASE,
                    pool_address=pool_address, fields=fields, live_id=live.client_id,
                    fingerprint=fingerprint(live.describe))
    replace_reasons = [
        f"{f.path} can't change after the client is created "
        f"({before_after(f.before, f.after)}); a new "
        "client gets a new client id, so apps must be updated"
        for f in fields if f.path == "generate_secret"
    ]
    if replace_reasons:
        change.action = Action.REPLACE
        change.reason = "; ".join(replace_reasons)
        change.requests = [
            Request("DeleteUserPoolClient", {"UserPoolId": pool_id, "ClientId": live.client_id}),
            Request("CreateUserPoolClient", {"UserPoolId": pool_id, **desired.settings}),
        ]
        return change
    update_members = model_facts.members(KIND, "update_members")
    body = pick(wanted, update_members - {"UserPoolId", "ClientId"})
    publish = secrets.publish_change(fields)
    if publish is None:
        # Omitted, Cognito keeps the secret where it is; re-sent, true would migrate
        # (and rotate) again (doc: UpdateUserPoolClient.PublishSecretsInAWSSecretsManager).
        body.pop(secrets.PUBLISH, None)
    else:
        change.reason = secrets.publish_reason(publish, live)
        change.warnings += [w for w in [secrets.publish_warning(publish)] if w]
    if any(f.path != secrets.SECRET_PATH for f in fields):
        change.requests = [Request("UpdateUserPoolClient",
                                   {"UserPoolId": pool_id, "ClientId": live.client_id,
                                    **body},
                                   note=f"full update: {len(body)} fields")]
    if rotate:
        _plan_rotation(change, desired, live, pool_id)
    if live.unmodeled:
        change.blocked = unmodeled_message(live.unmodeled)
    return change


def _rotates_secret(desired: DesiredClient, live: LiveClient,
                    fields: list[FieldChange]) -> bool:
    """A custom secret the spec changes, on a client that keeps its secret (a
    generate_secret change is a replace, which sends the spec's secret anyway)."""
    given = desired.settings.get(secrets.SECRET)
    if given is None or not live.has_secret:
        return False
    if any(f.path == "generate_secret" for f in fields):
        return False
    return secrets.secret_differs(given, live) is True


def _secret_unreadable(desired: DesiredClient, live: LiveClient,
                       fields: list[FieldChange]) -> bool:
    return (desired.settings.get(secrets.SECRET) is not None and live.has_secret
            and not any(f.path == "generate_secret" for f in fields)
            and secrets.secret_differs(desired.settings[secrets.SECRET], live) is None)


def _plan_rotation(change: Change, desired: DesiredClient, live: LiveClient,
                   pool_id: str) -> None:
    if live.secret_ids is None:
        change.blocked = ("the client's secrets were not listed, so their rotation can't "
                          "be planned; run plan again")
        return
    change.requests += secrets.rotation(pool_id, live.client_id,
                                        desired.settings[secrets.SECRET], live.secret_ids)
    change.warnings.append(secrets.rotation_warning(live.secret_ids))


def unmodeled_message(paths: list[str]) -> str:
    return (f"the live resource has fields this version doesn't model ({', '.join(paths)}); "
            "a full update would reset them. Upgrade cognito-reconciler, "
            "or change it elsewhere")
