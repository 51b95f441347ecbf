"""Identity providers with AWS's guards, server-filled details and full-replacement updates.

moto accepts duplicate names, merges updates and echoes details as given. AWS:
- a second provider with a taken name is DuplicateProviderException;
- social providers are named after their type (Google, Facebook, ...);
- DescribeIdentityProvider adds details the service derives (endpoints,
  token method) and never echoes Sign in with Apple's private_key;
- AttributeMapping gains ``username: sub`` when the request doesn't map it;
- DescribeIdentityProvider returns social and OIDC providers' client_secret in
  clear (doc: CreateIdentityProviderRequest.ProviderDetails, "Describe response"
  examples; terraform-provider-aws TestAccCognitoIDPIdentityProvider_basic reads
  provider_details.client_secret back from AWS, and ImportStateVerify agrees);
- SAML providers are described with a read-only ActiveEncryptionCertificate and
  the SSO/SLO redirect endpoints taken from their metadata (doc: "Describe
  response" for SAML; TF TestAccCognitoIDPIdentityProvider_saml reads both back
  with only MetadataFile given), and UpdateIdentityProvider refuses the
  certificate (TF PR #36311, which deletes it before updating; issue #36912);
- AcrMapping is kept and described (doc: IdentityProviderType.AcrMapping) for OIDC
  providers only (doc: CreateIdentityProvider.AcrMapping "Only OIDC IdPs support ACR
  mapping"; ASSUMED: others are refused with InvalidParameterException), and, like the
  rest of an update, left out it is gone (doc: UpdateIdentityProvider.AcrMapping "the
  same behavior as it does when you create an identity provider"; ASSUMED reset).
"""

from __future__ import annotations

import base64
import copy
import hashlib
from typing import Any
from xml.etree import ElementTree

from moto.cognitoidp.models import CognitoIdpIdentityProvider, CognitoIdpUserPool

from .calls import Call, handles
from .errors import ApiError, invalid_parameter, not_found
from .paging import page

SOCIAL = ("Google", "Facebook", "LoginWithAmazon", "SignInWithApple")

# Details AWS fills in for each provider type when describing it. The values
# mirror what AWS returns today (approximate: versions in URLs change over time).
SERVER_FILLED: dict[str, dict[str, str]] = {
    "Google": {
        "attributes_url": "https://people.googleapis.com/v1/people/me?personFields=",
        "attributes_url_add_attributes": "true",
        "authorize_url": "https://accounts.google.com/o/oauth2/v2/auth",
        "oidc_issuer": "https://accounts.google.com",
        "token_request_method": "POST",
        "token_url": "https://www.googleapis.com/oauth2/v4/token",
    },
    "Facebook": {
        "api_version": "v17.0",
        "attributes_url": "https://graph.facebook.com/v17.0/me?fields=",
        "attributes_url_add_attributes": "true",
        "authorize_url": "https://www.facebook.com/v17.0/dialog/oauth",
        "token_request_method": "GET",
        "token_url": "https://graph.facebook.com/v17.0/oauth/access_token",
    },
    "LoginWithAmazon": {
        "attributes_url": "https://api.amazon.com/user/profile",
        "attributes_url_add_attributes": "false",
        "authorize_url": "https://www.amazon.com/ap/oa",
        "token_request_method": "POST",
        "token_url": "https://api.amazon.com/auth/o2/token",
    },
    "SignInWithApple": {
        "attributes_url_add_attributes": "false",
        "authorize_url": "https://appleid.apple.com/auth/authorize",
        "oidc_issuer": "https://appleid.apple.com",
        "token_request_method": "POST",
        "token_url": "https://appleid.apple.com/auth/token",
    },
}

