"""Schema attributes: matched by name, compared only where the spec speaks, add-only.

DescribeUserPool lists every standard attribute with server defaults and names
custom ones ``custom:x`` (``dev:custom:x`` for developer-only); the spec names
them as CreateUserPool does. Nothing in the API changes an existing attribute.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reconciler.standard_attributes import STANDARD_ATTRIBUTES as _STANDARD

STANDARD_ATTRIBUTES = frozenset(_STANDARD)
CONSTRAINTS = ("StringAttributeConstraints", "NumberAttributeConstraints")


def live_name(attribute: dict[str, Any]) -> str:
    """The name DescribeUserPool uses for a spec (CreateUserPool-style) attribute."""
    name = str(attribute.get("Name", ""))
    if name in STANDARD_ATTRIBUTES or name.startswith(("custom:", "dev:")):
        return name
    if attribute.get("DeveloperOnlyAttribute"):
        return f"dev:custom:{name}"
    return f"custom:{name}"


def _as_number(value: Any) -> Any:
    # Constraints are numbers written as strings in the API ("0".."2048"): "01", 1 and
    # "1" are one bound. Text that isn't a number compares as itself.
    if isinstance(value, bool) or value is None:
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        return value


def _is_server_default(name: str, attribute: dict[str, Any]) -> bool:
    """A standard attribute declared as Cognito defines it (it may not be listed yet:
    ``identities`` appears once the pool has an identity provider)."""
    base = _STANDARD[name]
    for prop, wanted in attribute.items():
        if prop == "Name":
            continue
        if prop in CONSTRAINTS and isinstance(wanted, dict):
            have = base.get(prop) or {}
            if any(_as_number(have.get(b)) != _as_number(v) for b, v in wanted.items()):
                return False
        elif base.get(prop, False if isinstance(wanted, bool) else None) != wanted:
            return False
    return True


@dataclass
class SchemaDiff:
    additions: list[dict[str, Any]] = field(default_factory=list)  # for AddCustomAttributes
    # (attribute name, property, live value, spec value)
    immutable: list[tuple[str, str, Any, Any]] = field(default_factory=list)
    missing_standard: list[str] = field(default_factory=list)
    unmanaged_custom: list[str] = field(default_factory=list)  # live custom attrs not in spec


def diff_schema(spec: list[dict[str, Any]] | None,
                live: list[dict[str, Any]]) -> SchemaDiff:
    result = SchemaDiff()
    if spec is None:
        return result
    live_by_name = {str(a.get("Name")): a for a in live}
    declared = set()
    for attribute in spec:
        name = live_name(attribute)
        declared.add(name)
        current = live_by_name.get(name)
        if current is None:
            if name in STANDARD_ATTRIBUTES:
                if not _is_server_default(name, attribute):
                    result.missing_standard.append(name)
            else:
                result.additions.append(attribute)
            continue
        for prop, wanted in attribute.items():
            if prop == "Name":
                continue
            if prop in CONSTRAINTS and isinstance(wanted, dict):
                have = current.get(prop) or {}
                for bound, limit in wanted.items():
                    if _as_number(have.get(bound)) != _as_number(limit):
                        result.immutable.append(
                            (name, f"{prop}.{bound}", have.get(bound), limit))
                continue
            have = current.get(prop, False if isinstance(wanted, bool) else None)
            if have != wanted:
                result.immutable.append((name, prop, have, wanted))
    result.unmanaged_custom = sorted(
        n for n in live_by_name if n not in STANDARD_ATTRIBUTES and n not in declared)
    return result
