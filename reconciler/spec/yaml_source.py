"""One YAML file -> plain data plus side maps of source positions.

Hostile input is expected (a spec folder may hold anything): every failure is a
Diagnostic with a position, never a traceback, and time and memory are bounded by
the limits below. Parsing is PyYAML's composer over libyaml's event stream: libyaml
scans fast, and the Python composer lets us cap depth before the recursion does
(libyaml's own composer crashes the interpreter on deeply nested input).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn, cast

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, Event
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from reconciler.errors import Diagnostic, Location

# A path into a spec document: keys and list indexes, e.g.
# ("user_pools", 0, "clients", 1, "client_name").
SpecPath = tuple[str | int, ...]

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 100
MAX_ALIASES = 100
MAX_NODES = 1_000_000
# Anchors share settings (a client's defaults); nothing legitimate expands further.
MAX_ALIAS_VALUES = 100_000

_TAG = "tag:yaml.org,2002:"
_MERGE = _TAG + "merge"
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def format_path(path: SpecPath) -> str:
    """``("user_pools", 0, "policies")`` -> ``user_pools[0].policies``."""
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        elif _IDENTIFIER.fullmatch(step):
            out += f".{step}" if out else step
        else:
            out += f"[{step!r}]"
    return out


@dataclass
class SourceDoc:
    """A parsed file. Paths are relative to the file's own root."""

    file: str
    raw: bytes
    data: Any
    # Mapping entries: the key's position; list items and the root: the node's start.
    locations: dict[SpecPath, Location] = field(default_factory=dict)
    # Where each value itself starts (a scalar after its key, an item, ...).
    value_locations: dict[SpecPath, Location] = field(default_factory=dict)
    # The source text of unquoted scalars that YAML typed as non-strings (OFF, 1, ~).
    plain_tokens: dict[SpecPath, str] = field(default_factory=dict)


class _Problem(Exception):
    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


def read_source(
    path: Path, display: str, what: str = "spec"
) -> tuple[SourceDoc | None, list[Diagnostic]]:
    """Read and parse ``path``; ``display`` is the name used in diagnostics."""
    try:
        raw = _read_bytes(path)
        text = _decode(raw)
        return parse_text(text, display, raw, what)
    except _Problem as problem:
        return None, [Diagnostic(Location(display, problem.line, problem.col), problem.message)]


def parse_text(
    text: str, display: str, raw: bytes | None = None, what: str = "spec"
) -> tuple[SourceDoc | None, list[Diagnostic]]:
    """Parse YAML ``text``; ``(None, diagnostics)`` when it can't be read at all."""
    text = text.removeprefix("\ufeff")  # a UTF-8 BOM is harmless: accept it
    raw = text.encode("utf-8") if raw is None else raw
    try:
        root, alias_marks = _compose(text)
    except _Problem as problem:
        return None, [Diagnostic(Location(display, problem.line, problem.col), problem.message)]
    if root is None:
        message = (
            "the file is empty: a spec needs 'version: 1' and 'user_pools'"
            if what == "spec"
            else f"the {what} is empty"
        )
        return None, [Diagnostic(Location(display, 1, 1), message)]
    builder = _Builder(display, alias_marks)
    try:
        data = builder.build(root, ())
    except _Problem as problem:
        builder.diagnostics.append(
            Diagnostic(Location(display, problem.line, problem.col), problem.message)
        )
        return None, builder.diagnostics
    doc = SourceDoc(display, raw, data, builder.locations, builder.values, builder.tokens)
    return doc, builder.diagnostics