# Details each type can't work without (AWS refuses the provider otherwise).
REQUIRED_DETAILS: dict[str, tuple[str, ...]] = {
    "Google": ("client_id", "client_secret", "authorize_scopes"),
    "Facebook": ("client_id", "client_secret", "authorize_scopes"),
    "LoginWithAmazon": ("client_id", "client_secret", "authorize_scopes"),
    "SignInWithApple": ("client_id", "team_id", "key_id", "private_key", "authorize_scopes"),
    "OIDC": ("client_id", "attributes_request_method", "oidc_issuer", "authorize_scopes"),
}
NOT_ECHOED = {"SignInWithApple": ("private_key",)}
SAML_CERTIFICATE = "ActiveEncryptionCertificate"
# Metadata service bindings -> the details AWS derives from them.
SAML_ENDPOINTS = {"SingleSignOnService": "SSORedirectBindingURI",
                  "SingleLogoutService": "SLORedirectBindingURI"}
HTTP_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"


def _saml_endpoints(metadata: str) -> dict[str, str]:
    """The HTTP-Redirect endpoints of an IdP's metadata document (none if unreadable)."""
    try:
        root = ElementTree.fromstring(metadata)
    except ElementTree.ParseError:
        return {}
    found: dict[str, str] = {}
    for element in root.iter():
        local = element.tag.rsplit("}", 1)[-1]
        detail = SAML_ENDPOINTS.get(local)
        if detail and element.get("Binding") == HTTP_REDIRECT and element.get("Location"):
            found.setdefault(detail, str(element.get("Location")))
    return found


def _saml_details(pool: CognitoIdpUserPool, name: str, details: dict[str, str]) -> None:
    """Adds what AWS derives for a SAML provider, unless the stored details set it."""
    if details.get("MetadataFile"):
        for key, value in _saml_endpoints(details["MetadataFile"]).items():
            details.setdefault(key, value)
    # A certificate of the pool's own, the same on every read (AWS rotates it yearly).
    digest = hashlib.sha256(f"{pool.id}/{name}".encode()).digest()
    details.setdefault(SAML_CERTIFICATE, "MIIC" + base64.b64encode(digest * 8).decode())


def _check_details(provider_type: str, details: dict[str, str]) -> None:
    missing = [key for key in REQUIRED_DETAILS.get(provider_type, ()) if not details.get(key)]
    if missing:
        raise invalid_parameter(
            f"ProviderDetails of a {provider_type} provider need: {', '.join(missing)}"
        )
    metadata = details.get("MetadataURL") or details.get("MetadataFile")
    if provider_type == "SAML" and not metadata:
        raise invalid_parameter(
            "ProviderDetails of a SAML provider need MetadataURL or MetadataFile"
        )


def _acr_mapping(provider_type: str, given: dict[str, str] | None) -> dict[str, str]:
    if given and provider_type != "OIDC":
        raise invalid_parameter("AcrMapping is supported only for OIDC identity providers.")
    return dict(given or {})


def _mapping(provider_type: str, given: dict[str, str] | None) -> dict[str, str]:
    mapping = dict(given or {})
    if provider_type != "SAML":
        # AWS maps the provider's subject to the username unless told otherwise.
        mapping.setdefault("username", "sub")
    return mapping


def _provider(call: Call, pool: CognitoIdpUserPool) -> CognitoIdpIdentityProvider:
    name = call.body["ProviderName"]
    provider = pool.identity_providers.get(name)
    if provider is None:
        raise not_found(f"Identity provider {name} does not exist.")
    return provider


def _shape(pool: CognitoIdpUserPool, provider: CognitoIdpIdentityProvider) -> dict[str, Any]:
    config = provider.extended_config
    provider_type = config.get("ProviderType", "")
    details = dict(SERVER_FILLED.get(provider_type, {}))
    details.update(config.get("ProviderDetails") or {})
    for hidden in NOT_ECHOED.get(provider_type, ()):
        details.pop(hidden, None)
    if provider_type == "SAML":
        _saml_details(pool, provider.name, details)
    shaped: dict[str, Any] = {
        "UserPoolId": pool.id,
        "ProviderName": provider.name,
        "ProviderType": provider_type,
        "ProviderDetails": details,
        "AttributeMapping": copy.deepcopy(config.get("AttributeMapping") or {}),
    }
    # AWS answers IdpIdentifiers [] for a provider without identifiers (aws-cli
    # awscli/examples/cognito-idp/describe-identity-provider.rst, a Facebook provider).
    shaped["IdpIdentifiers"] = list(config.get("IdpIdentifiers") or [])
    if config.get("AcrMapping"):
        shaped["AcrMapping"] = dict(config["AcrMapping"])
    shaped["LastModifiedDate"] = provider.last_modified_date
    shaped["CreationDate"] = provider.creation_date
    return shaped


