from reconciler.plan.clients import plan_client
from reconciler.plan.model import Action

from .helpers import desired_client, live_client


def plan(desired, live):
    return plan_client(desired, live, "user_pool.users", "us-east-1", "us-east-1_abc")


def test_same_duration_in_other_units_changes_only_the_units():
    # Durations compare as durations, but a unit the spec sets is managed (issue 13):
    # before, this planned nothing and the live units stayed minutes.
    desired = desired_client(AccessTokenValidity=1, IdTokenValidity=1,
                             TokenValidityUnits={"AccessToken": "hours", "IdToken": "hours"})
    change = plan(desired, live_client())
    assert [(f.path, f.before, f.after) for f in change.fields] == [
        ("token_validity_units.access_token", "minutes", "hours"),
        ("token_validity_units.id_token", "minutes", "hours")]


def test_same_duration_without_a_unit_is_no_change():
    desired = desired_client(AccessTokenValidity=1, IdTokenValidity=1)
    assert plan(desired, live_client()) is None


def test_sets_compare_without_order():
    desired = desired_client(ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    assert plan(desired, live_client()) is None


def test_update_sends_the_complete_updatable_set():
    change = plan(desired_client(AccessTokenValidity=30,
                                 TokenValidityUnits={"AccessToken": "minutes"}), live_client())
    assert change.action == Action.UPDATE
    assert [(f.path, f.before, f.after) for f in change.fields] == [
        ("access_token_validity", 60, 30)]
    body = change.requests[0].params
    assert body["CallbackURLs"] == ["https://app.example.com/cb"]
    assert body["ExplicitAuthFlows"] == ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]
    assert body["IdTokenValidity"] == 60
    assert body["TokenValidityUnits"] == {"AccessToken": "minutes", "IdToken": "minutes",
                                          "RefreshToken": "days"}
    assert "GenerateSecret" not in body and "ClientSecret" not in body


def test_generate_secret_change_is_a_replace():
    change = plan(desired_client(GenerateSecret=True), live_client(has_secret=False))
    assert change.action == Action.REPLACE
    assert "generate_secret can't change" in change.reason
    assert [r.operation for r in change.requests] == ["DeleteUserPoolClient",
                                                      "CreateUserPoolClient"]
