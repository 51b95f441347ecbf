"""User pool schema attributes as AWS keeps and describes them.

AWS: DescribeUserPool lists *every* standard attribute with its server
defaults (string constraints as strings "0".."2048"; sub required and
immutable; the *_verified flags Boolean; updated_at a Number; identities a
String with empty constraints), merged with what CreateUserPool said about
them, followed by custom attributes named ``custom:x`` (``dev:custom:x`` when
developer-only). moto lists only the attributes the request named.
"""

from __future__ import annotations

import copy
from typing import Any

from reconciler.standard_attributes import STANDARD_ATTRIBUTES

from .errors import invalid_parameter

# The standard attributes and their server defaults: shared with the tool.
STANDARD = STANDARD_ATTRIBUTES

MAX_CUSTOM_ATTRIBUTES = 50  # AWS quota: custom attributes per user pool
_CONSTRAINT_KEYS = {"String": "StringAttributeConstraints", "Number": "NumberAttributeConstraints"}


def _check_limits(name: str, data_type: str, constraints: dict[str, Any]) -> None:
    """AWS's checks on constraint values (they are numbers written as strings)."""
    if data_type == "String":
        low, high = constraints.get("MinLength"), constraints.get("MaxLength")
        what = "StringAttributeConstraints"
    else:
        low, high = constraints.get("MinValue"), constraints.get("MaxValue")
        what = "NumberAttributeConstraints"
    parsed: list[int | None] = []
    for raw in (low, high):
        if raw is None:
            parsed.append(None)
            continue
        try:
            parsed.append(int(raw))
        except ValueError:
            raise invalid_parameter(f"Invalid {what} for schema attribute {name}") from None
    lo, hi = parsed
    if data_type == "String":
        if any(v is not None and (v < 0 or v > 2048) for v in (lo, hi)):
            raise invalid_parameter(
                f"user.{name}: String attributes cannot have a length of more than 2048"
            )
        if lo is not None and hi is not None and lo > hi:
            raise invalid_parameter(f"user.{name}: Max length cannot be less than min length.")
    elif lo is not None and hi is not None and lo > hi:
        raise invalid_parameter(f"user.{name}: Max value cannot be less than min value.")


def _standard(item: dict[str, Any]) -> dict[str, Any]:
    name = item["Name"]
    base = copy.deepcopy(STANDARD[name])
    data_type = item.get("AttributeDataType")
    if (data_type and data_type != base["AttributeDataType"]) or item.get(
        "DeveloperOnlyAttribute"
    ):
        raise invalid_parameter(
            "You can not change AttributeDataType or set developerOnlyAttribute for "
            f"standard schema attribute {name}"
        )
    for flag in ("Mutable", "Required"):
        if item.get(flag) is not None:
            base[flag] = item[flag]
    key = _CONSTRAINT_KEYS.get(base["AttributeDataType"])
    if key and item.get(key):
        # ASSUMED: constraints given for a standard attribute replace the
        # defaults key by key (an omitted bound keeps the server default).
        merged = dict(base.get(key) or {})
        merged.update(item[key])
        _check_limits(name, base["AttributeDataType"], merged)
        base[key] = merged
    return {"Name": name, "DeveloperOnlyAttribute": False, **base}


def custom_attribute(item: dict[str, Any]) -> dict[str, Any]:
    """A custom attribute from a Schema / AddCustomAttributes item."""
    name = item["Name"]
    data_type = item.get("AttributeDataType")
    if not data_type:
        raise invalid_parameter(
            "Invalid AttributeDataType input, consider using the provided AttributeDataType enum."
        )
    if item.get("Required"):
        raise invalid_parameter("Required custom attributes are not supported currently.")
    developer_only = bool(item.get("DeveloperOnlyAttribute", False))
    full_name = ("dev:custom:" if developer_only else "custom:") + name
    described: dict[str, Any] = {
        "Name": full_name,
        "AttributeDataType": data_type,
        "DeveloperOnlyAttribute": developer_only,
        "Mutable": item.get("Mutable", True),
        "Required": False,
    }
    key = _CONSTRAINT_KEYS.get(data_type)
    if key:
        # AWS shows an empty constraints object when none were given.
        constraints = dict(item.get(key) or {})
        _check_limits(full_name, data_type, constraints)
        described[key] = constraints
    return described


def build(requested: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """SchemaAttributes for a new pool from CreateUserPool's ``Schema``."""
    given: dict[str, dict[str, Any]] = {}
    for item in requested or []:
        if item["Name"] in given:
            raise invalid_parameter(f"Duplicate attribute name: {item['Name']}")
        given[item["Name"]] = item
    attributes = [
        _standard(given[name]) if name in given else {"Name": name, "DeveloperOnlyAttribute":
                                                      False, **copy.deepcopy(spec)}
        for name, spec in STANDARD.items()
    ]
    custom = [custom_attribute(item) for name, item in given.items() if name not in STANDARD]
    if len(custom) > MAX_CUSTOM_ATTRIBUTES:
        raise invalid_parameter(
            f"A user pool can have at most {MAX_CUSTOM_ATTRIBUTES} custom attributes."
        )
    return attributes + custom


def add_custom(existing: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """AddCustomAttributes: the schema with ``new`` appended, or AWS's error."""
    taken = {attr["Name"] for attr in existing}
    added: list[dict[str, Any]] = []
    for item in new:
        attribute = custom_attribute(item)
        base = item["Name"]
        # AWS: a name is taken whether the existing one is developer-only or not.
        if {f"custom:{base}", f"dev:custom:{base}"} & taken:
            raise invalid_parameter(
                f"custom:{base}: Existing attribute already has name {attribute['Name']}."
            )
        taken.add(attribute["Name"])
        added.append(attribute)
    custom_count = sum(1 for attr in existing if attr["Name"] not in STANDARD) + len(added)
    if custom_count > MAX_CUSTOM_ATTRIBUTES:
        raise invalid_parameter(
            f"A user pool can have at most {MAX_CUSTOM_ATTRIBUTES} custom attributes."
        )
    return existing + added


def described(attributes: list[dict[str, Any]], has_providers: bool) -> list[dict[str, Any]]:
    """SchemaAttributes as DescribeUserPool lists them.

    AWS: ``identities`` (federated links) appears once the pool has an identity
    provider (terraform-provider-aws flattenSchemaAttributeTypes; AWS CLI examples
    list 20 attributes without it). ASSUMED: it is hidden again when the last one goes.
    """
    return [copy.deepcopy(a) for a in attributes if has_providers or a["Name"] != "identities"]


def attribute_names(schema: list[dict[str, Any]]) -> set[str]:
    return {attr["Name"] for attr in schema}
