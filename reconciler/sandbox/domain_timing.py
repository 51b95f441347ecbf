"""How long a domain stays CREATING, UPDATING or DELETING, and which it is in now.

AWS makes, changes and removes domains asynchronously (API reference,
CreateUserPoolDomain: "Your prefix domain might take up to one minute to take
effect"; terraform-provider-aws ``user_pool_domain.go`` waits for ACTIVE after
create and update and for the domain to be gone after delete). moto makes them
ACTIVE at once. Here each transition lasts ``domain_seconds``: ``DEFAULT_SECONDS``
unless ``POST /_sandbox/faults {"domain_seconds": N}`` sets it; a new value applies
to transitions already under way (0 ends them all).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import timing
from .calls import Call
from .errors import ApiError

# Short, so tests pass through every state without slowing down; not zero, so a
# tool that doesn't wait is caught.
DEFAULT_SECONDS = 0.5
_PHASES = "_sandbox_domain_phases"  # kept on moto's backend: a reset clears it with the rest
clock: Callable[[], float] = time.monotonic
# How long a domain's transition lasts now: the domain_seconds rule's value, or the default.
transition_seconds = timing.register("domain_seconds", DEFAULT_SECONDS)


@dataclass
class Phase:
    status: str  # CREATING, UPDATING or DELETING
    started: float
    # DELETING: the description answered until the domain is gone (moto has dropped it).
    description: dict[str, Any] = field(default_factory=dict)


def phases(call: Call) -> dict[str, Phase]:
    found: dict[str, Phase] = call.backend.__dict__.setdefault(_PHASES, {})
    return found


def phase(call: Call, name: str) -> Phase | None:
    """The transition ``name`` is in now, or None once it has ended."""
    known = phases(call)
    found = known.get(name)
    if found is not None and clock() - found.started >= transition_seconds(call.state):
        del known[name]
        return None
    return found


def status(call: Call, name: str) -> str | None:
    """DescribeUserPoolDomain's Status for ``name``; None: no such domain."""
    current = phase(call, name)
    if current is not None:
        return current.status
    return "ACTIVE" if name in call.backend.user_pool_domains else None


def settled(call: Call, name: str, operation: str) -> None:
    """Refuse ``operation`` while the domain is still changing."""
    current = status(call, name)
    if current not in (None, "ACTIVE"):
        # ASSUMED: the model lists ConcurrentModificationException for
        # UpdateUserPoolDomain; a domain still changing is refused with it.
        raise ApiError("ConcurrentModificationException",
                       f"Domain {name} is {current}; {operation} must wait until it is ACTIVE.")
