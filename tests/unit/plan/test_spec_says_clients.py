"""Issue 13 (traps 5 and 6): a client pinned by `id:` is renamed in place, and a
token_validity_units change alone is planned (the live units don't stay)."""

from __future__ import annotations

import pytest

from reconciler.errors import ReconcilerError
from reconciler.model import DesiredClient
from reconciler.plan.model import Action
from reconciler.plan.pools import plan_pool
from reconciler.spec.desired import desired_client as from_spec
from tests.unit.plan.helpers import desired_pool, live_client, live_pool


def _plan(clients: list[DesiredClient], live: list) -> list:
    return plan_pool(desired_pool(clients=clients), live_pool(clients=live), "us-east-1", [])


def test_spec_id_reaches_the_desired_client():
    client = from_spec({"client_name": "app", "id": "id-web"}, (), "user_pool.users")
    assert client.client_id == "id-web"
    assert "id" not in client.settings and "Id" not in client.settings


def test_a_pinned_client_with_a_new_name_is_an_update_not_create_and_delete():
    renamed = DesiredClient(name="app", settings={"ClientName": "app"}, client_id="id-web")
    changes = _plan([renamed], [live_client("web")])
    assert [(c.action, c.address) for c in changes] == [
        (Action.UPDATE, "user_pool.users.client.app")]
    change = changes[0]
    assert [(f.path, f.before, f.after) for f in change.fields] == [("client_name", "web", "app")]
    [request] = change.requests
    assert request.operation == "UpdateUserPoolClient"
    assert request.params["ClientId"] == "id-web"
    assert request.params["ClientName"] == "app"
    # a full update: the live callbacks are carried
    assert request.params["CallbackURLs"] == ["https://app.example.com/cb"]


def test_a_pinned_client_keeps_its_live_namesake_unmatched():
    # The spec pins id-web under the name "other"; the live client named "other" is
    # not the pinned one, so (absent from the spec) it is deleted, never updated.
    pinned = DesiredClient(name="other", settings={"ClientName": "other"}, client_id="id-web")
    changes = _plan([pinned], [live_client("web"), live_client("other")])
    actions = sorted((c.action.value, c.live_id or "") for c in changes)
    assert actions == [("delete", "id-other"), ("update", "id-web")]


def test_a_pinned_id_that_is_not_live_is_a_clear_error():
    pinned = DesiredClient(name="app", settings={"ClientName": "app"}, client_id="id-gone")
    with pytest.raises(ReconcilerError) as err:
        _plan([pinned], [live_client("web")])
    assert "id-gone" in str(err.value) and "user_pool.users.client.app" in str(err.value)


def test_a_units_change_alone_is_planned_and_sent():
    live = live_client("web")  # access token 60 minutes
    wanted = DesiredClient(name="web", settings={
        "ClientName": "web", "TokenValidityUnits": {"AccessToken": "hours"}})
    [change] = _plan([wanted], [live])
    assert ("token_validity_units.access_token", "minutes", "hours") in [
        (f.path, f.before, f.after) for f in change.fields]
    params = change.requests[0].params
    assert params["AccessTokenValidity"] == 1
    assert params["TokenValidityUnits"]["AccessToken"] == "hours"
    # what the spec doesn't set keeps its live unit
    assert params["TokenValidityUnits"]["IdToken"] == "minutes"


def test_a_value_and_unit_equal_in_duration_but_not_in_unit_is_planned():
    wanted = DesiredClient(name="web", settings={
        "ClientName": "web", "AccessTokenValidity": 1,
        "TokenValidityUnits": {"AccessToken": "hours"}})
    [change] = _plan([wanted], [live_client("web")])
    assert [(f.path, f.before, f.after) for f in change.fields] == [
        ("token_validity_units.access_token", "minutes", "hours")]


def test_a_value_without_a_unit_is_still_compared_as_a_duration():
    wanted = DesiredClient(name="web", settings={"ClientName": "web", "AccessTokenValidity": 1})
    assert _plan([wanted], [live_client("web")]) == []


def test_a_managed_unit_equal_to_the_live_one_plans_nothing():
    wanted = DesiredClient(name="web", settings={
        "ClientName": "web", "TokenValidityUnits": {"AccessToken": "minutes"}})
    assert _plan([wanted], [live_client("web")]) == []


def test_a_unit_without_a_live_value_is_the_default_unit():
    # No IdTokenValidity: Cognito applies 1 hour, whatever the stored unit says.
    live = live_client("web")
    del live.describe["IdTokenValidity"]
    wanted = DesiredClient(name="web", settings={
        "ClientName": "web", "IdTokenValidity": 1, "TokenValidityUnits": {"IdToken": "hours"}})
    assert _plan([wanted], [live]) == []


def test_a_pinned_client_of_a_pool_being_created_is_warned_about():
    warnings: list = []
    pinned = DesiredClient(name="app", settings={"ClientName": "app"}, client_id="id-web")
    changes = plan_pool(desired_pool(clients=[pinned]), None, "us-east-1", warnings)
    assert [c.action for c in changes] == [Action.CREATE, Action.CREATE]
    assert any("pins client id id-web" in w.message for w in warnings)
