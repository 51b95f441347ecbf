from reconciler.plan import tokens


def test_durations_use_units_and_defaults():
    client = {"AccessTokenValidity": 60, "TokenValidityUnits": {"AccessToken": "minutes"}}
    assert tokens.durations(client) == {
        "AccessTokenValidity": 3600, "IdTokenValidity": 3600, "RefreshTokenValidity": 30 * 86400}


def test_spec_value_without_unit_means_the_api_default_unit():
    live = {"AccessTokenValidity": 30, "TokenValidityUnits": {"AccessToken": "minutes"}}
    wanted = tokens.desired_tokens(live, {"AccessTokenValidity": 2})
    assert wanted["AccessTokenValidity"] == 2
    assert wanted["TokenValidityUnits"]["AccessToken"] == "hours"


def test_unit_only_change_keeps_the_live_duration():
    live = {"AccessTokenValidity": 1, "TokenValidityUnits": {"AccessToken": "hours"}}
    wanted = tokens.desired_tokens(live, {"TokenValidityUnits": {"AccessToken": "minutes"}})
    assert wanted["AccessTokenValidity"] == 60
    assert tokens.durations(wanted) == tokens.durations(live)
