"""Live documents -> the spec a person would write. Pure: no AWS, no output.

What is left out: settings equal to Cognito's defaults (``defaults.py``; ``full``
keeps them), read-only members, standard schema attributes as Cognito defines them,
provider details the service derives, and every secret (a client with a secret
gets ``generate_secret: true``; an identity provider's secret becomes an
``${env:NAME}`` reference, listed in ``Exported.secrets``). A setting the spec
leaves out is not managed, so each omission keeps ``plan`` empty.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from reconciler import model_facts, pool_features
from reconciler.errors import ReconcilerError
from reconciler.export import defaults as known
from reconciler.export.order import SECTION_OF, ordered, pool_ordered
from reconciler.export.read import ExportedClient, ExportedPool
from reconciler.model import LivePart
from reconciler.plan import tokens
from reconciler.plan.documents import canonical, is_empty
from reconciler.plan.parts import (
    CLIENT_SESSION_CONFIGURATION,
    SECRET_DETAIL_KEYS,
    SESSION_CONFIGURATION,
    PartKind,
    at_default,
)
from reconciler.plan.pool_view import unify
from reconciler.plan.pools import DESCRIBE_ALIASES
from reconciler.plan.shapes import Shape
from reconciler.spec.convert import from_api
from reconciler.spec.schema_data import definition, resolve

Path = tuple[str | int, ...]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass
class EnvSecret:
    name: str  # the environment variable
    where: str  # what it is, for people


@dataclass
class Exported:
    """One pool as a spec item, with what the YAML around it should say."""

    name: str
    pool: dict[str, Any]  # spec-shaped, in export order
    comments: dict[Path, list[str]] = field(default_factory=dict)  # before a key ("" = blank)
    inline: dict[Path, str] = field(default_factory=dict)  # after a key's value
    secrets: list[EnvSecret] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # things people should know
    name_is_unique: bool = True  # no other pool in the region has this name


# --- defaults ------------------------------------------------------------------------


def _normal(value: Any, node: Mapping[str, Any] | None = None) -> Any:
    """``value`` in the plan's canonical form (``node``: its schema, which tells a map,
    where ``""`` is data, from a structure); None when it is empty."""
    shape = Shape(dict(node)) if node else None
    found = canonical(value, shape)
    return None if is_empty(found, bool(shape and shape.is_map)) else found


def same(a: Any, b: Any, node: Mapping[str, Any] | None = None) -> bool:
    """Equal in Cognito's terms: empties are absent, lists are sets."""
    return bool(_normal(a, node) == _normal(b, node))


def _kind(node: Mapping[str, Any] | None) -> str:
    if not node:
        return "unknown"
    node = resolve(node)
    if node.get("x-aws-type") in ("map", "document", "blob"):
        return str(node["x-aws-type"])
    return "structure" if node.get("type") == "object" else "other"


def _member_node(node: Mapping[str, Any] | None, member: str) -> dict[str, Any] | None:
    if not node:
        return None
    for prop in resolve(node).get("properties", {}).values():
        if isinstance(prop, dict) and prop.get("x-aws-name") == member:
            return prop
    return None


def prune(value: Any, rule: known.Default | None, node: Mapping[str, Any] | None) -> Any:
    """``value`` without what equals leaving it out: MISSING when all of it does.

    Inside a structure, members equal to the defaults they get when the structure
    is given without them go; a structure every member of which is such a default
    is kept whole (leaving it out would not recreate it)."""
    if rule is not None and any(same(value, alt, node) for alt in rule.absent):
        return MISSING
    if _normal(value, node) is None:
        # Empty, where leaving the member out gives something (no auth flows at all,
        # rather than the three default ones): the empty value is the setting.
        if rule is not None and rule.absent:
            return value
        return MISSING
    if isinstance(value, dict) and _kind(node) == "structure":
        kept: dict[str, Any] = {}
        for member, item in value.items():
            inner = rule.given.get(member) if rule is not None else None
            pruned = prune(item, inner, _member_node(node, member))
            if pruned is not MISSING:
                kept[member] = pruned
        return kept or value
    return value


