"""An app client's secrets, beyond the one moto keeps, answered with AWS's semantics.

Sources (docs/fidelity.md, "Client secrets and client type (issue 11)"):
- AddUserPoolClientSecret: "Supports up to 2 active secrets per app client"; a custom
  ClientSecret is 24..64 characters of ``[\\w+]+`` (doc: ClientSecretType); without one
  Cognito generates it; ClientSecretValue is returned only for a generated secret
  (doc: AddUserPoolClientSecret, ClientSecretDescriptorType). A third secret is
  refused with LimitExceededException "Client secrets cannot exceed limit of 2
  secrets." (floci-io/floci PR #345, an emulator written against AWS; the model lists
  LimitExceededException for the operation).
- DeleteUserPoolClientSecret: "You cannot delete the last remaining secret" (doc).
- ListUserPoolClientSecrets: every secret's id and create date, never its value (doc).
- ClientSecretId "follows the format <client-id>--<epoch-create-time>" (doc:
  ClientSecretDescriptorType).
- DescribeUserPoolClient keeps returning the secret the client was created with
  (an added secret is not "promoted"), and returns none once that one is deleted
  (floci-io/floci PR #345: "no secrets get promoted and no secrets are returned with
  DescribeUserPoolClient in this scenario"). Evidence is thin; the tool is safe
  either way (plan/client_secrets.py).
- PublishSecretsInAWSSecretsManager: Describe returns ClientSecretArn instead of
  ClientSecret (doc: UserPoolClientType.ClientSecretArn, whose ClientSecretArnType
  pattern gives the ARN's shape: ``arn:<partition>:secretsmanager:<region>:<account>:
  secret/<name>``); it applies only to a generated secret (create: "only when
  GenerateSecret is true"; update: "only to app clients that already have a generated
  secret"); omitted from an update, nothing changes; true with two secrets deletes the
  older ("that first rotation deletes the older one"); false deletes the Secrets
  Manager secret and moves the secret back to Cognito (doc:
  UpdateUserPoolClientRequest.PublishSecretsInAWSSecretsManager).
"""

from __future__ import annotations

import datetime
import re
import secrets as random
from dataclasses import dataclass, field
from typing import Any

from moto.cognitoidp.models import CognitoIdpUserPool, CognitoIdpUserPoolClient

from .calls import Call, handles
from .errors import ApiError, invalid_parameter, not_found
from .state import PoolRecord

KIND = "client_secrets"
PUBLISH = "PublishSecretsInAWSSecretsManager"
MAX_SECRETS = 2
_CUSTOM = re.compile(r"[\w+]{24,64}")


@dataclass
class Secret:
    secret_id: str
    created: datetime.datetime
    value: str
    generated: bool


@dataclass
class ClientSecrets:
    secrets: list[Secret] = field(default_factory=list)
    shown: str | None = None  # the value DescribeUserPoolClient returns
    arn: str | None = None  # set while Cognito keeps the secret in Secrets Manager


def _store(record: PoolRecord) -> dict[str, ClientSecrets]:
    return record.part(KIND)


def _secret_id(client_id: str, created: datetime.datetime, taken: set[str]) -> str:
    millis = int(created.timestamp() * 1000)
    while f"{client_id}--{millis}" in taken:
        millis += 1  # two secrets made in one millisecond still get distinct ids
    return f"{client_id}--{millis}"


def of(call: Call, pool: CognitoIdpUserPool,
       client: CognitoIdpUserPoolClient) -> ClientSecrets | None:
    """The client's secrets (None: it was created without one)."""
    if not client.generate_secret:
        return None
    record = call.record(pool)
    store = _store(record)
    entry = store.get(client.id)
    if entry is None:
        created = record.clients[client.id].created if client.id in record.clients else (
            call.now())
        first = Secret(_secret_id(client.id, created, set()), created, str(client.secret),
                       generated=True)
        entry = store[client.id] = ClientSecrets(secrets=[first], shown=first.value)
    return entry


