"""Colour on terminals only, by the conventions users set in their environment:
--no-color and a non-empty NO_COLOR turn it off (no-color.org: "when present and
not an empty string"), so does TERM=dumb (a terminal that can't show escapes);
a FORCE_COLOR other than "", "0" or "false" turns it on even when piped
(force-color.org), unless colour was turned off explicitly."""

from __future__ import annotations

import os
from typing import TextIO

CODES = {"green": "32", "yellow": "33", "red": "31", "magenta": "35", "bold": "1", "dim": "2"}
_FALSY = frozenset({"", "0", "false"})


def forced() -> bool:
    """FORCE_COLOR asks for colour even on a pipe (click must then not strip it)."""
    return os.environ.get("FORCE_COLOR", "").strip().lower() not in _FALSY


def wants_color(stream: TextIO, no_color: bool) -> bool:
    if no_color or os.environ.get("NO_COLOR", ""):
        return False
    if forced():
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Style:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, color: str) -> str:
        if not self.enabled:
            return text
        return f"\x1b[{CODES[color]}m{text}\x1b[0m"
