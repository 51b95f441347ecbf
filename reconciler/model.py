"""The shared vocabulary of the pure core: desired and live resources, API-shaped.

Desired documents hold only what the spec sets (the managed fields), with the
Cognito API's member names. Live documents hold what Cognito returned, minus
secrets (dropped at the AWS edge).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from typing import Any

from reconciler.aws_types import UNMODELED_KEY

SpecPath = tuple[str | int, ...]


@dataclass
class LivePart:
    document: dict[str, Any]  # describe output, secrets removed
    ids: dict[str, str] = field(default_factory=dict)  # e.g. ManagedLoginBrandingId
    # Fields Cognito returned that the shipped model doesn't know (aws/unmodeled.py):
    # a full update would reset them, so the planner refuses to update this part.
    unmodeled: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # The AWS edge marks them inside the document; they are not part of it.
        found = self.document.pop(UNMODELED_KEY, None)
        if isinstance(found, list):
            self.unmodeled = sorted({*self.unmodeled, *map(str, found)})


@dataclass
class DesiredClient:
    name: str
    settings: dict[str, Any]  # CreateUserPoolClient members set by the spec
    path: SpecPath = ()
    # Client-level parts the spec sets (ui_customization, ...), API-shaped; None: the
    # spec's `remove:` names it, so it is managed and must not exist.
    parts: dict[str, Any] = field(default_factory=dict)  # lists too (terms, cimd_policies)
    # The spec's `id:`: the live client is found by it, so a new name is a rename.
    client_id: str | None = None
    # Client members the spec's `remove:` names (API names, e.g. AnalyticsConfiguration):
    # managed, and left out of every update so Cognito clears them.
    removed: frozenset[str] = frozenset()


@dataclass
class DesiredPool:
    name: str
    settings: dict[str, Any]  # CreateUserPool members set by the spec (PoolName included)
    mfa: dict[str, Any] = field(default_factory=dict)  # SetUserPoolMfaConfig members set
    # None: the spec has no `clients:` key, so clients are not managed at all.
    clients: list[DesiredClient] | None = None
    pool_id: str | None = None
    region: str | None = None
    path: SpecPath = ()
    # Pool parts the spec sets, by spec key: lists (groups, ...) or single documents
    # (domain, ...). A key that is absent is not managed; a single part set to None is
    # named by the spec's `remove:`: managed, and must not exist.
    parts: dict[str, Any] = field(default_factory=dict)
    # Planned in strict mode (spec/strict.py): every plan says so for this pool.
    strict: bool = False

    @property
    def address(self) -> str:
        return f"user_pool.{self.name}"


# A key made per process: a digest of a client secret compares two values in memory
# and means nothing outside this run (it is never printed, logged or saved).
_SECRET_KEY = secrets.token_bytes(32)


def secret_digest(value: str) -> bytes:
    return hmac.new(_SECRET_KEY, value.encode(), hashlib.sha256).digest()


@dataclass(frozen=True)
class SecretHeld:
    """``HasSecret`` as the AWS edge sets it for a client that has a secret: truthy,
    with the digest of the value DescribeUserPoolClient returned (None when it returned
    none: a secret managed in Secrets Manager, or one Cognito doesn't show)."""

    digest: bytes | None = field(default=None, repr=False)

    def __bool__(self) -> bool:
        return True


def secret_held(client: dict[str, Any]) -> SecretHeld | bool:
    """Drops the secret from a client document (UserPoolClientType) and says whether the
    client has one, as ``HasSecret``: a digest of a returned value (kept in memory to
    compare a spec's custom secret), or none for a secret Cognito keeps in Secrets
    Manager, where ClientSecretArn stands instead of ClientSecret (doc:
    UserPoolClientType.ClientSecretArn). The value is dropped here, at the edge, so
    nothing downstream can leak it."""
    value = client.pop("ClientSecret", None)
    if value:
        return SecretHeld(secret_digest(str(value)))
    return SecretHeld() if client.get("ClientSecretArn") else False


@dataclass
class LiveClient:
    client_id: str
    name: str
    describe: dict[str, Any]  # DescribeUserPoolClient result, ClientSecret removed
    has_secret: bool
    unmodeled: list[str] = field(default_factory=list)
    parts: dict[str, Any] = field(default_factory=dict)  # LivePart, list of them, or None
    # Of the secret Cognito returned, a digest only (see secret_digest); None: none read.
    secret_digest: bytes | None = field(default=None, repr=False)
    # ListUserPoolClientSecrets' (ClientSecretId, create date), oldest first; None: not
    # read (only clients whose spec gives a custom secret are listed).
    secret_ids: list[tuple[str, str]] | None = None

    @classmethod
    def from_describe(cls, client_id: str, name: str, describe: dict[str, Any],
                      parts: dict[str, Any] | None = None) -> LiveClient:
        """A client as the facade's describe_client returns it (``HasSecret`` and the
        unmodeled paths beside the members), those two moved out of the document."""
        document = dict(describe)
        held = document.pop("HasSecret", False)
        unmodeled = list(document.pop(UNMODELED_KEY, []))
        return cls(client_id=client_id, name=name, describe=document, has_secret=bool(held),
                   unmodeled=unmodeled, parts=dict(parts or {}),
                   secret_digest=held.digest if isinstance(held, SecretHeld) else None)


@dataclass
class LivePool:
    pool_id: str
    describe: dict[str, Any]  # DescribeUserPool result
    mfa: dict[str, Any]  # GetUserPoolMfaConfig result
    clients: list[LiveClient] = field(default_factory=list)
    unmodeled: list[str] = field(default_factory=list)
    fingerprint: str = ""
    # Parts read for the spec keys the spec manages: lists or single (None: none live).
    parts: dict[str, list[LivePart] | LivePart | None] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.describe.get("Name", ""))

    @property
    def deletion_protection(self) -> str:
        return str(self.describe.get("DeletionProtection", "INACTIVE"))
