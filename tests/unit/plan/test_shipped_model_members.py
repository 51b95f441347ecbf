"""Members of the shipped model the spec leaves out are still carried by full updates."""

from reconciler.model import LivePart
from reconciler.plan.identity_providers import LiveProvider
from reconciler.plan.model import Action
from reconciler.plan.parts import DOMAIN, IDENTITY_PROVIDER, Owner, plan_part

OWNER = Owner("user_pool.users", "us-east-1", "us-east-1_abc")
CERT = "arn:aws:acm:us-east-1:123456789012:certificate/x"
ROUTING = {"Failover": {"SecondaryRegion": "us-west-2", "PrimaryRoute53HealthCheckId": "h"}}


def test_a_domain_update_carries_the_live_routing():
    live = LivePart(document={
        "Domain": "auth.example.com", "UserPoolId": "us-east-1_abc", "Status": "ACTIVE",
        "ManagedLoginVersion": 1, "CustomDomainConfig": {"CertificateArn": CERT},
        "Routing": ROUTING})
    desired = {"Domain": "auth.example.com", "ManagedLoginVersion": 2,
               "CustomDomainConfig": {"CertificateArn": CERT}}
    change = plan_part(DOMAIN, OWNER, desired, live)
    assert change.action == Action.UPDATE and change.blocked is None
    body = change.requests[0].params
    assert body["Routing"] == ROUTING
    assert body["ManagedLoginVersion"] == 2


def test_an_identity_provider_update_carries_the_live_acr_mapping():
    details = {"client_id": "c", "authorize_scopes": "openid", "oidc_issuer":
               "https://login.example.com", "attributes_request_method": "GET"}
    live = LiveProvider(secrets={"client_secret": "s"}, document={
        "UserPoolId": "us-east-1_abc", "ProviderName": "Corp", "ProviderType": "OIDC",
        "ProviderDetails": details, "AttributeMapping": {"email": "email", "username": "sub"},
        "AcrMapping": {"Level1": "urn:idp:1"}})
    desired = {"ProviderName": "Corp", "ProviderType": "OIDC",
               "ProviderDetails": {**details, "client_secret": "s"},
               "AttributeMapping": {"email": "mail"}}
    change = plan_part(IDENTITY_PROVIDER, OWNER, desired, live)
    assert change.action == Action.UPDATE and change.blocked is None
    body = change.requests[0].params
    assert body["AcrMapping"] == {"Level1": "urn:idp:1"}
    assert body["AttributeMapping"]["email"] == "mail"
