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

import ipaddress
import logging
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any

import boto3
import botocore.config
import botocore.exceptions as bex
import botocore.session
import urllib3.util
from botocore.retries import quota, standard
from botocore.retries.base import BaseRetryableChecker

from reconciler.aws.service_model import API_VERSION, new_session
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

_LOOPBACK_V4 = ipaddress.IPv4Network("127.0.0.0/8")
_LOOPBACK_V6 = ipaddress.IPv6Address("::1")
SANDBOX_REGION = "us-east-1"

# Sent twice, these have the effect of sending them once.
_REPEATABLE_PREFIXES = ("Describe", "Get", "List", "Update", "Set", "Tag", "Untag",
                        "AdminGet", "AdminList")
# Pacing's look-up of a provisioned rate (aws/provisioned.py): its failure means the
# default rate, which is always safe, so a retry's backoff would only delay the run.
_NEVER_RETRIED = frozenset({"GetProvisionedLimit"})
# Raised before a byte of the request left this machine: safe to retry anything.
_NOT_SENT = (bex.EndpointConnectionError, bex.ConnectTimeoutError, bex.ProxyConnectionError,
             bex.SSLError)


@dataclass(frozen=True)
class AwsSettings:
    region: str | None = None
    profile: str | None = None
    endpoint_url: str | None = None


# A host is a bracketed IPv6 literal or letters, digits, dots and dashes: nothing a
# parser could split differently (no userinfo, no percent-escapes, no backslash).
_HOST = re.compile(r"\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+")
_UNSAFE_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f]")


def _shown(url: str) -> str:
    # Control characters escaped (they could rewrite the terminal), the rest as given.
    return _UNSAFE_CHARS.sub(lambda m: m.group() if m.group() == " " else
                             f"\\x{ord(m.group()):02x}", url)


def _endpoint_error(url: str, source: str, problem: str) -> ReconcilerError:
    return ReconcilerError(
        f"the Cognito endpoint '{_shown(url)}' (from {source}) is not a valid URL to "
        f"connect to: {problem}",
        "give --endpoint-url (or AWS_ENDPOINT_URL_COGNITO_IDP) a plain URL such as "
        "http://127.0.0.1:9466 (the sandbox) or https://cognito-idp.eu-west-1.amazonaws.com",
    )


def check_endpoint(url: str, source: str = "--endpoint-url") -> str:
    """``url`` if it means one host to every parser, else a ``ReconcilerError``.

    The connection is made by urllib3, which reads ``\\`` as a path separator where
    ``urllib.parse`` reads it as part of a user name: ``http://a:1\\@b:2`` connects to
    ``a`` while ``urlparse`` says ``b``. So anything two parsers could read apart is
    refused (userinfo, backslashes, escapes, spaces, query, fragment), and what is
    kept must agree with urllib3's own reading.
    """
    if _UNSAFE_CHARS.search(url):
        what = "space" if " " in url else "control character"
        raise _endpoint_error(url, source, f"it holds a {what}")
    if "\\" in url:
        raise _endpoint_error(url, source, "it holds a backslash, which parsers read "
                              "differently (one connects to the host before it)")
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        raise _endpoint_error(url, source, "it must start with http:// or https://")
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    if "@" in authority:
        raise _endpoint_error(url, source, "it holds a user name or password (user@host)")
    if "?" in rest:
        raise _endpoint_error(url, source, "it holds a query (?...)")
    if "#" in rest:
        raise _endpoint_error(url, source, "it holds a fragment (#...)")
    host, port = authority, ""
    if not authority.endswith("]") and ":" in authority:
        host, _, port = authority.rpartition(":")
    if not host or not _HOST.fullmatch(host):
        raise _endpoint_error(url, source, f"{host!r} is not a host name or IP address")
    if host.startswith("["):
        try:
            ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            raise _endpoint_error(url, source, f"{host!r} is not an IPv6 address") from None
    if port and not (port.isdigit() and 0 < int(port) < 65536):
        raise _endpoint_error(url, source, f"the port {port!r} is not a number 1-65535")
    parsed = urllib3.util.parse_url(url)  # what botocore's connection pool will read
    if (parsed.host or "").lower().strip("[]") != host.lower().strip("[]") or (
            parsed.port or None) != (int(port) if port else None):
        raise _endpoint_error(url, source, "its host or port is ambiguous")
    return url


