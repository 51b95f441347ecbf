"""Errors and diagnostics shared by every stage.

Library code raises these; only ``cli.py`` turns them into output and exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Location:
    file: str
    line: int  # 1-based
    col: int  # 1-based

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    """One finding about a spec, printed as ``FILE:LINE:COL: severity: message (at path)``."""

    location: Location
    message: str
    path: str = ""  # dotted spec path, e.g. user_pools[0].policies.password_policy
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = f" (at {self.path})" if self.path else ""
        return f"{self.location}: {self.severity}: {self.message}{where}"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.file, self.location.line, self.location.col, self.message)


class ReconcilerError(Exception):
    """A known failure: printed as one line (plus an optional hint), exit status 1."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass
class SpecError(Exception):
    """The spec is invalid; every finding is carried so all can be shown at once."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(d) for d in sorted(self.diagnostics, key=Diagnostic.sort_key))
