from reconciler.model import LivePart
from reconciler.plan.identity_providers import LiveProvider
from reconciler.plan.model import Action, created_ref
from reconciler.plan.parts import (
    DOMAIN,
    GROUP,
    IDENTITY_PROVIDER,
    MANAGED_LOGIN_BRANDING,
    Owner,
    plan_list,
    plan_part,
)

OWNER = Owner("user_pool.users", "us-east-1", "us-east-1_abc")
GOOGLE = {"ProviderName": "Google", "ProviderType": "Google",
          "ProviderDetails": {"client_id": "abc", "client_secret": "s3cret",
                              "authorize_scopes": "openid email"},
          "AttributeMapping": {"email": "email"}}


def live_google(**details):
    # As read: DescribeIdentityProvider returns the client_secret, split off the document.
    return LiveProvider(secrets={"client_secret": "s3cret"}, document={
        "UserPoolId": "us-east-1_abc", "ProviderName": "Google", "ProviderType": "Google",
        "ProviderDetails": {"client_id": "abc", "authorize_scopes": "openid email",
                            "authorize_url": "https://accounts.google.com/o/oauth2/v2/auth",
                            "oidc_issuer": "https://accounts.google.com", **details},
        "AttributeMapping": {"email": "email", "username": "sub"},
        "CreationDate": "2026-01-01"})


def test_group_update_sends_every_member():
    live = LivePart(document={"GroupName": "admins", "Description": "old", "Precedence": 1,
                              "RoleArn": "arn:aws:iam::1:role/admin", "UserPoolId": "x"})
    change = plan_part(GROUP, OWNER, {"GroupName": "admins", "Description": "new"}, live)
    assert change.action == Action.UPDATE
    assert change.address == "user_pool.users.group.admins"
    assert change.requests[0].params == {
        "UserPoolId": "us-east-1_abc", "GroupName": "admins", "Description": "new",
        "Precedence": 1, "RoleArn": "arn:aws:iam::1:role/admin"}


def test_server_filled_provider_details_and_unread_secret_are_no_change():
    change = plan_part(IDENTITY_PROVIDER, OWNER, GOOGLE, live_google())
    assert change is None


def test_secret_can_be_resent_on_request_and_is_masked():
    owner = Owner("user_pool.users", "us-east-1", "us-east-1_abc")
    change = plan_part(IDENTITY_PROVIDER, owner, GOOGLE, live_google(), force_secrets=True)
    assert change.action == Action.UPDATE
    [field] = change.fields
    assert field.sensitive and field.to_json()["after"] == "(sensitive)"
    body = change.requests[0].params
    assert body["ProviderDetails"]["client_secret"] == "s3cret"
    assert body["ProviderDetails"]["oidc_issuer"] == "https://accounts.google.com"
    # client_secret is read back and compared: no warning asks for --resend-secrets.
    assert owner.warnings == []


def test_provider_type_change_is_a_replace():
    desired = {**GOOGLE, "ProviderType": "OIDC"}
    change = plan_part(IDENTITY_PROVIDER, OWNER, desired, live_google())
    assert change.action == Action.REPLACE
    assert "provider_type can't change" in change.reason
    assert [r.operation for r in change.requests] == ["DeleteIdentityProvider",
                                                      "CreateIdentityProvider"]


def test_domain_rename_is_a_replace():
    live = LivePart(document={"Domain": "old-prefix", "UserPoolId": "us-east-1_abc",
                              "Status": "ACTIVE", "ManagedLoginVersion": 1})
    change = plan_part(DOMAIN, OWNER, {"Domain": "new-prefix"}, live)
    assert change.action == Action.REPLACE
    assert change.requests[0].params == {"UserPoolId": "us-east-1_abc", "Domain": "old-prefix"}
    assert change.requests[1].params == {"UserPoolId": "us-east-1_abc", "Domain": "new-prefix"}


def test_list_parts_absent_from_spec_are_deleted_after_the_rest():
    live = [LivePart(document={"GroupName": "old", "UserPoolId": "x"})]
    [change] = plan_list(GROUP, OWNER, [], live)
    assert change.action == Action.DELETE
    assert change.phase > GROUP.phase
    assert plan_list(GROUP, OWNER, None, live) == []


def test_branding_for_a_new_client_refers_to_the_client_created_earlier():
    ref = created_ref("user_pool.users.client.web")
    owner = Owner("user_pool.users", "us-east-1", "us-east-1_abc", client_name="web",
                  client_id=ref)
    change = plan_part(MANAGED_LOGIN_BRANDING, owner, {"UseCognitoProvidedValues": True}, None)
    assert change.action == Action.CREATE
    assert change.requests[0].operation == "CreateManagedLoginBranding"
    assert change.requests[0].params["ClientId"] == ref
