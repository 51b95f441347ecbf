"""Building a Cognito client the way every command needs it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlparse

import boto3
import botocore.config
import botocore.session

from reconciler.aws.unmodeled import register_unmodeled_detector
from reconciler.errors import ReconcilerError

# Cognito answers throttling with TooManyRequestsException, which botocore's
# default "legacy" retry mode does not retry; "standard" does, with jittered backoff.
RETRY_CONFIG = {"mode": "standard", "max_attempts": 8}

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
SANDBOX_REGION = "us-east-1"


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


class ClientFactory:
    """Creates one cognito-idp client per region and reuses it."""

    def __init__(self, settings: AwsSettings) -> None:
        self.settings = settings
        self.endpoint = resolve_endpoint(settings)
        try:
            self._session = boto3.session.Session(profile_name=settings.profile)
        except botocore.exceptions.ProfileNotFound as exc:
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

    def client(self, region: str | None = None) -> object:
        region = self.settings.region or region or self.default_region()
        if not region:
            raise ReconcilerError(
                "no AWS region is set",
                "pass --region, set AWS_REGION, or give the pool a `region:` in the spec",
            )
        if region in self._clients:
            return self._clients[region]
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
        if is_loopback(self.endpoint) and self._session.get_credentials() is None:
            # The local sandbox checks no signature; spare users from inventing keys.
            kwargs["aws_access_key_id"] = "sandbox"
            kwargs["aws_secret_access_key"] = "sandbox"
        client = self._session.client("cognito-idp", **kwargs)  # type: ignore[call-overload]
        register_unmodeled_detector(client)
        self._clients[region] = client
        return client
