"""Token lifetimes: a number plus a unit, compared as durations.

An unset unit means the API's default (refresh: days, access and ID: hours), as
CreateUserPoolClient reads it; a spec value without a unit means the same.
"""

from __future__ import annotations

from typing import Any

SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
# validity member -> (TokenValidityUnits member, default unit, default value)
TOKENS = {
    "AccessTokenValidity": ("AccessToken", "hours", 1),
    "IdTokenValidity": ("IdToken", "hours", 1),
    "RefreshTokenValidity": ("RefreshToken", "days", 30),
}


def unit_of(client: dict[str, Any], member: str) -> str:
    unit_key, default_unit, _ = TOKENS[member]
    units = client.get("TokenValidityUnits") or {}
    return str(units.get(unit_key) or default_unit)


def effective_unit(client: dict[str, Any], member: str) -> str:
    """The unit that qualifies the lifetime: without a value Cognito applies the default
    lifetime in the default unit, whatever TokenValidityUnits says."""
    return unit_of(client, member) if client.get(member) else TOKENS[member][1]


def seconds_of(client: dict[str, Any], member: str) -> int:
    _, _, default_value = TOKENS[member]
    value = client.get(member)
    if not value:  # 0 or absent: Cognito applies the default
        value = default_value
        unit = TOKENS[member][1]
    else:
        unit = unit_of(client, member)
    return int(value) * SECONDS[unit]


def durations(client: dict[str, Any]) -> dict[str, int]:
    return {member: seconds_of(client, member) for member in TOKENS}


def desired_tokens(live: dict[str, Any], managed: dict[str, Any]) -> dict[str, Any]:
    """The validity members and units to send: spec values in spec units, the rest live."""
    values: dict[str, Any] = {}
    units: dict[str, str] = {}
    managed_units = managed.get("TokenValidityUnits") or {}
    for member, (unit_key, default_unit, _) in TOKENS.items():
        if member in managed:
            values[member] = managed[member]
            units[unit_key] = str(managed_units.get(unit_key, default_unit))
        elif unit_key in managed_units:
            # Only the unit is managed: keep the live duration, expressed in it.
            unit = str(managed_units[unit_key])
            whole, rest = divmod(seconds_of(live, member), SECONDS[unit])
            values[member] = whole if not rest else live.get(member)
            units[unit_key] = unit if not rest else unit_of(live, member)
        else:
            if member in live:
                values[member] = live[member]
            units[unit_key] = unit_of(live, member)
    return {**values, "TokenValidityUnits": units}


def display(client: dict[str, Any], member: str) -> str:
    value = client.get(member) or TOKENS[member][2]
    unit = unit_of(client, member) if client.get(member) else TOKENS[member][1]
    return f"{value} {unit}"
