"""Turning botocore's exceptions into one-line errors that say what to fix.

Every exception botocore can raise for a call ends here as a ``ReconcilerError``
(``CognitoError`` when Cognito answered): the CLI prints it as one line plus a
hint, never a traceback. A failure after which it is unknown whether Cognito
acted says so, so that an apply report never claims more than it knows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from urllib.parse import urlparse

import botocore.exceptions as bex

from reconciler.errors import ReconcilerError

CREDENTIAL_CODES = {"UnrecognizedClientException", "InvalidSignatureException",
                    "ExpiredTokenException", "ExpiredToken", "InvalidClientTokenId",
                    "SignatureDoesNotMatch", "IncompleteSignature",
                    "MissingAuthenticationToken"}
TOKEN_OR_REGION_CODES = {"UnrecognizedClientException", "InvalidClientTokenId"}
ACCESS_CODES = {"AccessDeniedException", "AccessDenied", "NotAuthorizedException"}
THROTTLE_CODES = {"TooManyRequestsException", "ThrottlingException", "Throttling"}
# A resource quota, not a rate (doc: LimitExceededException, "exceeds the limit for a
# requested Amazon Web Services resource"): retrying can't help. The quota each
# create runs into, by the names of AWS's "Quotas in Amazon Cognito" page.
QUOTA_OF = {
    "CreateUserPool": "user pools per Region",
    "CreateUserPoolClient": "app clients per user pool",
    "CreateGroup": "groups per user pool",
    "CreateIdentityProvider": "identity providers per user pool",
    "CreateResourceServer": "resource servers per user pool",
    "CreateUserPoolDomain": "user pool domains",
    "AddCustomAttributes": "custom attributes per user pool (50)",
    "AddUserPoolClientSecret": "client secrets per app client (two)",
    "CreateManagedLoginBranding": "managed login branding styles (one per app client)",
}
_READ_PREFIXES = ("Describe", "Get", "List", "AdminGet", "AdminList")
_AWS_HOST = re.compile(r"^cognito-idp(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$")


class CognitoError(ReconcilerError):
    """Cognito refused a call; ``code`` is its error code (e.g. ResourceNotFoundException)."""

    def __init__(self, operation: str, code: str, message: str, hint: str = "") -> None:
        super().__init__(f"{operation} failed: {code}: {message}", hint)
        self.operation = operation
        self.code = code


class NotSent(ReconcilerError):
    """The call was not sent: nothing happened. ``interrupted``: stopped by a signal."""

    not_sent = True

    def __init__(self, message: str, hint: str = "", interrupted: bool = False) -> None:
        super().__init__(message, hint)
        self.interrupted = interrupted


class OutcomeUnknown(CognitoError):
    """A write may or may not have taken effect (no answer, or an internal error)."""

    outcome_unknown = True

    def __init__(self, operation: str, code: str, message: str, hint: str = "") -> None:
        super().__init__(operation, code, message, hint)
        self.message = message  # the whole line: it already names the operation


def is_read(operation: str) -> bool:
    return operation.startswith(_READ_PREFIXES)


@lru_cache(maxsize=1)
def known_regions() -> frozenset[str]:
    import botocore.session

    session = botocore.session.get_session()
    regions: set[str] = set()
    for partition in session.get_available_partitions():
        regions.update(session.get_available_regions("cognito-idp", partition))
    return frozenset(regions)


def _region_hint(url: str) -> str:
    """A hint naming the region when an AWS endpoint's region looks wrong."""
    match = _AWS_HOST.match(urlparse(url).hostname or "")
    if match and match.group(1) not in known_regions():
        return (f"{match.group(1)!r} is not a region where botocore knows Cognito: "
                "check --region, AWS_REGION and the spec's `region:`; ")
    return ""


def _attempts(exc: bex.ClientError) -> str:
    retries = exc.response.get("ResponseMetadata", {}).get("RetryAttempts", 0)
    return f" (after {int(retries) + 1} attempts)" if retries else ""


