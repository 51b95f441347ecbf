"""Access to the cognito-idp model the tool ships, the authority on request shapes.

The sandbox validates requests against the same model the spec schema and the
client are built from (reconciler/aws/service_model.py), so a member the tool may
send is one the sandbox knows, whatever botocore is installed."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from reconciler.aws.service_model import service_model as shipped_model

TARGET_PREFIX = "AWSCognitoIdentityProviderService."

# Operations that only read. Everything else counts as a write (for fault injection).
_READ_PREFIXES = ("Describe", "Get", "List", "AdminGet", "AdminList")


@lru_cache(maxsize=1)
def service_model() -> Any:
    return shipped_model()


@lru_cache(maxsize=1)
def operation_names() -> frozenset[str]:
    return frozenset(service_model().operation_names)


def input_shape(operation: str) -> Any:
    """The input structure shape of ``operation`` (None when it takes no input)."""
    return service_model().operation_model(operation).input_shape


def is_write(operation: str) -> bool:
    return not operation.startswith(_READ_PREFIXES)
