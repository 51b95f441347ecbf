"""Facts about the Cognito API, generated from the shipped model (tools/gen_model_facts.py)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def _facts() -> dict[str, Any]:
    text = resources.files("reconciler").joinpath("data/model_facts.json").read_text()
    facts: dict[str, Any] = json.loads(text)
    return facts


def members(kind: str, which: str) -> frozenset[str]:
    """``which``: create_members, update_members or describe_members."""
    return frozenset(_facts()["kinds"][kind][which])


def operation(kind: str, which: str) -> str:
    """``which``: create_operation or update_operation."""
    name: str = _facts()["kinds"][kind][which]
    return name


def create_only(kind: str) -> frozenset[str]:
    return members(kind, "create_members") - members(kind, "update_members")


def botocore_version() -> str:
    """The botocore release whose cognito-idp model the package ships (not the installed one)."""
    version: str = _facts()["botocore_version"]
    return version
