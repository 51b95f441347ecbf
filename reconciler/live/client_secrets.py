"""Reading one client as the planner needs it: described, and its secrets listed when
the spec gives it a custom secret.

ListUserPoolClientSecrets names each secret by id and date, never by value (doc). It
is needed for a custom secret only: its rotation deletes the old secrets by id, and a
client whose secret Cognito no longer returns in DescribeUserPoolClient (reported for
a client whose original secret was deleted, floci-io/floci PR #345) still has one.
"""

from __future__ import annotations

from typing import Any, Protocol

from reconciler.errors import ReconcilerError
from reconciler.model import DesiredClient, LiveClient, LivePart


class ClientReader(Protocol):
    def describe_client(self, pool_id: str, client_id: str) -> dict[str, Any]: ...
    def list_client_secrets(self, pool_id: str, client_id: str) -> list[tuple[str, str]]: ...


def read_client(api: ClientReader, pool_id: str, client_id: str, name: str,
                desired: DesiredClient | None,
                parts: dict[str, LivePart | None] | None = None) -> LiveClient:
    client = LiveClient.from_describe(client_id, name, api.describe_client(pool_id, client_id),
                                      parts)
    if desired is None or desired.settings.get("ClientSecret") is None:
        return client
    try:
        client.secret_ids = api.list_client_secrets(pool_id, client_id)
    except ReconcilerError as exc:
        if getattr(exc, "code", None) != "InvalidParameterException":
            raise
        client.secret_ids = []  # ASSUMED: a client without a secret has none to list
    if client.secret_ids:
        client.has_secret = True
    return client
