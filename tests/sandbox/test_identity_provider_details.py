"""What DescribeIdentityProvider returns and UpdateIdentityProvider refuses, as AWS does.

Evidence (each also cited in reconciler/sandbox/identity_providers.py):
- doc: CreateIdentityProviderRequest.ProviderDetails, "Describe response" examples:
  OIDC, Google, Facebook and LoginWithAmazon return client_secret; SignInWithApple
  never returns private_key; SAML returns ActiveEncryptionCertificate and the
  SSO/SLO redirect binding URIs taken from the metadata.
- terraform-provider-aws TestAccCognitoIDPIdentityProvider_basic reads
  provider_details.client_secret back from AWS (and ImportStateVerify);
  TestAccCognitoIDPIdentityProvider_saml reads ActiveEncryptionCertificate and
  SSORedirectBindingURI back with only MetadataFile given.
- TF PR #36311 / issue #36912: UpdateIdentityProvider refuses
  "ActiveEncryptionCertificate is not a valid key for SAML identity provider details."
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"


def metadata(host: str) -> str:
    return (
        '<?xml version="1.0"?>'
        '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
        f'entityID="https://{host}/saml">'
        '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
        f'<md:SingleLogoutService Binding="{REDIRECT}" Location="https://{host}/slo"/>'
        f'<md:SingleSignOnService Binding="{POST}" Location="https://{host}/sso/post"/>'
        f'<md:SingleSignOnService Binding="{REDIRECT}" Location="https://{host}/sso"/>'
        '</md:IDPSSODescriptor></md:EntityDescriptor>')


def describe(cognito: Any, pool_id: str, name: str) -> dict[str, Any]:
    found: dict[str, Any] = cognito.describe_identity_provider(
        UserPoolId=pool_id, ProviderName=name)["IdentityProvider"]
    return found


def test_oidc_and_social_providers_return_their_client_secret(cognito: Any,
                                                              pool_id: str) -> None:
    cognito.create_identity_provider(
        UserPoolId=pool_id, ProviderName="Google", ProviderType="Google",
        ProviderDetails={"client_id": "g", "client_secret": "google-secret",
                         "authorize_scopes": "openid"})
    cognito.create_identity_provider(
        UserPoolId=pool_id, ProviderName="Corp", ProviderType="OIDC",
        ProviderDetails={"client_id": "c", "client_secret": "oidc-secret",
                         "attributes_request_method": "GET",
                         "oidc_issuer": "https://idp.example.com", "authorize_scopes": "openid"})
    assert describe(cognito, pool_id, "Google")["ProviderDetails"]["client_secret"] == (
        "google-secret")
    assert describe(cognito, pool_id, "Corp")["ProviderDetails"]["client_secret"] == (
        "oidc-secret")


def test_saml_describe_adds_the_encryption_certificate_and_the_metadata_endpoints(
        cognito: Any, pool_id: str) -> None:
    cognito.create_identity_provider(
        UserPoolId=pool_id, ProviderName="Okta", ProviderType="SAML",
        ProviderDetails={"MetadataFile": metadata("okta.example.com")})
    details = describe(cognito, pool_id, "Okta")["ProviderDetails"]
    assert details["ActiveEncryptionCertificate"]
    assert details["SSORedirectBindingURI"] == "https://okta.example.com/sso"
    assert details["SLORedirectBindingURI"] == "https://okta.example.com/slo"
    assert details["MetadataFile"] == metadata("okta.example.com")


def test_saml_update_refuses_the_read_only_certificate_and_changes_nothing(
        cognito: Any, pool_id: str) -> None:
    cognito.create_identity_provider(
        UserPoolId=pool_id, ProviderName="Okta", ProviderType="SAML",
        ProviderDetails={"MetadataFile": metadata("okta.example.com")},
        AttributeMapping={"email": "mail"})
    before = describe(cognito, pool_id, "Okta")
    with pytest.raises(ClientError) as raised:
        cognito.update_identity_provider(
            UserPoolId=pool_id, ProviderName="Okta",
            ProviderDetails=dict(before["ProviderDetails"]), AttributeMapping={"email": "x"})
    assert raised.value.response["Error"]["Code"] == "InvalidParameterException"
    assert raised.value.response["Error"]["Message"] == (
        "ActiveEncryptionCertificate is not a valid key for SAML identity provider details.")
    after = describe(cognito, pool_id, "Okta")
    assert after["AttributeMapping"] == {"email": "mail"}


def test_saml_endpoints_follow_new_metadata_when_not_sent(cognito: Any, pool_id: str) -> None:
    cognito.create_identity_provider(
        UserPoolId=pool_id, ProviderName="Okta", ProviderType="SAML",
        ProviderDetails={"MetadataFile": metadata("old.example.com")})
    cognito.update_identity_provider(
        UserPoolId=pool_id, ProviderName="Okta",
        ProviderDetails={"MetadataFile": metadata("new.example.com")})
    details = describe(cognito, pool_id, "Okta")["ProviderDetails"]
    assert details["SSORedirectBindingURI"] == "https://new.example.com/sso"
    assert details["ActiveEncryptionCertificate"]
