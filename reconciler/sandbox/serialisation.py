"""AWS processes one client write per user pool at a time; an overlapping one is refused.

AWS: a request that updates an app client while another such request for the same
user pool is still being processed is answered HTTP 400
``ConcurrentModificationException`` "Only one request to update user pool client can
be processed at a time." Sources: terraform-provider-aws#19794 (a user's apply of
several ``aws_cognito_user_pool_client`` resources in one pool, quoting that error);
terraform-provider-aws ``internal/service/cognitoidp/user_pool_client.go`` (retries
UpdateUserPoolClient on it for 2 minutes); botocore's model lists the error for
UpdateUserPoolClient and DeleteUserPoolClient (and CreateUserPoolClient not).

The sandbox emulates exactly that: UpdateUserPoolClient and DeleteUserPoolClient
calls naming the same (account, Region, user pool) may not overlap. A call is "in
progress" from its arrival to its answer, emulated latency included, so overlap
happens as it does over a network. The model lists the error for other writes too
(pool, MFA, identity provider, domain, branding); no source says what they
conflict with, so the sandbox doesn't invent it (the tool serialises them anyway).
The refused call is logged in the request log and touches no state.
"""

from __future__ import annotations

import io
import json
import threading
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from .errors import ApiError
from .state import SandboxState

CLIENT_WRITES = frozenset({"UpdateUserPoolClient", "DeleteUserPoolClient"})
MESSAGE = "Only one request to update user pool client can be processed at a time."

StartResponse = Callable[..., Any]
Slot = tuple[str, str, str]  # (account, region, user pool id)

_busy: set[tuple[int, Slot]] = set()  # (id of the sandbox state, slot)
_lock = threading.Lock()


def _slot(operation: str, raw: bytes, account: str, region: str) -> Slot | None:
    if operation not in CLIENT_WRITES:
        return None
    try:
        body = json.loads(raw or b"{}")
    except ValueError:
        return None
    pool_id = body.get("UserPoolId") if isinstance(body, dict) else None
    return (account, region, pool_id) if isinstance(pool_id, str) and pool_id else None


def _refuse(state: SandboxState, operation: str, raw: bytes,
            start_response: StartResponse) -> list[bytes]:
    error = ApiError("ConcurrentModificationException", MESSAGE, 400)
    with state.lock:
        state.log(operation, json.loads(raw))
    payload = json.dumps(error.body()).encode()
    start_response("400 Bad Request", [
        ("Content-Type", "application/x-amz-json-1.1"),
        ("Content-Length", str(len(payload))),
        ("x-amzn-RequestId", str(uuid.uuid4())),
    ])
    return [payload]


def one_at_a_time(state: SandboxState, environ: dict[str, Any], operation: str,
                  account: str, region: str, start_response: StartResponse,
                  answer: Callable[[], Iterable[bytes]]) -> Iterable[bytes]:
    """Answer the call with ``answer()``, or refuse it while its pool has a client
    write in progress. Reads the body and puts it back for ``answer``."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    raw = bytes(environ["wsgi.input"].read(length)) if length else b""
    environ["wsgi.input"] = io.BytesIO(raw)
    slot = _slot(operation, raw, account, region)
    if slot is None:
        return answer()
    key = (id(state), slot)
    with _lock:
        taken = key in _busy
        if not taken:
            _busy.add(key)
    if taken:
        return _refuse(state, operation, raw, start_response)
    try:
        # The middleware builds the whole answer before returning it.
        return list(answer())
    finally:
        with _lock:
            _busy.discard(key)
