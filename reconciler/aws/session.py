"""Building a Cognito client the way every command needs it: retries and errors.

Retries (see ``RetryConditions``): botocore's "standard" mode with our own
conditions and backoff cap. Throttling and connection failures before a request
was sent are retried for every operation; failures that leave it unknown whether
Cognito acted (a 5xx, a connection closed before the answer, a read timeout) are
retried only for calls that may safely be sent twice (reads, full-body updates).
A create sent twice makes two pools or two clients of the same name, and Cognito
has no idempotency token, so such a failure stops the apply instead; the next
apply re-reads the live state, finds what was created, and converges.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

import boto3
import botocore.config
import botocore.exceptions as bex
import botocore.session
from botocore.retries import quota, standard
from botocore.retries.base import BaseRetryableChecker

from reconciler.aws.unmodeled import register_unmodeled_detector
from reconciler.errors import ReconcilerError

log = logging.getLogger("reconciler.aws")

# Cognito answers throttling with TooManyRequestsException, which botocore's
# default "legacy" retry mode does not retry; "standard" does, with jittered backoff.
MAX_ATTEMPTS = 8
RETRY_CONFIG = {"mode": "standard", "total_max_attempts": MAX_ATTEMPTS}
# An endpoint that refuses connections (or whose name doesn't resolve) is rarely
# back within seconds: a few attempts, then say so.
CONNECT_ATTEMPTS = 4
# Full-jitter exponential backoff: the n-th retry waits rand(0, min(2**(n-1), cap)) s.
# AWS: botocore's own cap (ceilings 1, 2, 4, 8, 16, 20, 20 s; ~35 s expected in all).
AWS_MAX_BACKOFF = 20.0
# A local emulator throttles or fails only when a test tells it to: don't make it wait.
LOCAL_MAX_BACKOFF = 0.25

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
SANDBOX_REGION = "us-east-1"

# Sent twice, these have the effect of sending them once.
_REPEATABLE_PREFIXES = ("Describe", "Get", "List", "Update", "Set", "Tag", "Untag",
                        "AdminGet", "AdminList")
# Raised before a byte of the request left this machine: safe to retry anything.
_NOT_SENT = (bex.EndpointConnectionError, bex.ConnectTimeoutError, bex.ProxyConnectionError,
             bex.SSLError)


@dataclass(frozen=True)
class AwsSettings:
    region: str | None = None
    profile: str | None = None
    endpoint_url: str | None = None


def resolve_endpoint(settings: AwsSettings) -> str | None:
    return (
        settings.endpoint_url
        or os.environ.get("AWS_ENDPOINT_URL_COGNITO_IDP")
        or os.environ.get("AWS_ENDPOINT_URL")
        or None
    )


def is_loopback(endpoint: str | None) -> bool:
    if not endpoint:
        return False
    host = urlparse(endpoint).hostname or ""
    return host in LOOPBACK_HOSTS or host.startswith("127.")


def repeatable(operation: str) -> bool:
    """Whether ``operation`` sent twice has the same effect as sent once."""
    return operation.startswith(_REPEATABLE_PREFIXES)


@dataclass
class RetryStats:
    """What the retry handler did, for the debug log and for tests."""

    retries: int = 0
    throttled: int = 0
    by_reason: dict[str, int] = field(default_factory=dict)


class RetryConditions(BaseRetryableChecker):
    """When to retry: see the module docstring."""

    def __init__(self, max_attempts: int = MAX_ATTEMPTS,
                 connect_attempts: int = CONNECT_ATTEMPTS) -> None:
        self._max_attempts = standard.MaxAttemptsChecker(max_attempts)
        self._connect_attempts = connect_attempts
        self._throttled = standard.ThrottledRetryableChecker()
        self._transient = standard.TransientRetryableChecker()

    def is_retryable(self, context: Any) -> bool:
        if not self._max_attempts.is_retryable(context):
            return False
        if isinstance(context.caught_exception, _NOT_SENT):
            return bool(context.attempt_number < self._connect_attempts)
        if self._throttled.is_retryable(context):
            return True  # refused before anything was done
        if self._transient.is_retryable(context):
            operation = getattr(context.operation_model, "name", "")
            return repeatable(operation)
        return False


def retry_reason(kwargs: dict[str, Any]) -> str:
    caught = kwargs.get("caught_exception")
    if caught is not None:
        return type(caught).__name__
    response = kwargs.get("response")
    if response:
        http, parsed = response
        code = (parsed or {}).get("Error", {}).get("Code")
        return str(code or f"HTTP {getattr(http, 'status_code', '?')}")
    return "unknown"


def install_retries(client: Any, max_backoff: float, stats: RetryStats,
                    max_attempts: int = MAX_ATTEMPTS) -> None:
    """Replace botocore's standard retry handler by one with our conditions and cap."""
    service = client.meta.service_model.service_id.hyphenize()
    unique_id = f"retry-config-{service}"
    client.meta.events.unregister(f"needs-retry.{service}", unique_id=unique_id)
    retry_quota = standard.RetryQuotaChecker(quota.RetryQuota())
    handler = standard.RetryHandler(
        retry_policy=standard.RetryPolicy(
            retry_checker=RetryConditions(max_attempts),
            retry_backoff=standard.ExponentialBackoff(
                max_backoff=max_backoff),  # type: ignore[arg-type]  # float is fine
        ),
        retry_event_adapter=standard.RetryEventAdapter(),
        retry_quota=retry_quota,  # type: ignore[arg-type]  # the stubs name the wrong class
    )

    def needs_retry(**kwargs: Any) -> Any:
        delay = handler.needs_retry(**kwargs)
        if delay is not None and delay is not False:
            reason = retry_reason(kwargs)
            stats.retries += 1
            stats.by_reason[reason] = stats.by_reason.get(reason, 0) + 1
            if reason == "TooManyRequestsException":
                stats.throttled += 1
            log.debug("retrying %s after %s (attempt %d of %d) in %.2fs",
                      kwargs["operation"].name, reason, kwargs["attempts"] + 1,
                      max_attempts, delay)
        return delay

    client.meta.events.register(f"after-call.{service}", retry_quota.release_retry_quota)
    client.meta.events.register(f"needs-retry.{service}", needs_retry, unique_id=unique_id)


