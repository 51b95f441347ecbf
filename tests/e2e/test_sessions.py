"""Pool and client session configuration through the CLI (issue 11): applied in an order
Cognito accepts, no false diff at the documented defaults, drift shown and reverted,
removal by `remove:`, strict mode, export."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml

from reconciler.apply.executor import execute
from reconciler.cli_options import Options, api_factory
from reconciler.engine import plan as engine_plan
from reconciler.inputs import SpecInput
from reconciler.live.recheck import current_fingerprint

from .cli import clear_requests, run, sandbox_requests, write_spec, writes
from .test_unmodeled_parts import FIELD, Injector

POOL = """\
version: 1
user_pools:
  - pool_name: sessions
{pool_extra}    clients:
      - client_name: web
{client_extra}"""
POOL_SESSION = """\
    session_configuration:
      user_session_tracking: ENABLED
      token_session: {max_per_user: 10}
"""
CLIENT_SESSION = """\
        session_configuration:
          sso_session: {max_validity_minutes: 120}
"""
SET_IN_SPEC = ({"UserSessionTracking": "ENABLED", "TokenSession": {"MaxPerUser": 10}},
               {"SSOSession": {"MaxValidityMinutes": 120}})
DEFAULTS = ({"UserSessionTracking": "DISABLED", "TokenSession": {"MaxPerUser": 20}},
            {"SSOSession": {"MaxValidityMinutes": 60}})
AT_DEFAULTS = ("""\
    session_configuration:
      user_session_tracking: DISABLED
      token_session: {max_per_user: 20}
""", """\
        session_configuration:
          sso_session: {max_validity_minutes: 60}
