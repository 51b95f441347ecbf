"""A client's secret: published to Secrets Manager, and a custom one rotated (issue 11)."""

from __future__ import annotations

from typing import Any

import pytest

from reconciler.aws.facade import secret_held
from reconciler.model import DesiredClient, LiveClient, SecretHeld, secret_digest
from reconciler.plan.clients import plan_client, plan_delete
from reconciler.plan.model import SENSITIVE, Action, Plan, PlanWarning
from reconciler.render.json_plan import render_json

POOL = "user_pool.p"
ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret/cognito-idp/p/c1-abc123"
OLD = "old_secret_0123456789abcdefghijklmnop"
NEW = "new_secret_0123456789abcdefghijklmnop"


def live(secret: str | None = None, arn: str | None = None,
         ids: list[tuple[str, str]] | None = None, **describe: Any) -> LiveClient:
    document: dict[str, Any] = {"ClientName": "backend", "UserPoolId": "pool_1",
                                "ClientId": "c1", **describe}
    if secret is not None:
        document["ClientSecret"] = secret
    if arn is not None:
        document["ClientSecretArn"] = arn
    document["HasSecret"] = secret_held(document)
    client = LiveClient.from_describe("c1", "backend", document)
    client.secret_ids = ids
    return client


def desired(**settings: Any) -> DesiredClient:
    return DesiredClient(name="backend", settings={"ClientName": "backend", **settings})


def plan(wanted: DesiredClient, found: LiveClient) -> Any:
    return plan_client(wanted, found, POOL, "us-east-1", "pool_1")


# --- what the AWS edge keeps ----------------------------------------------------------

def test_the_edge_keeps_a_digest_and_drops_the_value() -> None:
    document = {"ClientName": "backend", "ClientSecret": OLD}
    held = secret_held(document)
    assert "ClientSecret" not in document
    assert isinstance(held, SecretHeld) and held.digest == secret_digest(OLD)
    assert OLD not in repr(held) and OLD not in repr(live(OLD))


def test_a_published_secret_is_a_secret_without_a_value() -> None:
    found = live(arn=ARN)
    assert found.has_secret and found.secret_digest is None
    assert secret_held({"ClientName": "public"}) is False


# --- publish_secrets_in_aws_secrets_manager -------------------------------------------

def test_live_publishing_is_read_from_the_arn_and_unmanaged_when_left_out() -> None:
    assert plan(desired(GenerateSecret=True), live(arn=ARN)) is None
    assert plan(desired(GenerateSecret=True, PublishSecretsInAWSSecretsManager=True),
                live(arn=ARN)) is None
    assert plan(desired(GenerateSecret=True, PublishSecretsInAWSSecretsManager=False),
                live(OLD)) is None


def test_an_update_omits_the_flag_unless_it_changes() -> None:
    change = plan(desired(GenerateSecret=True, AuthSessionValidity=5), live(arn=ARN))
    [update] = change.requests
    assert "PublishSecretsInAWSSecretsManager" not in update.params


def test_turning_it_off_is_an_update_that_names_the_secret_it_deletes() -> None:
    change = plan(desired(GenerateSecret=True, PublishSecretsInAWSSecretsManager=False),
                  live(arn=ARN))
    assert change.action == Action.UPDATE
    assert f"deletes the Secrets Manager secret {ARN}" in change.reason
    [update] = change.requests
    assert update.params["PublishSecretsInAWSSecretsManager"] is False


def test_turning_it_on_warns_of_the_rotation() -> None:
    change = plan(desired(GenerateSecret=True, PublishSecretsInAWSSecretsManager=True),
                  live(OLD))
    [update] = change.requests
    assert update.params["PublishSecretsInAWSSecretsManager"] is True
    assert any("rotates it right away" in w for w in change.warnings)
    assert change.reason is None


def test_a_published_client_is_never_replaced_for_want_of_a_clientsecret() -> None:
    assert plan(desired(GenerateSecret=True), live(arn=ARN)) is None


def test_deleting_a_published_client_says_what_becomes_of_its_secret() -> None:
    change = plan_delete(live(arn=ARN), POOL, "us-east-1", "pool_1")
    assert ARN in (change.reason or "")


