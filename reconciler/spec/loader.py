"""Spec files -> one validated document with source locations (``load_spec``).

Stages: find the files, parse each (``yaml_source``), merge variables, substitute
``${...}`` (``variables``), validate each file against the schema (``validation``),
then check the merged document (``semantics``). Every finding of every stage is
collected, so one run reports all of them. Nothing here talks to AWS.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reconciler.errors import Diagnostic, Location, SpecError
from reconciler.spec import semantics, variables
from reconciler.spec.validation import Source, expected_type, validate
from reconciler.spec.yaml_source import SourceDoc, SpecPath, format_path, read_source

__all__ = ["LoadedSpec", "SpecPath", "load_spec"]

SPEC_SUFFIXES = (".yaml", ".yml")


def locate_in(locations: Mapping[SpecPath, Location], path: SpecPath) -> Location:
    """The location of ``path``, or of its nearest located ancestor."""
    probe = tuple(path)
    while probe:
        if probe in locations:
            return locations[probe]
        probe = probe[:-1]
    return locations.get((), Location("<spec>", 1, 1))


@dataclass
class LoadedSpec:
    # The merged document: {"version": 1, "variables": {...}, "user_pools": [...]},
    # variables already substituted. Plain dicts/lists/scalars only.
    data: dict[str, Any]
    # Where each mapping key / list item / scalar of ``data`` came from.
    locations: dict[SpecPath, Location]
    # Paths whose value was produced from ${env:...} (treated as possibly secret).
    env_paths: set[SpecPath] = field(default_factory=set)
    # sha256 over the files' bytes (sorted by path) and the variable values used.
    digest: str = ""
    # Non-fatal findings (e.g. a variable defined but never used).
    warnings: list[Diagnostic] = field(default_factory=list)
    # Indexes (in ``data["user_pools"]``) of pools from files that say `strict: true`.
    strict_pools: frozenset[int] = frozenset()

    def locate(self, path: SpecPath) -> Location:
        """The location of ``path``, or of its nearest located ancestor."""
        return locate_in(self.locations, path)


def load_spec(
    paths: Sequence[str],
    cli_vars: Mapping[str, str] | None = None,
    var_files: Sequence[str] = (),
    environ: Mapping[str, str] | None = None,
) -> LoadedSpec:
    """Read, merge, substitute and validate the spec files and folders in ``paths``.

    Raises ``SpecError`` carrying every diagnostic (warnings included) if any is an
    error; otherwise returns the merged document, with warnings in ``.warnings``.
    """
    if not paths:
        raise SpecError([Diagnostic(variables.COMMAND_LINE, "no spec files or folders given")])
    merged = _Merged()
    diagnostics: list[Diagnostic] = []
    files, found = _find_files(paths, var_files)
    diagnostics += found
    docs: list[tuple[SourceDoc, int]] = []
    skipped: list[Diagnostic] = []
    for path, display, walked in files:
        doc, problems = read_source(path, display)
        if walked and doc is not None and not problems and _not_a_spec(doc):
            skipped.append(Diagnostic(
                doc.locations.get((), Location(display, 1, 1)),
                "skipped: not a spec (no 'version:' or 'user_pools:' at the top; a variable "
                "file?); pass it with --var-file, or name it to read it as a spec",
                severity="warning"))
            continue
        offset = len(merged.data["user_pools"])
        diagnostics += [_rebase_shown(d, offset) for d in problems]
        if doc is not None:
            diagnostics += _check_root(doc)
            docs.append((doc, merged.add(doc)))

    layers, found = _variable_layers(merged, cli_vars or {}, var_files)
    diagnostics += found
    broken, found = variables.check_defaults(merged.data["variables"], merged.locate)
    diagnostics += found
    definitions: dict[str, variables.Definition] = {}
    for layer in reversed(layers):  # later layers are lower precedence
        definitions.update(layer)
    # A broken default only matters where no --var or var file overrides it.
    broken = {n for n in broken if n in definitions and definitions[n].origin == "variables:"}
    substituter = variables.Substituter(
        definitions, os.environ if environ is None else environ, expected_type, broken
    )
    subst = substituter.run(merged.data["user_pools"], ("user_pools",), merged.locate_value)
    merged.data["user_pools"] = subst.data
    diagnostics += subst.errors

    for doc, offset in docs:
        if isinstance(doc.data, dict):  # else _check_root has said what's wrong
            view, source = _file_view(doc, merged, offset, subst)
            diagnostics += validate(view, source, _rebaser(offset))
    found = semantics.check(merged.data, merged.locate, subst.env_paths)
    diagnostics += [d for d in found if d.severity == "error"]

    warnings = skipped + variables.unused_warnings(layers, substituter.referenced)
    warnings += [d for d in found if d.severity != "error"]
    everything = sorted(diagnostics + warnings, key=Diagnostic.sort_key)
    if any(d.severity == "error" for d in everything):
        raise SpecError(everything)
    return LoadedSpec(
        data=merged.data,
        locations=merged.locations,
        env_paths=subst.env_paths,
        digest=_digest([doc for doc, _ in docs], subst.used),
        warnings=sorted(warnings, key=Diagnostic.sort_key),
        strict_pools=frozenset(merged.strict_pools),
    )


# --- files --------------------------------------------------------------------------


def _find_files(paths: Sequence[str], var_files: Sequence[str] = (),
                ) -> tuple[list[tuple[Path, str, bool]], list[Diagnostic]]:
    """Files to read as (path, display name, found by walking a folder): folders walked
    recursively and sorted, each file once however often it is named. A --var-file
    target inside a folder is a variable file, not a spec (issue 13, trap 9)."""
    files: list[tuple[Path, str, bool]] = []
    seen: set[str] = set()
    var_keys = {os.path.realpath(name) for name in var_files}
    problems: list[Diagnostic] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in SPEC_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                problems.append(
                    Diagnostic(Location(given, 1, 1), "no *.yaml or *.yml files in this folder")
                )
            candidates = [(p, str(p), True) for p in found
                          if os.path.realpath(p) not in var_keys]
        elif path.exists():
            candidates = [(path, given, False)]  # named as a spec: read as one
        else:
            problems.append(Diagnostic(Location(given, 1, 1), "no such file or folder"))
            continue
        for candidate, display, walked in candidates:
            key = os.path.realpath(candidate)
            if key not in seen:
                seen.add(key)
                files.append((candidate, display, walked))
    return files, problems


def _not_a_spec(doc: SourceDoc) -> bool:
    """A mapping with neither of a spec's top-level keys (a var file is flat NAME: value).
    Anything else found in a folder is read as a spec, so its mistakes are errors."""
    return isinstance(doc.data, dict) and not {"version", "user_pools"} & set(doc.data)


def _rebase_shown(diagnostic: Diagnostic, offset: int) -> Diagnostic:
    """A parse finding's shown path, from the file's pool index to the merged one."""
    match = re.match(r"user_pools\[(\d+)\]", diagnostic.path)
    if not offset or match is None:
        return diagnostic
    shown = f"user_pools[{int(match.group(1)) + offset}]" + diagnostic.path[match.end() :]
    return replace(diagnostic, path=shown)


def _check_root(doc: SourceDoc) -> list[Diagnostic]:
    if isinstance(doc.data, dict):
        return []
    where = doc.locations.get((), Location(doc.file, 1, 1))
    return [Diagnostic(where, "the top level must be a mapping with 'version: 1' and 'user_pools'")]


class _Merged:
    """The merged document and its side maps, keyed by merged paths."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {"version": 1, "variables": {}, "user_pools": []}
        self.locations: dict[SpecPath, Location] = {}
        self.values: dict[SpecPath, Location] = {}
        self.tokens: dict[SpecPath, str] = {}
        self.var_sources: dict[str, Location] = {}
        self.conflicts: list[Diagnostic] = []
        # A file's top-level `strict: true` covers that file's pools only.
        self.strict_pools: set[int] = set()

    def add(self, doc: SourceDoc) -> int:
        """Merge ``doc`` in; returns the index its first pool has in the merged list."""
        offset = len(self.data["user_pools"])
        if not isinstance(doc.data, dict):
            return offset
        rebase = _rebaser(offset)
        for path, where in doc.locations.items():
            self.locations.setdefault(rebase(path), where)
        for path, where in doc.value_locations.items():
            self.values.setdefault(rebase(path), where)
        for path, token in doc.plain_tokens.items():
            self.tokens.setdefault(rebase(path), token)
        pools = doc.data.get("user_pools")
        if isinstance(pools, list):
            self.data["user_pools"].extend(pools)
            if doc.data.get("strict") is True:
                self.strict_pools.update(range(offset, offset + len(pools)))
        defaults = doc.data.get("variables")
        if isinstance(defaults, dict):
            self._add_defaults(doc, defaults)
        return offset

    def _add_defaults(self, doc: SourceDoc, defaults: dict[str, Any]) -> None:
        merged: dict[str, Any] = self.data["variables"]
        for name, value in defaults.items():
            here = doc.locations.get(("variables", name), Location(doc.file, 1, 1))
            if name in merged and merged[name] != value:
                self.conflicts.append(
                    Diagnostic(
                        here,
                        f"variable {name} is defined as {merged[name]!r} at "
                        f"{self.var_sources[name]} and as {value!r} here",
                        format_path(("variables", name)),
                    )
                )
            elif name not in merged:
                merged[name] = value
                self.var_sources[name] = here
                self.locations[("variables", name)] = here

    def locate(self, path: SpecPath) -> Location:
        return locate_in(self.locations, path)

    def locate_value(self, path: SpecPath) -> Location:
        return self.values.get(tuple(path)) or self.locate(path)