""")


def spec(tmp_path: Path, pool_extra: str = POOL_SESSION,
         client_extra: str = CLIENT_SESSION) -> str:
    return write_spec(tmp_path, POOL.format(pool_extra=pool_extra,
                                            client_extra=client_extra))


def ids(idp: Any) -> tuple[str, str]:
    [pool] = idp.list_user_pools(MaxResults=60)["UserPools"]
    [client] = idp.list_user_pool_clients(UserPoolId=pool["Id"])["UserPoolClients"]
    return str(pool["Id"]), str(client["ClientId"])


def sessions(idp: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    pool_id, client_id = ids(idp)
    pool = idp.get_user_pool_session_configuration(UserPoolId=pool_id)
    client = idp.get_user_pool_client_session_configuration(UserPoolId=pool_id,
                                                             ClientId=client_id)
    return ({k: pool[k] for k in ("UserSessionTracking", "TokenSession")},
            {"SSOSession": client["SSOSession"]})


def bodies(url: str, operation: str) -> list[dict[str, Any]]:
    return [r["body"] for r in sandbox_requests(url) if r["operation"] == operation]


def apply(url: str, path: str, *extra: str) -> None:
    applied = run(url, "apply", "--auto-approve", *extra, path)
    assert applied.code == 0, applied.text
    assert "A fresh plan shows no changes" in applied.err, applied.text


def fields(change: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    return [(f["path"], f["before"], f["after"]) for f in change["fields"]]


def plan_json(url: str, path: str, *extra: str) -> dict[str, Any]:
    planned = run(url, "plan", "--json", *extra, path)
    assert planned.code == 0, planned.text
    document: dict[str, Any] = json.loads(planned.out)
    return document


def test_a_new_pool_gets_both_in_an_order_cognito_accepts_and_replans_clean(
        sandbox_url: str, idp: Any, tmp_path: Path) -> None:
    path = spec(tmp_path)
    apply(sandbox_url, path)
    operations = [r["operation"] for r in sandbox_requests(sandbox_url)]
    # The client's Set needs the pool's tracking ENABLED [M]: the pool's goes first.
    assert operations.index("SetUserPoolSessionConfiguration") < operations.index(
        "SetUserPoolClientSessionConfiguration")
    assert sessions(idp) == SET_IN_SPEC
    clear_requests(sandbox_url)
    replanned = run(sandbox_url, "plan", "--detailed-exitcode", path)
    assert replanned.code == 0, replanned.text
    assert writes(sandbox_url) == []


def test_the_documented_defaults_are_no_change_on_a_new_or_an_existing_pool(
        sandbox_url: str, idp: Any, tmp_path: Path) -> None:
    path = spec(tmp_path, *AT_DEFAULTS)
    apply(sandbox_url, path)
    # A new pool and client already read back the defaults: nothing to set.
    assert not [op for op in writes(sandbox_url) if "Session" in op]
    clear_requests(sandbox_url)
    replanned = run(sandbox_url, "plan", "--detailed-exitcode", path)
    assert replanned.code == 0, replanned.text


def test_an_unmanaged_configuration_is_neither_read_nor_changed(
        sandbox_url: str, idp: Any, tmp_path: Path) -> None:
    apply(sandbox_url, spec(tmp_path))
    clear_requests(sandbox_url)
    path = spec(tmp_path, "", "")
    replanned = run(sandbox_url, "plan", "--detailed-exitcode", path)
    assert replanned.code == 0, replanned.text
    assert not [r for r in sandbox_requests(sandbox_url) if "Session" in r["operation"]]
    applied = run(sandbox_url, "apply", "--auto-approve", path)
    assert applied.code == 0 and "No changes" in applied.out, applied.text
    assert sessions(idp) == SET_IN_SPEC


def test_drift_is_shown_and_reverted_with_full_bodies(sandbox_url: str, idp: Any,
                                                      tmp_path: Path) -> None:
    path = spec(tmp_path)
    apply(sandbox_url, path)
    pool_id, client_id = ids(idp)
    idp.set_user_pool_session_configuration(UserPoolId=pool_id, UserSessionTracking="ENABLED",
                                            TokenSession={"MaxPerUser": 50})
    idp.set_user_pool_client_session_configuration(UserPoolId=pool_id, ClientId=client_id,
                                                   SSOSession={"MaxValidityMinutes": 5})
    planned = plan_json(sandbox_url, path)
    changes = {c["address"]: c for c in planned["changes"]}
    pool_change = changes["user_pool.sessions.session_configuration"]
    assert pool_change["action"] == "update"
    assert fields(pool_change) == [("token_session.max_per_user", 50, 10)]
    client_change = changes["user_pool.sessions.client_session_configuration.web"]
    assert fields(client_change) == [("sso_session.max_validity_minutes", 5, 120)]
    clear_requests(sandbox_url)
    apply(sandbox_url, path)
    # A full replacement: every member in every Set.
    assert bodies(sandbox_url, "SetUserPoolSessionConfiguration") == [{
        "UserPoolId": pool_id, "UserSessionTracking": "ENABLED",
        "TokenSession": {"MaxPerUser": 10}}]
    assert bodies(sandbox_url, "SetUserPoolClientSessionConfiguration") == [{
        "UserPoolId": pool_id, "ClientId": client_id, "SSOSession": {"MaxValidityMinutes": 120}}]
    assert sessions(idp) == SET_IN_SPEC


def test_remove_sets_the_defaults_again_clients_first(sandbox_url: str, idp: Any,
                                                      tmp_path: Path) -> None:
    apply(sandbox_url, spec(tmp_path))
    path = spec(tmp_path, "    remove: [session_configuration]\n",
                "        remove: [session_configuration]\n")
    planned = plan_json(sandbox_url, path)
    actions = {c["address"]: c["action"] for c in planned["changes"]}
    assert actions == {"user_pool.sessions.session_configuration": "delete",
                       "user_pool.sessions.client_session_configuration.web": "delete"}
    # No delete call: the plan shows the defaults being set again, and why.
    by_address = {c["address"]: c for c in planned["changes"]}
    pool_change = by_address["user_pool.sessions.session_configuration"]
    assert "Cognito's defaults are set again" in pool_change["reason"]
    assert fields(pool_change) == [("token_session.max_per_user", 10, 20),
                                   ("user_session_tracking", "ENABLED", "DISABLED")]
    assert fields(by_address["user_pool.sessions.client_session_configuration.web"]) == [
        ("sso_session.max_validity_minutes", 120, 60)]
    clear_requests(sandbox_url)
    apply(sandbox_url, path)
    operations = [r["operation"] for r in sandbox_requests(sandbox_url)]
    # The client's reset needs tracking still ENABLED: it goes before the pool's.
    assert operations.index("SetUserPoolClientSessionConfiguration") < operations.index(
        "SetUserPoolSessionConfiguration")
    assert sessions(idp) == DEFAULTS
    # At the defaults there is nothing left to remove.
    again = run(sandbox_url, "plan", "--detailed-exitcode", path)
    assert again.code == 0, again.text


def test_strict_mode_manages_them_at_their_defaults(sandbox_url: str, idp: Any,
                                                    tmp_path: Path) -> None:
    path = spec(tmp_path, "", "")
    apply(sandbox_url, path)
    strict = run(sandbox_url, "plan", "--strict", "--detailed-exitcode", path)
    assert strict.code == 0, strict.text
    pool_id, _ = ids(idp)
    idp.set_user_pool_session_configuration(UserPoolId=pool_id, UserSessionTracking="ENABLED",
                                            TokenSession={"MaxPerUser": 20})
    assert run(sandbox_url, "plan", "--detailed-exitcode", path).code == 0  # unmanaged
    planned = plan_json(sandbox_url, path, "--strict")
    [change] = planned["changes"]
    assert change["address"] == "user_pool.sessions.session_configuration"
    assert fields(change) == [("user_session_tracking", "ENABLED", "DISABLED")]


@pytest.mark.parametrize(("pool_extra", "message"), [
    ("    session_configuration:\n      user_session_tracking: ENABLED\n"
     "      token_session: {max_per_user: 0}\n", "max_per_user"),
    ("    session_configuration:\n      user_session_tracking: ENABLED\n", "token_session"),
    ("    session_configuration:\n      user_session_tracking: ON\n"
     "      token_session: {max_per_user: 5}\n", "user_session_tracking"),
])
def test_bad_values_are_refused_before_any_call(sandbox_url: str, tmp_path: Path,
                                                pool_extra: str, message: str) -> None:
    path = spec(tmp_path, pool_extra, "")
    checked = run(sandbox_url, "validate", path)
    assert checked.code == 1
    assert message in checked.text
    assert f"{Path(path)}:" in checked.text
    clear_requests(sandbox_url)
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 1
    assert writes(sandbox_url) == []


def test_export_writes_what_differs_from_the_defaults_and_plans_clean(
        sandbox_url: str, idp: Any, tmp_path: Path) -> None:
    apply(sandbox_url, spec(tmp_path))
    exported = run(sandbox_url, "export", "--pool-name", "sessions")
    assert exported.code == 0, exported.text
    pool = yaml.safe_load(exported.out)["user_pools"][0]
    assert pool["session_configuration"] == {"user_session_tracking": "ENABLED",
                                             "token_session": {"max_per_user": 10}}
    assert pool["clients"][0]["session_configuration"] == {
        "sso_session": {"max_validity_minutes": 120}}
    path = write_spec(tmp_path, exported.out, "exported.yaml")
    replanned = run(sandbox_url, "plan", "--detailed-exitcode", path)
    assert replanned.code == 0, replanned.text


def test_export_leaves_the_defaults_out(sandbox_url: str, tmp_path: Path) -> None:
    apply(sandbox_url, spec(tmp_path, "", ""))
    exported = run(sandbox_url, "export", "--pool-name", "sessions")
    assert exported.code == 0, exported.text
    pool = yaml.safe_load(exported.out)["user_pools"][0]
    assert "session_configuration" not in pool
    assert "session_configuration" not in pool["clients"][0]


REPLACED = """\
version: 1
user_pools:
  - pool_name: replaced
    username_attributes: [{username}]
