"""Identity-provider secrets and SAML details (issues 12.2 and 10.3), planned purely."""

from __future__ import annotations

import hashlib
import json

from reconciler.plan.identity_providers import LiveProvider, from_describe
from reconciler.plan.model import Action, Plan
from reconciler.plan.parts import IDENTITY_PROVIDER, Owner, plan_part

OWNER = Owner("user_pool.users", "us-east-1", "us-east-1_abc")
SECRET = "live-oidc-secret-value"
OIDC_DETAILS = {"client_id": "corp", "attributes_request_method": "GET",
                "oidc_issuer": "https://idp.example.com", "authorize_scopes": "openid"}


def described_oidc(**details: str) -> LiveProvider:
    return from_describe({
        "UserPoolId": "us-east-1_abc", "ProviderName": "Corp", "ProviderType": "OIDC",
        "ProviderDetails": {**OIDC_DETAILS, "client_secret": SECRET, **details},
        "AttributeMapping": {"email": "email", "username": "sub"}})


def oidc_spec(mapping: dict[str, str], **details: str) -> dict[str, object]:
    return {"ProviderName": "Corp", "ProviderType": "OIDC",
            "ProviderDetails": {**OIDC_DETAILS, **details}, "AttributeMapping": mapping}


def test_the_secret_is_split_off_the_document_as_it_is_read() -> None:
    live = described_oidc()
    assert "client_secret" not in live.document["ProviderDetails"]
    assert live.secrets == {"client_secret": SECRET}
    assert SECRET not in repr(live)


def test_an_update_without_the_secret_in_the_spec_carries_the_live_one() -> None:
    change = plan_part(IDENTITY_PROVIDER, OWNER, oidc_spec({"email": "mail"}), described_oidc())
    assert change is not None and change.action == Action.UPDATE and not change.blocked
    [request] = change.requests
    assert request.params["ProviderDetails"]["client_secret"] == SECRET
    assert [f.path for f in change.fields] == ["attribute_mapping.email"]


def test_an_unchanged_secret_is_no_change_and_needs_no_resend() -> None:
    owner = Owner("user_pool.users", "us-east-1", "us-east-1_abc")
    spec = oidc_spec({"email": "email"}, client_secret=SECRET)
    assert plan_part(IDENTITY_PROVIDER, owner, spec, described_oidc()) is None
    assert owner.warnings == []


def test_a_changed_secret_is_a_masked_change_and_nothing_reveals_it() -> None:
    new = "rotated-oidc-secret-value"
    spec = oidc_spec({"email": "email"}, client_secret=new)
    change = plan_part(IDENTITY_PROVIDER, OWNER, spec, described_oidc())
    assert change is not None and change.action == Action.UPDATE
    [field] = change.fields
    assert field.path == "provider_details.client_secret" and field.sensitive
    assert change.requests[0].params["ProviderDetails"]["client_secret"] == new
    saved = json.dumps(Plan(changes=[change]).to_json()) + str(change.fingerprint)
    for value in (new, SECRET):
        assert value not in saved
        for digest in (hashlib.sha256(value.encode()).hexdigest(),
                       hashlib.md5(value.encode()).hexdigest()):
            assert digest[:12] not in saved


def test_a_provider_whose_secret_cannot_be_read_is_blocked_not_erased() -> None:
    # Sign in with Apple: Describe never returns private_key (doc: Describe response).
    live = from_describe({
        "ProviderName": "SignInWithApple", "ProviderType": "SignInWithApple",
        "ProviderDetails": {"client_id": "c", "team_id": "t", "key_id": "k",
                            "authorize_scopes": "email"}, "AttributeMapping": {}})
    spec = {"ProviderName": "SignInWithApple", "ProviderType": "SignInWithApple",
            "ProviderDetails": {"client_id": "c", "team_id": "t", "key_id": "k",
                                "authorize_scopes": "email name"}}
    change = plan_part(IDENTITY_PROVIDER, OWNER, spec, live)
    assert change is not None and change.blocked
    assert "private_key" in change.blocked and "erase" in change.blocked
    given = {**spec, "ProviderDetails": {**spec["ProviderDetails"],  # type: ignore[dict-item]
                                         "private_key": "-----BEGIN"}}
    allowed = plan_part(IDENTITY_PROVIDER, OWNER, given, live)
    assert allowed is not None and not allowed.blocked


def test_saml_update_leaves_read_only_and_metadata_derived_details_to_cognito() -> None:
    live = from_describe({
        "ProviderName": "Okta", "ProviderType": "SAML",
        "ProviderDetails": {"MetadataFile": "<old/>", "ActiveEncryptionCertificate": "MIIC..",
                            "SSORedirectBindingURI": "https://old.example.com/sso",
                            "SLORedirectBindingURI": "https://old.example.com/slo",
                            "IDPSignout": "true"},
        "AttributeMapping": {"email": "mail"}})
    spec = {"ProviderName": "Okta", "ProviderType": "SAML",
            "ProviderDetails": {"MetadataFile": "<new/>"}, "AttributeMapping": {"email": "mail"}}
    change = plan_part(IDENTITY_PROVIDER, OWNER, spec, live)
    assert change is not None
    sent = change.requests[0].params["ProviderDetails"]
    assert sent == {"MetadataFile": "<new/>", "IDPSignout": "true"}
    # A spec that sets an endpoint itself still sends it.
    pinned = {**spec, "ProviderDetails": {"MetadataFile": "<new/>",
                                          "SSORedirectBindingURI": "https://x/sso"}}
    change = plan_part(IDENTITY_PROVIDER, OWNER, pinned, live)
    assert change is not None
    assert change.requests[0].params["ProviderDetails"]["SSORedirectBindingURI"] == (
        "https://x/sso")


def test_a_pinned_saml_certificate_is_ignored_with_a_warning_not_a_perpetual_diff() -> None:
    live = from_describe({
        "ProviderName": "Okta", "ProviderType": "SAML",
        "ProviderDetails": {"MetadataFile": "<m/>", "ActiveEncryptionCertificate": "NEW"},
        "AttributeMapping": {}})
    owner = Owner("user_pool.users", "us-east-1", "us-east-1_abc")
    spec = {"ProviderName": "Okta", "ProviderType": "SAML", "AttributeMapping": {},
            "ProviderDetails": {"MetadataFile": "<m/>", "ActiveEncryptionCertificate": "OLD"}}
    assert plan_part(IDENTITY_PROVIDER, owner, spec, live) is None
    [warning] = owner.warnings
    assert "ActiveEncryptionCertificate is read-only" in warning.message
    created = plan_part(IDENTITY_PROVIDER, owner, spec, None)
    assert created is not None
    assert "ActiveEncryptionCertificate" not in created.requests[0].params["ProviderDetails"]
