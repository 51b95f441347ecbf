"""Interrupting an apply (SIGINT, SIGTERM): stop starting calls, never abandon silently.

A signal only sets a process-wide flag. Every place that is about to send a write
(the executor before each request, the facade just before botocore sends, the
retry and pacing waits) asks ``requested()``; the command then waits a bounded
time for the calls already in flight and prints what was and wasn't done. The
flag is process-wide because signals are: it is cleared when ``handled`` exits.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

from reconciler.errors import ReconcilerError

STOP_WAIT_ENV = "COGNITO_RECONCILER_STOP_WAIT_SECONDS"
# A write in flight is answered within botocore's read timeout (30 s) unless the
# network is gone; waiting longer than that only delays the report.
DEFAULT_STOP_WAIT = 30.0
SIGNALS = (signal.SIGINT, signal.SIGTERM)

_flag = threading.Event()
_received: list[int] = []
_lock = threading.Lock()


class Interrupted(ReconcilerError):
    """The run was stopped by a signal: exit 128 + the signal's number (130, 143)."""

    def __init__(self, signum: int, message: str, hint: str = "",
                 abandoned: bool = False) -> None:
        super().__init__(message, hint)
        self.signum = signum
        self.exit_code = 128 + signum
        # Calls were still in flight when the wait ran out: exit without joining them.
        self.abandoned = abandoned


def signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def requested() -> bool:
    return _flag.is_set()


def received() -> int | None:
    """The first signal received since the flag was last cleared."""
    with _lock:
        return _received[0] if _received else None


def count() -> int:
    with _lock:
        return len(_received)


def request(signum: int) -> None:
    with _lock:
        _received.append(signum)
    _flag.set()


def clear() -> None:
    with _lock:
        _received.clear()
    _flag.clear()


def sleep(seconds: float) -> bool:
    """Sleep, ending early when interrupted; True when interrupted."""
    if seconds <= 0:
        return _flag.is_set()
    return _flag.wait(seconds)


def stop_wait() -> float:
    """``COGNITO_RECONCILER_STOP_WAIT_SECONDS``: how long an interrupted apply waits for
    the calls in flight before it reports them as unknown (default 30)."""
    try:
        value = float(os.environ.get(STOP_WAIT_ENV, DEFAULT_STOP_WAIT))
    except ValueError:
        return DEFAULT_STOP_WAIT
    return value if value >= 0 else DEFAULT_STOP_WAIT


@contextmanager
def handled(on_signal: Callable[[int], None] | None = None) -> Iterator[None]:
    """While inside, SIGINT and SIGTERM set the flag (and call ``on_signal``) instead
    of raising. Outside the main thread signals can't be handled: nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    clear()

    def handler(signum: int, frame: FrameType | None) -> None:
        request(signum)
        if on_signal is not None:
            on_signal(signum)

    previous = {signum: signal.signal(signum, handler) for signum in SIGNALS}
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)
        clear()
