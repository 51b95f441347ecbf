"""Showing how far a long read is: a live line on a terminal, plain lines in CI logs."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TextIO

from reconciler.render.escape import visible

QUIET_SECONDS = 3.0  # short runs show nothing
LOG_EVERY_SECONDS = 5.0  # without a terminal, one plain line this often


class ReadProgress:
    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self._last_line = float("-inf")
        self._shown = False
        self._lock = threading.Lock()

    def __call__(self, done: int, total: int, name: str) -> None:
        with self._lock:
            now = self.clock()
            if now - self.started < QUIET_SECONDS and done < total:
                return
            if not self._shown and done == total and now - self.started < QUIET_SECONDS:
                return
            text = f"Reading live state: {done}/{total} pools ({visible(name)})"
            if self.tty:
                self.stream.write(f"\r\x1b[K{text}")
                if done == total:
                    self.stream.write("\r\x1b[K")
                self._shown = True
            elif done == total or now - self._last_line >= LOG_EVERY_SECONDS:
                self.stream.write(f"{text}\n")
                self._last_line = now
                self._shown = True
            self.stream.flush()
