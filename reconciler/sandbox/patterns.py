"""Compile the model's Java regular expressions for Python's ``re``.

AWS checks ``pattern`` constraints with Java's regex engine, as full matches.
Python's ``re`` lacks Unicode property classes (``\\p{L}`` ...), so those are
expanded into explicit code-point ranges built from :mod:`unicodedata`. Java's
``\\w``, ``\\d`` and ``\\s`` are ASCII-only by default, hence ``re.ASCII``.
Patterns that can't be translated are skipped (``compile_java`` returns None):
an unchecked pattern lets a bad value through, which is better than rejecting
a value AWS accepts.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache

# Java general-category names: one letter means every category starting with it.
_PROPERTY = re.compile(r"\\([pP])\{([A-Za-z]{1,2})\}")


@lru_cache(maxsize=1)
def _category_ranges() -> dict[str, list[tuple[int, int]]]:
    """Two-letter Unicode category -> sorted list of code-point ranges."""
    ranges: dict[str, list[tuple[int, int]]] = {}
    start = 0
    current = unicodedata.category(chr(0))
    for code in range(1, sys.maxunicode + 2):
        category = unicodedata.category(chr(code)) if code <= sys.maxunicode else ""
        if category != current:
            ranges.setdefault(current, []).append((start, code - 1))
            start, current = code, category
    return ranges


def _escape(code: int) -> str:
    return f"\\U{code:08x}"


@lru_cache(maxsize=64)
def _class_body(name: str) -> str | None:
    """The inside of a character class matching Unicode category ``name``."""
    table = _category_ranges()
    if len(name) == 1:
        parts = [r for cat, rs in table.items() if cat.startswith(name) for r in rs]
    else:
        parts = list(table.get(name, []))
    if not parts:
        return None
    return "".join(
        _escape(lo) if lo == hi else f"{_escape(lo)}-{_escape(hi)}" for lo, hi in sorted(parts)
    )


def _translate(pattern: str) -> str | None:
    """Rewrite ``\\p{X}``/``\\P{X}`` into ranges; None when that isn't possible."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            match = _PROPERTY.match(pattern, i)
            if match:
                negated, name = match.group(1) == "P", match.group(2)
                body = _class_body(name)
                if body is None or (negated and in_class):
                    return None
                if in_class:
                    out.append(body)
                else:
                    out.append(f"[{'^' if negated else ''}{body}]")
                i = match.end()
                continue
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            # A leading "^" or "]" belongs to the class syntax, not its end.
            if pattern[i + 1 : i + 2] == "^":
                out.append("^")
                i += 1
            i += 1
            continue
        if char == "[" and in_class:
            return None  # Java nested classes / intersections: not translatable
        if char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    return "".join(out)


@lru_cache(maxsize=256)
def compile_java(pattern: str) -> re.Pattern[str] | None:
    """A compiled full-match equivalent of a model pattern, or None to skip it.

    DOTALL: message templates span lines; AWS accepts multi-line messages for
    the ``.*\\{####\\}.*`` patterns (their ``[...\\s]`` siblings allow newlines too).
    """
    translated = _translate(pattern)
    if translated is None:
        return None
    try:
        return re.compile(translated, re.ASCII | re.DOTALL)
    except re.error:
        return None


def full_match(pattern: str, value: str) -> bool | None:
    """True/False for a match; None when the pattern can't be checked."""
    compiled = compile_java(pattern)
    if compiled is None:
        return None
    return compiled.fullmatch(value) is not None