# --- bytes and text -----------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise _Problem(1, 1, "no such file") from None
    except IsADirectoryError:
        raise _Problem(1, 1, "is a folder, not a file") from None
    except OSError as error:
        raise _Problem(1, 1, f"can't read the file: {error.strerror or error}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise _Problem(1, 1, "the file is larger than 10 MiB: refusing to read it as a spec")
    return raw


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _Problem(1, 1, "the file is UTF-16 encoded: save it as UTF-8")
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _byte_position(raw, nul)
        raise _Problem(line, col, "this is a binary file (it holds a NUL byte), not YAML text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, col = _byte_position(raw, error.start)
        byte = raw[error.start]
        raise _Problem(
            line, col, f"not UTF-8 text (byte 0x{byte:02x}): save the file as UTF-8"
        ) from None


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace"))
    return raw.count(b"\n", 0, offset) + 1, column + 1


# --- composing ----------------------------------------------------------------------


class _LimitedComposer(Composer):
    """PyYAML's composer, refusing input that is too deep or has too many aliases/nodes."""

    peek_event: Callable[[], Event]  # provided by the parser class it is mixed with

    def _init_limits(self) -> None:
        self._depth = 0
        self._nodes = 0
        self._aliases = 0
        # Where each alias is written, by (parent node, index or key node): the
        # composed graph only keeps the anchor's position.
        self.alias_marks: dict[tuple[int, int], tuple[int, int]] = {}

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        mark = event.start_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        if isinstance(event, AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                message = f"more than {MAX_ALIASES} aliases (*name): refusing to expand them"
                raise _Problem(line, col, message)
            if parent is not None:
                slot = index if isinstance(index, int) else id(index)
                self.alias_marks[(id(parent), slot)] = (line, col)
            return cast(Node, super().compose_node(parent, index))
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _Problem(line, col, f"more than {MAX_NODES:,} YAML nodes")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Problem(line, col, f"nested more than {MAX_DEPTH} levels deep")
        try:
            return cast(Node, super().compose_node(parent, index))
        finally:
            self._depth -= 1


try:
    from yaml._yaml import CParser as _CParser

    class _Loader(_LimitedComposer, _CParser, Resolver):
        def __init__(self, text: str) -> None:
            _CParser.__init__(self, text)
            _LimitedComposer.__init__(self)
            Resolver.__init__(self)
            self._init_limits()

except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Loader(Reader, Scanner, Parser, _LimitedComposer, Resolver):  # type: ignore[no-redef]
        def __init__(self, text: str) -> None:
            Reader.__init__(self, text)
            Scanner.__init__(self)
            Parser.__init__(self)
            _LimitedComposer.__init__(self)
            Resolver.__init__(self)
            self._init_limits()


def _compose(text: str) -> tuple[Node | None, dict[tuple[int, int], tuple[int, int]]]:
    loader = _Loader(text)
    try:
        return loader.get_single_node(), loader.alias_marks
    except yaml.reader.ReaderError as error:
        line, col = _char_position(text, error.position)
        raise _Problem(line, col, f"YAML: {error.reason}") from None
    except yaml.MarkedYAMLError as error:
        raise _yaml_problem(text, error) from None
    except yaml.YAMLError as error:
        raise _Problem(1, 1, f"YAML: {error}") from None
    finally:
        loader.dispose()


def _yaml_problem(text: str, error: yaml.MarkedYAMLError) -> _Problem:
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line, mark.column) if mark is not None else (0, 0)
    lines = text.splitlines()
    current = lines[line] if line < len(lines) else ""
    indent = current[: len(current) - len(current.lstrip(" \t"))]
    if "\t" in indent or "tab" in (error.problem or ""):
        tab_col = current.find("\t") if "\t" in current else col
        return _Problem(
            line + 1,
            tab_col + 1,
            "a tab is used for indentation: YAML indents with spaces only, "
            "replace the tab with spaces",
        )
    if "maximum nesting depth" in (error.problem or ""):
        # Newer PyYAML scanners stop deep flow nesting themselves: same limit, same words.
        return _Problem(line + 1, col + 1, f"nested more than {MAX_DEPTH} levels deep")
    if "another document" in (error.problem or ""):
        return _Problem(
            line + 1, col + 1, "a spec file holds one YAML document; a second starts here"
        )
    parts = [p for p in (error.context, error.problem) if p]
    if error.context_mark is not None and error.problem_mark is not None and error.context:
        parts[0] += f" (from line {error.context_mark.line + 1})"
    return _Problem(line + 1, col + 1, "YAML: " + "; ".join(parts))


def _char_position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


# --- nodes -> data ------------------------------------------------------------------


class _Builder:
    """Turns the node graph into plain data, expanding aliases within the limits."""

    def __init__(self, file: str, alias_marks: dict[tuple[int, int], tuple[int, int]]) -> None:
        self.file = file
        self.alias_marks = alias_marks
        self.locations: dict[SpecPath, Location] = {}
        self.values: dict[SpecPath, Location] = {}
        self.tokens: dict[SpecPath, str] = {}
        self.diagnostics: list[Diagnostic] = []
        self._constructor = SafeConstructor()
        self._produced = 0
        self._expanded = 0
        self._active: set[int] = set()
        # Where the outermost alias being expanded is used: limits are reported there.
        self._alias_site: Location | None = None

    def _at(self, node: Node) -> Location:
        return Location(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def _error(self, node: Node, message: str, path: SpecPath = ()) -> None:
        self.diagnostics.append(Diagnostic(self._at(node), message, format_path(path)))

    def build(self, node: Node, path: SpecPath, alias_at: Location | None = None) -> Any:
        """``alias_at``: where the alias that produced ``node`` here is written, if any."""
        outermost_alias = alias_at is not None and self._alias_site is None
        if outermost_alias:
            self._alias_site = alias_at
        try:
            return self._build(node, path, alias_at or self._at(node))
        finally:
            if outermost_alias:
                self._alias_site = None

    def _build(self, node: Node, path: SpecPath, at: Location) -> Any:
        self._produced += 1
        if self._produced > MAX_NODES:
            self._limit(node, f"more than {MAX_NODES:,} values")
        if self._alias_site is not None:
            self._expanded += 1
            if self._expanded > MAX_ALIAS_VALUES:
                self._limit(node, f"aliases expand to more than {MAX_ALIAS_VALUES:,} values")
        if len(path) > MAX_DEPTH:
            self._limit(node, f"nested more than {MAX_DEPTH} levels deep")
        if id(node) in self._active:
            self._limit(node, "an alias refers to its own anchor (a cycle)")
        self.values[path] = at
        if not path:
            self.locations[path] = at
        self._active.add(id(node))
        try:
            if isinstance(node, MappingNode):
                return self._mapping(node, path)
            if isinstance(node, SequenceNode):
                return self._sequence(node, path)
            return self._scalar(cast(ScalarNode, node), path)
        finally:
            self._active.discard(id(node))

    def _limit(self, node: Node, message: str) -> NoReturn:
        where = self._alias_site or self._at(node)
        raise _Problem(where.line, where.col, message)

    def _sequence(self, node: SequenceNode, path: SpecPath) -> list[Any]:
        if node.tag not in (_TAG + "seq",):
            self._error(node, f"unsupported YAML tag {node.tag}")
        items = []
        for index, item in enumerate(node.value):
            item_path = (*path, index)
            alias_at = self._alias_at(node, index)
            self.locations[item_path] = alias_at or self._at(item)
            items.append(self.build(item, item_path, alias_at))
        return items

    def _mapping(self, node: MappingNode, path: SpecPath) -> dict[str, Any]:
        if node.tag not in (_TAG + "map",):
            self._error(node, f"unsupported YAML tag {node.tag}")
        result: dict[str, Any] = {}
        explicit: dict[str, Node] = {}
        merged: list[tuple[str, Node, Node, Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged.extend(self._merge_sources(value_node))
                continue
            key = self._key(key_node)
            if key is None:
                continue
            if key in explicit:
                first = explicit[key].start_mark.line + 1
                message = f"duplicate key '{key}' (first given on line {first})"
                self._error(key_node, message, (*path, key))
                continue
            explicit[key] = key_node
            key_path = (*path, key)
            self.locations[key_path] = self._at(key_node)
            alias_at = self._alias_at(node, id(key_node))
            result[key] = self.build(value_node, key_path, alias_at)
        for key, key_node, value_node, parent in merged:
            if key not in result:  # explicit keys and earlier merge sources win
                key_path = (*path, key)
                self.locations[key_path] = self._at(key_node)
                alias_at = self._alias_at(parent, id(key_node))
                result[key] = self.build(value_node, key_path, alias_at)
        return result

    def _alias_at(self, parent: Node, slot: int) -> Location | None:
        mark = self.alias_marks.get((id(parent), slot))
        return Location(self.file, *mark) if mark else None

    def _merge_sources(self, node: Node) -> Iterator[tuple[str, Node, Node, Node]]:
        sources = node.value if isinstance(node, SequenceNode) else [node]
        for source in sources:
            if not isinstance(source, MappingNode):
                self._error(source, "'<<' merges mappings only")
                continue
            for key_node, value_node in source.value:
                if key_node.tag == _MERGE:
                    yield from self._merge_sources(value_node)
                    continue
                key = self._key(key_node)
                if key is not None:
                    yield key, key_node, value_node, source

    def _key(self, node: Node) -> str | None:
        # Keys are names and data (tag keys, attribute names): keep their source
        # text, so "yes:" or "404:" stay the strings the author wrote.
        if isinstance(node, ScalarNode):
            return str(node.value)
        self._error(node, "a key must be a plain name, not a mapping or a list")
        return None

    def _scalar(self, node: ScalarNode, path: SpecPath) -> Any:
        tag = node.tag
        if tag in (_TAG + "str", "!"):
            return node.value
        if tag == _TAG + "binary":
            return "".join(node.value.split())  # base64 text, as blobs are written
        if tag == _TAG + "timestamp":
            return node.value  # no Cognito field is a date: keep what was written
        if not node.style:  # plain (unquoted): None or "" depending on the parser
            self.tokens[path] = node.value
        if tag == _TAG + "bool":
            return self._constructor.construct_yaml_bool(node)
        if tag == _TAG + "null":
            return None
        try:
            if tag == _TAG + "int":
                return self._constructor.construct_yaml_int(node)
            if tag == _TAG + "float":
                return self._constructor.construct_yaml_float(node)
        except ValueError:
            self._error(node, "this number is too large")
            return node.value
        self._error(node, f"unsupported YAML tag {tag}")
        return node.value
