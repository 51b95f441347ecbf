"""One cognito-idp call as the sandbox's handlers see it, and the handler registry."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from moto.cognitoidp.models import (
    CognitoIdpBackend,
    CognitoIdpUserPool,
    CognitoIdpUserPoolClient,
    cognitoidp_backends,
)
from moto.core.utils import utcnow

from . import defaults, schema
from .errors import ApiError, not_found, pool_not_found
from .state import ClientRecord, PoolKey, PoolRecord, SandboxState


@lru_cache(maxsize=1)
def _cognito_regions() -> frozenset[str]:
    import botocore.session

    session = botocore.session.get_session()
    return frozenset(region for partition in session.get_available_partitions()
                     for region in session.get_available_regions("cognito-idp", partition))


@dataclass
class Call:
    operation: str
    body: dict[str, Any]
    account: str
    region: str
    state: SandboxState

    @property
    def backend(self) -> CognitoIdpBackend:
        if self.region not in _cognito_regions():
            # AWS: a region without Cognito has no endpoint at all; the sandbox has one
            # endpoint for every region, so it says plainly that the region doesn't exist.
            raise ApiError("UnrecognizedClientException",
                           f"The region {self.region!r} has no Cognito user pools service "
                           "(in this sandbox: not a region botocore knows)", 400)
        return cognitoidp_backends[self.account][self.region]

    def pool(self, pool_id: str | None = None) -> CognitoIdpUserPool:
        """The moto pool named by ``pool_id`` (default: the body's UserPoolId)."""
        pool_id = pool_id if pool_id is not None else self.body.get("UserPoolId", "")
        pool = self.backend.user_pools.get(pool_id)
        if pool is None:
            raise pool_not_found(pool_id)
        return pool

    def key(self, pool_id: str) -> PoolKey:
        return (self.account, self.region, pool_id)

    def record(self, pool: CognitoIdpUserPool) -> PoolRecord:
        """The sandbox's record of ``pool`` (made from defaults if it has none)."""
        key = self.key(pool.id)
        record = self.state.pools.get(key)
        if record is None:
            record = PoolRecord(config=defaults.pool_config({}), schema=schema.build(None))
            self.state.pools[key] = record
        return record

    def client(
        self, pool: CognitoIdpUserPool, client_id: str | None = None
    ) -> tuple[CognitoIdpUserPoolClient, ClientRecord]:
        client_id = client_id if client_id is not None else self.body.get("ClientId", "")
        client = pool.clients.get(client_id)
        if client is None:
            # AWS: "User pool client <id> does not exist."
            raise not_found(f"User pool client {client_id} does not exist.")
        record = self.record(pool)
        entry = record.clients.get(client_id)
        if entry is None:
            now = utcnow()
            entry = ClientRecord(config=defaults.client_config({}), created=now, modified=now)
            record.clients[client_id] = entry
        return client, entry

    @staticmethod
    def now() -> datetime.datetime:
        return utcnow()


Handler = Callable[[Call], dict[str, Any]]
AfterHook = Callable[[Call, dict[str, Any]], dict[str, Any]]

# Operations the sandbox answers itself (moto never sees them).
HANDLERS: dict[str, Handler] = {}
# Operations forwarded to moto whose JSON answer is then reshaped.
AFTER: dict[str, AfterHook] = {}


def handles(*operations: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        for operation in operations:
            HANDLERS[operation] = func
        return func

    return register


def after(*operations: str) -> Callable[[AfterHook], AfterHook]:
    def register(func: AfterHook) -> AfterHook:
        for operation in operations:
            AFTER[operation] = func
        return func

    return register


__all__ = ["AFTER", "HANDLERS", "ApiError", "Call", "after", "handles"]
