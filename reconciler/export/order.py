"""A readable, stable key order for exported specs.

A pool's own keys follow the console's sections (``POOL_SECTIONS``); everything
below them follows botocore's model, whose member order is the API reference's
(``MinimumLength`` before ``RequireUppercase``, ``ClientName`` first). Keys the
model doesn't order (tool keys, newer members) come after, alphabetically.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from reconciler.spec.schema_data import resolve

# (comment naming the console section, the pool keys it holds), in spec order.
POOL_SECTIONS: tuple[tuple[str | None, tuple[str, ...]], ...] = (
    (None, ("pool_name", "id", "region")),
    ("Sign-in experience: how users sign in",
     ("username_attributes", "alias_attributes", "username_configuration")),
    ("Sign-up experience: attributes", (
        "schema", "auto_verified_attributes", "user_attribute_update_settings")),
    ("Sign-in experience: password policy and sign-in factors", ("policies",)),
    ("Security: MFA", (
        "mfa_configuration", "software_token_mfa_configuration", "sms_mfa_configuration",
        "email_mfa_configuration", "web_authn_configuration")),
    ("Sign-in experience: account recovery and remembered devices", (
        "account_recovery_setting", "device_configuration")),
    ("Sign-up experience: self-service sign-up and invitations", ("admin_create_user_config",)),
    ("Messaging", (
        "email_configuration", "sms_configuration", "verification_message_template",
        "email_verification_subject", "email_verification_message",
        "sms_verification_message", "sms_authentication_message")),
    ("User pool properties: feature plan, deletion protection, tags", (
        "user_pool_tier", "deletion_protection", "user_pool_tags")),
    ("User pool properties: Lambda triggers", ("lambda_config",)),
    ("Security: threat protection", ("user_pool_add_ons", "risk_configuration")),
    ("Settings: log streaming", ("log_delivery_configuration",)),
    ("App integration: domain", ("domain",)),
    ("Branding: hosted UI customization", ("ui_customization",)),
    ("Sign-in experience: federated identity providers", ("identity_providers",)),
    ("App integration: resource servers", ("resource_servers",)),
    ("Groups", ("groups",)),
    ("App integration: app clients", ("clients",)),
)
POOL_KEY_ORDER: tuple[str, ...] = tuple(key for _, keys in POOL_SECTIONS for key in keys)
SECTION_OF: dict[str, str | None] = {key: title for title, keys in POOL_SECTIONS for key in keys}


@cache
def _service_model() -> Any:
    from reconciler.aws.service_model import service_model  # the schema's own model

    return service_model()


@cache
def _member_order(shape_name: str | None, operation: str | None) -> tuple[str, ...]:
    try:
        model = _service_model()
        if operation:
            shape = model.operation_model(operation).input_shape
        elif shape_name:
            shape = model.shape_for(shape_name)
        else:
            return ()
    except Exception:  # an unknown name: fall back to alphabetical order
        return ()
    return tuple(getattr(shape, "members", {}) or ())


def key_order(node: Mapping[str, Any]) -> list[str]:
    """The spec keys of a structure node in the order export writes them."""
    node = resolve(node)
    props: Mapping[str, Any] = node.get("properties", {})
    by_member = {prop.get("x-aws-name"): key for key, prop in props.items()
                 if isinstance(prop, Mapping)}
    members = _member_order(node.get("x-aws-shape"), node.get("x-aws-operation"))
    ordered = [by_member[m] for m in members if m in by_member]
    if "id" in props and ordered:
        # The tool's pin goes right below the name it pins (client_name first).
        ordered.insert(1, "id")
    return ordered + sorted(k for k in props if k not in ordered)


def ordered(value: Any, node: Mapping[str, Any] | None) -> Any:
    """``value`` (spec-shaped) with every structure's keys in export order, recursively.
    Map keys (tags, attribute mappings, provider details) are sorted; documents are
    kept as they are."""
    if node is None:
        return value
    node = resolve(node)
    kind = node.get("x-aws-type")
    if kind in ("map", "document"):
        if kind == "map" and isinstance(value, dict):
            inner = node.get("additionalProperties")
            child = inner if isinstance(inner, Mapping) else None
            return {k: ordered(value[k], child) for k in sorted(value)}
        return value
    if isinstance(value, list):
        items = node.get("items")
        return [ordered(v, items if isinstance(items, Mapping) else None) for v in value]
    if isinstance(value, dict) and node.get("type") == "object":
        props: Mapping[str, Any] = node.get("properties", {})
        order = key_order(node)
        rank = {key: index for index, key in enumerate(order)}
        keys = sorted(value, key=lambda k: (rank.get(k, len(rank)), k))
        return {k: ordered(value[k], props.get(k)) for k in keys}
    return value


def pool_ordered(pool: dict[str, Any], node: Mapping[str, Any]) -> dict[str, Any]:
    """A pool's keys by console section; below them, ``ordered``."""
    props: Mapping[str, Any] = resolve(node).get("properties", {})
    rank = {key: index for index, key in enumerate(POOL_KEY_ORDER)}
    # Keys no section names (a newer schema) go before the clients, alphabetically.
    clients_rank = rank["clients"]
    keys = sorted(pool, key=lambda k: (rank.get(k, clients_rank - 0.5), k))
    return {k: ordered(pool[k], props.get(k)) for k in keys}
