"""Access to botocore's cognito-idp model, the authority on request shapes."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import botocore.session

TARGET_PREFIX = "AWSCognitoIdentityProviderService."

# Operations that only read. Everything else counts as a write (for fault injection).
_READ_PREFIXES = ("Describe", "Get", "List", "AdminGet", "AdminList")


@lru_cache(maxsize=1)
def service_model() -> Any:
    return botocore.session.get_session().get_service_model("cognito-idp")


@lru_cache(maxsize=1)
def operation_names() -> frozenset[str]:
    return frozenset(service_model().operation_names)


def input_shape(operation: str) -> Any:
    """The input structure shape of ``operation`` (None when it takes no input)."""
    return service_model().operation_model(operation).input_shape


def is_write(operation: str) -> bool:
    return not operation.startswith(_READ_PREFIXES)