def _client_error(operation: str, exc: bex.ClientError) -> ReconcilerError:
    error = exc.response.get("Error", {})
    code = str(error.get("Code", "Unknown"))
    message = str(error.get("Message", "")).strip() or "(no message)"
    status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
    hint = ""
    if code in TOKEN_OR_REGION_CODES:
        # AWS answers these for bad keys and also for an opt-in region the account
        # hasn't enabled.
        hint = ("Cognito refused the AWS credentials: refresh them (aws sso login, new keys, "
                "AWS_SESSION_TOKEN), or check --region: an opt-in region must be enabled "
                "for the account")
    elif code in CREDENTIAL_CODES:
        hint = ("Cognito refused the AWS credentials (invalid or expired): refresh them "
                "(aws sso login, new keys, AWS_SESSION_TOKEN)")
    elif code in ACCESS_CODES:
        hint = (f"the credentials lack permission for cognito-idp:{operation}: grant it "
                "(see docs/iam.md)")
    elif code == "LimitExceededException":
        quota = QUOTA_OF.get(operation, f"the resources {operation} creates")
        hint = (f"a Cognito resource quota is full ({quota}); it is a count, not a rate, "
                "so retrying won't help: delete unused ones, or request an increase in "
                "Service Quotas where the quota is adjustable")
    elif code in THROTTLE_CODES:
        hint = ("Cognito kept throttling after retries (the account's request quotas are "
                "shared with other apps): wait a minute")
    elif status >= 500 and not is_read(operation):
        return OutcomeUnknown(
            operation, code,
            f"{operation} failed: {code}: {message}{_attempts(exc)}; Cognito may or may not "
            "have done it",
            "the fault is on AWS's side: wait a minute",
        )
    elif status >= 500:
        hint = "the fault is on AWS's side: wait a minute"
    return CognitoError(operation, code, message + _attempts(exc), hint)


@contextmanager
def translated(operation: str, endpoint: str | None) -> Iterator[None]:
    try:
        yield
    except bex.ClientError as exc:
        raise _client_error(operation, exc) from exc
    except bex.NoCredentialsError as exc:
        raise ReconcilerError(
            "no AWS credentials found",
            "configure credentials (AWS_PROFILE, aws sso login, env vars), or use --endpoint-url "
            "with the local sandbox",
        ) from exc
    except (bex.PartialCredentialsError, bex.CredentialRetrievalError, bex.TokenRetrievalError,
            bex.SSOError) as exc:
        raise ReconcilerError(
            f"the AWS credentials could not be loaded: {exc}",
            "refresh them (aws sso login, new keys), or check AWS_PROFILE and the "
            "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY pair",
        ) from exc
    except bex.SSLError as exc:
        url = str(exc.kwargs.get("endpoint_url") or endpoint or "")
        raise ReconcilerError(
            f"the TLS connection to the Cognito endpoint {url} failed ({operation} was not "
            "sent)",
            "check --endpoint-url, an HTTPS proxy, or the CA bundle (AWS_CA_BUNDLE)",
        ) from exc
    except (bex.EndpointConnectionError, bex.ConnectTimeoutError,
            bex.ProxyConnectionError) as exc:
        url = str(exc.kwargs.get("endpoint_url") or endpoint or "")
        raise ReconcilerError(
            f"cannot reach the Cognito endpoint {url} ({operation} was not sent)",
            _region_hint(url) + "check --endpoint-url / --region and your network; "
            "is the sandbox running?",
        ) from exc
    except (bex.ReadTimeoutError, bex.ConnectionClosedError, bex.HTTPClientError) as exc:
        name = type(exc).__name__
        if is_read(operation):
            raise CognitoError(operation, name, "the connection to Cognito failed before it "
                               "answered", "check your network") from exc
        raise OutcomeUnknown(
            operation, name,
            f"{operation}: the connection to Cognito failed before it answered ({name}); "
            "Cognito may or may not have done it",
            "check your network",
        ) from exc
    except bex.ParamValidationError as exc:
        message = " ".join(str(exc).split())
        raise ReconcilerError(f"{operation}: invalid request: {message}") from exc
    except bex.NoRegionError as exc:
        raise ReconcilerError("no AWS region is set", "pass --region or set AWS_REGION") from exc
    except bex.BotoCoreError as exc:  # anything else botocore raises: still one line
        raise ReconcilerError(f"{operation} failed: {type(exc).__name__}: {exc}",
                              "run again with -v for details") from exc
