"""Walking API-shaped documents with the generated schema as the map.

The schema (generated from botocore) records each property's API member name
(``x-aws-name``) and marks maps (``x-aws-type: map``), so the core can tell a
structure (merged member by member) from a map (tag sets, replaced whole) and can
print API paths in the spec's snake_case, with no hand-written field table.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def _schema() -> dict[str, Any]:
    text = resources.files("reconciler").joinpath("data/schema.json").read_text()
    schema: dict[str, Any] = json.loads(text)
    return schema


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    seen = 0
    while "$ref" in node and seen < 50:
        ref = node["$ref"]
        name = ref.split("/")[-1]
        node = {**_schema()["$defs"][name], **{k: v for k, v in node.items() if k != "$ref"}}
        seen += 1
    return node


class Shape:
    """One schema node, seen through API member names."""

    def __init__(self, node: dict[str, Any] | None) -> None:
        self.node = _resolve(node) if node else {}

    @classmethod
    def of(cls, definition: str) -> Shape:
        return cls(_schema()["$defs"][definition])

    @property
    def is_map(self) -> bool:
        return self.node.get("x-aws-type") == "map"

    def _by_api_name(self) -> dict[str, tuple[str, dict[str, Any]]]:
        props = self.node.get("properties", {})
        return {
            prop.get("x-aws-name", name): (name, prop)
            for name, prop in props.items()
            if isinstance(prop, dict)
        }

    def child(self, api_name: str) -> Shape:
        if self.is_map:
            extra = self.node.get("additionalProperties")
            return Shape(extra if isinstance(extra, dict) else None)
        found = self._by_api_name().get(api_name)
        return Shape(found[1] if found else None)

    def item(self) -> Shape:
        items = self.node.get("items")
        return Shape(items if isinstance(items, dict) else None)

    def spec_name(self, api_name: str) -> str:
        if self.is_map:
            return api_name
        found = self._by_api_name().get(api_name)
        return found[0] if found else api_name

    def spec_path(self, api_path: tuple[str | int, ...]) -> str:
        """API path -> spec path.

        ``("Policies", "PasswordPolicy", "MinimumLength")`` ->
        ``policies.password_policy.minimum_length``.
        """
        shape: Shape = self
        text = ""
        for part in api_path:
            if isinstance(part, int):
                text += f"[{part}]"
                shape = shape.item()
                continue
            name = shape.spec_name(part)
            if shape.is_map:
                text += f"[{json.dumps(name)}]" if not name.isidentifier() else f".{name}"
            else:
                text += f".{name}" if text else name
            shape = shape.child(part)
        return text.lstrip(".")
