"""Generic operations on API-shaped documents: merge, canonical form, leaf diff."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from reconciler.plan.model import FieldChange
from reconciler.plan.shapes import Shape

Path = tuple[str | int, ...]


def is_empty(value: Any, in_map: bool = False) -> bool:
    # Cognito omits empty strings, lists and maps and returns {} for unset structures,
    # so an absent value, None, "", [] and {} all mean the same thing to it; but in a
    # map (tags, attribute mappings) a key with the value "" is data.
    if value == "":
        return not in_map
    return value is None or value == [] or value == {}


def merge(live: Any, managed: Any, shape: Shape, whole: frozenset[Path] = frozenset(),
          path: Path = ()) -> Any:
    """The spec's managed values laid over the live document.

    Structures merge member by member (a member the spec leaves out keeps its live
    value: it is not managed); lists, maps and scalars the spec sets replace the
    live value, as do structures listed in ``whole``.
    """
    if (
        isinstance(managed, dict)
        and isinstance(live, dict)
        and not shape.is_map
        and path not in whole
    ):
        result = dict(live)
        for key, value in managed.items():
            result[key] = merge(live.get(key), value, shape.child(key), whole, (*path, key))
        return result
    return managed


def canonical(value: Any, shape: Shape | None = None) -> Any:
    """A form in which equal meaning is equal data: empties dropped, lists as sets.

    ``shape`` (the documents' kind) tells maps from structures; without it every
    dict is taken for a structure.
    """
    if isinstance(value, dict):
        in_map = bool(shape and shape.is_map)
        out = {k: canonical(v, shape.child(k) if shape else None)
               for k, v in value.items() if not is_empty(v, in_map)}
        return {k: v for k, v in sorted(out.items()) if not is_empty(v, in_map)}
    if isinstance(value, list):
        # Every list in the Cognito pool and client APIs is order-insensitive
        # (auth flows, scopes, URLs, attributes, recovery options keyed by priority).
        items = [canonical(v, shape.child(0) if shape else None) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, default=str))
    return value


def leaf_changes(before: Any, after: Any, path: Path = ()) -> list[tuple[Path, Any, Any]]:
    """(path, before, after) for every differing leaf of two canonical documents.

    Structures and maps are walked (an added structure shows as its added leaves);
    lists are leaves, compared whole.
    """
    if before == after:
        return []
    if isinstance(before, dict | None) and isinstance(after, dict | None):
        before, after = before or {}, after or {}
        changes: list[tuple[Path, Any, Any]] = []
        for key in sorted(set(before) | set(after)):
            changes.extend(leaf_changes(before.get(key), after.get(key), (*path, key)))
        return changes
    return [(path, before, after)]


def fingerprint(document: Any) -> str:
    text = json.dumps(document, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def pick(document: dict[str, Any], members: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k in members}


def field_changes(shape: Shape, before: Any, after: Any,
                  sensitive: frozenset[Path] = frozenset()) -> list[FieldChange]:
    """Differing leaves of two canonical API documents, as the spec names and writes them."""
    return [
        FieldChange(shape.spec_path(path), shape.spec_value(path, old),
                    shape.spec_value(path, new),
                    sensitive=any(path[:len(s)] == s for s in sensitive))
        for path, old, new in leaf_changes(before, after)
    ]
