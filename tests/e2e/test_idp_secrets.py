"""Identity-provider secrets and SAML updates through the CLI (issues 12.2, 10.3)."""

from __future__ import annotations

import hashlib

from .cli import clear_requests, run, write_spec, writes

OIDC = """\
version: 1
user_pools:
  - pool_name: fed-users
    identity_providers:
      - provider_name: Corp
        provider_type: OIDC
        provider_details:
          client_id: corp
          attributes_request_method: GET
          oidc_issuer: https://idp.example.com
          authorize_scopes: openid
{secret}        attribute_mapping:
          email: {email}
"""
WITH_SECRET = "          client_secret: ${env:CORP_SECRET}\n"
SAML = """\
version: 1
user_pools:
  - pool_name: fed-users
    identity_providers:
      - provider_name: Okta
        provider_type: SAML
        provider_details:
          MetadataFile: ${{env:OKTA_METADATA}}
          IDPSignout: "{signout}"
        attribute_mapping:
          email: mail
"""
REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"


def metadata(host: str) -> str:
    return ('<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
            f'entityID="https://{host}/saml"><md:IDPSSODescriptor>'
            f'<md:SingleSignOnService Binding="{REDIRECT}" Location="https://{host}/sso"/>'
            '</md:IDPSSODescriptor></md:EntityDescriptor>')


def live_details(cognito, name: str) -> dict[str, str]:
    [pool] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    found = cognito.describe_identity_provider(UserPoolId=pool["Id"], ProviderName=name)
    details: dict[str, str] = found["IdentityProvider"]["ProviderDetails"]
    return details


def test_an_update_never_erases_a_secret_the_spec_omits(sandbox_url, cognito, tmp_path,
                                                        monkeypatch):
    monkeypatch.setenv("CORP_SECRET", "corp-secret-1")
    first = write_spec(tmp_path, OIDC.format(secret=WITH_SECRET, email="email"))
    assert run(sandbox_url, "apply", "--auto-approve", first).code == 0
    omitted = write_spec(tmp_path, OIDC.format(secret="", email="mail"), "omitted.yaml")
    applied = run(sandbox_url, "apply", "--auto-approve", omitted)
    assert applied.code == 0, applied.text
    details = live_details(cognito, "Corp")
    assert details["client_secret"] == "corp-secret-1"
    assert "corp-secret-1" not in applied.text


def test_a_rotated_secret_is_seen_without_resending_and_never_shown(sandbox_url, cognito,
                                                                    tmp_path, monkeypatch):
    monkeypatch.setenv("CORP_SECRET", "corp-secret-1")
    path = write_spec(tmp_path, OIDC.format(secret=WITH_SECRET, email="email"))
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    clean = run(sandbox_url, "plan", "--detailed-exitcode", path)
    assert clean.code == 0, clean.text
    assert "--resend-secrets" not in clean.text

    monkeypatch.setenv("CORP_SECRET", "corp-secret-2")
    saved = tmp_path / "rotate.plan.json"
    planned = run(sandbox_url, "plan", "--detailed-exitcode", "--out", str(saved), path)
    assert planned.code == 2, planned.text
    assert ("~ provider_details {\n          ~ client_secret: (sensitive) -> (sensitive)\n"
            in planned.out)
    as_json = run(sandbox_url, "plan", "--json", path).out
    markdown = run(sandbox_url, "plan", "--format", "markdown", path).out
    revealing = [value for secret in ("corp-secret-1", "corp-secret-2")
                 for value in (secret, hashlib.sha256(secret.encode()).hexdigest()[:16])]
    for text in (planned.text, as_json, markdown, saved.read_text()):
        assert not any(value in text for value in revealing)

    applied = run(sandbox_url, "apply", "--auto-approve", str(saved))
    assert applied.code == 0, applied.text
    assert live_details(cognito, "Corp")["client_secret"] == "corp-secret-2"
    assert run(sandbox_url, "plan", "--detailed-exitcode", path).code == 0


def test_a_saml_provider_updates_and_converges(sandbox_url, cognito, tmp_path, monkeypatch):
    monkeypatch.setenv("OKTA_METADATA", metadata("old.example.com"))
    assert run(sandbox_url, "apply", "--auto-approve",
               write_spec(tmp_path, SAML.format(signout="false"))).code == 0
    assert live_details(cognito, "Okta")["ActiveEncryptionCertificate"]

    monkeypatch.setenv("OKTA_METADATA", metadata("new.example.com"))
    changed = write_spec(tmp_path, SAML.format(signout="true"))
    clear_requests(sandbox_url)
    applied = run(sandbox_url, "apply", "--auto-approve", changed)
    assert applied.code == 0, applied.text
    assert writes(sandbox_url) == ["UpdateIdentityProvider"]
    details = live_details(cognito, "Okta")
    assert details["IDPSignout"] == "true"
    # The endpoint follows the new metadata: the old one wasn't sent back.
    assert details["SSORedirectBindingURI"] == "https://new.example.com/sso"
