"""Reading spec values defensively: the loader validated types, but a rule must not
crash on a value it doesn't expect (it then stays silent and validate speaks)."""

from __future__ import annotations

from typing import Any

# TokenValidityUnitsType: a unit per token; refresh tokens default to days.
_SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}


def as_int(value: Any, default: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        return default
    return value


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def to_seconds(amount: int, unit: Any, default_unit: str) -> int:
    return amount * _SECONDS.get(unit if isinstance(unit, str) else default_unit, 86400)
