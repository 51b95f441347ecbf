"""Validate a request body against the shipped model, the way AWS's front end does.

botocore checks only ``required``, ``min`` and types on the client side; AWS
also enforces ``max``, ``enum`` and ``pattern`` and answers
``InvalidParameterException`` with a message like
"1 validation error detected: Value 'x' at 'poolName' failed to satisfy
constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+".
moto checks none of this, so the sandbox walks the input shape generically.

Paths follow AWS: member names with the first letter lowered, joined by ".";
items of a list of structures are "<list>.<n>.member" (1-based); a list of
scalars is reported once, at the list, with the member's constraints.
Values of sensitive shapes are never echoed ("Value at 'clientSecret' ...").
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from . import model
from .errors import ApiError, invalid_parameter
from .patterns import full_match


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def _java(value: Any) -> str:
    """Render a value the way AWS's (Java) messages do."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_java(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={_java(v)}" for k, v in value.items()) + "}"
    return str(value)


def _type_ok(shape: Any, value: Any) -> bool:
    kind = shape.type_name
    if kind == "structure" and shape.metadata.get("document"):
        return True
    if kind == "string":
        return isinstance(value, str)
    if kind in ("integer", "long"):
        return isinstance(value, int) and not isinstance(value, bool)
    if kind in ("float", "double"):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "list":
        return isinstance(value, list)
    if kind in ("map", "structure"):
        return isinstance(value, dict)
    if kind == "blob":
        return isinstance(value, str)
    if kind == "timestamp":
        return isinstance(value, (int, float, str)) and not isinstance(value, bool)
    return True


# Model patterns known to be wrong. DomainType allows only a prefix label, yet
# the domain calls take fully qualified custom domains ("auth.example.com") in
# the same member [M, CreateUserPoolDomain]; domains.py checks both forms.
_UNTRUSTED_PATTERNS = {"DomainType"}


def _scalar_constraints(shape: Any, value: Any) -> list[str]:
    """Failed constraints of a string/number/blob value (AWS wording)."""
    meta = shape.metadata
    failed: list[str] = []
    kind = shape.type_name
    if kind == "string":
        if "max" in meta and len(value) > meta["max"]:
            failed.append(f"Member must have length less than or equal to {meta['max']}")
        if "min" in meta and len(value) < meta["min"]:
            failed.append(f"Member must have length greater than or equal to {meta['min']}")
        enum = shape.enum
        if enum and value not in enum:
            failed.append(f"Member must satisfy enum value set: [{', '.join(enum)}]")
        pattern = meta.get("pattern")
        trusted = shape.name not in _UNTRUSTED_PATTERNS
        if pattern and trusted and full_match(pattern, value) is False:
            failed.append(f"Member must satisfy regular expression pattern: {pattern}")
    elif kind in ("integer", "long", "float", "double"):
        if "max" in meta and value > meta["max"]:
            failed.append(f"Member must have value less than or equal to {meta['max']}")
        if "min" in meta and value < meta["min"]:
            failed.append(f"Member must have value greater than or equal to {meta['min']}")
    elif kind == "blob":
        try:
            size = len(base64.b64decode(value, validate=True))
        except (binascii.Error, ValueError):
            return ["Member must be valid base64-encoded binary data"]
        if "max" in meta and size > meta["max"]:
            failed.append(f"Member must have length less than or equal to {meta['max']}")
        if "min" in meta and size < meta["min"]:
            failed.append(f"Member must have length greater than or equal to {meta['min']}")
    return failed


def _describe(shape: Any, value: Any, path: str, constraint: str) -> str:
    shown = "" if shape.metadata.get("sensitive") else f" '{_java(value)}'"
    return f"Value{shown} at '{path}' failed to satisfy constraint: {constraint}"


class _Walker:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def value(self, shape: Any, value: Any, path: str) -> None:
        if value is None:
            return  # JSON null is treated as absent, like an omitted member
        if not _type_ok(shape, value):
            self.errors.append(
                _describe(shape, value, path, f"Member must be of type {shape.type_name}")
            )
            return
        kind = shape.type_name
        if kind == "structure":
            if not shape.metadata.get("document"):
                self.structure(shape, value, path)
        elif kind == "list":
            self.sequence(shape, value, path)
        elif kind == "map":
            self.mapping(shape, value, path)
        else:
            for constraint in _scalar_constraints(shape, value):
                self.errors.append(_describe(shape, value, path, constraint))

    def structure(self, shape: Any, value: dict[str, Any], path: str) -> None:
        prefix = f"{path}." if path else ""
        for name in value:
            if name not in shape.members:
                self.errors.append(
                    f"Value at '{prefix}{_lower_first(name)}' failed to satisfy constraint: "
                    f"Member is not a member of {shape.name}"
                )
        for name in shape.required_members:
            if value.get(name) is None:
                self.errors.append(
                    f"Value null at '{prefix}{_lower_first(name)}' failed to satisfy "
                    "constraint: Member must not be null"
                )
        for name, member in shape.members.items():
            if name in value:
                self.value(member, value[name], f"{prefix}{_lower_first(name)}")

    def _length(self, shape: Any, value: Any, path: str, what: str) -> None:
        meta = shape.metadata
        if "max" in meta and len(value) > meta["max"]:
            self.errors.append(
                _describe(shape, value, path, f"{what} must have length less than or equal to "
                          f"{meta['max']}")
            )
        if "min" in meta and len(value) < meta["min"]:
            self.errors.append(
                _describe(shape, value, path, f"{what} must have length greater than or equal "
                          f"to {meta['min']}")
            )

    def sequence(self, shape: Any, value: list[Any], path: str) -> None:
        self._length(shape, value, path, "Member")
        member = shape.member
        if member.type_name in ("structure", "list", "map"):
            for index, item in enumerate(value, start=1):
                self.value(member, item, f"{path}.{index}.member")
            return
        failed: list[str] = []
        for item in value:
            if item is None or not _type_ok(member, item):
                failed.append(f"Member must be of type {member.type_name}")
            else:
                failed.extend(_scalar_constraints(member, item))
        if failed:
            unique = list(dict.fromkeys(failed))
            self.errors.append(
                _describe(member, value, path,
                          f"Member must satisfy constraint: [{', '.join(unique)}]")
            )

    def mapping(self, shape: Any, value: dict[str, Any], path: str) -> None:
        self._length(shape, value, path, "Map")
        key_failures: list[str] = []
        for key in value:
            key_failures.extend(_scalar_constraints(shape.key, key))
        if key_failures:
            unique = list(dict.fromkeys(key_failures))
            self.errors.append(
                _describe(shape.key, list(value), path,
                          f"Map keys must satisfy constraint: [{', '.join(unique)}]")
            )
        for key, item in value.items():
            self.value(shape.value, item, f"{path}.{key}")


def problems(operation: str, body: dict[str, Any]) -> list[str]:
    """Every model violation of ``body`` as input to ``operation``."""
    shape = model.input_shape(operation)
    if shape is None:
        return []
    walker = _Walker()
    walker.structure(shape, body, "")
    return walker.errors


def check_request(operation: str, body: dict[str, Any]) -> None:
    """Raise AWS's InvalidParameterException when ``body`` breaks the model."""
    found = problems(operation, body)
    if not found:
        return
    count = len(found)
    noun = "error" if count == 1 else "errors"
    raise invalid_parameter(f"{count} validation {noun} detected: " + "; ".join(found))


def check_or_none(operation: str, body: dict[str, Any]) -> ApiError | None:
    try:
        check_request(operation, body)
    except ApiError as error:
        return error
    return None
