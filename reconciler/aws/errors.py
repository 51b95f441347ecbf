"""Turning botocore's exceptions into one-line errors that say what to fix."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import botocore.exceptions as bex

from reconciler.errors import ReconcilerError

CREDENTIAL_CODES = {"UnrecognizedClientException", "InvalidSignatureException",
                    "ExpiredTokenException", "ExpiredToken", "InvalidClientTokenId"}
ACCESS_CODES = {"AccessDeniedException", "NotAuthorizedException"}


class CognitoError(ReconcilerError):
    """Cognito refused a call; ``code`` is its error code (e.g. ResourceNotFoundException)."""

    def __init__(self, operation: str, code: str, message: str, hint: str = "") -> None:
        super().__init__(f"{operation} failed: {code}: {message}", hint)
        self.operation = operation
        self.code = code


@contextmanager
def translated(operation: str, endpoint: str | None) -> Iterator[None]:
    try:
        yield
    except bex.ClientError as exc:
        error = exc.response.get("Error", {})
        code = str(error.get("Code", "Unknown"))
        message = str(error.get("Message", ""))
        hint = ""
        if code in CREDENTIAL_CODES:
            hint = ("your AWS credentials are invalid or expired: refresh them "
                    "(aws sso login, new keys)")
        elif code in ACCESS_CODES:
            hint = (f"the credentials lack permission for cognito-idp:{operation}: "
                    "see docs/iam.md")
        elif code == "TooManyRequestsException":
            hint = ("Cognito kept throttling after retries: try again later "
                    "or lower the request rate")
        raise CognitoError(operation, code, message, hint) from exc
    except bex.NoCredentialsError as exc:
        raise ReconcilerError(
            "no AWS credentials found",
            "configure credentials (AWS_PROFILE, aws sso login, env vars), or use --endpoint-url "
            "with the local sandbox",
        ) from exc
    except (bex.EndpointConnectionError, bex.ConnectTimeoutError) as exc:
        raise ReconcilerError(
            f"cannot reach the Cognito endpoint ({exc.kwargs.get('endpoint_url', endpoint)})",
            "check --endpoint-url / --region and your network; is the sandbox running?",
        ) from exc
    except (bex.ReadTimeoutError, bex.ConnectionClosedError) as exc:
        raise ReconcilerError(
            f"{operation}: the connection to Cognito failed ({exc})",
            "nothing after this call was done; run the command again",
        ) from exc
    except bex.ParamValidationError as exc:
        raise ReconcilerError(f"{operation}: invalid request: {exc}") from exc
    except bex.NoRegionError as exc:
        raise ReconcilerError("no AWS region is set", "pass --region or set AWS_REGION") from exc
