"""The shape of a saved plan file, checked before any of it is trusted.

A file is edited, truncated or mixed up by people and CI caches; every value the
apply uses is checked for its type here, so a bad file is one clear line naming
the key, never an internal error (a string where a list belongs would otherwise
be read one character at a time).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

_HEX64 = re.compile(r"[0-9a-f]{64}")
_ACTIONS = {"create", "update", "replace", "delete"}

Check = Callable[[Any], str | None]  # None when fine, else what is wrong


def _string(value: Any) -> str | None:
    return None if isinstance(value, str) and value else "must be a non-empty string"


def _optional_string(value: Any) -> str | None:
    return None if value is None or (isinstance(value, str) and value) else (
        "must be a non-empty string or null")


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _digest(value: Any) -> str | None:
    return None if isinstance(value, str) and _HEX64.fullmatch(value) else (
        "must be 64 hexadecimal digits")


def _strings(non_empty: bool) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            return "must be a list of non-empty strings"
        return "must not be empty" if non_empty and not value else None
    return check


def _map_of(check_value: Check, what: str) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, dict):
            return f"must be a mapping of {what}"
        for key, item in value.items():
            if not key or check_value(item) is not None:
                return f"must be a mapping of {what} (see {key!r})"
        return None
    return check


def _fields(spec: Mapping[str, Check], where: str) -> Check:
    """A mapping with exactly these keys, each checked."""
    def check(value: Any) -> str | None:
        if not isinstance(value, dict):
            return "must be a JSON object"
        prefix = f"{where}." if where else ""
        missing = [k for k in spec if k not in value]
        if missing:
            return f"{prefix}{missing[0]} is missing"
        unknown = sorted(k for k in value if k not in spec)
        if unknown:
            return f"{prefix}{unknown[0]} is not a saved-plan key"
        for key, check_value in spec.items():
            problem = check_value(value[key])
            if problem is not None:
                # Nested checks name their own path; leaf checks say what is wrong.
                return problem if problem.startswith(f"{prefix}{key}.") else (
                    f"{prefix}{key} {problem}")
        return None
    return check


def _changes(value: Any) -> str | None:
    if not isinstance(value, list):
        return "must be a list"
    for index, change in enumerate(value):
        if not (isinstance(change, dict) and isinstance(change.get("address"), str)
                and change.get("action") in _ACTIONS):
            return f"item {index} must be a change with an address and an action"
    return None


def _counts(value: Any) -> str | None:
    ok = isinstance(value, dict) and all(
        isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value.values())
    return None if ok else "must be a mapping of counts"


def _plan(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "must be a JSON object (the JSON plan)"
    if not isinstance(value.get("format_version"), int):
        return "must have a format_version number"
    for key, check in (("summary", _counts), ("changes", _changes)):
        if key not in value:
            return f"plan.{key} is missing"
        problem = check(value[key])
        if problem is not None:
            return f"plan.{key} {problem}"
    return None


_TARGET = _fields({
    "endpoint": _optional_string,
    "regions": _map_of(lambda v: _string(v), "pool addresses to regions"),
    "account": _optional_string,
}, "target")

_FILE = _fields({
    "kind": _string,
    "file_version": lambda v: None if isinstance(v, int) and not isinstance(v, bool) else (
        "must be a number"),
    "tool_version": _string,
    "target": _TARGET,
    "spec_paths": _strings(non_empty=True),
    "variable_names": _strings(non_empty=False),
    "resend_secrets": _boolean,
    "strict": _boolean,
    "spec_digest": _digest,
    "live_fingerprints": _map_of(_optional_string, "addresses to fingerprints or null"),
    "plan": _plan,
}, "")


def check_shape(saved: Any) -> str | None:
    """What is wrong with a saved plan's structure (the first problem), or None."""
    return _FILE(saved)