def describe_fields(call: Call, pool: CognitoIdpUserPool,
                    client: CognitoIdpUserPoolClient) -> dict[str, Any]:
    """ClientSecret, or ClientSecretArn for a secret kept in Secrets Manager."""
    entry = of(call, pool, client)
    if entry is None:
        return {}
    if entry.arn:
        return {"ClientSecretArn": entry.arn}
    return {"ClientSecret": entry.shown} if entry.shown else {}


def _arn(call: Call, pool: CognitoIdpUserPool, client: CognitoIdpUserPoolClient) -> str:
    # ASSUMED: the secret's name; only the ARN's shape is documented (ClientSecretArnType).
    suffix = random.token_hex(3)
    return (f"arn:aws:secretsmanager:{call.region}:{call.account}:secret/"
            f"cognito-idp/{pool.id}/{client.id}-{suffix}")


def publish(call: Call, pool: CognitoIdpUserPool, client: CognitoIdpUserPoolClient,
            wanted: Any) -> None:
    """Applies a request's PublishSecretsInAWSSecretsManager (None: omitted, no change)."""
    entry = of(call, pool, client)
    if wanted is None or entry is None:
        return  # omitted, or a client without a generated secret: it doesn't apply
    if wanted and not entry.arn:
        entry.arn = _arn(call, pool, client)
        if len(entry.secrets) >= MAX_SECRETS:
            entry.secrets.pop(0)  # "that first rotation deletes the older one"
    elif not wanted and entry.arn:
        entry.arn = None  # the Secrets Manager secret is deleted at once
        entry.shown = entry.secrets[-1].value  # ASSUMED: back with Cognito, shown again


def forget_client(record: PoolRecord, client_id: str) -> None:
    _store(record).pop(client_id, None)


def _descriptor(secret: Secret, with_value: bool) -> dict[str, Any]:
    described: dict[str, Any] = {"ClientSecretId": secret.secret_id,
                                 "ClientSecretCreateDate": secret.created}
    if with_value:
        described["ClientSecretValue"] = secret.value
    return described


def _secrets_of(call: Call) -> tuple[CognitoIdpUserPoolClient, ClientSecrets]:
    pool = call.pool()
    client, _ = call.client(pool)
    entry = of(call, pool, client)
    if entry is None:
        # ASSUMED message: the operations are for "an existing confidential" app client.
        raise invalid_parameter(f"Client {client.id} does not have a client secret.")
    return client, entry


@handles("AddUserPoolClientSecret")
def add_user_pool_client_secret(call: Call) -> dict[str, Any]:
    client, entry = _secrets_of(call)
    given = call.body.get("ClientSecret")
    if given is not None and not _CUSTOM.fullmatch(str(given)):
        raise invalid_parameter("Client secret format is invalid.")
    if len(entry.secrets) >= MAX_SECRETS:
        raise ApiError("LimitExceededException",
                       "Client secrets cannot exceed limit of 2 secrets.")
    created = call.now()
    secret = Secret(_secret_id(client.id, created, {s.secret_id for s in entry.secrets}),
                    created, str(given) if given is not None else random.token_urlsafe(38)
                    .replace("-", "").replace("_", "")[:51], generated=given is None)
    entry.secrets.append(secret)
    return {"ClientSecretDescriptor": _descriptor(secret, secret.generated)}


@handles("DeleteUserPoolClientSecret")
def delete_user_pool_client_secret(call: Call) -> dict[str, Any]:
    _, entry = _secrets_of(call)
    wanted = call.body.get("ClientSecretId")
    found = next((s for s in entry.secrets if s.secret_id == wanted), None)
    if found is None:
        raise not_found("Client secret does not exist")
    if len(entry.secrets) <= 1:
        raise invalid_parameter("Cannot delete the only client secret.")
    entry.secrets.remove(found)
    if entry.shown == found.value:
        entry.shown = None  # nothing is promoted in its place
    return {}


@handles("ListUserPoolClientSecrets")
def list_user_pool_client_secrets(call: Call) -> dict[str, Any]:
    _, entry = _secrets_of(call)
    # No NextToken: "there are only 2 secrets at any given time" (doc).
    return {"ClientSecrets": [_descriptor(s, False) for s in entry.secrets]}
