"""Spec data -> YAML text with comments, written for people and read back exactly.

Block mappings, short lists of scalars in flow style (``[email, phone_number]``),
multi-line text as literal blocks (``|``). A string is written plain only when
YAML reads it back as that same string; strings YAML 1.1 would take for something
else (``"OFF"``, ``"yes"``, ``"2048"``) are double-quoted, as is anything
another parser might misread. ``emit`` reads its own output back and fails
rather than print a spec that means something else.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml

Path = tuple[str | int, ...]

WIDTH = 100
INDENT = 2
# Written text must read back the same with libyaml (what the spec loader uses when
# it can) and with PyYAML's pure-Python parser: they differ at the edges.
_LOADERS: tuple[Any, ...] = tuple(dict.fromkeys(
    (getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.SafeLoader)))
# Plain scalars inside [...] only from these characters (URLs, enums, scopes).
_FLOW_PLAIN = re.compile(r"^[A-Za-z0-9_./:@+=~-]+$")
# Words some YAML 1.1 parsers read as booleans or null (PyYAML knows most, not y/n).
_AMBIGUOUS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
_NUMBER_LIKE = re.compile(r"^[-+.]?[0-9]")
# Characters YAML allows unescaped (its printable set) minus the line breaks it folds.
_PRINTABLE = re.compile(
    "^[\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
    "\U00010000-\U0010ffff]*$")
# What a comment line (and a terminal line) may hold as it is: YAML's printable set
# minus its line breaks (NEL, LS, PS) and the bidirectional-text controls.
_SHOWABLE = re.compile(
    "[\x20-\x7e\xa0-\u2027\u202f-\u2065\u206a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
    "\U00010000-\U0010ffff]")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


class EmitError(Exception):
    """The YAML written would not read back as the data (a bug: never print it)."""


def _reads_as(text: str, expected: Any) -> bool:
    """Whether every loader reads ``text`` as ``expected`` (safe loaders only)."""
    for loader in _LOADERS:
        try:
            if yaml.load(text, Loader=loader) != expected:
                return False
        except yaml.YAMLError:
            return False
    return True


def quoted(text: str) -> str:
    """A double-quoted YAML scalar: every character that could be misread is escaped."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _PRINTABLE.match(char) and char not in "\t\n":
            out.append(char)
        else:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code <= 0xFF else
                       f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def printable(text: str) -> str:
    """``text`` for a comment or a terminal line: anything else escaped (``\\n``, ``\\x0c``),
    so a name holding a line break can't end a comment or rewrite the screen."""
    out = []
    for char in text:
        if _SHOWABLE.match(char) and char != "\\":
            out.append(char)
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        else:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code <= 0xFF else
                       f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return "".join(out)


def _plain_candidate(text: str) -> bool:
    return bool(
        text
        and text == text.strip()
        and "\n" not in text
        and "\t" not in text
        and _PRINTABLE.match(text)
        and text.lower() not in _AMBIGUOUS
        and not _NUMBER_LIKE.match(text)
    )


