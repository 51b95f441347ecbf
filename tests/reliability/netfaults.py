"""Network faults: a TCP proxy on 127.0.0.1 that drops chosen cognito-idp calls.

A dropped connection is not an API answer, so the sandbox can't produce it: this
proxy sits between the tool and the sandbox and, for the calls it is told to,
closes the client's socket without a byte of answer, either

- ``before``: the request never reaches the sandbox (Cognito did nothing), or
- ``after``: the sandbox handled it and its answer is thrown away (Cognito did
  it, the client can't know): the case where resending a create duplicates it.

botocore sees both as ``ConnectionClosedError``. Calls are counted in arrival
order, retries included, like the sandbox's own fault rules.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from urllib.parse import urlparse

_TARGET_HEADER = b"x-amz-target:"
_READS = ("Describe", "Get", "List", "AdminGet", "AdminList")


def _read_request(conn: socket.socket) -> bytes:
    """One HTTP request (headers plus Content-Length body), or b"" if the peer left."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return b""
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def _operation(request: bytes) -> str | None:
    for line in request.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        if line.lower().startswith(_TARGET_HEADER):
            return line.split(b".", 1)[-1].strip().decode()
    return None


def _with_connection_close(request: bytes) -> bytes:
    """The request with ``Connection: close``: one request per upstream connection."""
    head, _, body = request.partition(b"\r\n\r\n")
    lines = [line for line in head.split(b"\r\n")
             if not line.lower().startswith(b"connection:")]
    return b"\r\n".join([*lines, b"Connection: close"]) + b"\r\n\r\n" + body


def _drop(conn: socket.socket) -> None:
    try:
        conn.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    conn.close()


@dataclass
class DroppingProxy:
    """Forwards to ``target`` (http://127.0.0.1:PORT); drops the calls in ``drops``.

    ``drops`` maps a 1-based cognito-idp call number to ``"before"`` or ``"after"``;
    ``first_of`` maps an operation to when its first call is dropped;
    ``write_drops`` maps a 1-based write number (reads excluded) to when.
    """

    target: str
    drops: dict[int, str] = field(default_factory=dict)
    first_of: dict[str, str] = field(default_factory=dict)
    write_drops: dict[int, str] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)  # operations in arrival order
    dropped: list[tuple[int, str, str]] = field(default_factory=list)  # (number, op, when)

    def __post_init__(self) -> None:
        parsed = urlparse(self.target)
        self._upstream = (parsed.hostname or "127.0.0.1", parsed.port or 80)
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.05)  # so that close() is noticed promptly
        self._lock = threading.Lock()
        self._stopping = False
        self._thread = threading.Thread(target=self._serve, name="dropping-proxy", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.getsockname()[1]}"

    def configure(self, drops: dict[int, str] | None = None,
                  first_of: dict[str, str] | None = None,
                  write_drops: dict[int, str] | None = None) -> None:
        with self._lock:
            self.drops = dict(drops or {})
            self.first_of = dict(first_of or {})
            self.write_drops = dict(write_drops or {})
            self.calls.clear()
            self.dropped.clear()

    def close(self) -> None:
        self._stopping = True
        self._thread.join(timeout=5)
        self._server.close()

    def _serve(self) -> None:
        while not self._stopping:
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(None)
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            while True:
                request = _read_request(conn)
                if not request:
                    return
                operation = _operation(request)
                when = None
                if operation is not None:
                    with self._lock:
                        self.calls.append(operation)
                        number = len(self.calls)
                        when = self.drops.get(number)
                        if when is None and operation in self.first_of:
                            when = self.first_of.pop(operation)
                        if when is None and not operation.startswith(_READS):
                            writes = sum(1 for op in self.calls if not op.startswith(_READS))
                            when = self.write_drops.get(writes)
                        if when:
                            self.dropped.append((number, operation, when))
                if when == "before":
                    _drop(conn)
                    return
                answer = self._forward(request)
                if when == "after":
                    _drop(conn)
                    return
                conn.sendall(answer)
                if b"connection: close" in answer.split(b"\r\n\r\n", 1)[0].lower():
                    return

    def _forward(self, request: bytes) -> bytes:
        with socket.create_connection(self._upstream, timeout=30) as upstream:
            upstream.sendall(_with_connection_close(request))
            chunks = []
            while True:
                chunk = upstream.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        return b"".join(chunks)
