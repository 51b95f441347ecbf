"""Pool settings planned without false diffs or false replaces (issue 10.1, 10.8, 10.9)."""

from __future__ import annotations

from typing import Any

from reconciler.model import DesiredPool, LivePool
from reconciler.plan.model import Action, Change, PlanWarning
from reconciler.plan.pools import plan_pool
from reconciler.spec.desired import desired_pool as from_spec

from .helpers import desired_pool, live_pool

LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:tokens"


def plan(desired: DesiredPool, live: LivePool) -> list[Change]:
    warnings: list[PlanWarning] = []
    return plan_pool(desired, live, "us-east-1", warnings)


def _update_body(changes: list[Change]) -> dict[str, Any]:
    [change] = changes
    assert change.action == Action.UPDATE
    [request] = [r for r in change.requests if r.operation == "UpdateUserPool"]
    return dict(request.params)


# --- 10.1 ------------------------------------------------------------------------------


def test_an_update_never_sends_unused_account_validity_days() -> None:
    live = live_pool(describe={"AdminCreateUserConfig": {
        "AllowAdminCreateUserOnly": False, "UnusedAccountValidityDays": 7}})
    body = _update_body(plan(desired_pool(UserPoolTags={"project": "y"}), live))
    assert body["AdminCreateUserConfig"] == {"AllowAdminCreateUserOnly": False}


def test_a_spec_with_the_legacy_field_means_the_temporary_password_validity() -> None:
    pool = from_spec({"pool_name": "users",
                      "admin_create_user_config": {"unused_account_validity_days": 3}},
                     ("user_pools", 0))
    assert pool.settings["AdminCreateUserConfig"] == {}
    assert pool.settings["Policies"] == {"PasswordPolicy": {"TemporaryPasswordValidityDays": 3}}
    live = live_pool(describe={"AdminCreateUserConfig": {"UnusedAccountValidityDays": 7}})
    body = _update_body(plan(pool, live))
    assert body["Policies"]["PasswordPolicy"]["TemporaryPasswordValidityDays"] == 3
    assert "UnusedAccountValidityDays" not in body["AdminCreateUserConfig"]
    # The new field wins when a spec gives both.
    both = from_spec({"pool_name": "users", "policies": {"password_policy": {
        "temporary_password_validity_days": 5}},
        "admin_create_user_config": {"unused_account_validity_days": 3}}, ("user_pools", 0))
    assert both.settings["Policies"]["PasswordPolicy"]["TemporaryPasswordValidityDays"] == 5
    assert both.settings["AdminCreateUserConfig"] == {}


# --- 10.8: create-only defaults, constraints as numbers, mirrored fields -----------------


def test_case_sensitive_true_on_a_pool_that_never_set_it_is_no_change() -> None:
    live = live_pool()
    del live.describe["UsernameConfiguration"]
    assert plan(desired_pool(UsernameConfiguration={"CaseSensitive": True}), live) == []
    [change] = plan(desired_pool(UsernameConfiguration={"CaseSensitive": False}), live)
    assert change.action == Action.REPLACE


