"""Issue 11: validate's rules for issuer/key/ACR/DCR configuration and IdP acr_mapping
(reconciler/spec/pool_feature_rules.py cites each rule's evidence)."""

from __future__ import annotations

from pathlib import Path

from _spec_helpers import problems, write

from reconciler.spec import load_spec

HEAD = "version: 1\nuser_pools:\n  - pool_name: p\n"
OIDC = ("      - provider_name: Corp\n        provider_type: {kind}\n"
        "        provider_details: {{client_id: c, authorize_scopes: openid}}\n"
        "        acr_mapping: {{Level1: 'urn:idp:1'}}\n")


def _spec(tmp_path: Path, text: str) -> str:
    return write(tmp_path, "a.yaml", HEAD + text)


def test_an_acr_name_used_twice_or_equal_to_a_default_is_an_error(tmp_path: Path) -> None:
    f = _spec(tmp_path, "    acr_configuration:\n"
              "      Level1: {acr_value: 'urn:cognito:loa:3'}\n"
              "      Level2: {acr_value: 'urn:x'}\n      Level4: {acr_value: 'urn:x'}\n")
    found = problems([f])
    assert len(found) == 2 and all(":4:5: error: acr_configuration: the name" in p
                                   for p in found)
    assert any("'urn:cognito:loa:3' is used by Level1 and Level3" in p for p in found)
    assert any("'urn:x' is used by Level2 and Level4" in p for p in found)


def test_custom_acr_and_dcr_on_the_lite_tier_are_errors(tmp_path: Path) -> None:
    f = _spec(tmp_path, "    user_pool_tier: LITE\n"
              "    acr_configuration: {Level1: {acr_value: 'urn:x'}}\n"
              "    dcr_configuration: {allowed_scopes: [openid]}\n")
    found = problems([f])
    assert any("acr_configuration names levels" in p and "not LITE" in p for p in found)
    assert any("dcr_configuration turns dynamic client registration on" in p for p in found)
    fine = _spec(tmp_path, "    user_pool_tier: LITE\n"
                 "    acr_configuration: {Level1: {acr_value: 'urn:cognito:loa:1'}}\n"
                 "    dcr_configuration: {enable_status: Disabled}\n")
    assert problems([fine]) == []
    essentials = _spec(tmp_path, "    acr_configuration: {Level1: {acr_value: 'urn:x'}}\n"
                       "    dcr_configuration: {allowed_scopes: [openid]}\n")
    assert problems([essentials]) == []


def test_a_customer_managed_key_needs_its_arn(tmp_path: Path) -> None:
    f = _spec(tmp_path, "    key_configuration: {key_type: CUSTOMER_MANAGED_KEY}\n")
    [found] = problems([f])
    assert "CUSTOMER_MANAGED_KEY needs kms_key_arn" in found
    arn = "arn:aws:kms:us-east-1:123456789012:key/abc"
    owned = _spec(tmp_path, f"    key_configuration: {{key_type: AWS_OWNED_KEY, "
                  f"kms_key_arn: '{arn}'}}\n")
    assert problems([owned]) == []
    assert any("only used with key_type: CUSTOMER_MANAGED_KEY" in str(w)
               for w in load_spec([owned], environ={}).warnings)


def test_acr_mapping_is_for_oidc_providers_only(tmp_path: Path) -> None:
    saml = _spec(tmp_path, "    identity_providers:\n" + OIDC.format(kind="SAML"))
    [found] = problems([saml])
    assert "acr_mapping is for OIDC providers only" in found and "not SAML" in found
    oidc = _spec(tmp_path, "    identity_providers:\n" + OIDC.format(kind="OIDC"))
    assert not any("acr_mapping" in p for p in problems([oidc]))


def test_open_m2m_registration_and_the_register_scope_are_warned_about(tmp_path: Path) -> None:
    f = _spec(tmp_path, "    dcr_configuration:\n      open_dcr_enabled: true\n"
              "      open_dcr_grant_types: [code, client_credentials]\n"
              "      allowed_scopes: [openid, aws.cognito/dcr/register]\n")
    assert problems([f]) == []
    warnings = [str(w) for w in load_spec([f], environ={}).warnings]
    assert any("anyone register an app client" in w for w in warnings)
    assert any("aws.cognito/dcr/register in allowed_scopes has no effect" in w for w in warnings)
    closed = _spec(tmp_path, "    dcr_configuration:\n      open_dcr_grant_types: "
                   "[client_credentials]\n      allowed_scopes: [openid]\n")
    # Only the note that registered clients are deleted (test_dcr_warning.py).
    assert [str(w) for w in load_spec([closed], environ={}).warnings
            if "registered at runtime" not in str(w)] == []
