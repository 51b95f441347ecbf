"""Issue 11: issuer, key, ACR and DCR configuration and IdP acr_mapping through the CLI:
create, update, a clean re-plan, a change Cognito refuses (shown at plan time), export
round trip and the outputs for both issuer types."""

from __future__ import annotations

import json

from .cli import clear_requests, run, sandbox_requests, write_spec, writes

SPEC = """\
version: 1
user_pools:
  - pool_name: features
{settings}    identity_providers:
      - provider_name: Corp
        provider_type: OIDC
        provider_details:
          client_id: corp-app
          client_secret: not-a-real-secret
          attributes_request_method: GET
          oidc_issuer: https://idp.example.com
          authorize_scopes: openid
{mapping}"""
FIRST = """\
    issuer_configuration: {type: UPDATED}
    key_configuration: {key_type: AWS_OWNED_KEY}
    acr_configuration:
      Level2: {acr_value: "urn:example:mfa"}
    dcr_configuration:
      allowed_scopes: [openid, email]
"""
SECOND = """\
    issuer_configuration: {type: UPDATED}
    key_configuration: {key_type: AWS_OWNED_KEY}
    acr_configuration:
      Level3: {acr_value: "urn:example:strong"}
    dcr_configuration:
      enable_status: Enabled
      open_dcr_enabled: true
      open_dcr_grant_types: [code]
      allowed_scopes: [email, openid]
"""
MAPPING = "        acr_mapping: {{Level2: '{value}'}}\n"


def _spec(tmp_path, settings, value="urn:idp:mfa", name="spec.yaml"):
    mapping = MAPPING.format(value=value) if value else ""
    return write_spec(tmp_path, SPEC.format(settings=settings, mapping=mapping), name)


def _bodies(url, operation):
    return [r["body"] for r in sandbox_requests(url) if r["operation"] == operation]


def _pool(cognito):
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    return summary["Id"]


def test_create_update_and_clean_replans(sandbox_url, cognito, tmp_path):
    first = _spec(tmp_path, FIRST)
    assert run(sandbox_url, "validate", first).code == 0
    applied = run(sandbox_url, "apply", "--auto-approve", first)
    assert applied.code == 0, applied.text
    [idp] = _bodies(sandbox_url, "CreateIdentityProvider")
    assert idp["AcrMapping"] == {"Level2": "urn:idp:mfa"}
    assert run(sandbox_url, "plan", "--detailed-exitcode", first).code == 0

    second = _spec(tmp_path, SECOND, value="urn:idp:otp", name="second.yaml")
    planned = run(sandbox_url, "plan", "--json", second)
    changes = {c["address"]: c for c in json.loads(planned.out)["changes"]}
    paths = {f["path"] for f in changes["user_pool.features"]["fields"]}
    assert {"acr_configuration.Level2.acr_value", "acr_configuration.Level3.acr_value",
            "dcr_configuration.open_dcr_enabled"} <= paths
    # The reordered scope list, the explicit EnableStatus and the default grant list
    # are no change.
    assert not any(p.startswith(("dcr_configuration.allowed_scopes",
                                 "dcr_configuration.enable_status",
                                 "dcr_configuration.open_dcr_grant_types")) for p in paths)
    assert [f["path"] for f in changes["user_pool.features.identity_provider.Corp"]["fields"]] \
        == ["acr_mapping.Level2"]

    clear_requests(sandbox_url)
    applied = run(sandbox_url, "apply", "--auto-approve", second)
    assert applied.code == 0, applied.text
    [update] = _bodies(sandbox_url, "UpdateUserPool")
    assert update["AcrConfiguration"] == {"Level3": {"AcrValue": "urn:example:strong"}}
    assert update["IssuerConfiguration"] == {"Type": "UPDATED"}
    [idp_update] = _bodies(sandbox_url, "UpdateIdentityProvider")
    assert idp_update["AcrMapping"] == {"Level2": "urn:idp:otp"}
    pool = cognito.describe_user_pool(UserPoolId=_pool(cognito))["UserPool"]
    assert pool["UserPoolTier"] == "ESSENTIALS"
    clear_requests(sandbox_url)
    assert run(sandbox_url, "plan", "--detailed-exitcode", second).code == 0
    assert writes(sandbox_url) == []


