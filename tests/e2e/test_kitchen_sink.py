"""Every settable pool and client field: applies, and a fresh plan is empty."""

from __future__ import annotations

import pytest

from .cli import clear_requests, run, writes

SECRET = "kitchenSinkBackendSecret0123456789abcdef"
OIDC_SECRET = "kitchen-oidc-secret-value"


@pytest.fixture(autouse=True)
def backend_secret(monkeypatch):
    monkeypatch.setenv("KITCHEN_SINK_BACKEND_SECRET", SECRET)
    monkeypatch.setenv("KITCHEN_SINK_OIDC_SECRET", OIDC_SECRET)


def test_kitchen_sink_applies_and_replans_clean(sandbox_url, cognito, kitchen_sink_spec):
    applied = run(sandbox_url, "apply", "--auto-approve", kitchen_sink_spec)
    assert applied.code == 0, applied.text
    assert SECRET not in applied.text and OIDC_SECRET not in applied.text

    clear_requests(sandbox_url)
    replanned = run(sandbox_url, "plan", "--detailed-exitcode", kitchen_sink_spec)
    assert replanned.code == 0, replanned.text
    # Read back and compared (issue 10.3): no --resend-secrets warning for it.
    assert "provider_details.client_secret can't be read back" not in replanned.text
    assert "image_file can't be read back" in replanned.text
    assert writes(sandbox_url) == []

    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    pool = cognito.describe_user_pool(UserPoolId=summary["Id"])["UserPool"]
    assert pool["AliasAttributes"] == ["email", "preferred_username"]
    assert pool["Policies"]["PasswordPolicy"]["PasswordHistorySize"] == 5
    assert pool["LambdaConfig"]["PreTokenGenerationConfig"]["LambdaVersion"] == "V2_0"
    assert pool["UserPoolAddOns"]["AdvancedSecurityMode"] == "AUDIT"
    mfa = cognito.get_user_pool_mfa_config(UserPoolId=summary["Id"])
    assert mfa["MfaConfiguration"] == "OPTIONAL"
    assert mfa["SoftwareTokenMfaConfiguration"] == {"Enabled": True}
    clients = cognito.list_user_pool_clients(UserPoolId=summary["Id"])["UserPoolClients"]
    by_name = {c["ClientName"]: c["ClientId"] for c in clients}
    backend = cognito.describe_user_pool_client(UserPoolId=summary["Id"],
                                                ClientId=by_name["backend"])["UserPoolClient"]
    assert backend["ClientSecret"] == SECRET
    assert "client_secret_arns" in run(sandbox_url, "outputs", kitchen_sink_spec).out
    web = cognito.describe_user_pool_client(UserPoolId=summary["Id"],
                                            ClientId=by_name["web"])["UserPoolClient"]
    assert web["RefreshTokenRotation"] == {"Feature": "ENABLED", "RetryGracePeriodSeconds": 30}
    assert web["TokenValidityUnits"]["RefreshToken"] == "minutes"
    pool_id = summary["Id"]
    groups = cognito.list_groups(UserPoolId=pool_id)["Groups"]
    assert sorted(g["GroupName"] for g in groups) == ["admins", "readers"]
    [server] = cognito.list_resource_servers(UserPoolId=pool_id, MaxResults=50)["ResourceServers"]
    assert sorted(s["ScopeName"] for s in server["Scopes"]) == ["read", "write"]
    provider = cognito.describe_identity_provider(UserPoolId=pool_id,
                                                  ProviderName="KitchenOIDC")["IdentityProvider"]
    assert provider["ProviderDetails"]["client_secret"] == OIDC_SECRET
    domain = cognito.describe_user_pool_domain(
        Domain="auth.kitchen-sink.example.com")["DomainDescription"]
    assert domain["UserPoolId"] == pool_id
    assert domain["Routing"]["Failover"]["SecondaryRegion"] == "eu-west-1"
    [replica] = [r for r in cognito.list_user_pool_replicas(UserPoolId=pool_id)[
        "UserPoolReplicas"] if r["RegionName"] == "eu-west-1"]
    assert replica["Status"] == "ACTIVE"
    key = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["KeyConfiguration"]
    assert key["KeyType"] == "CUSTOMER_MANAGED_KEY"
    ui = cognito.get_ui_customization(UserPoolId=pool_id)["UICustomization"]
    assert "232f3e" in ui["CSS"]
    risk = cognito.describe_risk_configuration(UserPoolId=pool_id)["RiskConfiguration"]
    assert risk["CompromisedCredentialsRiskConfiguration"]["Actions"]["EventAction"] == "BLOCK"
    logs = cognito.get_log_delivery_configuration(UserPoolId=pool_id)
    assert len(logs["LogDeliveryConfiguration"]["LogConfigurations"]) == 2
    branding = cognito.describe_managed_login_branding_by_client(
        UserPoolId=pool_id, ClientId=by_name["backend"])["ManagedLoginBranding"]
    assert branding["UseCognitoProvidedValues"] is True
