"""Noticing fields that AWS returns but this botocore's model doesn't know.

botocore's parser drops members its model lacks, so a pool configured by a newer
API version looks complete while a full UpdateUserPool would silently wipe the
newer settings. The raw response is checked against the model before that
information is lost, and the unknown member paths are attached to the result.
"""

from __future__ import annotations

import json
from typing import Any

from reconciler.aws_types import UNMODELED_KEY

WATCHED_OPERATIONS = (
    "DescribeUserPool",
    "DescribeUserPoolClient",
    "GetUserPoolMfaConfig",
)


def unmodeled_paths(raw: Any, shape: Any, prefix: str = "") -> list[str]:
    found: list[str] = []
    kind = getattr(shape, "type_name", None)
    if kind == "structure" and isinstance(raw, dict):
        for key, value in raw.items():
            path = f"{prefix}.{key}" if prefix else key
            if key not in shape.members:
                found.append(path)
            else:
                found.extend(unmodeled_paths(value, shape.members[key], path))
    elif kind == "list" and isinstance(raw, list):
        for index, item in enumerate(raw):
            found.extend(unmodeled_paths(item, shape.member, f"{prefix}[{index}]"))
    elif kind == "map" and isinstance(raw, dict):
        for key, value in raw.items():
            found.extend(unmodeled_paths(value, shape.value, f"{prefix}.{key}"))
    return found


def _after_call(http_response: Any, parsed: dict[str, Any], model: Any, **_: Any) -> None:
    if getattr(http_response, "status_code", 500) >= 300:
        return
    try:
        raw = json.loads(http_response.content or b"{}")
    except ValueError:
        return
    paths = sorted(set(unmodeled_paths(raw, model.output_shape)))
    if paths:
        parsed[UNMODELED_KEY] = paths


def register_unmodeled_detector(client: Any) -> None:
    for operation in WATCHED_OPERATIONS:
        event = f"after-call.cognito-identity-provider.{operation}"
        client.meta.events.register(event, _after_call)
