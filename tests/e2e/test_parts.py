"""Parts of a pool (issue 3) through the CLI: the SaaS spec applies, plans clean, drift
is shown and reverted, and removals happen in an order Cognito accepts."""

from __future__ import annotations

from pathlib import Path

import pytest

from .cli import clear_requests, run, sandbox_requests, write_spec, writes

REPO = Path(__file__).resolve().parents[2]
GOOGLE_SECRET = "google-secret-never-printed"


@pytest.fixture(autouse=True)
def google_secret(monkeypatch):
    monkeypatch.setenv("GOOGLE_CLIENT_SECRET", GOOGLE_SECRET)


@pytest.fixture
def saas_spec() -> str:
    return str(REPO / "specs" / "saas-app.yaml")


def pool_id(cognito) -> str:
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    return str(summary["Id"])


def test_saas_spec_applies_and_replans_clean(sandbox_url, cognito, saas_spec):
    applied = run(sandbox_url, "apply", "--auto-approve", saas_spec)
    assert applied.code == 0, applied.text
    assert GOOGLE_SECRET not in applied.text
    order = [r["operation"] for r in sandbox_requests(sandbox_url)
             if r["operation"].startswith("Create")]
    # The pool first, its domain, then what clients refer to, then the clients.
    assert order.index("CreateResourceServer") < order.index("CreateUserPoolClient")
    assert order.index("CreateIdentityProvider") < order.index("CreateUserPoolClient")
    assert order[0] == "CreateUserPool" and order[1] == "CreateUserPoolDomain"

    clear_requests(sandbox_url)
    replanned = run(sandbox_url, "plan", "--detailed-exitcode", saas_spec)
    assert replanned.code == 0, replanned.text
    assert writes(sandbox_url) == []
    mfa = cognito.get_user_pool_mfa_config(UserPoolId=pool_id(cognito))
    assert mfa["SoftwareTokenMfaConfiguration"] == {"Enabled": True}


def test_drift_in_parts_is_shown_and_reverted(sandbox_url, cognito, saas_spec):
    assert run(sandbox_url, "apply", "--auto-approve", saas_spec).code == 0
    pid = pool_id(cognito)
    cognito.update_group(UserPoolId=pid, GroupName="members", Description="changed by hand",
                         Precedence=10)
    cognito.create_group(UserPoolId=pid, GroupName="intruders")
    cognito.update_resource_server(UserPoolId=pid, Identifier="https://api.saas.example.com",
                                   Name="saas-api",
                                   Scopes=[{"ScopeName": "tenants.read",
                                            "ScopeDescription": "Read tenants"}])

    drift = run(sandbox_url, "plan", "--detailed-exitcode", saas_spec)
    assert drift.code == 2, drift.text
    assert '~ description: "changed by hand" -> "Everyone in a tenant"' in drift.out
    assert '- group "intruders"' in drift.out
    assert "~ resource_server \"https://api.saas.example.com\"" in drift.out

    assert run(sandbox_url, "apply", "--auto-approve", saas_spec).code == 0
    groups = {g["GroupName"]: g for g in cognito.list_groups(UserPoolId=pid)["Groups"]}
    assert sorted(groups) == ["admins", "members"]
    assert groups["members"]["Description"] == "Everyone in a tenant"
    [server] = cognito.list_resource_servers(UserPoolId=pid, MaxResults=50)["ResourceServers"]
    assert len(server["Scopes"]) == 2
    assert run(sandbox_url, "plan", "--detailed-exitcode", saas_spec).code == 0


def test_removing_a_provider_updates_its_clients_first(sandbox_url, cognito, saas_spec,
                                                       tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", saas_spec).code == 0
    text = Path(saas_spec).read_text()
    start = text.index("      - provider_name: Corporate")
    end = text.index("    groups:")
    text = text[:start] + text[end:]
    text = text.replace("[COGNITO, Google, Corporate]", "[COGNITO, Google]")
    path = write_spec(tmp_path, text)
    clear_requests(sandbox_url)
    result = run(sandbox_url, "apply", "--auto-approve", path)
    assert result.code == 0, result.text
    sent = writes(sandbox_url)
    assert sent.index("UpdateUserPoolClient") < sent.index("DeleteIdentityProvider")
    providers = cognito.list_identity_providers(UserPoolId=pool_id(cognito),
                                                MaxResults=60)["Providers"]
    assert [p["ProviderName"] for p in providers] == ["Google"]


def test_a_rotated_secret_is_seen_and_sent_masked(sandbox_url, cognito, saas_spec,
                                                  monkeypatch):
    assert run(sandbox_url, "apply", "--auto-approve", saas_spec).code == 0
    monkeypatch.setenv("GOOGLE_CLIENT_SECRET", "rotated-google-secret")
    planned = run(sandbox_url, "plan", "--detailed-exitcode", saas_spec)
    # Cognito returns client_secret (issue 10.3): compared, no --resend-secrets needed.
    assert planned.code == 2, planned.text
    assert "client_secret can't be read back" not in planned.text

    forced = run(sandbox_url, "apply", "--auto-approve", saas_spec)
    assert forced.code == 0, forced.text
    assert "rotated-google-secret" not in forced.text
    assert ("~ provider_details {\n          ~ client_secret: (sensitive) -> (sensitive)\n"
            in forced.out)
    provider = cognito.describe_identity_provider(UserPoolId=pool_id(cognito),
                                                  ProviderName="Google")["IdentityProvider"]
    assert provider["ProviderDetails"]["client_secret"] == "rotated-google-secret"


def test_domain_rename_is_a_replace_of_the_domain_only(sandbox_url, cognito, tmp_path):
    spec = """\
version: 1
user_pools:
  - pool_name: with-domain
    domain: {{domain: {name}}}
"""
    assert run(sandbox_url, "apply", "--auto-approve",
               write_spec(tmp_path, spec.format(name="first-prefix"))).code == 0
    pid = pool_id(cognito)
    renamed = write_spec(tmp_path, spec.format(name="second-prefix"))
    planned = run(sandbox_url, "plan", renamed)
    assert "-/+ domain" in planned.out
    assert "domain can't change after creation" in planned.out
    refused = run(sandbox_url, "apply", "--auto-approve", renamed)
    assert refused.code == 1
    assert run(sandbox_url, "apply", "--auto-approve", "--allow-replace", renamed).code == 0
    assert pool_id(cognito) == pid
    assert cognito.describe_user_pool(UserPoolId=pid)["UserPool"]["Domain"] == "second-prefix"


def test_replacing_a_pool_with_a_domain_moves_the_domain(sandbox_url, cognito, tmp_path):
    spec = """\
version: 1
user_pools:
  - pool_name: moving
    username_attributes: [{attribute}]
    domain: {{domain: moving-login}}
"""
    assert run(sandbox_url, "apply", "--auto-approve",
               write_spec(tmp_path, spec.format(attribute="email"))).code == 0
    old = pool_id(cognito)
    changed = write_spec(tmp_path, spec.format(attribute="phone_number"))
    result = run(sandbox_url, "apply", "--auto-approve", "--allow-replace", changed)
    assert result.code == 0, result.text
    new = pool_id(cognito)
    assert new != old
    domain = cognito.describe_user_pool_domain(Domain="moving-login")["DomainDescription"]
    assert domain["UserPoolId"] == new
