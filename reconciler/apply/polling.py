"""The loop apply waits in after a write that AWS carries out asynchronously.

A domain or a replica is polled until it is where the write sends it, backing off
between reads, saying what it waits for, and stopping with an error when it settles
elsewhere or takes longer than the limit. Each waiter (domain_wait, replica_wait)
says what its resource is and what each status means.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from reconciler.errors import ReconcilerError

FIRST_PAUSE = 0.25
LONGEST_PAUSE = 5.0
PROGRESS_EVERY = 30.0  # seconds between "still waiting" lines


class Watched(Protocol):
    """One resource being waited for."""

    limit: float  # seconds

    def status(self) -> str:
        """Its status now, read from AWS."""

    def reached(self, status: str) -> bool:
        """Whether ``status`` is where the write sends it."""

    def failed(self, status: str) -> ReconcilerError | None:
        """The error when ``status`` is settled somewhere else; None while it may move on."""

    def timed_out(self, status: str, waited: float) -> ReconcilerError: ...

    def waiting(self, status: str, waited: float) -> str: ...

    def done(self, status: str, waited: float) -> str: ...

    def stopped(self, status: str) -> str: ...


def poll(watched: Watched, say: Callable[[str], None], clock: Callable[[], float],
         sleep: Callable[[float], bool | None]) -> ReconcilerError | None:
    """Wait until ``watched`` is settled as asked: None, or the error to stop apply with.

    A signal interrupting the wait (``sleep`` returns True) ends it with None; apply
    then stops on its own and reports what wasn't done.
    """
    started = clock()
    pause = FIRST_PAUSE
    said_at: float | None = None
    while True:
        status = watched.status()
        waited = clock() - started
        if watched.reached(status):
            if said_at is not None:
                say(watched.done(status, waited))
            return None
        error = watched.failed(status)
        if error is not None:
            return error
        if waited >= watched.limit:
            return watched.timed_out(status, waited)
        if said_at is None or clock() - said_at >= PROGRESS_EVERY:
            say(watched.waiting(status, waited))
            said_at = clock()
        if sleep(min(pause, max(watched.limit - waited, 0.0))):
            say(watched.stopped(status))
            return None
        pause = min(pause * 2, LONGEST_PAUSE)
