"""The calls whose answers the suite records: each with the setup it needs.

Names use ``crtest-run-``, which the suite replaces by its own throwaway prefix (and
the masking turns back), so a recorded snapshot replays against the sandbox as is.
``confirms`` names the docs/fidelity.md rows (by a phrase of their behaviour cell)
that the recorded answer turns from a sourced assumption into a checked fact.
"""

from __future__ import annotations

from typing import Any

POOL = {"operation": "CreateUserPool", "request": {"PoolName": "crtest-run-pool"},
        "bind": {"pool_id": "UserPool.Id", "pool_arn": "UserPool.Arn"}}
CLIENT = {"operation": "CreateUserPoolClient",
          "request": {"UserPoolId": "${pool_id}", "ClientName": "crtest-run-app"},
          "bind": {"client_id": "UserPoolClient.ClientId"}}
DOMAIN = {"operation": "CreateUserPoolDomain",
          "request": {"UserPoolId": "${pool_id}", "Domain": "crtest-run-dom"}}
DOMAIN_ACTIVE = {"operation": "DescribeUserPoolDomain", "request": {"Domain": "crtest-run-dom"},
                 "until": {"path": "DomainDescription.Status", "equals": "ACTIVE"}}
ON_POOL = {"UserPoolId": "${pool_id}"}


def case(operation: str, name: str, request: dict[str, Any], setup: list[dict[str, Any]],
         confirms: list[str] | None = None) -> dict[str, Any]:
    return {"operation": operation, "case": name, "request": request, "setup": setup,
            "confirms": confirms or []}


