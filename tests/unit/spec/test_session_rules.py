"""Issue 11: validate's rules for session configuration (reconciler/spec/session_rules.py
cites each rule's evidence)."""

from __future__ import annotations

from pathlib import Path

from _spec_helpers import problems, write

from reconciler.spec import load_spec

HEAD = "version: 1\nuser_pools:\n  - pool_name: p\n"
POOL_ON = ("    session_configuration:\n      user_session_tracking: {tracking}\n"
           "      token_session: {{max_per_user: 5}}\n")
CLIENT = ("    clients:\n      - client_name: web\n        session_configuration:\n"
          "          sso_session: {{max_validity_minutes: {minutes}}}\n")


def _spec(tmp_path: Path, text: str) -> str:
    return write(tmp_path, "a.yaml", HEAD + text)


def test_session_configuration_on_the_lite_tier_is_an_error(tmp_path: Path) -> None:
    f = _spec(tmp_path, "    user_pool_tier: LITE\n" + POOL_ON.format(tracking="ENABLED")
              + CLIENT.format(minutes=30))
    found = problems([f])
    assert len(found) == 2, found
    assert any(":5:5: error: session_configuration needs user_pool_tier ESSENTIALS or PLUS"
               in p for p in found)
    assert any(":10:9: error: session_configuration needs user_pool_tier ESSENTIALS or PLUS"
               in p for p in found)
    fine = _spec(tmp_path, "    user_pool_tier: ESSENTIALS\n" + POOL_ON.format(tracking="ENABLED")
                 + CLIENT.format(minutes=30))
    assert problems([fine]) == []


def test_a_client_setting_with_tracking_disabled_is_an_error(tmp_path: Path) -> None:
    f = _spec(tmp_path, POOL_ON.format(tracking="DISABLED") + CLIENT.format(minutes=30))
    [found] = problems([f])
    assert ":9:9: error: session_configuration can't be set while the pool's" in found
    # The documented default is what the client has anyway: nothing to set, no error.
    fine = _spec(tmp_path, POOL_ON.format(tracking="DISABLED") + CLIENT.format(minutes=60))
    assert problems([fine]) == []


def test_a_client_setting_without_the_pools_is_a_warning(tmp_path: Path) -> None:
    f = _spec(tmp_path, CLIENT.format(minutes=30))
    loaded = load_spec([f])
    [warning] = [str(w) for w in loaded.warnings]
    assert ":6:9: warning: session_configuration needs the pool's session tracking" in warning


def test_the_documented_defaults_are_fine_on_the_lite_tier(tmp_path: Path) -> None:
    # No call is needed for them (export --full writes them for a LITE pool).
    f = _spec(tmp_path, "    user_pool_tier: LITE\n    session_configuration:\n"
              "      user_session_tracking: DISABLED\n      token_session: {max_per_user: 20}\n"
              + CLIENT.format(minutes=60))
    assert problems([f]) == []
