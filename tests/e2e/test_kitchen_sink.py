"""Every settable pool and client field: applies, and a fresh plan is empty."""

from __future__ import annotations

import pytest

from .cli import clear_requests, run, writes

SECRET = "kitchenSinkBackendSecret0123456789abcdef"


@pytest.fixture(autouse=True)
def backend_secret(monkeypatch):
    monkeypatch.setenv("KITCHEN_SINK_BACKEND_SECRET", SECRET)


def test_kitchen_sink_applies_and_replans_clean(sandbox_url, cognito, kitchen_sink_spec):
    applied = run(sandbox_url, "apply", "--auto-approve", kitchen_sink_spec)
    assert applied.code == 0, applied.text
    assert SECRET not in applied.text

    clear_requests(sandbox_url)
    replanned = run(sandbox_url, "plan", "--detailed-exitcode", kitchen_sink_spec)
    assert replanned.code == 0, replanned.text
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
    web = cognito.describe_user_pool_client(UserPoolId=summary["Id"],
                                            ClientId=by_name["web"])["UserPoolClient"]
    assert web["RefreshTokenRotation"] == {"Feature": "ENABLED", "RetryGracePeriodSeconds": 30}
    assert web["TokenValidityUnits"]["RefreshToken"] == "minutes"