def test_deleting_a_dcr_client_says_an_application_registered_it() -> None:
    change = plan_delete(live(ClientType="DCR"), POOL, "us-east-1", "pool_1")
    assert "dynamic client registration" in (change.reason or "")
    regular = plan_delete(live(ClientType="REGULAR"), POOL, "us-east-1", "pool_1")
    assert "dynamic client registration" not in (regular.reason or "")


# --- a custom secret ------------------------------------------------------------------

def test_the_same_custom_secret_plans_nothing() -> None:
    assert plan(desired(ClientSecret=OLD), live(OLD, ids=[("c1--1", "1")])) is None


def test_a_changed_custom_secret_is_a_masked_in_place_rotation() -> None:
    change = plan(desired(ClientSecret=NEW), live(OLD, ids=[("c1--1", "1")]))
    assert change.action == Action.UPDATE
    assert [(f.path, f.before, f.after) for f in change.fields] == [
        ("client_secret", SENSITIVE, SENSITIVE)]
    assert [(r.operation, r.params.get("ClientSecretId")) for r in change.requests] == [
        ("AddUserPoolClientSecret", None), ("DeleteUserPoolClientSecret", "c1--1")]
    assert change.requests[0].params["ClientSecret"] == NEW
    shown = render_json(Plan(changes=[change]))
    assert NEW not in shown and OLD not in shown


def test_with_two_secrets_the_older_goes_first_to_make_room() -> None:
    change = plan(desired(ClientSecret=NEW),
                  live(OLD, ids=[("c1--1", "1"), ("c1--2", "2")]))
    assert [(r.operation, r.params.get("ClientSecretId")) for r in change.requests] == [
        ("DeleteUserPoolClientSecret", "c1--1"), ("AddUserPoolClientSecret", None),
        ("DeleteUserPoolClientSecret", "c1--2")]


def test_a_rotation_beside_other_changes_updates_first() -> None:
    change = plan(desired(ClientSecret=NEW, AuthSessionValidity=5),
                  live(OLD, ids=[("c1--1", "1")]))
    assert [r.operation for r in change.requests] == [
        "UpdateUserPoolClient", "AddUserPoolClientSecret", "DeleteUserPoolClientSecret"]
    assert "ClientSecret" not in change.requests[0].params


def test_a_secret_cognito_does_not_return_is_not_compared() -> None:
    # No value to compare with (e.g. after the original secret was deleted): no false
    # rotation, and the client, which has secrets, is not replaced as public.
    found = live(ids=[("c1--2", "2")])
    found.has_secret = True
    warnings: list[PlanWarning] = []
    assert plan_client(desired(ClientSecret=NEW), found, POOL, "us-east-1", "pool_1",
                       warnings=warnings) is None
    [warning] = warnings
    assert "client_secret is not compared" in warning.message
    assert NEW not in warning.message


def test_a_readable_secret_gives_no_warning() -> None:
    warnings: list[PlanWarning] = []
    plan_client(desired(ClientSecret=OLD), live(OLD, ids=[("c1--1", "1")]), POOL,
                "us-east-1", "pool_1", warnings=warnings)
    assert warnings == []


def test_unlisted_secrets_block_the_rotation() -> None:
    change = plan(desired(ClientSecret=NEW), live(OLD))
    assert change.blocked and "not listed" in change.blocked


@pytest.mark.parametrize("secret", [OLD, NEW])
def test_a_digest_depends_on_the_value(secret: str) -> None:
    assert (secret_digest(secret) == secret_digest(OLD)) is (secret == OLD)


def test_a_second_secret_beside_the_specs_is_named_not_deleted() -> None:
    warnings: list[PlanWarning] = []
    found = live(OLD, ids=[("c1--1", "1"), ("c1--2", "2")])
    assert plan_client(desired(ClientSecret=OLD), found, POOL, "us-east-1", "pool_1",
                       warnings=warnings) is None
    [warning] = warnings
    assert "2 active secrets (c1--1, c1--2)" in warning.message
    assert OLD not in warning.message
