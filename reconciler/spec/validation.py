"""JSON Schema validation with every error as one readable line at its source position."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from reconciler.errors import Diagnostic, Location
from reconciler.spec.schema_data import load_schema, resolve
from reconciler.spec.yaml_source import SpecPath, format_path

_YAML11_BOOLEANS = {"yes", "no", "on", "off"}
# Keywords about a value itself, most telling first: only the first one found is shown.
_VALUE_KEYWORDS = (
    "type",
    "const",
    "enum",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
    "pattern",
)
_TYPE_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean (true or false)",
    "object": "a mapping",
    "array": "a list",
    "null": "nothing",
}


@dataclass
class Source:
    """What validation needs to point at the YAML behind a path."""

    locate_key: Callable[[SpecPath], Location]  # a key's position (or its nearest parent)
    locate_value: Callable[[SpecPath], Location]  # where the value itself starts
    plain_tokens: Mapping[SpecPath, str] = field(default_factory=dict)
    hidden: set[SpecPath] = field(default_factory=set)  # never echo these values
    skip: set[SpecPath] = field(default_factory=set)  # already reported (substitution errors)


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema())


def schema_at(path: SpecPath) -> dict[str, Any] | None:
    """The (resolved) schema node describing ``path`` of a spec document, if any."""
    node: Mapping[str, Any] = load_schema()
    for step in path:
        node = resolve(node)
        if isinstance(step, int):
            items = node.get("items")
            if not isinstance(items, dict):
                return None
            node = items
        elif step in node.get("properties", {}):
            node = node["properties"][step]
        elif isinstance(node.get("additionalProperties"), dict):
            node = node["additionalProperties"]
        else:
            return None
    return resolve(node)


def expected_type(path: SpecPath) -> str | None:
    node = schema_at(path)
    kind = node.get("type") if node else None
    return kind if isinstance(kind, str) else None


def validate(
    doc: Any, source: Source, rebase: Callable[[SpecPath], SpecPath] = lambda p: p
) -> list[Diagnostic]:
    """Every schema error in ``doc``. ``source`` is keyed by the doc's own paths;
    ``rebase`` maps them to the paths shown (a file's pools within the merged spec)."""
    errors = list(_validator().iter_errors(doc))
    # One finding per value: "expected a string" makes "not one of ..." noise, and
    # "too short" makes "doesn't match the pattern" noise.
    best: dict[SpecPath, int] = {}
    for error in errors:
        if error.validator in _VALUE_KEYWORDS and "propertyNames" not in error.schema_path:
            path = tuple(error.absolute_path)
            rank = _VALUE_KEYWORDS.index(str(error.validator))
            best[path] = min(rank, best.get(path, rank))
    diagnostics: dict[Diagnostic, None] = {}  # ordered and without duplicates
    for error in errors:
        path = tuple(error.absolute_path)
        if (
            error.validator in _VALUE_KEYWORDS
            and "propertyNames" not in error.schema_path
            and _VALUE_KEYWORDS.index(str(error.validator)) != best[path]
        ):
            continue
        if any(path[: len(p)] == p for p in source.skip):
            continue
        for where, message, about in _diagnose(error, path, source, rebase):
            diagnostics[Diagnostic(where, message, format_path(about))] = None
    return list(diagnostics)


def _diagnose(
    error: ValidationError,
    path: SpecPath,
    source: Source,
    rebase: Callable[[SpecPath], SpecPath],
) -> Iterable[tuple[Location, str, SpecPath]]:
    """(where, message, the path shown) for one error; ``path`` is the doc's own."""
    keyword = error.validator
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    instance = error.instance
    shown = rebase(path)
    where = f" in {_label(shown)}" if path else ""
    if "propertyNames" in error.schema_path:
        key_path = (*path, str(instance))
        message = f"key '{instance}'{where}: {_rule(error)}"
        yield source.locate_key(key_path), message, rebase(key_path)
        return
    if keyword == "additionalProperties" and isinstance(instance, dict):
        known = list(schema.get("properties", {}))
        for key in instance:
            if key not in known:
                key_path = (*path, key)
                message = f"unknown key '{key}'{where}{_did_you_mean(key, known)}"
                yield source.locate_key(key_path), message, rebase(key_path)
        return
    if keyword == "required" and isinstance(instance, dict):
        for key in error.validator_value:
            if key not in instance:
                yield source.locate_key(path), f"missing required key '{key}'{where}", shown
        return
    hidden = path in source.hidden or bool(schema.get("x-aws-sensitive"))
    message = _value_message(error, path, source, hidden)
    # An empty value has no position of its own worth showing: point at its key.
    at = source.locate_key(path) if instance is None else source.locate_value(path)
    yield at, f"{_label(shown)}: {message}", shown


def _value_message(error: ValidationError, path: SpecPath, source: Source, hidden: bool) -> str:
    keyword, limit, instance = error.validator, error.validator_value, error.instance
    shown = "the value (hidden)" if hidden else _show(instance)
    if keyword == "type":
        wanted = [limit] if isinstance(limit, str) else list(limit)
        expected = " or ".join(_TYPE_NAMES.get(t, t) for t in wanted)
        enum = error.schema.get("enum") if isinstance(error.schema, dict) else None
        if enum:
            expected = "one of " + ", ".join(str(v) for v in enum)
        got = _a_type(instance) if hidden else _describe(instance)
        message = f"expected {expected}, got {got}"
        token = source.plain_tokens.get(path)
        if token is not None and "string" in wanted:
            if isinstance(instance, bool) and token.lower() in _YAML11_BOOLEANS:
                return (
                    f"unquoted {token} is read by YAML 1.1 as the boolean "
                    f'{str(instance).lower()}; write "{token}" (quoted)'
                )
            if instance is not None and not enum:
                return f'{message}; write "{token}" (quoted) if you mean the text'
        return message
    if keyword == "enum":
        allowed = [str(v) for v in limit]
        hint = _did_you_mean(str(instance), allowed) if not hidden else ""
        return f"{shown} is not one of {', '.join(allowed)}{hint}"
    if keyword == "const":
        return f"must be {limit!r}, not {shown}"
    if keyword in ("minimum", "exclusiveMinimum"):
        return f"{shown} is below the minimum {limit}"
    if keyword in ("maximum", "exclusiveMaximum"):
        return f"{shown} is above the maximum {limit}"
    if keyword == "pattern":
        original = (
            error.schema.get("x-aws-pattern", limit) if isinstance(error.schema, dict) else limit
        )
        return f"{shown} does not match the pattern AWS requires: {original}"
    return _rule(error)


def _rule(error: ValidationError) -> str:
    keyword, limit, instance = error.validator, error.validator_value, error.instance
    size = len(instance) if isinstance(instance, (str, list, dict)) else 0
    rules = {
        "minLength": f"must be at least {limit} character{_s(limit)} long",
        "maxLength": f"must be at most {limit} character{_s(limit)} long (it has {size})",
        "minItems": f"must have at least {limit} item{_s(limit)}",
        "maxItems": f"must have at most {limit} item{_s(limit)} (it has {size})",
        "minProperties": f"must have at least {limit} entr{'y' if limit == 1 else 'ies'}",
        "maxProperties": f"must have at most {limit} entries (it has {size})",
        "pattern": f"does not match the pattern {error.schema.get('x-aws-pattern', limit)}"
        if isinstance(error.schema, dict)
        else "",
    }
    return rules.get(str(keyword), str(error.message))


def _s(count: Any) -> str:
    return "" if count == 1 else "s"


def _label(path: SpecPath) -> str:
    """The key an error is about, with any list indexes after it: ``explicit_auth_flows[1]``."""
    if not path:
        return "the spec"
    start = len(path) - 1
    while start > 0 and isinstance(path[start], int):
        start -= 1
    return format_path(path[start:])


def _did_you_mean(word: str, choices: list[str]) -> str:
    folded = {c.lower().replace("_", ""): c for c in choices}
    exact = folded.get(word.lower().replace("_", "").replace("-", ""))
    if exact:
        return f" (did you mean '{exact}'?)"
    lowered = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f" (did you mean '{lowered[close[0]]}'?)" if close else ""


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"' if len(value) <= 60 else f'"{value[:57]}..."'
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, (dict, list)):
        return _a_type(value)
    return str(value)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {_show(value)}"
    if isinstance(value, int):
        return f"the integer {value}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {_show(value)}"
    return _show(value)


def _a_type(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    for kind, name in ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string")):
        if isinstance(value, kind):
            return _TYPE_NAMES[name]
    return "a mapping" if isinstance(value, dict) else "a list"
