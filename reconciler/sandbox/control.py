"""``/_sandbox/*``: endpoints for tests and users, outside the cognito protocol.

- ``GET /_sandbox/requests``: every cognito-idp request since the last
  reset/clear, in order, as ``[{"operation": ..., "body": {...}}, ...]``.
- ``DELETE /_sandbox/requests``: clear that log.
- ``POST /_sandbox/describe-extra`` ``{"UserPoolId": ..., "Fields": {...}}``:
  DescribeUserPool of that pool also returns these top-level keys (a pool
  configured by a newer API version than our botocore models).
- ``POST /_sandbox/faults`` (see ``faults.py``), ``GET`` shows the rules,
  ``DELETE`` clears them.
- ``GET /_sandbox/stats``: calls and quota throttles per operation since the
  last reset (see ``quotas.py``); ``DELETE`` clears the counters.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from . import quotas
from .state import SandboxState

StartResponse = Callable[..., Any]


def _answer(start_response: StartResponse, status: int, document: Any) -> list[bytes]:
    payload = json.dumps(document).encode()
    reasons = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}
    start_response(
        f"{status} {reasons.get(status, 'Error')}",
        [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))],
    )
    return [payload]


def _json(raw: bytes) -> dict[str, Any]:
    document = json.loads(raw or b"{}")
    if not isinstance(document, dict):
        raise ValueError("expected a JSON object")
    return document


def _describe_extra(state: SandboxState, document: dict[str, Any]) -> tuple[int, Any]:
    pool_id = document.get("UserPoolId")
    fields = document.get("Fields")
    if not isinstance(pool_id, str) or not isinstance(fields, dict):
        return 400, {"error": "expected {\"UserPoolId\": str, \"Fields\": {...}}"}
    for (_, _, known_id), record in state.pools.items():
        if known_id == pool_id:
            record.describe_extra.update(fields)
            return 200, {"UserPoolId": pool_id, "Fields": record.describe_extra}
    return 404, {"error": f"no user pool {pool_id} in the sandbox"}


def handle(state: SandboxState, method: str, path: str, raw: bytes,
           start_response: StartResponse) -> Iterable[bytes]:
    with state.lock:
        try:
            status, document = _route(state, method, path.rstrip("/"), raw)
        except ValueError as error:
            status, document = 400, {"error": str(error)}
    return _answer(start_response, status, document)


def _route(state: SandboxState, method: str, path: str, raw: bytes) -> tuple[int, Any]:
    if path == "/_sandbox/requests":
        if method == "GET":
            return 200, state.requests
        if method == "DELETE":
            state.requests.clear()
            return 200, {"cleared": True}
        return 405, {"error": "use GET or DELETE"}
    if path == "/_sandbox/describe-extra":
        if method != "POST":
            return 405, {"error": "use POST"}
        return _describe_extra(state, _json(raw))
    if path == "/_sandbox/faults":
        if method == "POST":
            state.faults.configure(_json(raw))
            return 200, {"faults": state.faults.describe()}
        if method == "GET":
            return 200, {"faults": state.faults.describe()}
        if method == "DELETE":
            state.faults.clear()
            return 200, {"faults": []}
        return 405, {"error": "use GET, POST or DELETE"}
    if path == "/_sandbox/stats":
        return quotas.stats_endpoint(state, method)
    return 404, {"error": f"unknown sandbox endpoint {path}"}
