"""Cognito's standard user attributes, as DescribeUserPool lists them for a pool that
didn't set them (not in botocore's model). One table for the planner, the exporter
and the sandbox."""

from __future__ import annotations

from typing import Any


def _string(min_length: str = "0", max_length: str = "2048") -> dict[str, Any]:
    return {"AttributeDataType": "String", "Mutable": True, "Required": False,
            "StringAttributeConstraints": {"MinLength": min_length, "MaxLength": max_length}}


def _boolean() -> dict[str, Any]:
    return {"AttributeDataType": "Boolean", "Mutable": True, "Required": False}


# In the order AWS's CLI examples list them (OIDC standard claims, then `identities`).
STANDARD_ATTRIBUTES: dict[str, dict[str, Any]] = {
    "sub": {**_string("1"), "Mutable": False, "Required": True},
    "name": _string(),
    "given_name": _string(),
    "family_name": _string(),
    "middle_name": _string(),
    "nickname": _string(),
    "preferred_username": _string(),
    "profile": _string(),
    "picture": _string(),
    "website": _string(),
    "email": _string(),
    "email_verified": _boolean(),
    "gender": _string(),
    "birthdate": _string("10", "10"),
    "zoneinfo": _string(),
    "locale": _string(),
    "phone_number": _string(),
    "phone_number_verified": _boolean(),
    "address": _string(),
    "updated_at": {"AttributeDataType": "Number", "Mutable": True, "Required": False,
                   "NumberAttributeConstraints": {"MinValue": "0"}},
    # AWS lists `identities` (federated links) with empty string constraints.
    "identities": {"AttributeDataType": "String", "Mutable": True, "Required": False,
                   "StringAttributeConstraints": {}},
}
