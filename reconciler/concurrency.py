"""How many calls may be in flight at once (the rate limiter, not this, sets the pace)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
A = TypeVar("A")
B = TypeVar("B")

DEFAULT_WORKERS = 8
ENV = "COGNITO_RECONCILER_MAX_WORKERS"


def max_workers() -> int:
    """``COGNITO_RECONCILER_MAX_WORKERS`` (1 makes every run sequential), else 8."""
    try:
        value = int(os.environ.get(ENV, DEFAULT_WORKERS))
    except ValueError:
        value = DEFAULT_WORKERS
    return max(1, value)


def parallel_map(func: Callable[[T], R], items: Sequence[T], workers: int | None = None) -> list[R]:
    """``[func(x) for x in items]``, run on threads, results in input order.

    The first exception is raised after the calls already started have finished.
    """
    size = min(workers or max_workers(), len(items))
    if size <= 1:
        return [func(item) for item in items]
    with ThreadPoolExecutor(max_workers=size) as pool:
        return list(pool.map(func, items))


def side_by_side(first: Callable[[], A], second: Callable[[], B]) -> tuple[A, B]:
    """``(first(), second())``, the two run at the same time (one after the other when
    only one worker is allowed). ``first``'s exception wins if both fail."""
    if max_workers() <= 1:
        return first(), second()
    with ThreadPoolExecutor(max_workers=1) as pool:
        later = pool.submit(second)
        try:
            result = first()
        except BaseException:
            later.cancel()
            raise
        return result, later.result()
