"""Issue 11: issuer, key, ACR and DCR configuration planned without false diffs, under
both readings of what DescribeUserPool shows for a member never set (absent, or the
documented default), with Cognito's refusals shown before apply."""

from __future__ import annotations

from typing import Any

from reconciler.model import DesiredPool, LivePool
from reconciler.plan.model import Action, Change, PlanWarning
from reconciler.plan.pools import plan_pool
from reconciler.spec.strict import strict_pool

from .helpers import desired_pool, live_pool

DEFAULT_ACR = {f"Level{n}": {"AcrValue": f"urn:cognito:loa:{n}"} for n in range(1, 5)}
CUSTOM = "urn:example:mfa"
NEW_KEYS = ("issuer_configuration", "key_configuration", "acr_configuration",
            "dcr_configuration")


def plan(desired: DesiredPool, live: LivePool) -> list[Change]:
    warnings: list[PlanWarning] = []
    return plan_pool(desired, live, "us-east-1", warnings)


def _update(changes: list[Change]) -> tuple[Change, dict[str, Any]]:
    [change] = changes
    assert change.action == Action.UPDATE
    [request] = [r for r in change.requests if r.operation == "UpdateUserPool"]
    return change, dict(request.params)


# Absent (helpers.live_pool has none of them) and echoed at their defaults.
ABSENT = live_pool()
ECHOED = live_pool(describe={
    "IssuerConfiguration": {"Type": "ORIGINAL"}, "KeyConfiguration": {"KeyType": "AWS_OWNED_KEY"},
    "AcrConfiguration": DEFAULT_ACR, "DcrConfiguration": {"EnableStatus": "Disabled"}})
DEFAULTS_IN_SPEC = desired_pool(
    IssuerConfiguration={"Type": "ORIGINAL"}, KeyConfiguration={"KeyType": "AWS_OWNED_KEY"},
    AcrConfiguration={"Level1": {"AcrValue": "urn:cognito:loa:1"}},
    DcrConfiguration={"EnableStatus": "Disabled"})


def test_a_spec_at_the_defaults_plans_clean_whether_cognito_echoes_them_or_not() -> None:
    assert plan(DEFAULTS_IN_SPEC, ABSENT) == []
    assert plan(DEFAULTS_IN_SPEC, ECHOED) == []


def test_an_empty_block_means_the_defaults() -> None:
    empty = desired_pool(IssuerConfiguration={}, KeyConfiguration={}, AcrConfiguration={})
    assert plan(empty, ABSENT) == [] and plan(empty, ECHOED) == []


def test_custom_acr_levels_compare_with_the_default_names_merged_in() -> None:
    live = live_pool(describe={"AcrConfiguration": {**DEFAULT_ACR,
                                                    "Level2": {"AcrValue": CUSTOM}}})
    assert plan(desired_pool(AcrConfiguration={"Level2": {"AcrValue": CUSTOM}}), live) == []
    # A level the spec no longer names goes back to its default name (a whole setting).
    change, body = _update(plan(desired_pool(AcrConfiguration={
        "Level3": {"AcrValue": "urn:example:strong"}}), live))
    paths = {f.path: (f.before, f.after) for f in change.fields}
    assert paths["acr_configuration.Level2.acr_value"] == (CUSTOM, "urn:cognito:loa:2")
    # The request names only custom levels (the others keep their default names).
    assert body["AcrConfiguration"] == {"Level3": {"AcrValue": "urn:example:strong"}}


def test_an_update_of_a_lite_pool_sends_no_acr_names_when_all_are_defaults() -> None:
    live = live_pool(describe={"UserPoolTier": "LITE", "AcrConfiguration": DEFAULT_ACR})
    change, body = _update(plan(desired_pool(UserPoolTags={"project": "y"}), live))
    assert "AcrConfiguration" not in body
    assert change.blocked is None


def test_dcr_lists_are_sets_implicit_is_ignored_and_empty_is_not_absent() -> None:
    live = live_pool(describe={"DcrConfiguration": {
        "EnableStatus": "Enabled", "AuthenticatedGrantTypes": ["code", "client_credentials",
                                                               "implicit"]}})
    same = desired_pool(DcrConfiguration={"AuthenticatedGrantTypes": ["client_credentials",
                                                                      "code"]})
    assert plan(same, live) == []
    # Unset means code and client_credentials (doc): the same as the live lists.
    assert plan(desired_pool(DcrConfiguration={}), live) == []
    # An empty list refuses authenticated registration: a change.
    change, body = _update(plan(desired_pool(DcrConfiguration={"AuthenticatedGrantTypes": []}),
                                live))
    assert [f.path for f in change.fields] == ["dcr_configuration.authenticated_grant_types"]
    assert body["DcrConfiguration"] == {"EnableStatus": "Enabled", "AuthenticatedGrantTypes": []}