def resolve_endpoint(settings: AwsSettings) -> str | None:
    """The Cognito endpoint, as every AWS SDK picks it, checked (``check_endpoint``)."""
    for source, value in (("--endpoint-url", settings.endpoint_url),
                          ("AWS_ENDPOINT_URL_COGNITO_IDP",
                           os.environ.get("AWS_ENDPOINT_URL_COGNITO_IDP")),
                          ("AWS_ENDPOINT_URL", os.environ.get("AWS_ENDPOINT_URL"))):
        if value:
            return check_endpoint(value, source)
    return None


def endpoint_host(endpoint: str) -> str:
    """The host of an endpoint that ``check_endpoint`` accepted, brackets removed."""
    authority = endpoint.partition("://")[2]
    authority = re.split(r"[/?#]", authority, maxsplit=1)[0]
    if authority.startswith("["):
        return authority[1:authority.index("]")]
    return authority.rpartition(":")[0] if ":" in authority else authority


def is_loopback(endpoint: str | None) -> bool:
    """Only 127.0.0.0/8, ::1 and ``localhost``: a name such as 127.example.com is not."""
    if not endpoint:
        return False
    try:
        host = endpoint_host(check_endpoint(endpoint))
    except ReconcilerError:
        return False
    if host.lower() == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv4Address):
        return address in _LOOPBACK_V4
    return address == _LOOPBACK_V6


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
        if getattr(context.operation_model, "name", "") in _NEVER_RETRIED:
            return False
        if isinstance(context.caught_exception, _NOT_SENT):
            return bool(context.attempt_number < self._connect_attempts)
        if context.get_error_code() == "LimitExceededException":
            # botocore counts it as throttling; for Cognito it is a resource quota
            # (doc: LimitExceededException): no retry can succeed.
            return False
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


def _profile_error(profile: str | None) -> ReconcilerError:
    return ReconcilerError(f"AWS profile {profile!r} not found",
                           "check --profile or AWS_PROFILE against ~/.aws/config")


