"""Empty members AWS reads back for settings nobody set: no diff, no body, no export noise.

AWS answers DescribeUserPoolDomain of a prefix domain with ``CustomDomainConfig: {}``
(aws-cli awscli/examples/cognito-idp/describe-user-pool-domain.rst) and
DescribeIdentityProvider of a provider without identifiers with ``IdpIdentifiers: []``
(describe-identity-provider.rst). A spec that sets neither must plan clean, an update
must not send a prefix domain a custom-domain block (CustomDomainConfigType requires
CertificateArn), and export must not write either empty value. (The sandbox's answers:
tests/sandbox/test_empty_members.py.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .cli import clear_requests, run, sandbox_requests, write_spec

PREFIX = """\
version: 1
user_pools:
  - pool_name: plain-domain
    domain: {{domain: plain-login, managed_login_version: {version}}}
"""
FACEBOOK = """\
version: 1
user_pools:
  - pool_name: social
    identity_providers:
      - provider_name: Facebook
        provider_type: Facebook
        provider_details:
          client_id: "11111"
          client_secret: ${{env:FB_SECRET}}
          authorize_scopes: {scopes}
        attribute_mapping:
          username: id
"""


def pool_id(cognito: Any) -> str:
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    return str(summary["Id"])


def test_a_prefix_domain_plans_clean_and_updates_without_a_custom_config(
        sandbox_url: str, cognito: Any, tmp_path: Path) -> None:
    spec = write_spec(tmp_path, PREFIX.format(version=1))
    assert run(sandbox_url, "apply", "--auto-approve", spec).code == 0
    again = run(sandbox_url, "plan", "--detailed-exitcode", spec)
    assert again.code == 0, again.text

    changed = write_spec(tmp_path, PREFIX.format(version=2), "v2.yaml")
    plan = run(sandbox_url, "plan", "--json", changed)
    assert plan.code == 0, plan.text
    assert "custom_domain_config" not in plan.text
    clear_requests(sandbox_url)
    applied = run(sandbox_url, "apply", "--auto-approve", changed)
    assert applied.code == 0, applied.text
    [update] = [r["body"] for r in sandbox_requests(sandbox_url)
                if r["operation"] == "UpdateUserPoolDomain"]
    assert "CustomDomainConfig" not in update
    assert update["ManagedLoginVersion"] == 2
    described = cognito.describe_user_pool_domain(Domain="plain-login")["DomainDescription"]
    assert described["ManagedLoginVersion"] == 2


def test_export_writes_no_empty_custom_config(sandbox_url: str, cognito: Any,
                                              tmp_path: Path) -> None:
    assert run(sandbox_url, "apply", "--auto-approve",
               write_spec(tmp_path, PREFIX.format(version=1))).code == 0
    exported = run(sandbox_url, "export", "--pool-id", pool_id(cognito))
    assert exported.code == 0, exported.text
    [pool] = yaml.safe_load(exported.text)["user_pools"]
    assert pool["domain"]["domain"] == "plain-login"
    assert "custom_domain_config" not in pool["domain"]


def test_a_provider_without_identifiers_plans_clean_and_exports_no_empty_list(
        sandbox_url: str, cognito: Any, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("FB_SECRET", "fb-secret-1")
    spec = write_spec(tmp_path, FACEBOOK.format(scopes="myscope"))
    assert run(sandbox_url, "apply", "--auto-approve", spec).code == 0
    again = run(sandbox_url, "plan", "--detailed-exitcode", spec)
    assert again.code == 0, again.text

    changed = write_spec(tmp_path, FACEBOOK.format(scopes="email"), "changed.yaml")
    plan = run(sandbox_url, "plan", "--json", changed)
    assert plan.code == 0, plan.text
    assert "idp_identifiers" not in plan.text
    assert run(sandbox_url, "apply", "--auto-approve", changed).code == 0

    exported = run(sandbox_url, "export", "--pool-id", pool_id(cognito))
    assert exported.code == 0, exported.text
    [pool] = yaml.safe_load(exported.text)["user_pools"]
    [provider] = pool["identity_providers"]
    assert provider["provider_name"] == "Facebook"
    assert "idp_identifiers" not in provider