def _settings(document: Mapping[str, Any], rules: Mapping[str, known.Default],
              node: Mapping[str, Any], full: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for member, value in document.items():
        if value is None:
            continue
        kept = value if full else prune(value, rules.get(member), _member_node(node, member))
        if kept is not MISSING:
            out[member] = kept
    return out


# --- API -> spec ---------------------------------------------------------------------


def _known_only(value: Any, node: Mapping[str, Any] | None, path: str,
                dropped: list[str]) -> Any:
    """``value`` without structure members the schema doesn't know (noted in ``dropped``)."""
    kind = _kind(node)
    if node is None or kind in ("document", "blob", "unknown"):
        return value
    node = resolve(node)
    if kind == "map" and isinstance(value, dict):
        inner = node.get("additionalProperties")
        child = inner if isinstance(inner, dict) else None
        return {k: _known_only(v, child, f"{path}.{k}", dropped) for k, v in value.items()}
    if isinstance(value, list):
        items = node.get("items")
        child = items if isinstance(items, dict) else None
        return [_known_only(v, child, f"{path}[{i}]", dropped) for i, v in enumerate(value)]
    if kind == "structure" and isinstance(value, dict):
        out: dict[str, Any] = {}
        for member, item in value.items():
            prop = _member_node(node, member)
            if prop is None:
                dropped.append(f"{path}.{member}" if path else member)
                continue
            out[member] = _known_only(item, prop, f"{path}.{member}" if path else member,
                                      dropped)
        return out
    return value


def escape(value: Any) -> Any:
    """Strings with ``${`` as the spec writes them (``$${``), so none reads as a variable."""
    if isinstance(value, str):
        return value.replace("${", "$${")
    if isinstance(value, dict):
        return {k: escape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [escape(v) for v in value]
    return value


def to_spec(document: Mapping[str, Any], definition_name: str, where: str,
            notes: list[str]) -> dict[str, Any]:
    """An API document -> spec-shaped, ordered, escaped (members the schema lacks noted)."""
    node = definition(definition_name)
    dropped: list[str] = []
    api = _known_only(dict(document), node, "", dropped)
    if dropped:
        notes.append(f"{where}: left out what the spec format has no key for: "
                     f"{', '.join(sorted(dropped))}")
    spec: dict[str, Any] = escape(ordered(from_api(api, node), node))
    return spec


def _pick_known(document: Mapping[str, Any], definition_name: str) -> dict[str, Any]:
    """The top-level members the spec can hold (ids, dates and statuses go)."""
    node = definition(definition_name)
    return {k: v for k, v in document.items()
            if v is not None and _member_node(node, k) is not None}


def env_name(*parts: str) -> str:
    name = re.sub(r"[^A-Za-z0-9]+", "_", "_".join(parts)).strip("_").upper()
    return f"_{name}" if name[:1].isdigit() else name


# --- the pool ------------------------------------------------------------------------


def _pool_settings(live: ExportedPool, full: bool) -> dict[str, Any]:
    renamed = {DESCRIBE_ALIASES.get(k, k): v for k, v in live.describe.items()}
    settable = (model_facts.members("user_pool", "create_members")
                | model_facts.members("user_pool", "update_members"))
    settable -= {"UserPoolId", "PoolName", "Schema"}
    # One spelling of mirrored members, and never the legacy UnusedAccountValidityDays
    # (AWS refuses a request that carries it): what the planner compares.
    document = unify({k: v for k, v in renamed.items() if k in settable})
    mfa_members = model_facts.members("mfa", "update_members") - {"UserPoolId"}
    document.update({k: v for k, v in live.mfa.items() if k in mfa_members})
    if not full:
        # Issuer, key, ACR and DCR at their defaults (ACR: only its custom levels).
        document = pool_features.without_defaults(document)
    return _settings(document, known.POOL, definition("UserPool"), full)


CONSTRAINTS = ("StringAttributeConstraints", "NumberAttributeConstraints")
# The spec's limit on schema attribute names (botocore's CustomAttributeNameType).
_NAME_LIMIT = int(definition("aws.SchemaAttributeType")["properties"]["name"]["maxLength"])


def _constraint_text(value: Any) -> dict[str, str]:
    return {k: str(v) for k, v in (value or {}).items()}


def schema_items(attributes: list[dict[str, Any]], full: bool,
                 notes: list[str]) -> list[dict[str, Any]]:
    """SchemaAttributes -> the spec's ``schema`` (API-shaped, CreateUserPool names)."""
    items: list[dict[str, Any]] = []
    for attribute in attributes:
        name = str(attribute.get("Name", ""))
        if name in known.STANDARD_ATTRIBUTES:
            item = _standard_item(name, attribute, full)
            if item is not None and len(name) > _NAME_LIMIT:
                notes.append(f"schema attribute {name}: the spec format refuses names longer "
                             f"than {_NAME_LIMIT} characters, so it can't be written; left out")
            elif item is not None:
                items.append(item)
        elif name.startswith(("custom:", "dev:custom:")):
            custom = _custom_item(name, attribute, full)
            if str(custom["Name"]).lower() in known.STANDARD_ATTRIBUTES:
                # In a spec, that name means the standard attribute.
                notes.append(f"custom attribute {name} is named like a standard attribute, "
                             "which a spec can't express: left out (it stays, unmanaged)")
            else:
                items.append(custom)
        else:
            notes.append(f"schema attribute {name} is neither standard (as this version knows "
                         "them) nor custom: left out")
    return items


def _standard_item(name: str, attribute: dict[str, Any], full: bool) -> dict[str, Any] | None:
    base = known.STANDARD_ATTRIBUTES[name]
    if full:
        return {"Name": name, **{k: v for k, v in attribute.items()
                                 if k not in ("Name", "DeveloperOnlyAttribute")}}
    item: dict[str, Any] = {"Name": name}
    for flag in ("Mutable", "Required"):
        if attribute.get(flag, base[flag]) != base[flag]:
            item[flag] = attribute.get(flag)
    for key in CONSTRAINTS:
        if _constraint_text(attribute.get(key)) != _constraint_text(base.get(key)):
            item[key] = attribute.get(key) or {}
    return item if len(item) > 1 else None


def _custom_item(name: str, attribute: dict[str, Any], full: bool) -> dict[str, Any]:
    developer_only = name.startswith("dev:custom:")
    bare = name.split("custom:", 1)[1]
    item: dict[str, Any] = {"Name": bare, "AttributeDataType": attribute.get("AttributeDataType")}
    if developer_only or full:
        item["DeveloperOnlyAttribute"] = developer_only
    item["Mutable"] = attribute.get("Mutable", True)
    if attribute.get("Required") or full:
        item["Required"] = bool(attribute.get("Required"))
    for key in CONSTRAINTS:
        if attribute.get(key) or (full and key in attribute):
            item[key] = attribute[key]
    return item


def _secret_reference(out: Exported, provider: str, key: str, prefix: str) -> EnvSecret:
    name = base = env_name(prefix, provider, key)
    taken = {s.name for s in out.secrets}
    count = 1
    while name in taken:  # names that differ only in punctuation or case
        count += 1
        name = f"{base}_{count}"
    secret = EnvSecret(name, f"user pool {out.name}, identity provider {provider}: "
                             f"provider_details.{key}")
    out.secrets.append(secret)
    return secret


def identity_provider(document: dict[str, Any], secrets: list[str], prefix: str,
                      out: Exported, path: Path, full: bool) -> dict[str, Any]:
    """One provider: derived details left out, secrets as ${env:...} references."""
    doc = _pick_known(document, "IdentityProvider")
    name, kind = str(doc.get("ProviderName")), str(doc.get("ProviderType"))
    details = {k: v for k, v in (doc.get("ProviderDetails") or {}).items()
               if k not in SECRET_DETAIL_KEYS}
    settable = known.SETTABLE_PROVIDER_DETAILS.get(kind)
    if settable is not None:
        details = {k: v for k, v in details.items() if k in settable}
    if details.get("MetadataURL"):
        details.pop("MetadataFile", None)  # the service's copy of what the URL serves
    doc["ProviderDetails"] = details
    mapping = dict(doc.get("AttributeMapping") or {})
    if not full and kind != "SAML":
        for key, value in known.SERVER_FILLED_MAPPING.items():
            if mapping.get(key) == value:
                del mapping[key]
    doc["AttributeMapping"] = mapping
    if not full:
        node = definition("IdentityProvider")
        doc = {k: v for k, v in doc.items()
               if _normal(v, _member_node(node, k)) is not None or k == "ProviderDetails"}
    spec = to_spec(doc, "IdentityProvider", f"identity provider {name}", out.notes)
    wanted = sorted(set(secrets) | set(known.REQUIRED_SECRETS.get(kind, ())))
    spec_details = spec.setdefault("provider_details", {})
    for key in wanted:
        secret = _secret_reference(out, name, key, prefix)
        spec_details[key] = f"${{env:{secret.name}}}"
        at: Path = (*path, "provider_details", key)
        out.inline[at] = "a secret: set this variable"
    spec["provider_details"] = dict(sorted(spec_details.items()))
    return spec


def _part(part: Any) -> dict[str, Any] | None:
    return part.document if isinstance(part, LivePart) else None


def _items(part: Any) -> list[dict[str, Any]]:
    return [p.document for p in part] if isinstance(part, list) else []


def _singleton(document: dict[str, Any] | None, definition_name: str,
               rules: Mapping[str, known.Default], where: str, out: Exported,
               full: bool) -> dict[str, Any] | None:
    if document is None:
        return None
    doc = _settings(_pick_known(document, definition_name), rules,
                    definition(definition_name), full)
    if not doc:
        return None
    return to_spec(doc, definition_name, where, out.notes)


def session_configuration(part: Any, kind: PartKind, where: str, out: Exported,
                          full: bool) -> dict[str, Any] | None:
    """Left out at the documented default: what a pool or client that never set it reads
    back, so planning the spec without it is no change."""
    document = _part(part)
    if document is None or (not full and at_default(kind, document)):
        return None
    return _singleton(document, kind.definition, {}, where, out, full)


def ui_customization(document: dict[str, Any] | None, where: str, out: Exported,
                     path: Path) -> dict[str, Any] | None:
    """The classic hosted UI's CSS. Its logo can't be exported: ImageFile is write-only."""
    if document is None:
        return None
    image = bool(document.get("ImageUrl"))
    if not document.get("CSS"):
        if image:
            out.notes.append(f"{where}: only a logo image, which can't be read back "
                             "(image_file is write-only): left out, so it stays as it is")
        return None
    if image:
        # SetUICustomization replaces the whole customization: a later CSS change
        # without image_file removes the logo (the plan says so), so it doesn't "stay".
        out.comments[path] = ["The logo image can't be read back (image_file is write-only). "
                              "It stays until this block changes: add image_file then, or "
                              "the update removes it (the plan says so)."]
    return to_spec({"CSS": document["CSS"]}, "UICustomization", where, out.notes)


def managed_login_branding(document: dict[str, Any] | None, where: str, out: Exported,
                           full: bool) -> dict[str, Any] | None:
    if document is None:
        return None
    doc = _pick_known(document, "ManagedLoginBranding")
    if doc.get("UseCognitoProvidedValues"):
        doc = {"UseCognitoProvidedValues": True}
    pruned = doc if full else _settings(doc, known.MANAGED_LOGIN_BRANDING,
                                        definition("ManagedLoginBranding"), full)
    return to_spec(pruned or doc, "ManagedLoginBranding", where, out.notes)


# --- clients -------------------------------------------------------------------------

TOKEN_UNITS = "TokenValidityUnits"


def _token_settings(describe: Mapping[str, Any], full: bool) -> dict[str, Any]:
    """Token lifetimes that differ from the defaults, each with its unit spelled out."""
    out: dict[str, Any] = {}
    units: dict[str, str] = {}
    for member, (unit_key, default_unit, default_value) in tokens.TOKENS.items():
        seconds = tokens.seconds_of(dict(describe), member)
        if not full and seconds == default_value * tokens.SECONDS[default_unit]:
            continue
        if describe.get(member):
            out[member] = describe[member]
            units[unit_key] = tokens.unit_of(dict(describe), member)
        else:
            out[member] = default_value
            units[unit_key] = default_unit
    if units:
        out[TOKEN_UNITS] = units
    return out


def client_settings(client: ExportedClient, full: bool) -> dict[str, Any]:
    """The client as CreateUserPoolClient members (API-shaped), defaults left out."""
    members = model_facts.members("client", "create_members") - {
        "UserPoolId", "ClientId", "ClientSecret", "GenerateSecret", *tokens.TOKENS, TOKEN_UNITS}
    document = {k: v for k, v in client.describe.items() if k in members}
    document["GenerateSecret"] = client.has_secret
    if client.describe.get("ClientSecretArn"):
        # Describe never returns the flag: a secret Cognito keeps in Secrets Manager shows
        # as its ARN instead (doc: UserPoolClientType.ClientSecretArn).
        document["PublishSecretsInAWSSecretsManager"] = True
    settings = _settings(document, known.CLIENT, definition("Client"), full)
    settings["ClientName"] = client.name
    settings.update(_token_settings(client.describe, full))
    return settings


def client_secret_notes(client: ExportedClient, path: Path, out: Exported) -> None:
    """Where the client's secret is (never what it is), and a client no spec made."""
    arn = client.describe.get("ClientSecretArn")
    published: Path = (*path, "publish_secrets_in_aws_secrets_manager")
    generated: Path = (*path, "generate_secret")
    named: Path = (*path, "client_name")
    if arn:
        out.inline[published] = f"its secret is in Secrets Manager: {arn}"
    elif client.has_secret:
        out.inline[generated] = "its secret stays in Cognito: never exported"
    if client.describe.get("ClientType") == "DCR":
        # doc UserPoolClientType.ClientType: registered by an application; such clients
        # support no client secret operations.
        out.inline[named] = (
            "client_type DCR: an application registered it (dynamic client registration)")


def build_client(client: ExportedClient, path: Path, out: Exported,
                 full: bool) -> dict[str, Any]:
    where = f"client {client.name}"
    spec = to_spec(client_settings(client, full), "Client", where, out.notes)
    spec["id"] = client.client_id
    # Pinned by id (issue 13, trap 5): a new client_name is a rename, and the app's
    # client id survives it.
    pin: Path = (*path, "id")
    out.inline[pin] = "pins this client: a new client_name renames it"
    if client.unmodeled:
        out.notes.append(f"{where}: Cognito returned fields this version doesn't model "
                         f"({', '.join(client.unmodeled)}); they are not in the spec")
    note_unmodeled_parts(client.parts, where, out)
    client_secret_notes(client, path, out)
    if "auth_session_validity" in spec:
        at = (*path, "auth_session_validity")
        out.inline[at] = "minutes"
    ui = ui_customization(_part(client.parts.get("ui_customization")),
                          f"{where}: ui_customization", out, (*path, "ui_customization"))
    if ui is not None:
        spec["ui_customization"] = ui
    risk = _singleton(_part(client.parts.get("risk_configuration")), "RiskConfiguration", {},
                      f"{where}: risk_configuration", out, full)
    if risk is not None:
        spec["risk_configuration"] = risk
    branding = managed_login_branding(_part(client.parts.get("managed_login_branding")),
                                      f"{where}: managed_login_branding", out, full)
    if branding is not None:
        spec["managed_login_branding"] = branding
    spec.update(client_lists(client, where, out, full))
    sessions = session_configuration(client.parts.get("session_configuration"),
                                     CLIENT_SESSION_CONFIGURATION,
                                     f"{where}: session_configuration", out, full)
    if sessions is not None:
        spec["session_configuration"] = sessions
    return spec


# The key each listed part is found by, to name it in a note.
_PART_KEYS = ("GroupName", "Identifier", "ProviderName", "TermsName", "PolicyName")


def note_unmodeled_parts(parts: Mapping[str, Any], where: str, out: Exported) -> None:
    """Say which parts hold fields this version doesn't model (issue 11.4), as for pools."""
    for key, found in sorted(parts.items()):
        for part in found if isinstance(found, list) else [found]:
            if not isinstance(part, LivePart) or not part.unmodeled:
                continue
            name = next((str(part.document[k]) for k in _PART_KEYS if k in part.document), "")
            label = f"{key} {name}".rstrip()
            out.notes.append(f"{where}: {label}: Cognito returned fields this version doesn't "
                             f"model ({', '.join(part.unmodeled)}); they are not in the spec, "
                             "and plan refuses to update it until cognito-reconciler knows them")


def _check_client_names(pool: ExportedPool) -> None:
    ids: dict[str, list[str]] = {}
    for client in pool.clients:
        ids.setdefault(client.name, []).append(client.client_id)
    for name, found in sorted(ids.items()):
        if len(found) > 1:
            raise ReconcilerError(
                f"user pool {pool.name} ({pool.pool_id}) has {len(found)} app clients named "
                f"{name!r} ({', '.join(sorted(found))}); a spec finds clients by name",
                "rename or delete the extra client, then export again")


# --- the whole pool ------------------------------------------------------------------


def build_pool(live: ExportedPool, full: bool = False) -> Exported:
    """The spec of one live pool (a ``user_pools`` item) and what to say around it."""
    _check_client_names(live)
    out = Exported(name=live.name, pool={}, name_is_unique=live.name_is_unique)
    api = _pool_settings(live, full)
    attributes = schema_items(live.describe.get("SchemaAttributes") or [], full, out.notes)
    if attributes:
        api["Schema"] = attributes
    api["PoolName"] = live.name
    pool = to_spec(api, "UserPool", f"user pool {live.name}", out.notes)
    # Pinned by id (issue 13, trap 5): a new pool_name is a rename, never a new pool.
    pool["id"] = live.pool_id
    out.inline[("id",)] = ("another pool in this region has the same name"
                           if not live.name_is_unique else
                           "pins this pool: a new pool_name renames it")
    if live.unmodeled:
        out.notes.append(f"user pool {live.name}: Cognito returned fields this version doesn't "
                         f"model ({', '.join(live.unmodeled)}); they are not in the spec, and "
                         "plan refuses to update the pool until cognito-reconciler knows them")
    note_unmodeled_parts(live.parts, f"user pool {live.name}", out)
    prefix = live.name if live.name_is_unique else f"{live.name}_{live.pool_id}"

    groups = sorted(_items(live.parts.get("groups")), key=lambda d: str(d.get("GroupName")))
    servers = sorted(_items(live.parts.get("resource_servers")),
                     key=lambda d: str(d.get("Identifier")))
    providers = sorted(_items(live.parts.get("identity_providers")),
                       key=lambda d: str(d.get("ProviderName")))
    if groups or full:
        pool["groups"] = [to_spec(_drop_empty(_pick_known(g, "Group"), "Group", full), "Group",
                                  f"group {g.get('GroupName')}", out.notes) for g in groups]
    if servers or full:
        pool["resource_servers"] = [
            to_spec(_drop_empty(_pick_known(s, "ResourceServer"), "ResourceServer", full),
                    "ResourceServer",
                    f"resource server {s.get('Identifier')}", out.notes) for s in servers]
    if providers or full:
        pool["identity_providers"] = [
            identity_provider(p, live.provider_secrets.get(str(p.get("ProviderName")), []),
                              prefix, out, ("identity_providers", i), full)
            for i, p in enumerate(providers)]

    # A replica being deleted is on its way out; one being created settles INACTIVE
    # (its status is left out, so the spec doesn't ask for a status it hasn't reached).
    replicas = sorted((r for r in _items(live.parts.get("replicas"))
                       if r.get("Status") != "DELETING"), key=lambda d: str(d.get("RegionName")))
    if replicas or full:
        pool["replicas"] = [{"region_name": r.get("RegionName"),
                             **({"status": r["Status"]} if r.get("Status") in (
                                 "ACTIVE", "INACTIVE") else {})} for r in replicas]
    domain = _singleton(_part(live.parts.get("domain")), "Domain", known.DOMAIN,
                        "domain", out, full)
    if domain is not None:
        pool["domain"] = domain
        if live.other_domain:
            out.comments[("domain",)] = [
                f"The prefix domain {live.other_domain} is live too; a spec holds one domain, "
                "so it is not managed here."]
    ui = ui_customization(_part(live.parts.get("ui_customization")), "ui_customization", out,
                          ("ui_customization",))
    if ui is not None:
        pool["ui_customization"] = ui
    for key, name in (("risk_configuration", "RiskConfiguration"),
                      ("log_delivery_configuration", "LogDeliveryConfiguration")):
        found = _singleton(_part(live.parts.get(key)), name, {}, key, out, full)
        if found is not None:
            pool[key] = found

    sessions = session_configuration(live.parts.get("session_configuration"),
                                     SESSION_CONFIGURATION, "session_configuration", out, full)
    if sessions is not None:
        pool["session_configuration"] = sessions
    clients = sorted(live.clients, key=lambda c: c.name)
    if clients or full:
        pool["clients"] = [build_client(c, ("clients", i), out, full)
                           for i, c in enumerate(clients)]
    out.pool = pool_ordered(pool, definition("UserPool"))
    _section_comments(out)
    if not full:
        # Defaults are left out, and what a spec leaves out isn't managed: a drift check
        # of this spec would miss a console edit of any of them (issue 13, trap 7).
        first = next(iter(out.pool))
        out.comments[(first,)] = [
            "For a drift check, plan with --strict (or add strict: true): what this spec",
            "leaves out is then managed at Cognito's defaults, so a console edit of a",
            "default-valued setting shows.", *out.comments.get((first,), [])]
    return out


def _drop_empty(document: dict[str, Any], definition_name: str,
                full: bool) -> dict[str, Any]:
    """Without empty members (an empty description is no description)."""
    if full:
        return document
    node = definition(definition_name)
    return {k: v for k, v in document.items() if _normal(v, _member_node(node, k)) is not None}


def _section_comments(out: Exported) -> None:
    """A blank line and the console section's name before each section's first key."""
    seen: set[str] = set()
    for key in out.pool:
        title = SECTION_OF.get(key)
        if title is not None and title not in seen:
            seen.add(title)
            out.comments[(key,)] = ["", title, *out.comments.get((key,), [])]


def spec_document(pools: list[Exported]) -> tuple[dict[str, Any], dict[Path, list[str]],
                                                  dict[Path, str]]:
    """The whole spec (``version: 1``, ``user_pools``) and its comments by path."""
    data = {"version": 1, "user_pools": [p.pool for p in pools]}
    comments: dict[Path, list[str]] = {}
    inline: dict[Path, str] = {}
    for index, pool in enumerate(pools):
        base: Path = ("user_pools", index)
        comments.update({(*base, *path): lines for path, lines in pool.comments.items()})
        inline.update({(*base, *path): text for path, text in pool.inline.items()})
    return data, comments, inline


# A client's listed parts: spec key -> (the key each item is found by, its definition).
CLIENT_LIST_KEYS = {"terms": ("TermsName", "Terms"), "cimd_policies": ("PolicyName", "CIMDPolicy")}


def client_lists(client: ExportedClient, where: str, out: Exported,
                 full: bool) -> dict[str, Any]:
    """The client's terms documents and CIMD policies, sorted by their keys."""
    found: dict[str, Any] = {}
    for key, (name, kind) in CLIENT_LIST_KEYS.items():
        items = sorted(_items(client.parts.get(key)), key=lambda d: str(d.get(name)))
        if items or full:
            found[key] = [to_spec(_drop_empty(_pick_known(d, kind), kind, full), kind,
                                  f"{where}: {key} {d.get(name)}", out.notes) for d in items]
    return found
