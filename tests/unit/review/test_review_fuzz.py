"""Whatever a valid spec holds, review returns findings at real positions: never a crash."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reconciler.errors import SpecError
from reconciler.review.engine import review_spec
from reconciler.review.model import Severity
from reconciler.review.render import RENDERERS
from reconciler.spec.loader import load_spec

_URLS = st.sampled_from(["https://app.example.com/cb", "http://localhost:3000/cb",
                         "https://*.example.com/", "http://127.0.0.1/cb", "myapp://cb",
                         "https://[::1]/cb", "http://[::1"])
_CLIENT = st.fixed_dictionaries({"client_name": st.sampled_from(["web", "prod app", "app.v2"])},
                                optional={
    "generate_secret": st.booleans(),
    "explicit_auth_flows": st.lists(st.sampled_from([
        "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
        "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_USER_AUTH"]),
        unique=True, max_size=4),
    "allowed_oauth_flows_user_pool_client": st.booleans(),
    "allowed_oauth_flows": st.lists(st.sampled_from(["code", "implicit"]), unique=True,
                                    min_size=1),
    "allowed_oauth_scopes": st.just(["openid"]),
    "callback_urls": st.lists(_URLS, unique=True, max_size=3),
    "logout_urls": st.lists(_URLS, unique=True, max_size=2),
    "prevent_user_existence_errors": st.sampled_from(["LEGACY", "ENABLED"]),
    "enable_token_revocation": st.booleans(),
    "refresh_token_validity": st.integers(1, 3650),
    "client_secret": st.sampled_from(["literal-secret-1234567890abcdef", "${env:SECRET}"]),
})
_POOL = st.fixed_dictionaries({"pool_name": st.sampled_from(["prod-users", "dev", "live pool"])},
                              optional={
    "deletion_protection": st.sampled_from(["ACTIVE", "INACTIVE"]),
    "mfa_configuration": st.sampled_from(["OFF", "ON", "OPTIONAL"]),
    "software_token_mfa_configuration": st.fixed_dictionaries({"enabled": st.booleans()}),
    "policies": st.fixed_dictionaries({"password_policy": st.fixed_dictionaries(
        {}, optional={"minimum_length": st.integers(6, 99),
                      "require_symbols": st.booleans(),
                      "temporary_password_validity_days": st.integers(0, 365)})}),
    "auto_verified_attributes": st.lists(st.sampled_from(["email", "phone_number"]),
                                         unique=True),
    "username_attributes": st.lists(st.sampled_from(["email", "phone_number"]), unique=True),
    "user_pool_tags": st.dictionaries(st.sampled_from(["env", "stage", "team"]),
                                      st.sampled_from(["production", "dev", "live"])),
    "clients": st.lists(_CLIENT, max_size=2, unique_by=lambda c: c["client_name"]),
})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_POOL, min_size=1, max_size=2, unique_by=lambda p: p["pool_name"]))
def test_review_never_crashes_and_points_into_the_file(pools: list[dict[str, Any]]) -> None:
    text = yaml.safe_dump({"version": 1, "user_pools": pools}, sort_keys=False)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "spec.yaml"
        path.write_text(text)
        try:
            spec = load_spec([str(path)], environ={"SECRET": "from-env-0000-0000-0000-0000"})
        except SpecError:
            return  # invalid: validate's business
        review = review_spec(spec)
        lines = text.splitlines()
        for finding in review.findings:
            assert 1 <= finding.location.line <= len(lines)
            assert 1 <= finding.location.col <= len(lines[finding.location.line - 1]) + 1
        for render in RENDERERS.values():
            out = render(review, Severity.HIGH)
            assert "literal-secret-1234567890abcdef" not in out
            assert "from-env-0000-0000-0000-0000" not in out