@handles("CreateIdentityProvider")
def create_identity_provider(call: Call) -> dict[str, Any]:
    pool = call.pool()
    name, provider_type = call.body["ProviderName"], call.body["ProviderType"]
    if name in pool.identity_providers:
        raise ApiError("DuplicateProviderException",
                       f"A provider with the name {name} already exists in this user pool.")
    if provider_type in SOCIAL and name != provider_type:
        raise invalid_parameter(f"A {provider_type} provider must be named {provider_type}.")
    _check_details(provider_type, call.body["ProviderDetails"])
    config = {
        "ProviderType": provider_type,
        "ProviderDetails": copy.deepcopy(call.body["ProviderDetails"]),
        "AttributeMapping": _mapping(provider_type, call.body.get("AttributeMapping")),
        "AcrMapping": _acr_mapping(provider_type, call.body.get("AcrMapping")),
    }
    if call.body.get("IdpIdentifiers"):
        config["IdpIdentifiers"] = list(call.body["IdpIdentifiers"])
    provider = call.backend.create_identity_provider(pool.id, name, config)
    return {"IdentityProvider": _shape(pool, provider)}


@handles("DescribeIdentityProvider")
def describe_identity_provider(call: Call) -> dict[str, Any]:
    pool = call.pool()
    return {"IdentityProvider": _shape(pool, _provider(call, pool))}


@handles("ListIdentityProviders")
def list_identity_providers(call: Call) -> dict[str, Any]:
    pool = call.pool()
    selected, next_token = page(list(pool.identity_providers.values()), call.body, "MaxResults")
    answer: dict[str, Any] = {
        "Providers": [
            {
                "ProviderName": provider.name,
                "ProviderType": provider.extended_config.get("ProviderType"),
                "LastModifiedDate": provider.last_modified_date,
                "CreationDate": provider.creation_date,
            }
            for provider in selected
        ]
    }
    if next_token:
        answer["NextToken"] = next_token
    return answer


@handles("UpdateIdentityProvider")
def update_identity_provider(call: Call) -> dict[str, Any]:
    pool = call.pool()
    provider = _provider(call, pool)
    config = provider.extended_config
    provider_type = config.get("ProviderType", "")
    # A full replacement: what the request leaves out goes back to the default.
    # ASSUMED: ProviderDetails, required at create, are kept when not sent.
    acr_mapping = _acr_mapping(provider_type, call.body.get("AcrMapping"))
    if call.body.get("ProviderDetails") is not None:
        if provider_type == "SAML" and SAML_CERTIFICATE in call.body["ProviderDetails"]:
            # AWS, quoted in TF PR #36311: the certificate is read-only.
            raise invalid_parameter(
                f"{SAML_CERTIFICATE} is not a valid key for SAML identity provider details.")
        _check_details(provider_type, call.body["ProviderDetails"])
        config["ProviderDetails"] = copy.deepcopy(call.body["ProviderDetails"])
    config["AttributeMapping"] = _mapping(provider_type, call.body.get("AttributeMapping"))
    config["AcrMapping"] = acr_mapping
    if call.body.get("IdpIdentifiers"):
        config["IdpIdentifiers"] = list(call.body["IdpIdentifiers"])
    else:
        config.pop("IdpIdentifiers", None)
    provider.last_modified_date = call.now()
    return {"IdentityProvider": _shape(pool, provider)}
