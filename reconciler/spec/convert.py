"""Spec data <-> API data, driven by the schema (``x-aws-name``), never by a table.

Spec keys are snake_case; API members are the botocore names. Map keys (tag keys,
attribute names, provider details) are data and pass through unchanged. Blobs are
base64 text in a spec and bytes in the API (botocore encodes them itself).

``node`` is any schema node: ``definition("Client")``, a property, or an item schema.
"""

from __future__ import annotations

import base64
import copy
from collections.abc import Mapping
from typing import Any

from reconciler.spec.schema_data import resolve

ApiPath = tuple[str | int, ...]


def to_api(value: Any, node: Mapping[str, Any]) -> Any:
    """Spec-shaped ``value`` -> API-shaped. Tool keys (no ``x-aws-name``) are dropped:
    the caller handles them (``clients``, ``id``, ...). Keys the schema doesn't know
    are kept as they are, so a mistake fails loudly at the API rather than vanishing."""
    node = resolve(node)
    kind = _kind(node)
    if kind == "structure" and isinstance(value, Mapping):
        props: Mapping[str, Any] = node.get("properties", {})
        out: dict[str, Any] = {}
        for key, item in value.items():
            prop = props.get(key)
            if prop is None:
                out[key] = copy.deepcopy(item)
            elif "x-aws-name" in prop:
                out[prop["x-aws-name"]] = to_api(item, prop)
        return out
    if kind == "map" and isinstance(value, Mapping):
        return {key: to_api(item, node["additionalProperties"]) for key, item in value.items()}
    if kind == "list" and isinstance(value, list):
        return [to_api(item, node["items"]) for item in value]
    if kind == "blob" and isinstance(value, str):
        return base64.b64decode(value)
    return copy.deepcopy(value)


def from_api(value: Any, node: Mapping[str, Any]) -> Any:
    """API-shaped ``value`` -> spec-shaped. Members the schema doesn't know (a newer
    API, a read-only field) are kept under their API name so nothing is lost silently."""
    node = resolve(node)
    kind = _kind(node)
    if kind == "structure" and isinstance(value, Mapping):
        names = _by_api_name(node)
        out: dict[str, Any] = {}
        for member, item in value.items():
            found = names.get(member)
            if found is None:
                out[member] = copy.deepcopy(item)
            else:
                out[found[0]] = from_api(item, found[1])
        return out
    if kind == "map" and isinstance(value, Mapping):
        return {key: from_api(item, node["additionalProperties"]) for key, item in value.items()}
    if kind == "list" and isinstance(value, list):
        return [from_api(item, node["items"]) for item in value]
    if kind == "blob" and isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return copy.deepcopy(value)


def spec_path(api_path: ApiPath, node: Mapping[str, Any]) -> ApiPath:
    """A path of API member names, list indexes and map keys -> the spec's path, e.g.
    ``("Policies", "PasswordPolicy", "MinimumLength")`` -> ``("policies",
    "password_policy", "minimum_length")``. Unknown members keep their API name."""
    out: list[str | int] = []
    current: Mapping[str, Any] | None = node
    for step in api_path:
        if current is None:  # below a document or an unknown member: copy the rest
            out.append(step)
            continue
        resolved = resolve(current)
        kind = _kind(resolved)
        if kind == "structure" and isinstance(step, str):
            found = _by_api_name(resolved).get(step)
            out.append(found[0] if found else step)
            current = found[1] if found else None
        elif kind == "map":
            out.append(step)
            current = resolved["additionalProperties"]
        elif kind == "list" and isinstance(step, int):
            out.append(step)
            current = resolved["items"]
        else:
            out.append(step)
            current = None
    return tuple(out)


def _kind(node: Mapping[str, Any]) -> str:
    if node.get("x-aws-type") in ("map", "blob", "document"):
        return str(node["x-aws-type"])
    if node.get("type") == "object":
        return "structure"
    if node.get("type") == "array":
        return "list"
    return "scalar"


def _by_api_name(node: Mapping[str, Any]) -> dict[str, tuple[str, Mapping[str, Any]]]:
    props: Mapping[str, Mapping[str, Any]] = node.get("properties", {})
    return {prop["x-aws-name"]: (key, prop) for key, prop in props.items() if "x-aws-name" in prop}