def test_string_constraints_compare_as_numbers() -> None:
    live = live_pool()
    live.describe["SchemaAttributes"].append({
        "Name": "custom:tenant", "AttributeDataType": "String", "DeveloperOnlyAttribute": False,
        "Mutable": True, "Required": False,
        "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "64"}})
    same = desired_pool(Schema=[{"Name": "tenant", "AttributeDataType": "String",
                                 "StringAttributeConstraints": {"MinLength": "01",
                                                                "MaxLength": 64}}])
    assert plan(same, live) == []
    other = desired_pool(Schema=[{"Name": "tenant", "AttributeDataType": "String",
                                  "StringAttributeConstraints": {"MaxLength": "65"}}])
    assert plan(other, live)[0].action == Action.REPLACE


def test_a_standard_attribute_not_listed_yet_is_no_replace_when_it_has_its_defaults() -> None:
    live = live_pool()
    live.describe["SchemaAttributes"] = [
        a for a in live.describe["SchemaAttributes"] if a["Name"] != "identities"]
    assert plan(desired_pool(Schema=[{"Name": "identities", "Mutable": True}]), live) == []


def test_legacy_verification_members_compare_as_the_template() -> None:
    mirrored = {"EmailVerificationMessage": "code {####}", "EmailVerificationSubject": "Code",
                "VerificationMessageTemplate": {"DefaultEmailOption": "CONFIRM_WITH_CODE",
                                                "EmailMessage": "code {####}",
                                                "EmailSubject": "Code"}}
    live = live_pool(describe=mirrored)
    assert plan(desired_pool(EmailVerificationMessage="code {####}"), live) == []
    assert plan(desired_pool(VerificationMessageTemplate={"EmailSubject": "Code"}), live) == []
    # A change through either spelling is written to both, consistently.
    body = _update_body(plan(desired_pool(EmailVerificationSubject="New"), live))
    assert body["EmailVerificationSubject"] == "New"
    assert body["VerificationMessageTemplate"]["EmailSubject"] == "New"
    assert body["EmailVerificationMessage"] == "code {####}"


def test_the_legacy_members_alone_on_live_are_not_a_diff() -> None:
    # Safe if AWS doesn't mirror into the template either.
    live = live_pool(describe={"SmsVerificationMessage": "sms {####}"})
    assert plan(desired_pool(VerificationMessageTemplate={"SmsMessage": "sms {####}"}),
                live) == []


def test_pre_token_generation_compares_as_its_versioned_config() -> None:
    both = {"PreTokenGeneration": LAMBDA,
            "PreTokenGenerationConfig": {"LambdaVersion": "V1_0", "LambdaArn": LAMBDA}}
    for shown in (both, {"PreTokenGeneration": LAMBDA}):
        live = live_pool(describe={"LambdaConfig": dict(shown)})
        assert plan(desired_pool(LambdaConfig={"PreTokenGeneration": LAMBDA}), live) == []
        assert plan(desired_pool(LambdaConfig={"PreTokenGenerationConfig": {
            "LambdaVersion": "V1_0", "LambdaArn": LAMBDA}}), live) == []
    live = live_pool(describe={"LambdaConfig": both})
    body = _update_body(plan(desired_pool(LambdaConfig={"PreTokenGenerationConfig": {
        "LambdaVersion": "V2_0", "LambdaArn": LAMBDA}}), live))
    assert body["LambdaConfig"] == {
        "PreTokenGeneration": LAMBDA,
        "PreTokenGenerationConfig": {"LambdaVersion": "V2_0", "LambdaArn": LAMBDA}}


def test_a_create_writes_mirrored_members_consistently() -> None:
    [change] = plan(desired_pool(SmsVerificationMessage="sms {####}",
                                 LambdaConfig={"PreTokenGeneration": LAMBDA}), None)
    [create] = change.requests
    assert create.params["SmsVerificationMessage"] == "sms {####}"
    assert create.params["VerificationMessageTemplate"] == {"SmsMessage": "sms {####}"}
    assert create.params["LambdaConfig"] == {
        "PreTokenGeneration": LAMBDA,
        "PreTokenGenerationConfig": {"LambdaVersion": "V1_0", "LambdaArn": LAMBDA}}


# --- 10.9: the console's spelling of custom attributes ---------------------------------


def test_console_spelling_of_a_custom_attribute_means_the_attribute() -> None:
    pool = from_spec({"pool_name": "users", "schema": [
        {"name": "custom:tenant_id", "attribute_data_type": "String"},
        {"name": "dev:custom:secret", "attribute_data_type": "String"}]}, ("user_pools", 0))
    assert [a["Name"] for a in pool.settings["Schema"]] == ["tenant_id", "secret"]
    assert pool.settings["Schema"][1]["DeveloperOnlyAttribute"] is True
    # Add path: the attribute is added by its bare name, once.
    [change] = plan(pool, live_pool())
    [add] = [r for r in change.requests if r.operation == "AddCustomAttributes"]
    assert [a["Name"] for a in add.params["CustomAttributes"]] == ["tenant_id", "secret"]
    # Create path.
    [create] = plan(pool, None)[0].requests
    assert [a["Name"] for a in create.params["Schema"]] == ["tenant_id", "secret"]
    # Once live, nothing more to do.
    live = live_pool()
    live.describe["SchemaAttributes"] += [
        {"Name": "custom:tenant_id", "AttributeDataType": "String",
         "DeveloperOnlyAttribute": False, "Mutable": True, "Required": False,
         "StringAttributeConstraints": {}},
        {"Name": "dev:custom:secret", "AttributeDataType": "String",
         "DeveloperOnlyAttribute": True, "Mutable": True, "Required": False,
         "StringAttributeConstraints": {}}]
    assert plan(pool, live) == []