def _rebaser(offset: int) -> Callable[[SpecPath], SpecPath]:
    def rebase(path: SpecPath) -> SpecPath:
        if offset and len(path) >= 2 and path[0] == "user_pools" and isinstance(path[1], int):
            return ("user_pools", path[1] + offset, *path[2:])
        return path

    return rebase


def _file_view(
    doc: SourceDoc, merged: _Merged, offset: int, subst: variables.Substitution
) -> tuple[Any, Source]:
    """One file's document as validated (its own root keys, the substituted pools),
    and its positions. Paths here are the file's own; ``offset`` maps them to merged."""
    data = doc.data
    count = 0
    if isinstance(data, dict) and isinstance(data.get("user_pools"), list):
        count = len(data["user_pools"])
        data = {**data, "user_pools": merged.data["user_pools"][offset : offset + count]}

    def local(paths: set[SpecPath]) -> set[SpecPath]:
        return {
            ("user_pools", p[1] - offset, *p[2:])
            for p in paths
            if len(p) >= 2 and isinstance(p[1], int) and offset <= p[1] < offset + count
        }

    def locate_key(path: SpecPath) -> Location:
        probe = tuple(path)
        while probe and probe not in doc.locations:
            probe = probe[:-1]
        return doc.locations.get(probe, Location(doc.file, 1, 1))

    source = Source(
        locate_key=locate_key,
        locate_value=lambda path: doc.value_locations.get(path) or locate_key(path),
        plain_tokens=doc.plain_tokens,
        hidden=local(subst.env_paths),
        skip=local(subst.error_paths),
    )
    return data, source


