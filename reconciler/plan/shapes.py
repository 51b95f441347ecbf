"""Walking API-shaped documents with the generated schema as the map.

The schema (generated from botocore) records each property's API member name
(``x-aws-name``) and marks maps (``x-aws-type: map``), so the core can tell a
structure (merged member by member) from a map (tag sets, replaced whole) and can
show API paths and values in the spec's snake_case, with no hand-written table.
"""

from __future__ import annotations

import json
from typing import Any

from reconciler.spec.convert import from_api, spec_path
from reconciler.spec.schema_data import definition, resolve


class Shape:
    """One schema node, seen through API member names."""

    def __init__(self, node: dict[str, Any] | None) -> None:
        self.node: dict[str, Any] = resolve(node) if node else {}

    @classmethod
    def of(cls, name: str) -> Shape:
        return cls(definition(name))

    @property
    def is_map(self) -> bool:
        return self.node.get("x-aws-type") == "map"

    def _property(self, api_name: str) -> tuple[str, dict[str, Any]] | None:
        for name, prop in self.node.get("properties", {}).items():
            if isinstance(prop, dict) and prop.get("x-aws-name") == api_name:
                return name, prop
        return None

    def child(self, step: str | int) -> Shape:
        if isinstance(step, int):
            items = self.node.get("items")
            return Shape(items if isinstance(items, dict) else None)
        if self.is_map:
            value = self.node.get("additionalProperties")
            return Shape(value if isinstance(value, dict) else None)
        found = self._property(step)
        return Shape(found[1] if found else None)

    def at(self, api_path: tuple[str | int, ...]) -> Shape:
        shape = self
        for step in api_path:
            shape = shape.child(step)
        return shape

    def spec_name(self, api_name: str) -> str:
        found = None if self.is_map else self._property(api_name)
        return found[0] if found else api_name

    def spec_path(self, api_path: tuple[str | int, ...]) -> str:
        """``("Policies", "PasswordPolicy", "MinimumLength")`` -> the spec's dotted path
        ``policies.password_policy.minimum_length``; map keys that aren't plain names are
        quoted (``user_pool_tags["cost-center"]``)."""
        text = ""
        for step in spec_path(api_path, self.node):
            if isinstance(step, int):
                text += f"[{step}]"
            elif step.isidentifier():
                text += f".{step}" if text else step
            else:
                text += f"[{json.dumps(step)}]"
        return text

    def spec_value(self, api_path: tuple[str | int, ...], value: Any) -> Any:
        """An API-shaped value at ``api_path`` as the spec would write it."""
        node = self.at(api_path).node
        return from_api(value, node) if node else value
