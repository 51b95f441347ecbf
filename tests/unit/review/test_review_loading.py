"""review runs without the secrets a spec reads from the environment (CI reviews before
any secret is handed out); anything else unset is still an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from reconciler.errors import SpecError
from reconciler.review.engine import review_spec
from reconciler.review.loading import load_for_review
from reconciler.spec.loader import load_spec

SPEC = """version: 1
user_pools:
  - pool_name: federated
    identity_providers:
      - provider_name: Corp
        provider_type: OIDC
        provider_details:
          client_id: corp-app
          client_secret: "${env:CORP_SECRET}"
          authorize_scopes: openid email
          oidc_issuer: https://id.example.com
          attributes_request_method: GET
        attribute_mapping: {email: email}
    clients:
      - client_name: web
        client_secret: "${env:WEB_SECRET}"
"""


def test_unset_secrets_are_reviewed_without_their_values(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC)
    with pytest.raises(SpecError):  # validate and plan still need them
        load_spec([str(spec)], environ={})
    loaded = load_for_review([str(spec)], {}, [], environ={})
    assert [(w.location.line, w.message) for w in loaded.warnings] == [
        (9, "environment variable CORP_SECRET is not set: reviewed without its value "
            "(review never needs a secret)"),
        (16, "environment variable WEB_SECRET is not set: reviewed without its value "
             "(review never needs a secret)")]
    found = {f.rule.id for f in review_spec(loaded).findings}
    assert "CR402" in found  # the mapping is reviewed
    assert "CR401" not in found  # a reference is no literal secret


def test_an_unset_variable_the_placeholder_cannot_stand_for_is_still_an_error(
        tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC.replace('client_secret: "${env:WEB_SECRET}"',
                                 'refresh_token_validity: "${env:REFRESH_DAYS}"'))
    with pytest.raises(SpecError) as raised:
        load_for_review([str(spec)], {}, [], environ={"CORP_SECRET": "x" * 24})
    # The placeholder is no number: the original error stands, not the placeholder's.
    assert [d.message for d in raised.value.diagnostics] == [
        "environment variable REFRESH_DAYS is not set"]


def test_other_errors_are_not_papered_over(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC.replace("pool_name: federated", "pool_name: federated\n"
                                 "    deletion_protection: SOMETIMES"))
    with pytest.raises(SpecError) as raised:
        load_for_review([str(spec)], {}, [], environ={})
    messages = [d.message for d in raised.value.diagnostics]
    assert any("SOMETIMES" in m for m in messages)
    assert any("CORP_SECRET is not set" in m for m in messages)
