"""Cognito's cross-field and MFA rules stop a spec before any call (issues 10.7, 10.11).

Before these rules, each spec below created its pool and then failed mid-apply (or,
for MFA off beside a factor, applied and never converged). Now apply refuses it with
FILE:LINE:COL of the key, and the sandbox sees no write at all.
"""

from __future__ import annotations

import pytest

from .cli import clear_requests, run, write_spec, writes

HEAD = "version: 1\nuser_pools:\n  - pool_name: rules\n"
CLIENT = HEAD + "    clients:\n      - client_name: web\n"

CASES = {
    "mfa on without a factor": (HEAD + "    mfa_configuration: 'ON'\n", 4,
                                "needs an enabled MFA factor"),
    "mfa off beside totp": (HEAD + "    mfa_configuration: 'OFF'\n"
                            "    software_token_mfa_configuration: {enabled: true}\n", 5,
                            "never converges"),
    "oauth without the switch": (CLIENT + "        allowed_oauth_flows: [code]\n", 6,
                                 "needs allowed_oauth_flows_user_pool_client: true"),
    "http callback": (CLIENT + "        allowed_oauth_flows_user_pool_client: true\n"
                      "        allowed_oauth_flows: [code]\n"
                      "        allowed_oauth_scopes: [openid]\n"
                      "        callback_urls: [http://app.example.com/cb]\n", 9, "must use https"),
    "required custom attribute": (HEAD + "    schema:\n      - name: tenant\n"
                                  "        attribute_data_type: String\n"
                                  "        required: true\n", 7, "can't be required"),
    "reserved domain word": (HEAD + "    domain: {domain: rules-cognito}\n", 4,
                             "reserved word 'cognito'"),
    "threat protection below plus": (HEAD + "    user_pool_tier: ESSENTIALS\n"
                                     "    user_pool_add_ons: {advanced_security_mode: AUDIT}\n",
                                     5, "needs user_pool_tier: PLUS"),
    "branding both ways": (CLIENT + "        managed_login_branding:\n"
                           "          use_cognito_provided_values: true\n"
                           "          settings: {}\n", 8, "can't be given with"),
    "apple provider name": (HEAD + "    identity_providers:\n      - provider_name: Apple\n"
                            "        provider_type: SignInWithApple\n"
                            "        provider_details: {client_id: c, team_id: t, key_id: k, "
                            "private_key: '${env:APPLE_KEY}', authorize_scopes: email}\n", 5,
                            "must be 'SignInWithApple'"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_spec_breaking_a_rule_changes_nothing(case, sandbox_url, cognito, tmp_path,
                                                monkeypatch):
    monkeypatch.setenv("APPLE_KEY", "k" * 40)
    text, line, words = CASES[case]
    path = write_spec(tmp_path, text)
    clear_requests(sandbox_url)
    for command in (["validate", path], ["apply", "--auto-approve", path]):
        result = run(sandbox_url, *command)
        assert result.code == 1, (command, result.text)
        [error] = [e for e in result.err.splitlines() if ": error: " in e]
        assert error.startswith(f"{path}:{line}:"), error
        assert words in error
        assert "Traceback" not in result.err
    assert writes(sandbox_url) == []
    assert cognito.list_user_pools(MaxResults=60)["UserPools"] == []


def test_a_warning_does_not_stop_apply(sandbox_url, cognito, tmp_path):
    path = write_spec(tmp_path, CLIENT + "        explicit_auth_flows: [ALLOW_USER_SRP_AUTH]\n")
    result = run(sandbox_url, "apply", "--auto-approve", path)
    assert result.code == 0, result.text
    assert f"{path}:6:9: warning: explicit_auth_flows leaves out ALLOW_REFRESH_TOKEN_AUTH" \
        in result.err
    [pool] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    [client] = cognito.list_user_pool_clients(UserPoolId=pool["Id"],
                                              MaxResults=60)["UserPoolClients"]
    described = cognito.describe_user_pool_client(UserPoolId=pool["Id"],
                                                  ClientId=client["ClientId"])
    assert described["UserPoolClient"]["ExplicitAuthFlows"] == ["ALLOW_USER_SRP_AUTH"]