class ClientFactory:
    """Creates one cognito-idp client per region and reuses it."""

    def __init__(self, settings: AwsSettings) -> None:
        self.settings = settings
        # A refused endpoint is raised by the first client(), like every other setup
        # error; until then no endpoint is used for anything.
        self._endpoint_error: ReconcilerError | None = None
        try:
            self.endpoint = resolve_endpoint(settings)
        except ReconcilerError as exc:
            self.endpoint, self._endpoint_error = None, exc
        self.stats = RetryStats()
        self.warnings: list[str] = []
        try:
            # The shipped cognito-idp model, not the installed botocore's (service_model.py).
            self._session = boto3.session.Session(botocore_session=new_session(),
                                                  profile_name=settings.profile)
        except bex.ProfileNotFound as exc:
            raise _profile_error(settings.profile) from exc
        self._clients: dict[str, object] = {}
        self._accounts: dict[str, str | None] = {}

    def default_region(self) -> str | None:
        # botocore reads AWS_DEFAULT_REGION and the profile, not AWS_REGION (which other
        # SDKs and configure-aws-credentials set): CONTRACT.md puts it between.
        try:
            region = (self.settings.region or os.environ.get("AWS_REGION")
                      or self._session.region_name)
        except bex.ProfileNotFound as exc:  # botocore may look the profile up only now
            raise _profile_error(self.settings.profile) from exc
        if not region and is_loopback(self.endpoint):
            region = SANDBOX_REGION
        return region

    def _has_credentials(self) -> bool:
        try:
            return self._session.get_credentials() is not None
        except bex.ProfileNotFound as exc:
            raise _profile_error(self.settings.profile) from exc
        except (bex.PartialCredentialsError, bex.CredentialRetrievalError,
                bex.TokenRetrievalError, bex.SSOError, bex.InvalidConfigError) as exc:
            raise _credential_error(exc) from exc

    def _warn_plain_http(self) -> None:
        # SigV4 never sends the secret key, but a session token travels in a header and
        # every answer (DescribeUserPoolClient's ClientSecret) comes back in clear text.
        if self.warnings or not self._has_credentials():
            return
        assert self.endpoint is not None
        message = (f"warning: AWS credentials are used over plain http:// with "
                   f"{endpoint_host(self.endpoint)}, which is not this machine: the "
                   "session token and every answer (client secrets included) cross the "
                   "network unencrypted; use https://")
        self.warnings.append(message)
        print(message, file=sys.stderr)

    def client(self, region: str | None = None) -> object:
        if self._endpoint_error is not None:
            raise self._endpoint_error
        region = region or self.default_region()  # a pool's own region wins (CONTRACT.md)
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
            "api_version": API_VERSION,
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
        elif self.endpoint and not local and self.endpoint.lower().startswith("http://"):
            self._warn_plain_http()
        try:
            client = self._session.client("cognito-idp", **kwargs)  # type: ignore[call-overload]
        except bex.ProfileNotFound as exc:
            raise _profile_error(self.settings.profile) from exc
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
                "http://127.0.0.1:9466 (the sandbox)",
            ) from exc
        except bex.BotoCoreError as exc:
            raise ReconcilerError(f"cannot set up the Cognito client: {exc}") from exc
        install_retries(client, LOCAL_MAX_BACKOFF if local else AWS_MAX_BACKOFF, self.stats)
        register_unmodeled_detector(client)
        self._clients[region] = client
        return client

    def caller_account(self, region: str | None = None) -> str | None:
        """The AWS account the credentials belong to, by STS GetCallerIdentity (which
        needs no permission). STS is asked at the Cognito endpoint when that is not
        AWS's (a local emulator, LocalStack), else where botocore sends it (which
        honours AWS_ENDPOINT_URL_STS). A local emulator without STS gives None."""
        if self._endpoint_error is not None:
            raise self._endpoint_error
        region = region or self.default_region()  # a pool's own region wins (CONTRACT.md)
        if not region:
            raise ReconcilerError("no AWS region is set",
                                  "pass --region, set AWS_REGION, or give the pool a "
                                  "`region:` in the spec")
        if region in self._accounts:
            return self._accounts[region]
        local = is_loopback(self.endpoint)
        kwargs: dict[str, object] = {
            "region_name": region,
            "config": botocore.config.Config(retries=RETRY_CONFIG,  # type: ignore[arg-type]
                                             user_agent_extra="cognito-reconciler",
                                             connect_timeout=10, read_timeout=30),
        }
        if self.endpoint and not _is_aws_host(endpoint_host(self.endpoint)):
            kwargs["endpoint_url"] = self.endpoint
        if local and not self._has_credentials():
            kwargs["aws_access_key_id"] = "sandbox"
            kwargs["aws_secret_access_key"] = "sandbox"
        try:
            sts: Any = self._session.client("sts", **kwargs)  # type: ignore[call-overload]
            if local:
                install_retries(sts, LOCAL_MAX_BACKOFF, self.stats, max_attempts=2)
            account: str | None = str(sts.get_caller_identity()["Account"])
        except (bex.BotoCoreError, bex.ClientError) as exc:
            if not local:
                raise ReconcilerError(
                    f"cannot learn which AWS account these credentials are for "
                    f"(STS GetCallerIdentity: {exc})",
                    "a saved plan records its account; check the credentials and that "
                    "STS is reachable",
                ) from exc
            log.debug("no STS at the local endpoint (%s): the plan binds no account", exc)
            account = None
        self._accounts[region] = account
        return account


def _is_aws_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    return host.endswith((".amazonaws.com", ".amazonaws.com.cn", ".api.aws"))

