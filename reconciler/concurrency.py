"""How many calls may be in flight at once (the rate limiter, not this, sets the pace)."""

from __future__ import annotations

import os

DEFAULT_WORKERS = 8
ENV = "COGNITO_RECONCILER_MAX_WORKERS"


def max_workers() -> int:
    """``COGNITO_RECONCILER_MAX_WORKERS`` (1 makes every run sequential), else 8."""
    try:
        value = int(os.environ.get(ENV, DEFAULT_WORKERS))
    except ValueError:
        value = DEFAULT_WORKERS
    return max(1, value)
