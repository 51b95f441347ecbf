#!/usr/bin/env python
"""Generate the spec's JSON Schema from the cognito-idp model the package ships.

    python tools/gen_schema.py           # write both schema files
    python tools/gen_schema.py --check   # exit 1 if either file is stale

Everything comes from the shipped model (reconciler/data/models, see
reconciler/aws/service_model.py) plus the tool's own keys (ids, region, nested
resources): there is no per-field table here, so a newer model is picked up by
replacing the shipped file and re-running this script. Conventions that
``reconciler.spec`` relies on: every property taken from a model member carries
``x-aws-name``; tool keys carry none; shared structures live in ``$defs`` as
``aws.<ShapeName>``.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reconciler.naming import snake_name  # noqa: E402

OUTPUTS = (
    ROOT / "schema" / "cognito-reconciler.schema.json",
    ROOT / "reconciler" / "data" / "schema.json",
)
SCHEMA_ID = "urn:cognito-reconciler:spec:1"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
# Ids the tool fills in from live state: they never appear in a spec.
TOOL_FILLED = frozenset({"UserPoolId", "ClientId"})
# Request members the spec does not offer yet, by definition, each with the reason
# (written into the schema as x-not-in-spec, and checked by the coverage test). The
# planner still carries their live values in every update, so leaving them out of
# the spec never resets them.
NOT_IN_SPEC: dict[str, dict[str, str]] = {}
DESCRIPTION_LIMIT = 300
Schema = dict[str, Any]


# --- descriptions -------------------------------------------------------------------


def describe(doc: str) -> str:
    """The first paragraph of model documentation as plain text, for editor hovers."""
    paragraphs = re.findall(r"<p>(.*?)</p>", doc, flags=re.S) or [doc]
    text = next((p for p in paragraphs if _plain(p)), "")
    text = _plain(text)
    if len(text) > DESCRIPTION_LIMIT:
        text = text[:DESCRIPTION_LIMIT].rsplit(" ", 1)[0].rstrip(",;:") + " ..."
    return text


def _plain(fragment: str) -> str:
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
    # Tags replaced by spaces leave "see <a>the guide</a>." as "see the guide ."
    return re.sub(r"\s+([.,;:)])", r"\1", text).replace("( ", "(")


# --- patterns -----------------------------------------------------------------------
# Model patterns are Java regexes matched against the whole value. jsonschema uses
# Python's re.search, which knows no \p{...}. The translation below never rejects a
# value Java accepts: \p{L}\p{M}\p{S}\p{N}\p{P} together ("printable") become
# "anything but control characters and separators", which also admits a few exotic
# code points (format, private use, unassigned) that AWS would refuse at apply time.


class Untranslatable(ValueError):
    pass


_PRINTABLE = frozenset("LMSNP")
# Unicode's separators (categories Zs, Zl, Zp): a closed set, stable across versions.
_SEPARATORS = (0x20, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000)
_CONTROLS = (*range(0x00, 0x20), *range(0x7F, 0xA0))


# Model patterns that AWS itself documents as narrower than what it accepts; they stay
# as x-aws-pattern (documentation) but are not enforced.
PATTERNS_THE_API_DOES_NOT_ENFORCE = {
    # CreateUserPoolDomain: "a fully-qualified domain name, such as auth.example.com"
    # for a custom domain, which the prefix-only pattern would reject.
    "DomainType",
}


def translate_pattern(java: str) -> str:
    """A Python/ECMA-compatible, anchored equivalent of a model pattern."""
    body = java.removeprefix("(?s)")  # "." becomes [\s\S] below, so DOTALL is implied
    if body.startswith("^"):
        body = body[1:]
    if body.endswith("$") and not body.endswith("\\$"):
        body = body[:-1]
    out: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            if body[i + 1] in "pP":
                raise Untranslatable(f"\\{body[i + 1]} outside a character class in {java!r}")
            out.append(body[i : i + 2])
            i += 2
        elif char == "[":
            end, text = _char_class(body, i, java)
            out.append(text)
            i = end
        elif body.startswith("(?", i) and not body.startswith("(?:", i):
            raise Untranslatable(f"inline flag or lookaround in {java!r}")
        else:
            # Java's "." stops at line ends; messages may span lines, so match anything.
            out.append("[\\s\\S]" if char == "." else char)
            i += 1
    return "^(?:" + "".join(out) + ")$"


def _char_class(body: str, start: int, java: str) -> tuple[int, str]:
    i = start + 1
    negated = body.startswith("^", i)
    i += negated
    categories: set[str] = set()
    others: list[str] = []
    while body[i] != "]":
        if body.startswith("\\p{", i) or body.startswith("\\P{", i):
            if body[i + 1] == "P":
                raise Untranslatable(f"negated category in {java!r}")
            close = body.index("}", i)
            categories.add(body[i + 3 : close])
            i = close + 1
        elif body[i] == "\\":
            others.append(body[i : i + 2])
            i += 2
        elif body[i] == "[" or body.startswith("&&", i):
            raise Untranslatable(f"nested class or intersection in {java!r}")
        else:
            others.append(body[i])
            i += 1
    raw = body[start : i + 1]
    if not categories:
        return i + 1, raw
    if not categories <= _PRINTABLE | {"Z"}:
        raise Untranslatable(f"categories {sorted(categories)} in {java!r}")
    if negated or categories == {"Z"}:
        if categories != {"Z"}:
            raise Untranslatable(f"negated printable class in {java!r}")
        spec = "".join(others) + _ranges(_SEPARATORS)
        return i + 1, ("[^" if negated else "[") + spec + "]"
    if not _PRINTABLE <= categories:
        raise Untranslatable(f"partial printable class in {java!r}")
    excluded = set(_CONTROLS) | (set() if "Z" in categories else set(_SEPARATORS))
    if others:
        other_class = re.compile("[" + "".join(others) + "]")
        excluded = {cp for cp in excluded if not other_class.fullmatch(chr(cp))}
    return i + 1, "[^" + _ranges(sorted(excluded)) + "]" if excluded else "[\\s\\S]"


def _ranges(code_points: Any) -> str:
    points = sorted(set(code_points))
    parts: list[str] = []
    run_start = prev = points[0]
    for cp in [*points[1:], None]:
        if cp is not None and cp == prev + 1:
            prev = cp
            continue
        parts.append(
            _escape(run_start) if run_start == prev else f"{_escape(run_start)}-{_escape(prev)}"
        )
        if cp is not None:
            run_start = prev = cp
    return "".join(parts)


def _escape(cp: int) -> str:
    return f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}"


# --- the model walk ----------------------------------------------------------------


@dataclass
class Resource:
    """A top-level definition: one operation's request, minus the tool-filled ids."""

    name: str
    operation: str
    description: str
    tool_keys: dict[str, Schema] = field(default_factory=dict)
    # Members of other operations that live on this definition (the pool's MFA).
    borrowed_from: tuple[str, ...] = ()