def _credential_error(exc: Exception) -> ReconcilerError:
    return ReconcilerError(
        f"the AWS credentials could not be loaded: {exc}",
        "refresh them (aws sso login, new keys), or check AWS_PROFILE and the "
        "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY pair",
    )


class ClientFactory:
    """Creates one cognito-idp client per region and reuses it."""

    def __init__(self, settings: AwsSettings) -> None:
        self.settings = settings
        self.endpoint = resolve_endpoint(settings)
        self.stats = RetryStats()
        try:
            self._session = boto3.session.Session(profile_name=settings.profile)
        except bex.ProfileNotFound as exc:
            raise ReconcilerError(
                f"AWS profile {settings.profile!r} not found",
                "check --profile or AWS_PROFILE against ~/.aws/config",
            ) from exc
        self._clients: dict[str, object] = {}

    def default_region(self) -> str | None:
        region = self.settings.region or self._session.region_name
        if not region and is_loopback(self.endpoint):
            region = SANDBOX_REGION
        return region

    def _has_credentials(self) -> bool:
        try:
            return self._session.get_credentials() is not None
        except (bex.PartialCredentialsError, bex.CredentialRetrievalError,
                bex.TokenRetrievalError, bex.SSOError, bex.InvalidConfigError) as exc:
            raise _credential_error(exc) from exc

    def client(self, region: str | None = None) -> object:
        region = self.settings.region or region or self.default_region()
        if not region:
            raise ReconcilerError(
                "no AWS region is set",
                "pass --region, set AWS_REGION, or give the pool a `region:` in the spec",
            )
        if region in self._clients:
            return self._clients[region]
        local = is_loopback(self.endpoint)
        kwargs: dict[str, object] = {
            "region_name": region,
            "config": botocore.config.Config(
                retries=RETRY_CONFIG,  # type: ignore[arg-type]
                user_agent_extra="cognito-reconciler",
                connect_timeout=10,
                read_timeout=30,
            ),
        }
        if self.endpoint:
            kwargs["endpoint_url"] = self.endpoint
        if local and not self._has_credentials():
            # The local sandbox checks no signature; spare users from inventing keys.
            kwargs["aws_access_key_id"] = "sandbox"
            kwargs["aws_secret_access_key"] = "sandbox"
        try:
            client = self._session.client("cognito-idp", **kwargs)  # type: ignore[call-overload]
        except (bex.PartialCredentialsError, bex.CredentialRetrievalError,
                bex.TokenRetrievalError, bex.SSOError) as exc:
            raise _credential_error(exc) from exc
        except bex.InvalidRegionError as exc:
            raise ReconcilerError(
                f"{region!r} is not a valid AWS region name",
                "pass --region (or set AWS_REGION, or the pool's `region:`) to a region "
                "such as eu-west-1",
            ) from exc
        except ValueError as exc:  # botocore: "Invalid endpoint: ..."
            raise ReconcilerError(
                f"the Cognito endpoint {self.endpoint!r} is not a valid URL ({exc})",
                "give --endpoint-url (or AWS_ENDPOINT_URL_COGNITO_IDP) a full URL such as "
                "http://127.0.0.1:4566",
            ) from exc
        except bex.BotoCoreError as exc:
            raise ReconcilerError(f"cannot set up the Cognito client: {exc}") from exc
        install_retries(client, LOCAL_MAX_BACKOFF if local else AWS_MAX_BACKOFF, self.stats)
        register_unmodeled_detector(client)
        self._clients[region] = client
        return client