CASES: list[dict[str, Any]] = [
    # Reads of every part kind, of a pool made with nothing but a name.
    case("DescribeUserPool", "minimal-pool", ON_POOL, [POOL],
         ["AccountRecoverySetting is read back for a pool created without it",
          "Pool ids are the region"]),
    case("DescribeUserPoolClient", "minimal-client",
         {"UserPoolId": "${pool_id}", "ClientId": "${client_id}"}, [POOL, CLIENT],
         ["PreventUserExistenceErrors is absent for a client that never set it"]),
    case("ListUserPoolClients", "one-client", {"UserPoolId": "${pool_id}", "MaxResults": 60},
         [POOL, CLIENT]),
    case("GetUserPoolMfaConfig", "minimal-pool", ON_POOL, [POOL]),
    case("GetGroup", "plain-group", {"UserPoolId": "${pool_id}", "GroupName": "readers"},
         [POOL, {"operation": "CreateGroup",
                 "request": {"UserPoolId": "${pool_id}", "GroupName": "readers"}}]),
    case("ListGroups", "one-group", {"UserPoolId": "${pool_id}", "Limit": 60},
         [POOL, {"operation": "CreateGroup",
                 "request": {"UserPoolId": "${pool_id}", "GroupName": "readers",
                             "Description": "Readers", "Precedence": 3}}]),
    case("DescribeResourceServer", "two-scopes",
         {"UserPoolId": "${pool_id}", "Identifier": "https://api.example.com"},
         [POOL, {"operation": "CreateResourceServer",
                 "request": {"UserPoolId": "${pool_id}", "Identifier": "https://api.example.com",
                             "Name": "api", "Scopes": [
                                 {"ScopeName": "read", "ScopeDescription": "Read"},
                                 {"ScopeName": "write", "ScopeDescription": "Write"}]}}]),
    case("ListResourceServers", "none", {"UserPoolId": "${pool_id}", "MaxResults": 50}, [POOL]),
    case("ListIdentityProviders", "none", {"UserPoolId": "${pool_id}", "MaxResults": 60},
         [POOL]),
    case("DescribeUserPoolDomain", "prefix-domain", {"Domain": "crtest-run-dom"},
         [POOL, DOMAIN, DOMAIN_ACTIVE]),
    case("GetLogDeliveryConfiguration", "none", ON_POOL, [POOL]),
    case("ListTagsForResource", "no-tags", {"ResourceArn": "${pool_arn}"}, [POOL]),
    case("GetUICustomization", "none", ON_POOL, [POOL]),
    case("DescribeManagedLoginBrandingByClient", "none",
         {"UserPoolId": "${pool_id}", "ClientId": "${client_id}"}, [POOL, CLIENT]),
    case("DescribeIdentityProvider", "oidc-with-endpoints",
         {"UserPoolId": "${pool_id}", "ProviderName": "CrtestOIDC"},
         [POOL, {"operation": "CreateIdentityProvider", "request": {
             "UserPoolId": "${pool_id}", "ProviderName": "CrtestOIDC", "ProviderType": "OIDC",
             "ProviderDetails": {
                 "client_id": "crtest-client", "client_secret": "crtest-secret-value",
                 "attributes_request_method": "GET", "authorize_scopes": "openid email",
                 "oidc_issuer": "https://login.example.com",
                 # Every endpoint given: Cognito has no discovery document to fetch.
                 "authorize_url": "https://login.example.com/authorize",
                 "token_url": "https://login.example.com/token",
                 "attributes_url": "https://login.example.com/userinfo",
                 "jwks_uri": "https://login.example.com/.well-known/jwks.json"},
             "AttributeMapping": {"email": "email", "username": "sub"}}}]),
    case("DescribeManagedLoginBranding", "cognito-provided-values",
         {"UserPoolId": "${pool_id}", "ManagedLoginBrandingId": "${branding_id}"},
         [POOL, CLIENT, {"operation": "CreateManagedLoginBranding", "request": {
             "UserPoolId": "${pool_id}", "ClientId": "${client_id}",
             "UseCognitoProvidedValues": True},
          "bind": {"branding_id": "ManagedLoginBranding.ManagedLoginBrandingId"}}]),
    case("ListUserPoolClientSecrets", "generated-secret",
         {"UserPoolId": "${pool_id}", "ClientId": "${client_id}"},
         [POOL, {**CLIENT, "request": {**CLIENT["request"], "GenerateSecret": True}}]),
    # Parts of the 1.44 model (issue 11.2): their answers for a pool that has none.
    case("ListUserPoolReplicas", "none", ON_POOL, [POOL]),
    case("GetUserPoolSessionConfiguration", "default", ON_POOL, [POOL]),
    case("GetUserPoolClientSessionConfiguration", "default",
         {"UserPoolId": "${pool_id}", "ClientId": "${client_id}"}, [POOL, CLIENT]),
    case("ListCIMDPolicies", "none", {"UserPoolId": "${pool_id}", "MaxResults": 60}, [POOL]),
    case("DescribeTermsByClient", "none",
         {"UserPoolId": "${pool_id}", "ClientId": "${client_id}", "TermsName": "terms-of-use"},
         [POOL, CLIENT]),
    # The refusals the tool relies on.
    case("DescribeRiskConfiguration", "threat-protection-off", ON_POOL, [POOL]),
    case("DeleteUserPoolDomain", "no-such-domain",
         {"UserPoolId": "${pool_id}", "Domain": "crtest-run-nodomain"}, [POOL],
         ["Deleting a domain that doesn't exist"]),
    case("DeleteUserPool", "has-a-domain", ON_POOL, [POOL, DOMAIN, DOMAIN_ACTIVE],
         ["A pool with a domain can't be deleted:"]),
    case("DeleteUserPool", "deletion-protection-active", ON_POOL,
         [{**POOL, "request": {"PoolName": "crtest-run-pool", "DeletionProtection": "ACTIVE"}}],
         ["DeleteUserPool is refused while deletion protection is ACTIVE"]),
    case("UpdateUserPool", "unused-account-validity-days",
         {"UserPoolId": "${pool_id}", "AdminCreateUserConfig": {"UnusedAccountValidityDays": 7}},
         [POOL],
         ["Create/UpdateUserPool carrying `AdminCreateUserConfig.UnusedAccountValidityDays`"]),
    case("CreateUserPool", "required-custom-attribute",
         {"PoolName": "crtest-run-pool", "Schema": [
             {"Name": "tenant", "AttributeDataType": "String", "Required": True}]}, [],
         ["A custom attribute can't be `required: true`"]),
    case("CreateUserPoolDomain", "reserved-word",
         {"UserPoolId": "${pool_id}", "Domain": "crtest-run-cognito"}, [POOL],
         ["A prefix domain can't contain aws, amazon or cognito"]),
    case("SetUserPoolMfaConfig", "off-beside-totp",
         {"UserPoolId": "${pool_id}", "MfaConfiguration": "OFF",
          "SoftwareTokenMfaConfiguration": {"Enabled": True}}, [POOL],
         ['`mfa_configuration: "OFF"` beside an enabled factor']),
    case("AddCustomAttributes", "existing-attribute",
         {"UserPoolId": "${pool_id}", "CustomAttributes": [
             {"Name": "tenant", "AttributeDataType": "String"}]},
         [{**POOL, "request": {"PoolName": "crtest-run-pool", "Schema": [
             {"Name": "tenant", "AttributeDataType": "String"}]}}]),
]

# The cases the harness self-test replays against the sandbox (fast: no domain waits).
QUICK = ("DescribeUserPool/minimal-pool", "DescribeUserPoolClient/minimal-client",
         "DeleteUserPoolDomain/no-such-domain", "DeleteUserPool/deletion-protection-active")
