"""Control characters made visible, so that a name can't rewrite a terminal line.

Names and values come from specs and from Cognito, where anyone with write access
can put an escape sequence, a carriage return or a bidirectional override in a
client or group name. Printed raw, those erase, overwrite or reorder the lines a
reviewer reads before consenting (issue 12.11). Every such character is shown as
its Python escape (``\\x1b``, ``\\r``, ``\\u202e``); everything else is unchanged.
"""

from __future__ import annotations

import unicodedata

# Categories that print nothing themselves but act on what's around them:
# C0/C1/DEL (Cc), format characters such as bidi overrides and zero-width joiners
# (Cf), line and paragraph separators (Zl, Zp), and unassigned/surrogates.
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


def _shown(char: str) -> str:
    if char == "\n":
        return "\\n"
    if char == "\r":
        return "\\r"
    if char == "\t":
        return "\\t"
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def visible(text: str) -> str:
    """``text`` with every control or format character replaced by its escape."""
    if text.isprintable():
        return text  # the common case: nothing to do
    return "".join(_shown(c) if unicodedata.category(c) in _HIDDEN else c for c in text)
