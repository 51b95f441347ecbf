"""A thin Cognito facade: paginated reads, secret-free describes, translated errors."""

from __future__ import annotations

import datetime
import logging
import threading
from collections.abc import Callable
from typing import Any

from botocore import xform_name

from reconciler import interruption
from reconciler.aws.errors import CognitoError, NotSent, OutcomeUnknown, is_read, translated
from reconciler.aws.pacing import RateLimiter, pool_id_of
from reconciler.aws_types import UNMODELED_KEY
from reconciler.model import secret_held

log = logging.getLogger("reconciler.aws")

PAGE_SIZE = 60  # the maximum ListUserPools / ListUserPoolClients accept


def _created(value: Any) -> float:
    """A create date as seconds: botocore parses it to a datetime."""
    if isinstance(value, datetime.datetime):
        return value.timestamp()
    return float(value) if isinstance(value, int | float) else 0.0


class _Stopped(Exception):
    """Raised in botocore's before-send hook: the apply was interrupted."""

    def __init__(self, retry: bool) -> None:
        super().__init__("interrupted")
        self.retry = retry


class Cognito:
    """One region's cognito-idp client. Every call goes through ``call``."""

    def __init__(self, client: Any, endpoint: str | None = None,
                 on_call: Callable[[str], None] | None = None,
                 pacer: RateLimiter | None = None) -> None:
        self._client = client
        self._endpoint = endpoint
        self._on_call = on_call
        self._pacer = pacer
        self.region: str = client.meta.region_name
        self._sends = threading.local()  # attempts of the current call, per thread
        service = client.meta.service_model.service_id.hyphenize()
        client.meta.events.register(f"before-send.{service}", self._gate)
        if pacer is not None:
            client.meta.events.register(f"needs-retry.{service}", self._notice_throttle)

    def _gate(self, request: Any = None, **_: Any) -> None:
        """The last moment before a write leaves: once interrupted, send nothing more.

        botocore's own retries pass here too, so an interrupted run never resends.
        Returning None lets botocore send the request.
        """
        self._sends.count = getattr(self._sends, "count", 0) + 1
        if interruption.requested() and not is_read(getattr(self._sends, "operation", "")):
            raise _Stopped(self._sends.count > 1)

    def _notice_throttle(self, response: Any = None, operation: Any = None,
                         request_dict: Any = None, **_: Any) -> None:
        """Another app may share the quota: a throttle slows this category down."""
        parsed = response[1] if isinstance(response, tuple) and len(response) > 1 else {}
        code = (parsed or {}).get("Error", {}).get("Code")
        if code == "TooManyRequestsException" and self._pacer and operation is not None:
            body = (request_dict or {}).get("body")
            self._pacer.throttled(operation.name, pool_id_of(body))
        # Returning None leaves the retry decision to botocore's handler.

    def call(self, operation: str, **params: Any) -> dict[str, Any]:
        log.debug("call %s %s", operation, sorted(params))  # names only: values may be secret
        if self._on_call:
            self._on_call(operation)
        if self._pacer is not None:
            waited = self._pacer.acquire(operation, params.get("UserPoolId"))
            if waited:
                log.debug("paced %s: waited %.2fs to stay under Cognito's quotas",
                          operation, waited)
        if interruption.requested() and not is_read(operation):
            raise NotSent(f"{operation} was not sent: the apply was interrupted",
                          interrupted=True)
        self._sends.count, self._sends.operation = 0, operation
        try:
            with translated(operation, self._endpoint):
                result: dict[str, Any] = getattr(self._client, xform_name(operation))(**params)
        except _Stopped as stopped:
            if stopped.retry:
                # An earlier attempt was sent and its answer asked for a retry: whether
                # it took effect is not known here.
                raise OutcomeUnknown(operation, "Interrupted",
                                     f"{operation}: interrupted between retries; Cognito may "
                                     "or may not have done it") from stopped
            raise NotSent(f"{operation} was not sent: the apply was interrupted",
                          interrupted=True) from stopped
        result.pop("ResponseMetadata", None)
        return result

    def pages(self, operation: str, key: str, token: str = "NextToken",
              **params: Any) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        next_token: str | None = None
        while True:
            if next_token:
                params[token] = next_token
            page = self.call(operation, **params)
            items.extend(page.get(key, []))
            next_token = page.get(token)
            if not next_token:
                return items

    def list_user_pools(self) -> list[dict[str, Any]]:
        return self.pages("ListUserPools", "UserPools", MaxResults=PAGE_SIZE)

    def describe_user_pool(self, pool_id: str) -> dict[str, Any]:
        result = self.call("DescribeUserPool", UserPoolId=pool_id)
        pool: dict[str, Any] = result["UserPool"]
        pool[UNMODELED_KEY] = result.get(UNMODELED_KEY, [])
        return pool

    def find_user_pool(self, pool_id: str) -> dict[str, Any] | None:
        try:
            return self.describe_user_pool(pool_id)
        except CognitoError as exc:
            if exc.code == "ResourceNotFoundException":
                return None
            raise

    def list_clients(self, pool_id: str) -> list[dict[str, Any]]:
        return self.pages("ListUserPoolClients", "UserPoolClients",
                           UserPoolId=pool_id, MaxResults=PAGE_SIZE)

    def describe_client(self, pool_id: str, client_id: str) -> dict[str, Any]:
        """The client without its secret; ``HasSecret`` says whether it has one."""
        result = self.call("DescribeUserPoolClient", UserPoolId=pool_id, ClientId=client_id)
        client: dict[str, Any] = result["UserPoolClient"]
        client["HasSecret"] = secret_held(client)
        client[UNMODELED_KEY] = result.get(UNMODELED_KEY, [])
        return client

    def list_client_secrets(self, pool_id: str, client_id: str) -> list[tuple[str, str]]:
        """The client's secrets as (ClientSecretId, create date), oldest first; the
        values are never returned (doc: ListUserPoolClientSecrets)."""
        found = self.pages("ListUserPoolClientSecrets", "ClientSecrets",
                           UserPoolId=pool_id, ClientId=client_id)
        ordered = sorted(found, key=lambda s: (_created(s.get("ClientSecretCreateDate")),
                                               str(s.get("ClientSecretId"))))
        return [(str(s.get("ClientSecretId")), str(s.get("ClientSecretCreateDate", "")))
                for s in ordered]

    def get_mfa_config(self, pool_id: str) -> dict[str, Any]:
        result = self.call("GetUserPoolMfaConfig", UserPoolId=pool_id)
        result.setdefault(UNMODELED_KEY, [])
        return result
