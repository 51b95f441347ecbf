from reconciler.plan.model import Action, PlanWarning
from reconciler.plan.pools import plan_pool

from .helpers import desired_pool, live_client, live_pool


def plan(desired, live):
    warnings: list[PlanWarning] = []
    return plan_pool(desired, live, "us-east-1", warnings), warnings


def test_no_changes_when_the_spec_matches_live():
    desired = desired_pool(Policies={"PasswordPolicy": {"MinimumLength": 8}},
                           AutoVerifiedAttributes=["email"], UserPoolTags={"project": "x"},
                           UsernameAttributes=["email"],
                           Schema=[{"Name": "email", "Required": False, "Mutable": True}])
    changes, warnings = plan(desired, live_pool())
    assert changes == []
    assert warnings == []


def test_update_carries_every_unmanaged_live_value():
    changes, _ = plan(desired_pool(Policies={"PasswordPolicy": {"MinimumLength": 12}}),
                      live_pool())
    [change] = changes
    assert change.action == Action.UPDATE
    assert [(f.path, f.before, f.after) for f in change.fields] == [
        ("policies.password_policy.minimum_length", 8, 12)]
    [request] = change.requests
    assert request.operation == "UpdateUserPool"
    body = request.params
    # Unmanaged settings ride along so that Cognito's reset-on-omit loses nothing.
    assert body["LambdaConfig"] == {"PreSignUp": "arn:aws:lambda:us-east-1:1:function:f"}
    assert body["AutoVerifiedAttributes"] == ["email"]
    assert body["UserPoolTags"] == {"project": "x"}
    assert body["Policies"]["PasswordPolicy"] == {
        "MinimumLength": 12, "RequireSymbols": True, "TemporaryPasswordValidityDays": 7}
    assert body["UserPoolTier"] == "ESSENTIALS"
    assert body["PoolName"] == "users"
    # Create-only members are not in UpdateUserPool at all.
    assert "UsernameAttributes" not in body and "Schema" not in body


def test_create_only_change_is_a_replace_with_reason():
    changes, _ = plan(desired_pool(UsernameAttributes=["phone_number"]), live_pool())
    [change] = changes
    assert change.action == Action.REPLACE
    assert "username_attributes can't change after the pool is created" in change.reason
    assert [r.operation for r in change.requests][:2] == ["DeleteUserPool", "CreateUserPool"]
    assert change.blocked is None


def test_replace_is_blocked_when_deletion_protection_is_active():
    live = live_pool(describe={"DeletionProtection": "ACTIVE"})
    changes, _ = plan(desired_pool(UsernameConfiguration={"CaseSensitive": True}), live)
    assert changes[0].action == Action.REPLACE
    assert "deletion protection is ACTIVE" in changes[0].blocked


def test_changed_schema_attribute_is_a_replace():
    changes, _ = plan(desired_pool(Schema=[{"Name": "email", "Required": True}]), live_pool())
    assert changes[0].action == Action.REPLACE
    assert "schema attribute email: Required can't change" in changes[0].reason


def test_new_custom_attribute_is_added_in_place():
    attribute = {"Name": "tenant", "AttributeDataType": "String", "Mutable": True}
    changes, _ = plan(desired_pool(Schema=[attribute]), live_pool())
    [change] = changes
    assert change.action == Action.UPDATE
    assert [r.operation for r in change.requests] == ["AddCustomAttributes"]
    assert change.requests[0].params["CustomAttributes"] == [attribute]


def test_live_custom_attribute_missing_from_spec_is_a_warning():
    schema = live_pool().describe["SchemaAttributes"] + [
        {"Name": "custom:tenant", "AttributeDataType": "String"}]
    live = live_pool(describe={"SchemaAttributes": schema})
    changes, warnings = plan(desired_pool(Schema=[]), live)
    assert changes == []
    assert "custom:tenant" in warnings[0].message


def test_mfa_goes_through_set_user_pool_mfa_config_after_update():
    desired = desired_pool(MfaConfiguration="OPTIONAL",
                           mfa={"SoftwareTokenMfaConfiguration": {"Enabled": True}},
                           DeletionProtection="ACTIVE")
    [change], _ = plan(desired, live_pool())
    assert [r.operation for r in change.requests] == ["UpdateUserPool", "SetUserPoolMfaConfig"]
    assert change.requests[0].params["MfaConfiguration"] == "OFF"
    assert change.requests[1].params == {
        "UserPoolId": "us-east-1_abc", "MfaConfiguration": "OPTIONAL",
        "SoftwareTokenMfaConfiguration": {"Enabled": True}}


def test_create_pool_with_mfa_on_creates_with_mfa_off_then_sets_it():
    desired = desired_pool(MfaConfiguration="ON",
                           mfa={"SoftwareTokenMfaConfiguration": {"Enabled": True}})
    [change], _ = plan(desired, None)
    assert change.action == Action.CREATE
    assert "MfaConfiguration" not in change.requests[0].params
    assert change.requests[1].operation == "SetUserPoolMfaConfig"


def test_unmodeled_live_fields_block_an_update():
    live = live_pool(unmodeled=["KeyConfiguration"])
    changes, warnings = plan(desired_pool(DeletionProtection="ACTIVE"), live)
    assert "KeyConfiguration" in changes[0].blocked
    assert "KeyConfiguration" in warnings[0].message


def test_clients_absent_from_spec_are_deleted_only_when_clients_are_managed():
    live = live_pool(clients=[live_client("old")])
    unmanaged, _ = plan(desired_pool(), live)
    assert unmanaged == []
    managed, _ = plan(desired_pool(clients=[]), live)
    assert [(c.address, c.action) for c in managed] == [
        ("user_pool.users.client.old", Action.DELETE)]


def test_unmodeled_mfa_fields_block_only_an_mfa_change():
    live = live_pool(unmodeled=["mfa.SomeNewFactor"])
    settings_only, _ = plan(desired_pool(DeletionProtection="ACTIVE"), live)
    assert settings_only[0].blocked is None
    mfa_change, _ = plan(desired_pool(MfaConfiguration="OPTIONAL",
                                      mfa={"SoftwareTokenMfaConfiguration": {"Enabled": True}}),
                         live)
    assert "mfa.SomeNewFactor" in mfa_change[0].blocked


def test_replacing_a_pool_deletes_its_domain_first():
    live = live_pool(describe={"Domain": "login-prefix"})
    changes, _ = plan(desired_pool(UsernameAttributes=["phone_number"]), live)
    assert [r.operation for r in changes[0].requests][:3] == [
        "DeleteUserPoolDomain", "DeleteUserPool", "CreateUserPool"]
    assert changes[0].requests[0].params == {"UserPoolId": "us-east-1_abc",
                                             "Domain": "login-prefix"}
