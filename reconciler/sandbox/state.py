"""The sandbox's own state, beside moto's backend.

moto keeps pools, clients and users (and runs sign-in); the sandbox keeps the
AWS-facing configuration documents it answers describes with, plus the request
log, describe-extra fields and fault rules. Everything here is cleared by a reset.
"""

from __future__ import annotations

import datetime
import threading
from dataclasses import dataclass, field
from typing import Any

from .faults import FaultInjector

PoolKey = tuple[str, str, str]  # (account, region, user pool id)


@dataclass
class ClientRecord:
    """One app client's settings as DescribeUserPoolClient answers them."""

    config: dict[str, Any]
    created: datetime.datetime
    modified: datetime.datetime


@dataclass
class PoolRecord:
    """One user pool's AWS-facing state."""

    config: dict[str, Any]  # request-side member names; no UserPoolId/PoolName/Schema
    schema: list[dict[str, Any]]  # SchemaAttributes as DescribeUserPool lists them
    mfa: dict[str, Any] = field(default_factory=dict)  # factor blocks of SetUserPoolMfaConfig
    describe_extra: dict[str, Any] = field(default_factory=dict)
    clients: dict[str, ClientRecord] = field(default_factory=dict)
    # Settings kept by the operations moto lacks, by kind then key (phase 2).
    parts: dict[str, dict[str, Any]] = field(default_factory=dict)

    def part(self, kind: str) -> dict[str, Any]:
        return self.parts.setdefault(kind, {})


class SandboxState:
    def __init__(self) -> None:
        # One lock serialises every cognito-idp call: moto's models aren't thread-safe.
        self.lock = threading.RLock()
        self.requests: list[dict[str, Any]] = []
        self.pools: dict[PoolKey, PoolRecord] = {}
        self.faults = FaultInjector()

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
            self.pools.clear()
            self.faults.clear()

    def log(self, operation: str, body: Any) -> None:
        self.requests.append({"operation": operation, "body": body})