"""


def test_a_session_configuration_set_after_the_plan_stops_a_replace(
        sandbox_url: str, idp: Any, tmp_path: Path) -> None:
    assert run(sandbox_url, "apply", "--auto-approve",
               write_spec(tmp_path, REPLACED.format(username="email"), "one.yaml")).code == 0
    [summary] = idp.list_user_pools(MaxResults=60)["UserPools"]
    api = api_factory(Options(None, None, sandbox_url, True, False))
    planned = engine_plan(SpecInput([write_spec(tmp_path, REPLACED.format(
        username="phone_number"), "two.yaml")]), api)
    # At the default, the configuration is nothing the replace loses.
    assert not [c for c in planned.plan.changes if "session" in c.address]
    idp.set_user_pool_session_configuration(UserPoolId=summary["Id"],
                                            UserSessionTracking="ENABLED",
                                            TokenSession={"MaxPerUser": 3})
    clear_requests(sandbox_url)
    report = execute(planned.plan, api, lambda _: None, recheck=current_fingerprint)
    assert report.failure is not None
    assert "user_pool.replaced.session_configuration" in report.failure.message
    assert writes(sandbox_url) == []


def test_a_replaced_pool_gets_its_declared_configurations_again(
        sandbox_url: str, idp: Any, tmp_path: Path) -> None:
    def declared(username: str) -> str:
        return (REPLACED.format(username=username) + POOL_SESSION
                + "    clients:\n      - client_name: web\n" + CLIENT_SESSION)

    apply(sandbox_url, write_spec(tmp_path, declared("email"), "one.yaml"))
    clear_requests(sandbox_url)
    replaced = run(sandbox_url, "apply", "--auto-approve", "--allow-replace",
                   write_spec(tmp_path, declared("phone_number"), "two.yaml"))
    assert replaced.code == 0, replaced.text
    assert "A fresh plan shows no changes" in replaced.err, replaced.text
    made = writes(sandbox_url)
    assert made.index("CreateUserPool") < made.index("SetUserPoolSessionConfiguration") < (
        made.index("SetUserPoolClientSessionConfiguration"))
    assert sessions(idp) == SET_IN_SPEC


def test_a_saved_plan_applies_and_refuses_once_the_configuration_moved(
        sandbox_url: str, idp: Any, tmp_path: Path) -> None:
    path = spec(tmp_path)
    apply(sandbox_url, path)
    pool_id, _ = ids(idp)
    idp.set_user_pool_session_configuration(UserPoolId=pool_id, UserSessionTracking="ENABLED",
                                            TokenSession={"MaxPerUser": 50})
    saved = tmp_path / "plan.json"
    assert run(sandbox_url, "plan", "--out", str(saved), path).code == 0
    # Changed again after the plan was made: the saved plan no longer holds.
    idp.set_user_pool_session_configuration(UserPoolId=pool_id, UserSessionTracking="ENABLED",
                                            TokenSession={"MaxPerUser": 40})
    clear_requests(sandbox_url)
    refused = run(sandbox_url, "apply", "--auto-approve", str(saved))
    assert refused.code == 1, refused.text
    assert "stale" in refused.err and "internal error" not in refused.text, refused.text
    assert writes(sandbox_url) == []
    assert run(sandbox_url, "plan", "--out", str(saved), path).code == 0
    applied = run(sandbox_url, "apply", "--auto-approve", str(saved))
    assert applied.code == 0, applied.text
    assert sessions(idp) == SET_IN_SPEC


class _WholeAnswerInjector(Injector):
    """The session Get calls answer the configuration itself, not inside a member."""

    def inject(self, payload: bytes) -> bytes:
        document = json.loads(payload)
        document[FIELD] = {"Mode": "ON"}
        self.injected += 1
        return json.dumps(document).encode()


@pytest.mark.parametrize("operation", ["GetUserPoolSessionConfiguration",
                                       "GetUserPoolClientSessionConfiguration"])
def test_an_unmodeled_field_blocks_the_update(sandbox_url: str, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              operation: str) -> None:
    apply(sandbox_url, spec(tmp_path))
    changed = spec(tmp_path, POOL_SESSION.replace("10", "11"),
                   CLIENT_SESSION.replace("120", "121"))
    proxy = _WholeAnswerInjector(sandbox_url)
    proxy.operation = operation
    monkeypatch.setenv("AWS_ENDPOINT_URL_COGNITO_IDP", proxy.url)
    thread = threading.Thread(target=proxy.server.serve_forever, daemon=True)
    thread.start()
    try:
        planned = run(proxy.url, "plan", "--json", changed)
        assert planned.code == 0, planned.text
        assert proxy.injected > 0
        blocked = {c["address"]: c.get("blocked") for c in json.loads(planned.out)["changes"]}
        guarded = ("user_pool.sessions.session_configuration"
                   if operation == "GetUserPoolSessionConfiguration"
                   else "user_pool.sessions.client_session_configuration.web")
        assert str(blocked.pop(guarded)).startswith(
            f"the live resource has fields this version doesn't model ({FIELD})")
        assert list(blocked.values()) == [None]  # the other one is not guarded
        clear_requests(sandbox_url)
        refused = run(proxy.url, "apply", "--auto-approve", changed)
        assert refused.code == 1 and FIELD in refused.err, refused.text
        assert writes(sandbox_url) == []
    finally:
        proxy.server.shutdown()
        proxy.server.server_close()
