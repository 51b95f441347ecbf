"""A change's fields as nested blocks, the way a reviewer reads them (issue 13).

``policies.password_policy.minimum_length`` becomes a ``policies { password_policy {
... } }`` block; a structure value is a block of its members, not one line of JSON;
a list that changes shows the items added and removed. Values are written in the
one notation (reconciler/notation.py), binary assets as their size and digest, and
what Cognito assigns on create as "(known after apply)".

The output is (depth, symbol, text) lines, shared by the text and Markdown plans;
neither escaping nor colour happens here.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from reconciler.notation import notation
from reconciler.plan.model import CREATED_PREFIX, SENSITIVE
from reconciler.render.plan_data import field_items

KNOWN_AFTER_APPLY = "(known after apply)"
Line = tuple[int, str, str]  # depth, symbol ("+", "-", "~" or " "), text
Step = str  # as shown: a name, a quoted map key or a bracketed index

_STEP = re.compile(r'\.?([A-Za-z_][A-Za-z0-9_:-]*)|\[("(?:[^"\\]|\\.)*")\]|\[([^\]]*)\]')


def parse_path(path: str) -> list[Step]:
    """``a.b["c d"][x]`` -> ``["a", "b", '"c d"', "x"]``; anything unparsable is one step."""
    steps: list[Step] = []
    position = 0
    while position < len(path):
        match = _STEP.match(path, position)
        if not match or match.end() == position:
            return [path]
        name, quoted, raw = match.groups()
        if quoted is not None:
            steps.append(quoted)
        elif raw is not None:
            steps.append(f"[{raw}]" if raw.isdigit() else raw)
        else:
            steps.append(name)
        position = match.end()
    return steps or [path]


@cache
def _blob_names() -> frozenset[str]:
    """The spec names of binary members (``image_file``, an asset's ``bytes``), from the
    generated schema rather than a hand-kept list."""
    from reconciler.spec.schema_data import load_schema

    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in (node.get("properties") or {}).items():
                if isinstance(value, dict) and value.get("x-aws-type") == "blob":
                    names.add(key)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(load_schema())
    return frozenset(names)


def binary_text(value: str) -> str:
    """A base64 asset as its size and digest: the bytes mean nothing to a reviewer."""
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raw = value.encode()
    return f"(binary: {len(raw)} bytes, sha256 {hashlib.sha256(raw).hexdigest()[:16]})"


def value_text(value: Any, name: str = "") -> str:
    """A scalar (or a list of scalars) in the plan's notation."""
    if isinstance(value, str):
        if value.startswith(CREATED_PREFIX):
            return KNOWN_AFTER_APPLY
        if name in _blob_names():
            return binary_text(value)
    return notation(value)


def _simple(value: Any) -> bool:
    return not isinstance(value, dict | list) or (
        isinstance(value, list) and all(not isinstance(v, dict | list) for v in value))


@dataclass
class _Node:
    children: dict[Step, _Node] = field(default_factory=dict)
    field: Mapping[str, Any] | None = None


def _tree(fields: Iterable[Mapping[str, Any]]) -> _Node:
    root = _Node()
    for item in fields:
        node = root
        for step in parse_path(str(item["path"])):
            node = node.children.setdefault(step, _Node())
        if node.field is not None or node.children:
            # Two fields on one path, or one inside another: keep each, keyed apart.
            node = root.children.setdefault(str(item["path"]), _Node())
        node.field = item
    return root


def field_lines(fields: Sequence[Mapping[str, Any]], create: bool = False) -> list[Line]:
    """Every field of a change, nested by path, at depth 0."""
    return _children(_tree(fields), 0, create)


def _children(node: _Node, depth: int, create: bool) -> list[Line]:
    lines: list[Line] = []
    for step, child in node.children.items():
        if child.field is not None:
            lines += _leaf(step, child.field, depth, create)
        else:
            inner = _children(child, depth + 1, create)
            # A block on a path of an existing resource changes; only a new one is added.
            symbol = "+" if create else "~"
            lines += [(depth, symbol, f"{step} {{"), *inner, (depth, " ", "}")]
    return lines


def _leaf(step: Step, item: Mapping[str, Any], depth: int, create: bool) -> list[Line]:
    before, after = item.get("before"), item.get("after")
    if item.get("sensitive") or (before == SENSITIVE and after == SENSITIVE):
        if create or before is None:
            return [(depth, "+", f"{step} = {SENSITIVE}")]
        return [(depth, "~", f"{step}: {SENSITIVE} -> {SENSITIVE}")]
    if create or before is None:
        return added(step, after, depth)
    if after is None:
        return removed(step, before, depth)
    items = field_items(item)
    if items is not None:
        return _list_change(step, items, depth)
    return changed(step, before, after, depth)


def added(step: Step, value: Any, depth: int, symbol: str = "+") -> list[Line]:
    """A value that appears (``+``) or goes (``-``), structures as blocks."""
    if isinstance(value, dict) and value:
        inner: list[Line] = []
        for key in sorted(value):
            inner += added(dumps_step(key), value[key], depth + 1, symbol)
        return [(depth, symbol, f"{step} {{"), *inner, (depth, " ", "}")]
    if isinstance(value, list) and not _simple(value):
        inner = []
        for element in value:
            inner += _item(element, depth + 1, symbol)
        return [(depth, symbol, f"{step} ["), *inner, (depth, " ", "]")]
    return [(depth, symbol, f"{step} = {value_text(value, step)}")]


def removed(step: Step, value: Any, depth: int) -> list[Line]:
    return added(step, value, depth, "-")


def _item(value: Any, depth: int, symbol: str) -> list[Line]:
    """One list item: a structure as an anonymous block, a scalar on its line."""
    if isinstance(value, dict) and value:
        inner: list[Line] = []
        for key in sorted(value):
            inner += added(dumps_step(key), value[key], depth + 1, symbol)
        return [(depth, symbol, "{"), *inner, (depth, " ", "}")]
    return [(depth, symbol, value_text(value))]


def _list_change(step: Step, items: Mapping[str, list[Any]], depth: int) -> list[Line]:
    inner: list[Line] = []
    for value in items.get("added", []):
        inner += _item(value, depth + 1, "+")
    for value in items.get("removed", []):
        inner += _item(value, depth + 1, "-")
    return [(depth, "~", f"{step} ["), *inner, (depth, " ", "]")]


def changed(step: Step, before: Any, after: Any, depth: int) -> list[Line]:
    """A value that changes: structures member by member, scalars as ``a -> b``."""
    if isinstance(before, dict) and isinstance(after, dict):
        inner: list[Line] = []
        for key in sorted(set(before) | set(after)):
            old, new = before.get(key), after.get(key)
            if old == new:
                continue
            if old is None:
                inner += added(dumps_step(key), new, depth + 1)
            elif new is None:
                inner += removed(dumps_step(key), old, depth + 1)
            else:
                items = field_items({"before": old, "after": new})
                inner += (_list_change(dumps_step(key), items, depth + 1) if items is not None
                          else changed(dumps_step(key), old, new, depth + 1))
        return [(depth, "~", f"{step} {{"), *inner, (depth, " ", "}")]
    if _simple(before) and _simple(after):
        return [(depth, "~", f"{step}: {value_text(before, step)} -> {value_text(after, step)}")]
    return [*removed(step, before, depth), *added(step, after, depth)]


def known_lines(names: Sequence[str], depth: int = 0) -> list[Line]:
    return [(depth, "+", f"{name} = {KNOWN_AFTER_APPLY}") for name in names]


def as_text(lines: Iterable[Line], indent: int, step: int = 4) -> list[tuple[str, str]]:
    """(text, symbol) pairs, Terraform's layout: the symbol before the name, blocks
    indented by ``step``; a closing brace lines up with its name."""
    out = []
    for depth, symbol, text in lines:
        pad = " " * (indent + depth * step)
        out.append((f"{pad}{symbol} {text}" if symbol != " " else f"{pad}  {text}", symbol))
    return out


def dumps_step(key: str) -> str:
    """A map key as a step: plain names bare, others quoted."""
    return key if key.isidentifier() else json.dumps(key)
