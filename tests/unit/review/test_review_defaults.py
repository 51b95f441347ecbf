"""A key the spec leaves out is reviewed at the value Cognito gives a new pool or client."""

from __future__ import annotations

from pathlib import Path

from reconciler.review.engine import review_spec
from reconciler.spec.loader import load_spec

BARE = """version: 1
user_pools:
  - pool_name: bare
    clients:
      - client_name: app
"""


def test_a_bare_pool_is_reviewed_at_cognitos_defaults(tmp_path: Path) -> None:
    spec = tmp_path / "bare.yaml"
    spec.write_text(BARE)
    review = review_spec(load_spec([str(spec)], environ={}))
    found = {f.rule.id: f for f in review.findings}
    # Threat protection off, MFA OFF, deletion protection INACTIVE (API default), an
    # 8-character password without MFA, self sign-up without verification, and
    # PreventUserExistenceErrors LEGACY ("Defaults to LEGACY": doc CreateUserPoolClient).
    assert sorted(found) == ["CR101", "CR102", "CR104", "CR105", "CR201", "CR203", "CR305"]
    # Not: the default policy meets Cognito.3; revocation is on by default; the default
    # flows (refresh, SRP, custom auth) send no password; refresh tokens live 30 days.
    assert "is not set (Cognito's default is LEGACY)" in found["CR305"].message
    # Missing keys point at the nearest key that is there: the pool, or the client.
    assert (found["CR105"].location.line, found["CR105"].location.col) == (3, 5)
    assert (found["CR305"].location.line, found["CR305"].location.col) == (5, 9)


def test_a_secret_whose_default_is_written_in_variables_is_a_literal(tmp_path: Path) -> None:
    text = (BARE.replace("version: 1\n", "version: 1\nvariables:\n"
                         "  web_secret: abcdefghijklmnopqrstuvwxyz123456\n")
            + '        client_secret: "${var:web_secret}"\n')
    spec = tmp_path / "spec.yaml"
    spec.write_text(text)
    [found] = [f for f in review_spec(load_spec([str(spec)], environ={})).findings
               if f.rule.id == "CR401"]
    assert (found.location.line, found.location.col) == (8, 9)
    assert "variables: web_secret" in found.message
    assert "abcdefghijklmnopqrstuvwxyz123456" not in found.message
    # Given on the command line instead, the spec holds no secret.
    spec.write_text(text.replace("variables:\n  web_secret: abcdefghijklmnopqrstuvwxyz123456\n",
                                 ""))
    loaded = load_spec([str(spec)], {"web_secret": "abcdefghijklmnopqrstuvwxyz123456"},
                       environ={})
    assert "CR401" not in {f.rule.id for f in review_spec(loaded).findings}
