"""Run the sandbox: moto's server app behind the correcting middleware, on loopback."""

from __future__ import annotations

import signal
import sys
import threading
from typing import Any, TextIO

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from .state import SandboxState

# Only loopback: the sandbox has no authentication and must never face a network.
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class _QuietHandler(WSGIRequestHandler):
    """No access-log line per request (errors are still logged)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None


def _build_app(state: SandboxState) -> Any:
    # moto is imported here, not at module import, so `import server` stays cheap.
    from moto.moto_api._internal.models import moto_api_backend
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    from .middleware import SandboxMiddleware

    def reset() -> None:
        with state.lock:
            moto_api_backend.reset()
            state.reset()

    return SandboxMiddleware(DomainDispatcherApplication(create_backend_app), state, reset)


class SandboxServer:
    """A sandbox on ``host:port`` (port 0 picks a free one), served from a thread.

    moto's state is global to the process: two servers in one process share it.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        if host not in _LOOPBACK:
            raise ValueError(f"the sandbox only binds loopback addresses, not {host!r}")
        self.host = host
        self.port = port
        self.state = SandboxState()
        self._app = _build_app(self.state)
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> str:
        """Start serving in a background thread; returns the endpoint URL."""
        if self._server is not None:
            return self.url
        self._server = make_server(
            self.host, self.port, self._app, threaded=True, request_handler=_QuietHandler
        )
        self.port = self._server.server_port
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="cognito-sandbox", daemon=True
        )
        self._thread.start()
        return self.url

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join()
        self._server = None
        self._thread = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def reset(self) -> None:
        """Clear all moto state and the sandbox's own (log, extras, faults)."""
        self._app.reset()

    def __enter__(self) -> SandboxServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _stop_on_sigterm() -> None:
    """Treat SIGTERM (docker stop, CI job cancel) like Ctrl-C, and make sure Ctrl-C
    works even when the process was started with SIGINT ignored or left at the
    system default (as background jobs of a shell are)."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, interrupt)
        signal.signal(signal.SIGINT, interrupt)


# Not 4566: that is LocalStack's port, and a user running both would point the tool
# at the wrong emulator (issue 13, trap 9). 9466 is in no common tool's default set.
DEFAULT_PORT = 9466


def serve_forever(host: str = "127.0.0.1", port: int = DEFAULT_PORT,
                  out: TextIO = sys.stderr) -> None:
    """Serve in the foreground until Ctrl-C (or SIGTERM)."""
    server = SandboxServer(host, port)
    url = server.start()
    _stop_on_sigterm()
    # The line is printed inside the try: a signal sent as soon as it is read (a test, a
    # script) must still find the handler that stops the server cleanly.
    try:
        print(
            f"Cognito sandbox listening on {url} (Ctrl-C to stop); point the tool at it "
            f"with: export AWS_ENDPOINT_URL_COGNITO_IDP={url}",
            file=out,
            flush=True,
        )
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