def test_a_spec_that_leaves_them_out_keeps_them(sandbox_url, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", _spec(tmp_path, FIRST)).code == 0
    clear_requests(sandbox_url)
    bare = _spec(tmp_path, "    deletion_protection: ACTIVE\n", value=None, name="bare.yaml")
    applied = run(sandbox_url, "apply", "--auto-approve", bare)
    assert applied.code == 0, applied.text
    [update] = _bodies(sandbox_url, "UpdateUserPool")
    assert update["IssuerConfiguration"] == {"Type": "UPDATED"}
    assert update["AcrConfiguration"] == {"Level2": {"AcrValue": "urn:example:mfa"}}
    assert update["DcrConfiguration"]["AllowedScopes"] == ["email", "openid"]
    # The provider's live mapping is carried by its update (none is needed here).
    assert _bodies(sandbox_url, "UpdateIdentityProvider") == []
    assert run(sandbox_url, "plan", "--detailed-exitcode", _spec(tmp_path, FIRST)).code == 0


def test_a_move_to_lite_with_registration_on_is_refused_at_plan_time(sandbox_url, cognito,
                                                                      tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", _spec(tmp_path, FIRST)).code == 0
    lite = _spec(tmp_path, "    user_pool_tier: LITE\n", name="lite.yaml")
    planned = run(sandbox_url, "plan", "--json", lite)
    [change] = json.loads(planned.out)["changes"]
    assert "dcr_configuration" in change["blocked"]
    clear_requests(sandbox_url)
    refused = run(sandbox_url, "apply", "--auto-approve", lite)
    assert refused.code == 1
    assert "dcr_configuration" in refused.text
    assert writes(sandbox_url) == []
    assert cognito.describe_user_pool(UserPoolId=_pool(cognito))["UserPool"][
        "UserPoolTier"] == "ESSENTIALS"
    # Said in the spec itself, validate refuses it before any call.
    both = _spec(tmp_path, "    user_pool_tier: LITE\n    dcr_configuration: {}\n",
                 name="both.yaml")
    clear_requests(sandbox_url)
    invalid = run(sandbox_url, "validate", both)
    assert invalid.code == 1 and "dcr_configuration" in invalid.err
    assert sandbox_requests(sandbox_url) == []


def test_export_round_trip(sandbox_url, tmp_path, monkeypatch):
    # Export references the provider's secret as an environment variable.
    monkeypatch.setenv("FEATURES_CORP_CLIENT_SECRET", "not-a-real-secret")
    assert run(sandbox_url, "apply", "--auto-approve", _spec(tmp_path, SECOND)).code == 0
    exported = run(sandbox_url, "export", "--pool-name", "features")
    assert exported.code == 0, exported.text
    text = exported.out
    assert "acr_value: urn:example:strong" in text and "urn:cognito:loa" not in text
    assert "open_dcr_enabled: true" in text and "issuer_configuration:" in text
    # At its default: left out, as a person would write the spec.
    assert "key_configuration:" not in text
    assert "acr_mapping:" in text and "urn:idp:mfa" in text
    path = write_spec(tmp_path, text, "exported.yaml")
    planned = run(sandbox_url, "plan", "--detailed-exitcode", path)
    assert planned.code == 0, planned.text
    # --full keeps the defaults (all four ACR levels, the key type) and plans clean too.
    full = run(sandbox_url, "export", "--full", "--pool-name", "features")
    assert full.code == 0, full.text
    assert "urn:cognito:loa:1" in full.out and "key_type: AWS_OWNED_KEY" in full.out
    planned = run(sandbox_url, "plan", "--detailed-exitcode",
                  write_spec(tmp_path, full.out, "full.yaml"))
    assert planned.code == 0, planned.text


def test_outputs_follow_the_issuer_type(sandbox_url, cognito, tmp_path):
    spec = _spec(tmp_path, FIRST)
    assert run(sandbox_url, "apply", "--auto-approve", spec).code == 0
    pool_id = _pool(cognito)
    outputs = json.loads(run(sandbox_url, "outputs", spec).out)["pools"]["features"]
    issuer = f"https://issuer-cognito-idp.us-east-1.amazonaws.com/{pool_id}"
    assert outputs["issuer_url"] == issuer
    assert outputs["jwks_url"] == f"{issuer}/.well-known/jwks.json"
    original = _spec(tmp_path, FIRST.replace("UPDATED", "ORIGINAL"), name="original.yaml")
    planned = run(sandbox_url, "plan", original)
    assert "the token issuer changes (UPDATED -> ORIGINAL)" in planned.text
    assert run(sandbox_url, "apply", "--auto-approve", original).code == 0
    outputs = json.loads(run(sandbox_url, "outputs", original).out)["pools"]["features"]
    assert outputs["issuer_url"] == f"https://cognito-idp.us-east-1.amazonaws.com/{pool_id}"
    assert outputs["jwks_url"] == outputs["issuer_url"] + "/.well-known/jwks.json"