# --- variables ----------------------------------------------------------------------


def _variable_layers(
    merged: _Merged, cli_vars: Mapping[str, str], var_files: Sequence[str]
) -> tuple[list[Mapping[str, variables.Definition]], list[Diagnostic]]:
    """Definitions by precedence: --var, then var files (last first), then defaults."""
    problems = list(merged.conflicts)
    cli, found = variables.parse_cli_vars(cli_vars)
    problems += found
    files: list[Mapping[str, variables.Definition]] = []
    for name in var_files:
        doc, found = read_source(Path(name), name, what="var file")
        problems += found
        if doc is not None:
            defs, found = variables.parse_var_file(doc.data, doc.locations, name)
            problems += found
            files.append(defs)
    defaults: dict[str, variables.Definition] = {}
    for name, value in merged.data["variables"].items():
        if isinstance(value, (str, int, float, bool)) and variables.NAME.fullmatch(name):
            defaults[name] = variables.Definition(value, merged.var_sources[name], "variables:")
    return [cli, *reversed(files), defaults], problems


def _digest(docs: list[SourceDoc], used: Mapping[tuple[str, str], str]) -> str:
    digest = hashlib.sha256()
    for doc in sorted(docs, key=lambda d: d.file):
        digest.update(len(doc.raw).to_bytes(8, "big") + doc.raw)
    for (kind, name), value in sorted(used.items()):
        digest.update(f"\0{kind}:{name}={value}".encode())
    return digest.hexdigest()
