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

# Reads whose whole answer gets the unmodeled paths at its top (the facade moves them
# onto the pool, the client and the pool's MFA settings).
WHOLE_ANSWER_OPERATIONS = (
    "DescribeUserPool",
    "DescribeUserPoolClient",
    "GetUserPoolMfaConfig",
    "GetUserPoolSessionConfiguration",
    "GetUserPoolClientSessionConfiguration",
)
# Every other read the tool makes, with the member holding what it read: a resource
# (its unmodeled paths go into it, relative to it, and LivePart moves them out of the
# document) or a list of resources (each item gets its own). List summaries that are
# only followed by a describe (pools, clients, identity providers) are watched too:
# their describe is what carries the paths into the plan.
RESOURCE_OPERATIONS: dict[str, str] = {
    "ListUserPools": "UserPools",
    "ListUserPoolClients": "UserPoolClients",
    "ListGroups": "Groups",
    "GetGroup": "Group",
    "ListResourceServers": "ResourceServers",
    "DescribeResourceServer": "ResourceServer",
    "ListIdentityProviders": "Providers",
    "DescribeIdentityProvider": "IdentityProvider",
    "DescribeUserPoolDomain": "DomainDescription",
    "GetUICustomization": "UICustomization",
    "DescribeRiskConfiguration": "RiskConfiguration",
    "GetLogDeliveryConfiguration": "LogDeliveryConfiguration",
    "DescribeManagedLoginBranding": "ManagedLoginBranding",
    "DescribeManagedLoginBrandingByClient": "ManagedLoginBranding",
    "DescribeTerms": "Terms",
    "DescribeTermsByClient": "Terms",
    "ListTerms": "Terms",
    "ListCIMDPolicies": "CIMDPolicies",
    "DescribeCIMDPolicy": "CIMDPolicy",
    # Only Status is ever written back (UpdateUserPoolReplica), so nothing unseen can be
    # reset; watched so that every read is.
    "ListUserPoolReplicas": "UserPoolReplicas",
    # Only ids are read from it (to delete old secrets by): watched so that every read is.
    "ListUserPoolClientSecrets": "ClientSecrets",
}
WATCHED_OPERATIONS = (*WHOLE_ANSWER_OPERATIONS, *RESOURCE_OPERATIONS)


def unmodeled_paths(raw: Any, shape: Any, prefix: str = "") -> list[str]:
    found: list[str] = []
    kind = getattr(shape, "type_name", None)
    if getattr(shape, "metadata", {}).get("document"):
        return found  # a free-form JSON document (branding Settings): any key is modeled
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
    member = RESOURCE_OPERATIONS.get(model.name)
    if member is None or not isinstance(raw, dict):
        paths = sorted(set(unmodeled_paths(raw, model.output_shape)))
        if paths:
            parsed[UNMODELED_KEY] = paths
        return
    shape = model.output_shape.members.get(member)
    _mark(raw.get(member), parsed.get(member), shape)


def _mark(raw: Any, parsed: Any, shape: Any) -> None:
    """Attach each resource's unmodeled paths to the parsed resource itself."""
    if shape is None:
        return
    if shape.type_name == "list" and isinstance(raw, list) and isinstance(parsed, list):
        for raw_item, parsed_item in zip(raw, parsed, strict=False):
            _mark(raw_item, parsed_item, shape.member)
    elif isinstance(raw, dict) and isinstance(parsed, dict):
        paths = sorted(set(unmodeled_paths(raw, shape)))
        if paths:
            parsed[UNMODELED_KEY] = paths


def register_unmodeled_detector(client: Any) -> None:
    for operation in WATCHED_OPERATIONS:
        event = f"after-call.cognito-identity-provider.{operation}"
        client.meta.events.register(event, _after_call)