def _ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def _array_of(name: str, description: str) -> Schema:
    return {"type": "array", "items": _ref(name), "description": description}


# The one spelling for taking a part away (issue 13): leaving a key out means "not
# managed", so removal is said by naming the key in `remove:`, on the pool or a client.
POOL_REMOVABLE = ("domain", "ui_customization", "risk_configuration",
                  "log_delivery_configuration", "session_configuration")
CLIENT_REMOVABLE = ("analytics_configuration", "ui_customization", "risk_configuration",
                    "managed_login_branding", "session_configuration")


def _removal(keys: tuple[str, ...], owner: str) -> Schema:
    return {
        "type": "array",
        "items": {"enum": list(keys)},
        "uniqueItems": True,
        "description": f"Parts of this {owner} that must not exist: each is removed from the "
        "live resource (a key left out of the spec is not managed at all).",
    }


RESOURCES = (
    Resource(
        "UserPool",
        "CreateUserPool",
        "A user pool: the members of CreateUserPool, the pool's MFA settings "
        "(SetUserPoolMfaConfig) and the resources that belong to the pool.",
        borrowed_from=("SetUserPoolMfaConfig",),
        tool_keys={
            "id": {
                "type": "string",
                "minLength": 1,
                "description": "The live pool's id (e.g. us-east-1_AbCdEf123). When given, "
                "the pool is found by id instead of by pool_name.",
            },
            "region": {
                "type": "string",
                "minLength": 1,
                "description": "The AWS region of the pool; else the usual AWS region "
                "settings apply.",
            },
            "clients": _array_of("Client", "The pool's app clients, found by client_name."),
            "domain": {**_ref("Domain"), "description": "The pool's Cognito or custom domain."},
            "groups": _array_of("Group", "The pool's groups, found by group_name."),
            "resource_servers": _array_of(
                "ResourceServer", "The pool's resource servers, found by identifier."
            ),
            "identity_providers": _array_of(
                "IdentityProvider", "The pool's identity providers, found by provider_name."
            ),
            "ui_customization": {
                **_ref("UICustomization"),
                "description": "The pool-wide classic hosted UI customization.",
            },
            "risk_configuration": {
                **_ref("RiskConfiguration"),
                "description": "The pool-wide threat protection (risk) configuration.",
            },
            "log_delivery_configuration": {
                **_ref("LogDeliveryConfiguration"),
                "description": "Where the pool's user activity and notification logs go.",
            },
            "session_configuration": {
                **_ref("SessionConfiguration"),
                "description": "Session tracking and the most token sessions per user "
                "(SetUserPoolSessionConfiguration); Essentials or Plus tier.",
            },
            "replicas": _array_of(
                "Replica", "The regions the pool is replicated to (multi-Region replication), "
                "found by region_name; a replica left out of the list is deleted."),
            "remove": _removal(POOL_REMOVABLE, "pool"),
            "strict": {
                "type": "boolean",
                "description": "Manage what this pool and its clients leave out at Cognito's "
                "defaults, so a change to any default-valued setting shows as drift "
                "(the same as `plan --strict` for this pool).",
            },
        },
    ),
    Resource(
        "Client",
        "CreateUserPoolClient",
        "An app client: the members of CreateUserPoolClient, plus its own UI "
        "customization, risk configuration and managed login branding.",
        tool_keys={
            "id": {
                "type": "string",
                "minLength": 1,
                "description": "The live client's id. When given, the client is found by id "
                "instead of by client_name, so a new client_name renames it in place.",
            },
            "ui_customization": {
                **_ref("UICustomization"),
                "description": "This client's classic hosted UI customization.",
            },
            "risk_configuration": {
                **_ref("RiskConfiguration"),
                "description": "This client's threat protection (risk) configuration.",
            },
            "managed_login_branding": {
                **_ref("ManagedLoginBranding"),
                "description": "This client's managed login branding style.",
            },
            "session_configuration": {
                **_ref("ClientSessionConfiguration"),
                "description": "How long this client silently reuses an SSO session "
                "(SetUserPoolClientSessionConfiguration); needs the pool's session tracking "
                "ENABLED.",
            },
            "terms": _array_of(
                "Terms", "This client's terms documents (CreateTerms), found by terms_name: "
                "terms-of-use and privacy-policy, one of each at most; one left out of the "
                "list is deleted."),
            "cimd_policies": _array_of(
                "CIMDPolicy", "This client's Client ID Metadata Document policies "
                "(CreateCIMDPolicy), found by policy_name; one left out of the list is "
                "deleted."),
            "remove": _removal(CLIENT_REMOVABLE, "client"),
        },
    ),
    Resource("Domain", "CreateUserPoolDomain", "The pool's domain (CreateUserPoolDomain)."),
    Resource("Group", "CreateGroup", "A group of the pool (CreateGroup)."),
    Resource("ResourceServer", "CreateResourceServer", "A resource server (CreateResourceServer)."),
    Resource(
        "IdentityProvider",
        "CreateIdentityProvider",
        "A federated identity provider (CreateIdentityProvider). Give secrets "
        "such as client_secret only as ${env:NAME} or ${var:NAME}.",
    ),
    Resource(
        "UICustomization",
        "SetUICustomization",
        "Classic hosted UI customization (SetUICustomization).",
    ),
    Resource(
        "RiskConfiguration",
        "SetRiskConfiguration",
        "Threat protection settings (SetRiskConfiguration).",
    ),
    Resource(
        "LogDeliveryConfiguration",
        "SetLogDeliveryConfiguration",
        "Log delivery settings (SetLogDeliveryConfiguration).",
    ),
    Resource(
        "SessionConfiguration",
        "SetUserPoolSessionConfiguration",
        "The pool's session configuration (SetUserPoolSessionConfiguration, a full "
        "replacement: both members are required).",
    ),
    Resource(
        "ClientSessionConfiguration",
        "SetUserPoolClientSessionConfiguration",
        "An app client's session configuration (SetUserPoolClientSessionConfiguration).",
    ),
    Resource(
        "ManagedLoginBranding",
        "CreateManagedLoginBranding",
        "A managed login branding style (CreateManagedLoginBranding).",
    ),
    Resource(
        "Terms",
        "CreateTerms",
        "Terms documents of an app client (CreateTerms): links by language, shown on "
        "managed login's sign-up page.",
    ),
    Resource(
        "CIMDPolicy",
        "CreateCIMDPolicy",
        "A Client ID Metadata Document policy of an app client (CreateCIMDPolicy).",
    ),
    Resource(
        "Replica",
        "CreateUserPoolReplica",
        "A replica of the pool in another region (CreateUserPoolReplica), with its status "
        "(UpdateUserPoolReplica).",
        borrowed_from=("UpdateUserPoolReplica",),
    ),
)


