"""spec/strict.py: strict mode fills what a spec leaves out from pool_defaults' tables."""

from __future__ import annotations

from reconciler import pool_defaults
from reconciler.model import DesiredClient, DesiredPool
from reconciler.spec.strict import strict_pool


def _pool(settings: dict, parts: dict | None = None,
          clients: list[DesiredClient] | None = None) -> DesiredPool:
    return DesiredPool(name="p", settings={"PoolName": "p", **settings},
                       parts=dict(parts or {}), clients=clients)


def test_members_a_new_pool_lacks_are_managed_as_none() -> None:
    pool = _pool({})
    strict_pool(pool)
    for member in ("DeviceConfiguration", "SmsAuthenticationMessage", "UserPoolAddOns"):
        assert member in pool.settings and pool.settings[member] is None
    assert "SmsConfiguration" not in pool.settings  # Cognito can't remove one
    template = pool.settings["VerificationMessageTemplate"]
    assert template["DefaultEmailOption"] == "CONFIRM_WITH_CODE"
    assert template["EmailMessage"] is None and template["SmsMessage"] is None


def test_a_block_given_in_part_is_completed_and_what_it_gives_wins() -> None:
    pool = _pool({"Policies": {"PasswordPolicy": {"MinimumLength": 12}},
                  "DeviceConfiguration": {"ChallengeRequiredOnNewDevice": True},
                  "EmailConfiguration": {"EmailSendingAccount": "DEVELOPER",
                                         "SourceArn": "arn:aws:ses:us-east-1:1:identity/x"}})
    strict_pool(pool)
    policy = pool.settings["Policies"]["PasswordPolicy"]
    assert policy == {**pool_defaults.GIVEN_PASSWORD_POLICY, "MinimumLength": 12}
    assert pool.settings["Policies"]["SignInPolicy"] == pool_defaults.DEFAULT_SIGN_IN_POLICY
    assert pool.settings["DeviceConfiguration"] == {
        "ChallengeRequiredOnNewDevice": True, "DeviceOnlyRememberedOnUserPrompt": False}
    email = pool.settings["EmailConfiguration"]
    assert email["EmailSendingAccount"] == "DEVELOPER" and email["ReplyToEmailAddress"] is None


def test_part_kinds_the_spec_does_not_name_are_managed_as_none() -> None:
    pool = _pool({}, parts={"groups": [{"GroupName": "a"}], "domain": None})
    strict_pool(pool)
    assert pool.clients == []
    assert pool.parts["groups"] == [{"GroupName": "a"}]
    assert pool.parts["resource_servers"] == [] and pool.parts["identity_providers"] == []
    for key in ("domain", "ui_customization", "risk_configuration",
                "log_delivery_configuration"):
        assert key in pool.parts and pool.parts[key] is None
    assert pool.parts["session_configuration"] == pool_defaults.POOL_SESSION_DEFAULT


def test_a_clients_absent_members_and_parts() -> None:
    client = DesiredClient(name="web", settings={"ClientName": "web"},
                           parts={"ui_customization": {"CSS": ".x{}"}})
    strict_pool(_pool({}, clients=[client]))
    assert client.removed == {"AnalyticsConfiguration", "DefaultRedirectURI"}
    assert client.parts["ui_customization"] == {"CSS": ".x{}"}
    assert client.parts["risk_configuration"] is None
    assert client.parts["managed_login_branding"] is None
    assert client.settings["CallbackURLs"] == [] and client.settings["AuthSessionValidity"] == 3
    given = DesiredClient(name="app", settings={"ClientName": "app",
                                                "DefaultRedirectURI": "https://x.example/cb"})
    strict_pool(_pool({}, clients=[given]))
    assert given.removed == {"AnalyticsConfiguration"}
