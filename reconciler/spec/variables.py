"""``${env:NAME}`` and ``${var:NAME}`` in string values.

A variable's value comes from ``--var NAME=VALUE``, else the ``--var-file`` files
(later files win), else the spec's ``variables:`` defaults. ``$${`` is a literal
``${``. A value that is exactly one reference takes the variable's type (a default
``ttl: 60``), or the type the schema expects there (``--var ttl=60`` for an integer
field), so numbers and booleans can be variables too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reconciler.errors import Diagnostic, Location
from reconciler.spec.yaml_source import SpecPath, format_path

NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_REFERENCE = re.compile(r"(env|var):([A-Za-z_][A-Za-z0-9_]*)")
_WHOLE = re.compile(r"\$\{(?:env|var):[A-Za-z_][A-Za-z0-9_]*\}")
COMMAND_LINE = Location("<command line>", 1, 1)
Scalar = str | int | float | bool


@dataclass(frozen=True)
class Definition:
    value: Scalar
    location: Location
    origin: str  # "--var", "--var-file", "variables:"


@dataclass
class Substitution:
    data: Any
    env_paths: set[SpecPath] = field(default_factory=set)
    # Every value used, for the digest: ("env" | "var", name) -> value.
    used: dict[tuple[str, str], str] = field(default_factory=dict)
    errors: list[Diagnostic] = field(default_factory=list)
    error_paths: set[SpecPath] = field(default_factory=set)


class _Unresolved(Exception):
    pass


class _AlreadyReported(Exception):
    """The reference uses a variable whose definition is already an error."""


class Substituter:
    """Resolves references in one merged document."""

    def __init__(
        self,
        definitions: Mapping[str, Definition],
        environ: Mapping[str, str],
        expected_type: Callable[[SpecPath], str | None],
        broken: set[str] | frozenset[str] = frozenset(),
    ) -> None:
        self.definitions = definitions
        self.environ = environ
        self.expected_type = expected_type
        self.broken = broken
        self.referenced: set[str] = set()

    def run(self, data: Any, path: SpecPath, where: Callable[[SpecPath], Location]) -> Substitution:
        result = Substitution(data=None)
        result.data = self._walk(data, path, where, result)
        return result

    def _walk(
        self, value: Any, path: SpecPath, where: Callable[[SpecPath], Location], out: Substitution
    ) -> Any:
        if isinstance(value, dict):
            return {k: self._walk(v, (*path, k), where, out) for k, v in value.items()}
        if isinstance(value, list):
            return [self._walk(v, (*path, i), where, out) for i, v in enumerate(value)]
        if not isinstance(value, str) or "$" not in value:
            return value
        try:
            return self._substitute(value, path, out)
        except _Unresolved as problem:
            out.errors.append(Diagnostic(where(path), str(problem), format_path(path)))
            out.error_paths.add(path)
            return value
        except _AlreadyReported:
            out.error_paths.add(path)
            return value

    def _substitute(self, text: str, path: SpecPath, out: Substitution) -> Any:
        pieces: list[Scalar] = []
        i = 0
        while i < len(text):
            start = text.find("$", i)
            if start < 0:
                pieces.append(text[i:])
                break
            pieces.append(text[i:start])
            if text.startswith("$${", start):
                pieces.append("${")
                i = start + 3
            elif text.startswith("${", start):
                end = text.find("}", start)
                if end < 0:
                    raise _Unresolved(
                        f"'{text[start : start + 20]}' has no closing '}}' "
                        "(write $${ for a literal ${)"
                    )
                pieces.append(self._resolve(text[start + 2 : end], path, out))
                i = end + 1
            else:
                pieces.append("$")
                i = start + 1
        if _WHOLE.fullmatch(text):
            return self._typed(pieces[1], path)  # pieces: ["", value]
        return "".join(_text(p) for p in pieces)

    def _resolve(self, inner: str, path: SpecPath, out: Substitution) -> Scalar:
        match = _REFERENCE.fullmatch(inner)
        if match is None:
            raise _Unresolved(
                f"'${{{inner}}}' is not a variable reference: write ${{env:NAME}} or "
                "${var:NAME} (or $${ for a literal ${)"
            )
        kind, name = match.groups()
        if kind == "env":
            if name not in self.environ:
                raise _Unresolved(f"environment variable {name} is not set")
            out.env_paths.add(path)
            out.used[("env", name)] = self.environ[name]
            return self.environ[name]
        self.referenced.add(name)
        if name in self.broken:
            raise _AlreadyReported(name)
        definition = self.definitions.get(name)
        if definition is None:
            raise _Unresolved(
                f"variable {name} is not defined: give it with --var {name}=VALUE, "
                "in a --var-file, or under variables:"
            )
        out.used[("var", name)] = str(_text(definition.value))
        return definition.value

    def _typed(self, value: Scalar, path: SpecPath) -> Scalar:
        expected = self.expected_type(path)
        if expected == "string" or not isinstance(value, str):
            return _text(value) if expected == "string" else value
        if expected == "integer" and re.fullmatch(r"[+-]?[0-9]+", value.strip()):
            return int(value)
        if expected == "boolean" and value.strip().lower() in ("true", "false"):
            return value.strip().lower() == "true"
        return value


def _text(value: Scalar) -> str:
    # Booleans as YAML/JSON write them, so "${var:flag}" inside a string reads "true".
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def check_defaults(
    defaults: Mapping[str, Any], where: Callable[[SpecPath], Location]
) -> tuple[set[str], list[Diagnostic]]:
    """``variables:`` values are literals: a reference in one is an error, not a chain.
    Returns the names in error (their uses are not reported again) and the errors."""
    broken = {
        name
        for name, value in defaults.items()
        if isinstance(value, str) and re.search(r"(?<!\$)\$\{", value)
    }
    errors = [
        Diagnostic(
            where(("variables", name)),
            f"variable {name}: a default can't refer to other variables",
            format_path(("variables", name)),
        )
        for name in sorted(broken)
    ]
    return broken, errors


def parse_cli_vars(cli_vars: Mapping[str, str]) -> tuple[dict[str, Definition], list[Diagnostic]]:
    defs: dict[str, Definition] = {}
    errors: list[Diagnostic] = []
    for name, value in cli_vars.items():
        if not NAME.fullmatch(name):
            errors.append(Diagnostic(COMMAND_LINE, f"--var {name!r}: not a variable name"))
        else:
            defs[name] = Definition(value, COMMAND_LINE, "--var")
    return defs, errors


def parse_var_file(
    data: Any, locations: Mapping[SpecPath, Location], file: str
) -> tuple[dict[str, Definition], list[Diagnostic]]:
    """A var file is a flat mapping of names to strings, numbers or booleans."""
    root = locations.get((), Location(file, 1, 1))
    if not isinstance(data, dict):
        return {}, [Diagnostic(root, "a var file must be a mapping of NAME: value")]
    defs: dict[str, Definition] = {}
    errors: list[Diagnostic] = []
    for name, value in data.items():
        where = locations.get((name,), root)
        if not NAME.fullmatch(name):
            errors.append(Diagnostic(where, f"{name!r} is not a variable name"))
        elif value is None or not isinstance(value, (str, int, float, bool)):
            errors.append(Diagnostic(where, f"{name}: a variable is a string, number or boolean"))
        else:
            defs[name] = Definition(value, where, "--var-file")
    return defs, errors


def unused_warnings(
    layers: list[Mapping[str, Definition]], referenced: set[str]
) -> list[Diagnostic]:
    warnings = []
    for layer in layers:
        for name, definition in layer.items():
            if name not in referenced:
                warnings.append(
                    Diagnostic(
                        definition.location,
                        f"variable {name} is never used (set by {definition.origin})",
                        severity="warning",
                    )
                )
    return warnings