def scalar(value: Any, context: str = "block") -> str:
    """One scalar as YAML. ``context``: ``block`` (a value), ``flow`` (in ``[...]``), ``key``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        if "e" in text and "." not in text:
            text = text.replace("e", ".0e")  # YAML 1.1 floats need a dot
        if _reads_as(f"k: {text}", {"k": value}):
            return text
        raise EmitError(f"can't write the number {value!r}")
    text = str(value)
    if _plain_candidate(text) and (context != "flow" or _FLOW_PLAIN.match(text)):
        probes = {"block": (f"k: {text}", {"k": text}),
                  "flow": (f"k: [{text}, x]", {"k": [text, "x"]}),
                  "key": (f"{text}: 0", {text: 0})}
        probe, expected = probes[context]
        if _reads_as(probe, expected):
            return text
    return quoted(text)


def _literal(text: str, indent: int) -> list[str] | None:
    """Multi-line text as a literal block (``|``), if it reads back the same."""
    if "\n" not in text.rstrip("\n") or not _PRINTABLE.match(text) or "\r" in text:
        return None
    lines = text.split("\n")
    first = next((line for line in lines if line.strip()), "")
    if first[:1] in (" ", "\t"):
        return None  # would need an indentation indicator: quote it instead
    trailing = len(text) - len(text.rstrip("\n"))
    if trailing > 1:
        return None  # "|+" would also keep the blank lines that follow the block
    body = text[: len(text) - trailing]
    pad = " " * indent
    block = [f"|{'' if trailing else '-'}"]
    block += [f"{pad}{line}" if line else "" for line in body.split("\n")]
    probe = "k: " + "\n".join(block) + "\n"
    return block if _reads_as(probe, {"k": text}) else None


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list))


class _Writer:
    def __init__(self, comments: Mapping[Path, list[str]], inline: Mapping[Path, str]) -> None:
        self.comments = comments
        self.inline = inline
        self.lines: list[str] = []

    def comment_lines(self, path: Path, indent: int) -> None:
        for line in self.comments.get(path, ()):
            self.lines.append(f"{' ' * indent}# {printable(line)}" if line else "")

    def _tail(self, path: Path) -> str:
        note = self.inline.get(path)
        return f"  # {printable(note)}" if note else ""

    def mapping(self, value: Mapping[str, Any], indent: int, path: Path,
                lead: str | None = None) -> None:
        """``lead``: the first line's prefix (``- `` of a list item) instead of spaces."""
        for index, (key, item) in enumerate(value.items()):
            here = (*path, key)
            prefix = " " * indent
            if index == 0 and lead is not None:
                prefix = lead
            else:
                self.comment_lines(here, indent)
            self.entry(f"{prefix}{scalar(key, 'key')}:", item, indent, here)

    def entry(self, head: str, item: Any, indent: int, path: Path) -> None:
        tail = self._tail(path)
        if isinstance(item, dict):
            if not item:
                self.lines.append(f"{head} {{}}{tail}")
                return
            self.lines.append(head + tail)
            self.mapping(item, indent + INDENT, path)
        elif isinstance(item, list):
            flow = self.flow(item)
            if flow is not None and len(head) + 1 + len(flow) + len(tail) <= WIDTH:
                self.lines.append(f"{head} {flow}{tail}")
                return
            self.lines.append(head + tail)
            self.sequence(item, indent + INDENT, path)
        elif isinstance(item, str) and "\n" in item and (
                block := _literal(item, indent + INDENT)) is not None:
            self.lines.append(f"{head} {block[0]}{tail}")
            self.lines.extend(block[1:])
        else:
            self.lines.append(f"{head} {scalar(item)}{tail}")

    @staticmethod
    def flow(items: list[Any]) -> str | None:
        if not all(_is_scalar(v) for v in items):
            return None
        if any(isinstance(v, str) and "\n" in v for v in items):
            return None
        return "[" + ", ".join(scalar(v, "flow") for v in items) + "]"

    def sequence(self, items: list[Any], indent: int, path: Path) -> None:
        pad = " " * indent
        for index, item in enumerate(items):
            here = (*path, index)
            self.comment_lines(here, indent)
            if isinstance(item, dict) and item:
                first = next(iter(item))
                self.comment_lines((*here, first), indent)
                self.mapping(item, indent + INDENT, here, lead=f"{pad}- ")
            else:
                self.entry(f"{pad}-", item, indent, here)


def emit(data: Mapping[str, Any], comments: Mapping[Path, list[str]] | None = None,
         inline: Mapping[Path, str] | None = None, header: list[str] | None = None) -> str:
    """``data`` (a mapping) as YAML text; raises ``EmitError`` if it wouldn't read back."""
    writer = _Writer(comments or {}, inline or {})
    writer.lines += [f"# {printable(line)}" if line else "#" for line in header or []]
    if data:
        writer.mapping(data, 0, ())
    else:
        writer.lines.append("{}")
    text = "\n".join(writer.lines) + "\n"
    if not _reads_as(text, data):
        raise EmitError("the YAML written doesn't read back as the exported data")
    return text
