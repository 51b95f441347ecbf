"""A client's own secret: kept in Secrets Manager or not, and a custom secret rotated.

Evidence (docs/fidelity.md, "Client secrets and client type (issue 11)"):
- DescribeUserPoolClient returns ClientSecretArn instead of ClientSecret for a client
  whose secret Cognito keeps in Secrets Manager, and never returns
  PublishSecretsInAWSSecretsManager (doc: UserPoolClientType.ClientSecretArn,
  CreateUserPoolClientRequest.PublishSecretsInAWSSecretsManager). So the live setting
  is read as: published iff ClientSecretArn is present.
- UpdateUserPoolClient: "If you omit this parameter, Amazon Cognito doesn't change how
  it manages the existing secret"; true migrates the secret and rotates it right away
  (with two secrets, that rotation deletes the older); false deletes the Secrets
  Manager secret "immediately and permanently ... no recovery window" (doc:
  UpdateUserPoolClientRequest.PublishSecretsInAWSSecretsManager). So the member is
  sent only when it changes, and true -> false names the secret it deletes.
- A custom secret is rotated in place: AddUserPoolClientSecret (at most two active
  secrets, for zero-downtime rotation; a custom value is 24..64 of [\\w+]),
  DeleteUserPoolClientSecret (never the last one), ListUserPoolClientSecrets (ids and
  dates only, never values) (doc: those operations). The new secret is added before
  the old ones are deleted, so the client is never without a working secret.

A spec's secret is compared with the one Cognito returned by a keyed digest made in
this process (model.secret_digest); neither value nor digest is printed or saved.
"""

from __future__ import annotations

import hmac
from typing import Any

from reconciler.model import LiveClient, secret_digest
from reconciler.plan.model import SENSITIVE, FieldChange, Request

PUBLISH = "PublishSecretsInAWSSecretsManager"
PUBLISH_PATH = "publish_secrets_in_aws_secrets_manager"
SECRET = "ClientSecret"
SECRET_PATH = "client_secret"
ARN = "ClientSecretArn"
MAX_SECRETS = 2  # doc: AddUserPoolClientSecret, "up to 2 active secrets per app client"


def published(describe: dict[str, Any]) -> bool:
    """Whether Cognito keeps the client's secret in Secrets Manager, as read."""
    return bool(describe.get(ARN))


# A custom secret Cognito returns no value for can't be compared (plan_client).
UNREADABLE = ("client_secret is not compared: Cognito returns no secret value for this "
              "client (a secret kept in Secrets Manager, or one whose original secret was "
              "deleted, after which none is shown), so a changed client_secret can't be "
              "seen; rotate it with AddUserPoolClientSecret and DeleteUserPoolClientSecret")


def publish_change(fields: list[FieldChange]) -> FieldChange | None:
    return next((f for f in fields if f.path == PUBLISH_PATH), None)


def publish_reason(change: FieldChange, live: LiveClient) -> str | None:
    """What turning publishing off destroys, said in the plan (it can't be undone)."""
    if change.before is True and change.after is False:
        arn = live.describe.get(ARN) or "(its ARN was not returned)"
        return (f"{PUBLISH_PATH} true -> false deletes the Secrets Manager secret {arn} "
                "at once, with no recovery window: apps that read the client secret from "
                "it can no longer get it (the secret itself stays with the client)")
    return None


def publish_warning(change: FieldChange) -> str | None:
    if change.before is False and change.after is True:
        return ("Cognito moves the client secret to Secrets Manager and rotates it right "
                "away (then every 7 days by default): apps must read it from there "
                "(`cognito-reconciler outputs` gives its ARN); a client with two secrets "
                "loses the older one")
    return None


def delete_note(live: LiveClient) -> str:
    """What else a client's deletion touches: its Secrets Manager secret (what becomes
    of it is not documented), and the application that registered a DCR client."""
    note = ""
    if live.describe.get("ClientType") == "DCR":
        # doc UserPoolClientType.ClientType: "An application registered the app client
        # through dynamic client registration".
        note += ("; an application registered it through dynamic client registration "
                 "(client_type DCR): add it to the spec to keep it")
    arn = live.describe.get(ARN)
    if arn:
        note += (f"; Cognito keeps its secret in Secrets Manager ({arn}), which apps may "
                 "read: whether that secret is deleted with the client is not documented")
    return note


def secret_differs(given: Any, live: LiveClient) -> bool | None:
    """Whether the spec's custom secret differs from the live one; None when Cognito
    returned no value to compare with."""
    if live.secret_digest is None:
        return None
    return not hmac.compare_digest(secret_digest(str(given)), live.secret_digest)


def masked_secret_change() -> FieldChange:
    return FieldChange(SECRET_PATH, SENSITIVE, SENSITIVE, sensitive=True)


def rotation(pool_id: str, client_id: str, secret: Any,
             live_ids: list[tuple[str, str]]) -> list[Request]:
    """The calls that make the spec's secret the client's only one: the new secret is
    added before the old ones go (with two already, the older is deleted first, as
    the limit of two leaves no room), so the client always has a working secret."""
    old = [secret_id for secret_id, _ in live_ids]
    ids = {"UserPoolId": pool_id, "ClientId": client_id}

    def delete(secret_id: str, why: str) -> Request:
        return Request("DeleteUserPoolClientSecret", {**ids, "ClientSecretId": secret_id},
                       note=f"{why} {secret_id}")

    requests = [delete(old.pop(0), "the oldest secret, to make room:")
                for _ in range(max(0, len(old) - MAX_SECRETS + 1))]
    requests.append(Request("AddUserPoolClientSecret", {**ids, SECRET: secret},
                            note="the spec's secret"))
    requests += [delete(secret_id, "the old secret") for secret_id in old]
    return requests


def extra_secrets_warning(live_ids: list[tuple[str, str]] | None) -> str | None:
    """A client with more secrets than the spec's one: the other still works, and which
    one is the spec's can't be told (values are never listed), so it is not deleted."""
    if not live_ids or len(live_ids) < MAX_SECRETS:
        return None
    ids = ", ".join(secret_id for secret_id, _ in live_ids)
    return (f"the client has {len(live_ids)} active secrets ({ids}); only one is the "
            "spec's client_secret, and the other still works (an interrupted rotation, "
            "or one added outside this tool): delete it with DeleteUserPoolClientSecret "
            "once no app uses it")


def rotation_warning(live_ids: list[tuple[str, str]]) -> str:
    count = len(live_ids)
    return (f"the client's {count} current secret{'s' if count != 1 else ''} "
            f"{'are' if count != 1 else 'is'} deleted once the spec's secret is added: "
            "apps still using an old secret fail from then on")
