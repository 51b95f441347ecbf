"""The WSGI layer between HTTP and moto: where every AWS correction hooks in.

For each cognito-idp call (``POST /`` with ``X-Amz-Target:
AWSCognitoIdentityProviderService.<Op>`` and a JSON body) the order is:

1. count it, apply the emulated quotas and wait out the emulated latency
   (``quotas.py``), all before taking the lock, so calls in flight overlap;
2. record it in the request log;
3. ask the fault injector (``faults.py``) whether to answer with an error
   (a quota throttle from step 1 wins);
4. validate the body against botocore's model (``validation.py``);
5. answer it with a sandbox handler (``pools.py``, ``clients.py``, ...) or
   forward it to moto, reshaping moto's answer with an ``after`` hook if one
   is registered.

``/_sandbox/*`` control endpoints (``control.py``) and ``POST /moto-api/reset``
are answered here too; everything else goes to moto untouched.
"""

from __future__ import annotations

import copy
import datetime
import io
import json
import logging
import os
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from moto.cognitoidp.responses import CognitoIdpResponse
from moto.core.exceptions import JsonRESTError
from moto.core.models import DEFAULT_ACCOUNT_ID
from moto.core.utils import camelcase_to_underscores

# Importing the handler modules registers their operations.
from . import (  # noqa: F401
    branding,
    cimd,
    client_secrets,
    clients,
    control,
    domains,
    groups,
    identity_providers,
    logs,
    mfa,
    model,
    pools,
    provisioned_limits,
    quotas,
    replicas,
    resource_servers,
    risk,
    serialisation,
    sessions,
    tags,
    terms,
    validation,
)
from .calls import AFTER, HANDLERS, Call
from .errors import ApiError
from .state import SandboxState

log = logging.getLogger(__name__)

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
StartResponse = Callable[..., Any]

JSON_TYPE = "application/x-amz-json-1.1"


def _default(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        # AWS's JSON protocol sends timestamps as epoch seconds.
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return value.timestamp()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def encode(document: Any) -> bytes:
    return json.dumps(document, default=_default).encode()


def respond(
    start_response: StartResponse, status: int, document: Any, content_type: str = JSON_TYPE
) -> list[bytes]:
    payload = encode(document)
    reason = {200: "OK", 400: "Bad Request", 404: "Not Found", 501: "Not Implemented"}
    start_response(
        f"{status} {reason.get(status, 'Error')}",
        [
            ("Content-Type", content_type),
            ("Content-Length", str(len(payload))),
            ("x-amzn-RequestId", str(uuid.uuid4())),
        ],
    )
    return [payload]


def respond_error(start_response: StartResponse, error: ApiError) -> list[bytes]:
    return respond(start_response, error.status, error.body())


def _read_body(environ: dict[str, Any]) -> bytes:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    stream = environ["wsgi.input"]
    return bytes(stream.read(length)) if length else b""


def _region(environ: dict[str, Any]) -> str:
    """The region of the SigV4 credential scope (moto keys its backends by it)."""
    auth = str(environ.get("HTTP_AUTHORIZATION", ""))
    try:
        scope = auth.split(",")[0].split()[1]
        return scope.split("/")[2]
    except IndexError:
        return "us-east-1"


def _account(environ: dict[str, Any]) -> str:
    # The same precedence moto uses, minus its IAM access-key lookup.
    return str(
        os.environ.get("MOTO_ACCOUNT_ID")
        or environ.get("HTTP_X_MOTO_ACCOUNT_ID")
        or DEFAULT_ACCOUNT_ID
    )


class SandboxMiddleware:
    def __init__(self, moto_app: WSGIApp, state: SandboxState,
                 reset: Callable[[], None]) -> None:
        self.moto_app = moto_app
        self.state = state

        def reset_all() -> None:
            reset()
            quotas.reset(state)

        self.reset = reset_all

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path.startswith("/_sandbox/"):
            return control.handle(self.state, method, path, _read_body(environ), start_response)
        if path.rstrip("/") == "/moto-api/reset" and method == "POST":
            self.reset()  # moto's state and the sandbox's, together
            return respond(start_response, 200, {"status": "ok"}, "application/json")
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        if method == "POST" and target.startswith(model.TARGET_PREFIX):
            operation = target[len(model.TARGET_PREFIX):]
            # AWS refuses a pool's overlapping client writes (serialisation.py).
            return serialisation.one_at_a_time(
                self.state, environ, operation, _account(environ), _region(environ),
                start_response, lambda: self._cognito(environ, start_response, operation))
        return self.moto_app(environ, start_response)

    def _cognito(self, environ: dict[str, Any], start_response: StartResponse,
                 operation: str) -> Iterable[bytes]:
        raw = _read_body(environ)
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = None
        throttled = quotas.admit(self.state, operation, body, _account(environ),
                                 _region(environ))
        with self.state.lock:
            self.state.log(operation, copy.deepcopy(body) if body is not None else raw.decode(
                "utf-8", "replace"))
            if not isinstance(body, dict):
                return respond_error(start_response, ApiError(
                    "SerializationException", "The request body is not a JSON object."))
            error = self.state.faults.check(operation)
            if throttled is not None:
                error = throttled
            if error is None:
                error = self._refuse(operation, body)
            if error is not None:
                return respond_error(start_response, error)
            call = Call(operation, body, _account(environ), _region(environ), self.state)
            handler = HANDLERS.get(operation)
            try:
                if handler is not None:
                    return respond(start_response, 200, handler(call))
                return self._forward(environ, start_response, raw, call)
            except ApiError as api_error:
                return respond_error(start_response, api_error)
            except JsonRESTError as moto_error:
                return respond_error(start_response, ApiError(
                    moto_error.error_type, moto_error.message, moto_error.code))
            except Exception as bug:  # a sandbox bug: answer like AWS's internal error
                log.exception("sandbox failed on %s", operation)
                return respond_error(start_response, ApiError(
                    "InternalErrorException", f"sandbox error: {bug!r}", 500))

    @staticmethod
    def _refuse(operation: str, body: dict[str, Any]) -> ApiError | None:
        if operation not in model.operation_names():
            return ApiError("UnknownOperationException", f"Unknown operation {operation}")
        error = validation.check_or_none(operation, body)
        if error is not None:
            return error
        if operation not in HANDLERS and not hasattr(
            CognitoIdpResponse, camelcase_to_underscores(operation)
        ):
            # moto would raise NotImplementedError, answered as a 500 that botocore
            # retries. 501 isn't retried, so the caller fails fast and clearly.
            return ApiError(
                "NotImplementedException",
                f"The Cognito sandbox does not implement {operation}.",
                501,
            )
        return None

    def _forward(self, environ: dict[str, Any], start_response: StartResponse, raw: bytes,
                 call: Call) -> Iterable[bytes]:
        """Let moto answer, reading its whole answer while the lock is held."""
        forwarded = dict(environ)
        forwarded["wsgi.input"] = io.BytesIO(raw)
        forwarded["CONTENT_LENGTH"] = str(len(raw))
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
            captured["status"], captured["headers"] = status, headers

        chunks = self.moto_app(forwarded, capture)
        try:
            payload = b"".join(chunks)
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()
        hook = AFTER.get(call.operation)
        if hook is not None and captured["status"].startswith("200"):
            return respond(start_response, 200, hook(call, json.loads(payload or b"{}")))
        start_response(captured["status"], captured["headers"])
        return [payload]
