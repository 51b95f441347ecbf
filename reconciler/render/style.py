"""Colour on terminals only; --no-color and NO_COLOR turn it off."""

from __future__ import annotations

import os
from typing import TextIO

CODES = {"green": "32", "yellow": "33", "red": "31", "magenta": "35", "bold": "1", "dim": "2"}


def wants_color(stream: TextIO, no_color: bool) -> bool:
    if no_color or "NO_COLOR" in os.environ:
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
