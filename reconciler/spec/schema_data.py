"""The generated JSON Schema (``reconciler/data/schema.json``), read once."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

_DEFS_PREFIX = "#/$defs/"


@cache
def load_schema() -> dict[str, Any]:
    """The whole schema. Cached: callers must not mutate it."""
    text = (
        resources.files("reconciler")
        .joinpath("data")
        .joinpath("schema.json")
        .read_text(encoding="utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


def definition(name: str) -> dict[str, Any]:
    """A ``$defs`` entry by name (``"UserPool"``, ``"aws.PasswordPolicyType"``) or by
    ``$ref`` (``"#/$defs/UserPool"``), with a ``$ref`` at its top followed."""
    return resolve({"$ref": name if name.startswith(_DEFS_PREFIX) else _DEFS_PREFIX + name})


def _lookup(name: str) -> dict[str, Any]:
    defs: dict[str, dict[str, Any]] = load_schema()["$defs"]
    try:
        return defs[name]
    except KeyError:
        raise KeyError(f"no definition {name!r} in the spec schema") from None


def resolve(node: Mapping[str, Any]) -> dict[str, Any]:
    """``node`` with its ``$ref`` (if any) followed; sibling keywords are not merged."""
    seen = 0
    while "$ref" in node:
        ref: str = node["$ref"]
        if not ref.startswith(_DEFS_PREFIX):
            raise ValueError(f"unsupported $ref {ref!r} in the spec schema")
        node = _lookup(ref[len(_DEFS_PREFIX) :])
        seen += 1
        if seen > 32:  # a generator bug, not a user error: fail loudly
            raise ValueError(f"$ref cycle at {ref!r}")
    return node if isinstance(node, dict) else dict(node)
