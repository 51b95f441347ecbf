"""A custom client secret means a confidential client (issue 12.6)."""

from __future__ import annotations

from reconciler.model import DesiredClient, LiveClient
from reconciler.plan.clients import plan_client
from reconciler.plan.model import Action

POOL = "user_pool.p"


def live(has_secret: bool) -> LiveClient:
    return LiveClient(client_id="c1", name="backend", has_secret=has_secret,
                      describe={"ClientName": "backend", "UserPoolId": "pool_1"})


def desired(**settings: object) -> DesiredClient:
    return DesiredClient(name="backend", settings={"ClientName": "backend", **settings})


def test_custom_secret_with_generate_secret_false_matches_a_confidential_client() -> None:
    wanted = desired(GenerateSecret=False, ClientSecret="s3cret")
    assert plan_client(wanted, live(True), POOL, "us-east-1", "pool_1") is None


def test_custom_secret_on_a_public_client_is_a_replace_with_the_reason() -> None:
    change = plan_client(desired(ClientSecret="s3cret"), live(False), POOL, "us-east-1",
                         "pool_1")
    assert change is not None and change.action == Action.REPLACE
    assert change.reason and "generate_secret" in change.reason
    create = change.requests[-1]
    # Sent as the API wants it: the custom secret, never beside GenerateSecret true.
    assert create.params.get("GenerateSecret") is not True
    assert create.params["ClientSecret"] == "s3cret"
    assert all("s3cret" not in str(f.to_json()) for f in change.fields)


def test_generate_secret_false_without_a_custom_secret_still_replaces() -> None:
    change = plan_client(desired(GenerateSecret=False), live(True), POOL, "us-east-1",
                         "pool_1")
    assert change is not None and change.action == Action.REPLACE