# The tool's own top-level key for `review` (docs/rules.md): findings the spec's
# authors accept, each with its reason. Only `review` reads it.
REVIEW_BLOCK: Schema = {
    "type": "object",
    "description": "Security review acceptances: findings of `cognito-reconciler review` "
    "kept on purpose, each with its reason (docs/rules.md).",
    "additionalProperties": False,
    "required": ["accept"],
    "properties": {
        "accept": {
            "type": "array",
            "description": "One entry per accepted finding: the rule, why, and optionally "
            "where.",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["rule", "because"],
                "properties": {
                    "rule": {"type": "string", "pattern": "^CR[0-9]{3}$",
                             "description": "The rule id, e.g. CR301."},
                    "because": {"type": "string", "minLength": 1,
                                "description": "Why the finding is accepted."},
                    "pool": {"type": "string",
                             "description": "Only in this pool (its pool_name); else every pool."},
                    "client": {"type": "string",
                               "description": "Only for this client (its client_name)."},
                },
            },
        },
    },
}


class Generator:
    def __init__(self, model: Any) -> None:
        self.model = model
        self.defs: dict[str, Schema] = {}

    def build(self) -> Schema:
        for resource in RESOURCES:
            self.defs[resource.name] = self._resource(resource)
        return {
            "$schema": DRAFT,
            "$id": SCHEMA_ID,
            "title": "cognito-reconciler spec",
            "description": "Desired state of Amazon Cognito user pools. Keys are the Cognito API's "
            "request members in snake_case plus the tool's own keys; any string may hold "
            "${env:NAME} or ${var:NAME}.",
            "type": "object",
            "additionalProperties": False,
            "required": ["user_pools", "version"],
            "properties": {
                "version": {"const": 1, "description": "The spec format version: always 1."},
                "variables": {
                    "type": "object",
                    "description": "Default values for ${var:NAME}; --var and --var-file "
                    "override them.",
                    "propertyNames": {"pattern": "^[A-Za-z_][A-Za-z0-9_]*$"},
                    "additionalProperties": {"type": ["string", "number", "boolean"]},
                },
                "user_pools": _array_of("UserPool", "The user pools this spec manages."),
                "strict": {
                    "type": "boolean",
                    "description": "Manage what this file's pools and clients leave out at "
                    "Cognito's defaults, so a change to any default-valued setting shows as "
                    "drift (as `plan --strict` does for a whole run).",
                },
                "review": REVIEW_BLOCK,
            },
            "$defs": dict(sorted(self.defs.items())),
        }

    def _resource(self, resource: Resource) -> Schema:
        shape = self.model.operation_model(resource.operation).input_shape
        left_out = NOT_IN_SPEC.get(resource.name, {})
        unknown = set(left_out) - set(shape.members)
        if unknown:
            raise SystemExit(f"gen_schema: NOT_IN_SPEC names {sorted(unknown)}, which "
                             f"{resource.operation} doesn't have")
        node = self._structure(shape, skip=TOOL_FILLED | frozenset(left_out))
        node.pop("x-aws-shape")
        node["description"] = resource.description
        node["x-aws-operation"] = resource.operation
        if left_out:
            node["x-not-in-spec"] = dict(sorted(left_out.items()))
        props: dict[str, Schema] = node["properties"]
        for operation in resource.borrowed_from:
            other = self.model.operation_model(operation).input_shape
            for member, member_shape in other.members.items():
                if member in TOOL_FILLED or member in shape.members:
                    continue
                prop = self._member(member, member_shape)
                prop["x-aws-operation"] = operation
                _add(props, snake_name(member), prop, resource.name)
        for key, prop in resource.tool_keys.items():
            _add(props, key, prop, resource.name)
        return node

    def _structure(self, shape: Any, skip: frozenset[str] = frozenset()) -> Schema:
        props: dict[str, Schema] = {}
        for member, member_shape in shape.members.items():
            if member not in skip:
                _add(props, snake_name(member), self._member(member, member_shape), shape.name)
        node: Schema = {
            "type": "object",
            "additionalProperties": False,
            "x-aws-shape": shape.name,
            "description": describe(shape.documentation),
            "properties": props,
        }
        required = sorted(snake_name(m) for m in shape.required_members if m not in skip)
        if required:
            node["required"] = required
        return node

    def _member(self, member: str, shape: Any) -> Schema:
        node = self._shape(shape)
        node["x-aws-name"] = member
        node["description"] = describe(shape.documentation)
        return node

    def _shape(self, shape: Any) -> Schema:
        meta = shape.metadata
        if meta.get("document"):
            return {"x-aws-type": "document"}
        kind = shape.type_name
        if kind == "structure":
            name = f"aws.{shape.name}"
            if name not in self.defs:
                self.defs[name] = {}  # placeholder first: a recursive shape refers to itself
                self.defs[name] = self._structure(shape)
            node: Schema = _ref(name)
        elif kind == "list":
            node = {"type": "array", "items": self._shape(shape.member)}
            _bounds(node, meta, "minItems", "maxItems")
        elif kind == "map":
            node = {
                "type": "object",
                "x-aws-type": "map",
                "additionalProperties": self._shape(shape.value),
                "propertyNames": self._shape(shape.key),
            }
            _bounds(node, meta, "minProperties", "maxProperties")
        elif kind == "string":
            node = self._string(shape)
        elif kind in ("integer", "long"):
            node = {"type": "integer"}
            _bounds(node, meta, "minimum", "maximum")
        elif kind in ("float", "double"):
            node = {"type": "number"}
            _bounds(node, meta, "minimum", "maximum")
        elif kind == "boolean":
            node = {"type": "boolean"}
        elif kind == "blob":
            node = {"type": "string", "x-aws-type": "blob", "contentEncoding": "base64"}
        elif kind == "timestamp":
            node = {"type": "string", "format": "date-time", "x-aws-type": "timestamp"}
        else:
            raise SystemExit(f"gen_schema: shape {shape.name} has unsupported type {kind!r}")
        if meta.get("sensitive"):
            node["x-aws-sensitive"] = True
        return node

    def _string(self, shape: Any) -> Schema:
        node: Schema = {"type": "string"}
        if shape.enum:
            node["enum"] = list(shape.enum)
            return node
        _bounds(node, shape.metadata, "minLength", "maxLength")
        java = shape.metadata.get("pattern")
        if java is not None:
            node["x-aws-pattern"] = java
            if shape.name in PATTERNS_THE_API_DOES_NOT_ENFORCE:
                return node
            try:
                node["pattern"] = translate_pattern(java)
            except Untranslatable:
                pass  # x-aws-pattern still documents it; AWS checks it at apply
        return node


def _bounds(node: Schema, meta: dict[str, Any], low: str, high: str) -> None:
    if "min" in meta:
        node[low] = meta["min"]
    if "max" in meta:
        node[high] = meta["max"]


def _add(props: dict[str, Schema], key: str, prop: Schema, owner: str) -> None:
    if key in props:
        raise SystemExit(
            f"gen_schema: {owner}: {prop.get('x-aws-name', key)!r} and "
            f"{props[key].get('x-aws-name', key)!r} both map to {key!r}; add a naming override"
        )
    props[key] = prop


# --- entry points -------------------------------------------------------------------


def build_schema() -> Schema:
    # The model the package ships and its clients load, whatever botocore is installed.
    from reconciler.aws.service_model import service_model

    return Generator(service_model()).build()


def render(schema: Schema) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 if a schema file is stale")
    args = parser.parse_args(argv)
    text = render(build_schema())
    stale = [p for p in OUTPUTS if not p.exists() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(
                f"{path.relative_to(ROOT)} is stale: run python tools/gen_schema.py",
                file=sys.stderr,
            )
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