def test_an_update_carries_live_dcr_issuer_and_key_the_spec_leaves_out() -> None:
    key = {"KeyType": "CUSTOMER_MANAGED_KEY",
           "KmsKeyArn": "arn:aws:kms:us-east-1:123456789012:key/abc"}
    live = live_pool(describe={"KeyConfiguration": key, "IssuerConfiguration": {"Type": "UPDATED"},
                               "DcrConfiguration": {"EnableStatus": "Enabled",
                                                    "AllowedScopes": ["openid"]}})
    _, body = _update(plan(desired_pool(UserPoolTags={"project": "y"}), live))
    assert body["KeyConfiguration"] == key
    assert body["IssuerConfiguration"] == {"Type": "UPDATED"}
    assert body["DcrConfiguration"] == {"EnableStatus": "Enabled", "AllowedScopes": ["openid"]}


def test_moving_to_lite_with_registration_on_is_blocked_at_plan_time() -> None:
    live = live_pool(describe={"DcrConfiguration": {"EnableStatus": "Enabled"}})
    change, _ = _update(plan(desired_pool(UserPoolTier="LITE"), live))
    assert change.blocked and "dcr_configuration" in change.blocked
    ok, body = _update(plan(desired_pool(UserPoolTier="LITE", DcrConfiguration={
        "EnableStatus": "Disabled"}), live))
    assert ok.blocked is None and body["DcrConfiguration"] == {"EnableStatus": "Disabled"}


def test_custom_acr_names_on_a_live_lite_pool_are_blocked() -> None:
    live = live_pool(describe={"UserPoolTier": "LITE"})
    change, _ = _update(plan(desired_pool(AcrConfiguration={"Level1": {"AcrValue": CUSTOM}}),
                             live))
    assert change.blocked and "acr_configuration" in change.blocked


def test_an_issuer_change_says_the_urls_move() -> None:
    change, body = _update(plan(desired_pool(IssuerConfiguration={"Type": "UPDATED"}), ABSENT))
    assert body["IssuerConfiguration"] == {"Type": "UPDATED"}
    assert any("ORIGINAL -> UPDATED" in w and "outputs" in w for w in change.warnings)
    live = live_pool(describe={"IssuerConfiguration": {"Type": "UPDATED"}})
    back, _ = _update(plan(desired_pool(IssuerConfiguration={"Type": "ORIGINAL"}), live))
    assert any("may refuse" in w for w in back.warnings)


def test_strict_mode_manages_them_at_their_defaults() -> None:
    strict = desired_pool()
    strict_pool(strict)
    assert strict.settings["IssuerConfiguration"] == {"Type": "ORIGINAL"}
    for live in (ABSENT, ECHOED):
        # (The helpers' live pool differs from the defaults elsewhere: tags, triggers...)
        assert not [f.path for change in plan(strict, live) for f in change.fields
                    if f.path.startswith(NEW_KEYS)]
    # A console edit of a setting the spec leaves out shows in strict mode.
    edited = live_pool(describe={"AcrConfiguration": {**DEFAULT_ACR,
                                                      "Level4": {"AcrValue": CUSTOM}},
                                 "DcrConfiguration": {"EnableStatus": "Enabled"}})
    change, body = _update(plan(strict, edited))
    assert {f.path for f in change.fields if f.path.startswith(NEW_KEYS)} == {
        "acr_configuration.Level4.acr_value", "dcr_configuration.enable_status"}
    assert "AcrConfiguration" not in body
    assert body["DcrConfiguration"] == {"EnableStatus": "Disabled"}


def test_a_replace_names_the_live_settings_it_does_not_carry_but_not_defaults() -> None:
    live = live_pool(describe={"IssuerConfiguration": {"Type": "UPDATED"},
                               "KeyConfiguration": {"KeyType": "AWS_OWNED_KEY"},
                               "AcrConfiguration": DEFAULT_ACR,
                               "DcrConfiguration": {"EnableStatus": "Disabled"}})
    [pool_change, *_] = plan(desired_pool(UsernameAttributes=["phone_number"]), live)
    assert pool_change.action == Action.REPLACE
    [warning] = [w for w in pool_change.warnings if "not carried" in w]
    assert "issuer_configuration" in warning
    for default in ("key_configuration", "acr_configuration", "dcr_configuration"):
        assert default not in warning
