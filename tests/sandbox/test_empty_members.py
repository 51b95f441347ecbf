"""Empty members AWS returns for settings nobody set, as its published examples show.

- DescribeUserPoolDomain of a prefix domain: ``CustomDomainConfig: {}`` beside
  ``S3Bucket`` and ``Version`` (aws-cli awscli/examples/cognito-idp/
  describe-user-pool-domain.rst; tests/aws/snapshots/DescribeUserPoolDomain).
- DescribeIdentityProvider of a provider without identifiers: ``IdpIdentifiers: []``
  (describe-identity-provider.rst; tests/aws/snapshots/DescribeIdentityProvider).
"""

from __future__ import annotations

from typing import Any


def test_a_prefix_domain_answers_an_empty_custom_config_a_bucket_and_a_version(
        cognito: Any, pool_id: str) -> None:
    cognito.create_user_pool_domain(UserPoolId=pool_id, Domain="empty-login")
    described = cognito.describe_user_pool_domain(Domain="empty-login")["DomainDescription"]
    assert described["CustomDomainConfig"] == {}
    assert described["S3Bucket"].startswith("aws-cognito-prod-")
    assert len(described["Version"]) == 14 and described["Version"].isdigit()


def test_a_custom_domain_answers_its_certificate(cognito: Any, pool_id: str) -> None:
    arn = "arn:aws:acm:us-east-1:123456789012:certificate/a1b2c3d4-5678-90ab-cdef-EXAMPLE22222"
    cognito.create_user_pool_domain(UserPoolId=pool_id, Domain="auth.example.com",
                                    CustomDomainConfig={"CertificateArn": arn})
    described = cognito.describe_user_pool_domain(
        Domain="auth.example.com")["DomainDescription"]
    assert described["CustomDomainConfig"] == {"CertificateArn": arn}


def test_a_provider_without_identifiers_answers_an_empty_list(cognito: Any,
                                                               pool_id: str) -> None:
    cognito.create_identity_provider(
        UserPoolId=pool_id, ProviderName="Facebook", ProviderType="Facebook",
        ProviderDetails={"client_id": "11111", "client_secret": "11111",
                         "authorize_scopes": "myscope"},
        AttributeMapping={"username": "id"})
    described = cognito.describe_identity_provider(UserPoolId=pool_id,
                                                   ProviderName="Facebook")
    assert described["IdentityProvider"]["IdpIdentifiers"] == []


def test_a_provider_with_identifiers_answers_them(cognito: Any, pool_id: str) -> None:
    cognito.create_identity_provider(
        UserPoolId=pool_id, ProviderName="Corp", ProviderType="OIDC",
        ProviderDetails={"client_id": "corp", "attributes_request_method": "GET",
                         "oidc_issuer": "https://idp.example.com",
                         "authorize_scopes": "openid"},
        IdpIdentifiers=["corp.example.com"])
    described = cognito.describe_identity_provider(UserPoolId=pool_id, ProviderName="Corp")
    assert described["IdentityProvider"]["IdpIdentifiers"] == ["corp.example.com"]
