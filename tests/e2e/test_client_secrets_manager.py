"""A client's secret in Secrets Manager, a custom secret rotated, and client_type (issue 11).

The live client is read through the shared `idp` client, built on the shipped model (as
the tool's own are): an older installed botocore would drop these members.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from .cli import clear_requests, run, sandbox_requests, write_spec

PUBLISHED = """\
version: 1
user_pools:
  - pool_name: shop-users
    clients:
      - client_name: backend
        generate_secret: true
{publish}        access_token_validity: {hours}
"""
CUSTOM = """\
version: 1
user_pools:
  - pool_name: shop-users
    clients:
      - client_name: backend
        client_secret: ${env:BACKEND_SECRET}
"""
FIRST = "first_secret_0123456789abcdefghijklmnop"
SECOND = "second_secret_0123456789abcdefghijklmno"


def _client(idp: Any) -> tuple[str, dict[str, Any]]:
    [pool] = idp.list_user_pools(MaxResults=60)["UserPools"]
    [summary] = idp.list_user_pool_clients(UserPoolId=pool["Id"])["UserPoolClients"]
    described = idp.describe_user_pool_client(UserPoolId=pool["Id"],
                                              ClientId=summary["ClientId"])
    return str(pool["Id"]), dict(described["UserPoolClient"])


def _bodies(url: str, operation: str) -> list[dict[str, Any]]:
    return [r["body"] for r in sandbox_requests(url) if r["operation"] == operation]


def _spec(tmp_path: Any, publish: str | None, hours: int = 1, name: str = "s.yaml") -> str:
    line = "" if publish is None else (
        f"        publish_secrets_in_aws_secrets_manager: {publish}\n")
    return write_spec(tmp_path, PUBLISHED.format(publish=line, hours=hours), name)


# --- validate -----------------------------------------------------------------------

@pytest.mark.parametrize(("client", "says"), [
    ("      - client_name: web\n        publish_secrets_in_aws_secrets_manager: true\n",
     "needs a client secret: set generate_secret: true"),
    ("      - client_name: web\n        generate_secret: false\n"
     "        publish_secrets_in_aws_secrets_manager: true\n",
     "needs a client secret: set generate_secret: true"),
    ("      - client_name: web\n        client_secret: ${env:S}\n"
     "        publish_secrets_in_aws_secrets_manager: true\n",
     "a custom client_secret can't be published"),
])
def test_publishing_without_a_generated_secret_is_refused_offline(sandbox_url, tmp_path,
                                                                  monkeypatch, client,
                                                                  says):
    monkeypatch.setenv("S", FIRST)
    path = write_spec(tmp_path, "version: 1\nuser_pools:\n  - pool_name: p\n"
                                f"    clients:\n{client}")
    checked = run(sandbox_url, "validate", path)
    assert checked.code == 1
    assert says in checked.err
    assert "publish_secrets_in_aws_secrets_manager" in checked.err
    clear_requests(sandbox_url)
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 1
    assert sandbox_requests(sandbox_url) == []  # nothing was read or changed
    assert FIRST not in checked.text


# --- publish_secrets_in_aws_secrets_manager -------------------------------------------

def test_a_published_client_converges_and_outputs_give_its_arn(sandbox_url, idp,
                                                               tmp_path):
    path = _spec(tmp_path, "true")
    applied = run(sandbox_url, "apply", "--auto-approve", path)
    assert applied.code == 0, applied.text
    [create] = _bodies(sandbox_url, "CreateUserPoolClient")
    assert create["PublishSecretsInAWSSecretsManager"] is True
    _, client = _client(idp)
    arn = client["ClientSecretArn"]
    assert run(sandbox_url, "plan", "--detailed-exitcode", path).code == 0

    as_json = run(sandbox_url, "outputs", path)
    assert as_json.code == 0, as_json.text
    pool = json.loads(as_json.out)["pools"]["shop-users"]
    assert pool["client_secret_arns"] == {"backend": arn}
    assert "client_types" not in pool  # REGULAR, as every client the tool makes
    as_env = run(sandbox_url, "outputs", "--format", "env", path)
    assert f"SHOP_USERS_CLIENT_BACKEND_SECRET_ARN={arn}" in as_env.out.splitlines()
    assert "SHOP_USERS_CLIENT_BACKEND_TYPE" not in as_env.out


def test_outputs_never_give_a_secret_kept_by_cognito(sandbox_url, idp, tmp_path):
    path = _spec(tmp_path, None)
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    pool_id, client = _client(idp)
    secret = idp.describe_user_pool_client(UserPoolId=pool_id, ClientId=client["ClientId"])[
        "UserPoolClient"]["ClientSecret"]
    for form in ("json", "env"):
        shown = run(sandbox_url, "outputs", "--format", form, path)
        assert shown.code == 0, shown.text
        assert secret not in shown.text
        assert "SECRET_ARN" not in shown.out and "client_secret_arns" not in shown.out


def test_a_spec_without_the_flag_keeps_the_live_setting(sandbox_url, idp, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", _spec(tmp_path, "true")).code == 0
    _, before = _client(idp)
    clear_requests(sandbox_url)
    unmanaged = _spec(tmp_path, None, hours=2, name="unmanaged.yaml")
    applied = run(sandbox_url, "apply", "--auto-approve", unmanaged)
    assert applied.code == 0, applied.text
    [update] = _bodies(sandbox_url, "UpdateUserPoolClient")
    assert update["AccessTokenValidity"] == 2
    # Omitted, Cognito keeps the secret where it is; sent, true would migrate again.
    assert "PublishSecretsInAWSSecretsManager" not in update
    _, after = _client(idp)
    assert after["ClientSecretArn"] == before["ClientSecretArn"]


def test_turning_publishing_off_names_the_secret_it_deletes(sandbox_url, idp, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", _spec(tmp_path, "true")).code == 0
    _, before = _client(idp)
    arn = before["ClientSecretArn"]
    off = _spec(tmp_path, "false", name="off.yaml")
    planned = run(sandbox_url, "plan", "--detailed-exitcode", off)
    assert planned.code == 2, planned.text
    assert f"deletes the Secrets Manager secret {arn}" in planned.out
    as_json = json.loads(run(sandbox_url, "plan", "--json", off).out)
    [change] = as_json["changes"]
    assert change["action"] == "update"
    assert arn in change["reason"]
    assert [(f["path"], f["before"], f["after"]) for f in change["fields"]] == [
        ("publish_secrets_in_aws_secrets_manager", True, False)]
    clear_requests(sandbox_url)
    applied = run(sandbox_url, "apply", "--auto-approve", off)
    assert applied.code == 0, applied.text
    [update] = _bodies(sandbox_url, "UpdateUserPoolClient")
    assert update["PublishSecretsInAWSSecretsManager"] is False
    _, after = _client(idp)
    assert "ClientSecretArn" not in after and after["ClientSecret"]
    assert after["ClientSecret"] not in applied.text
    assert run(sandbox_url, "plan", "--detailed-exitcode", off).code == 0


def test_turning_publishing_on_moves_a_generated_secret(sandbox_url, idp, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", _spec(tmp_path, None)).code == 0
    on = _spec(tmp_path, "true", name="on.yaml")
    planned = run(sandbox_url, "plan", on)
    assert "rotates it right away" in planned.out
    applied = run(sandbox_url, "apply", "--auto-approve", on)
    assert applied.code == 0, applied.text
    _, after = _client(idp)
    assert after["ClientSecretArn"].startswith("arn:aws:secretsmanager:us-east-1:")
    # Published, the client still has its secret: no replace is planned.
    assert run(sandbox_url, "plan", "--detailed-exitcode", on).code == 0
    assert run(sandbox_url, "plan", "--detailed-exitcode", _spec(tmp_path, None)).code == 0


# --- a custom secret, rotated in place ------------------------------------------------

def test_a_changed_custom_secret_is_rotated_in_place_and_never_shown(sandbox_url, idp,
                                                                     tmp_path,
                                                                     monkeypatch):
    monkeypatch.setenv("BACKEND_SECRET", FIRST)
    path = write_spec(tmp_path, CUSTOM)
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    pool_id, before = _client(idp)
    assert run(sandbox_url, "plan", "--detailed-exitcode", path).code == 0

    monkeypatch.setenv("BACKEND_SECRET", SECOND)
    saved = tmp_path / "rotate.plan"
    outputs = [run(sandbox_url, "plan", "--detailed-exitcode", "--out", str(saved), path),
               run(sandbox_url, "plan", "--json", path),
               run(sandbox_url, "plan", "--format", "markdown", path),
               run(sandbox_url, "-v", "plan", path)]
    assert outputs[0].code == 2, outputs[0].text
    assert "client_secret" in outputs[0].out and "(sensitive)" in outputs[0].out
    assert "AddUserPoolClientSecret" in outputs[0].out
    [change] = json.loads(outputs[1].out)["changes"]
    assert change["action"] == "update"
    assert [{k: f[k] for k in ("path", "before", "after")} for f in change["fields"]] == [
        {"path": "client_secret", "before": "(sensitive)", "after": "(sensitive)"}]
    assert change["calls"] == ["AddUserPoolClientSecret", "DeleteUserPoolClientSecret"]
    for shown in [*(o.text for o in outputs), saved.read_text()]:
        assert FIRST not in shown and SECOND not in shown

    clear_requests(sandbox_url)
    applied = run(sandbox_url, "-v", "apply", "--auto-approve", str(saved))
    assert applied.code == 0, applied.text
    assert FIRST not in applied.text and SECOND not in applied.text
    [add] = _bodies(sandbox_url, "AddUserPoolClientSecret")
    assert add["ClientSecret"] == SECOND
    writes = [r["operation"] for r in sandbox_requests(sandbox_url)
              if r["operation"].endswith("ClientSecret")]
    assert writes == ["AddUserPoolClientSecret", "DeleteUserPoolClientSecret"]
    assert _bodies(sandbox_url, "UpdateUserPoolClient") == []
    [left] = idp.list_user_pool_client_secrets(UserPoolId=pool_id, ClientId=before[
        "ClientId"])["ClientSecrets"]
    [deleted] = _bodies(sandbox_url, "DeleteUserPoolClientSecret")
    assert left["ClientSecretId"] != deleted["ClientSecretId"]
    _, after = _client(idp)
    assert after["ClientId"] == before["ClientId"]  # in place: apps keep their client id
    # Cognito promotes no secret once the first is deleted: nothing to compare, no
    # replace planned (the client still has its secret, as the list says), and the
    # plan says so.
    replanned = run(sandbox_url, "plan", "--detailed-exitcode", path)
    assert replanned.code == 0, replanned.text
    assert "client_secret is not compared" in replanned.text
    assert SECOND not in replanned.text


def test_a_rotation_beside_a_second_secret_makes_room_first(sandbox_url, idp, tmp_path,
                                                            monkeypatch):
    monkeypatch.setenv("BACKEND_SECRET", FIRST)
    path = write_spec(tmp_path, CUSTOM)
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    pool_id, client = _client(idp)
    idp.add_user_pool_client_secret(UserPoolId=pool_id, ClientId=client["ClientId"])
    monkeypatch.setenv("BACKEND_SECRET", SECOND)
    clear_requests(sandbox_url)
    applied = run(sandbox_url, "apply", "--auto-approve", path)
    assert applied.code == 0, applied.text
    order = [r["operation"] for r in sandbox_requests(sandbox_url)
             if r["operation"].endswith("ClientSecret")]
    assert order == ["DeleteUserPoolClientSecret", "AddUserPoolClientSecret",
                     "DeleteUserPoolClientSecret"]
    [left] = idp.list_user_pool_client_secrets(UserPoolId=pool_id,
                                               ClientId=client["ClientId"])["ClientSecrets"]
    [add] = _bodies(sandbox_url, "AddUserPoolClientSecret")
    assert add["ClientSecret"] == SECOND
    assert left["ClientSecretId"] not in {b["ClientSecretId"] for b in _bodies(
        sandbox_url, "DeleteUserPoolClientSecret")}


def test_an_unchanged_custom_secret_plans_nothing_and_lists_once(sandbox_url, tmp_path,
                                                                 monkeypatch):
    monkeypatch.setenv("BACKEND_SECRET", FIRST)
    path = write_spec(tmp_path, CUSTOM)
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    clear_requests(sandbox_url)
    assert run(sandbox_url, "plan", "--detailed-exitcode", path).code == 0
    listed = [r for r in sandbox_requests(sandbox_url)
              if r["operation"] == "ListUserPoolClientSecrets"]
    assert len(listed) == 1


# --- export -----------------------------------------------------------------------------

def test_export_keeps_publishing_and_says_where_the_secret_is(sandbox_url, idp, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", _spec(tmp_path, "true")).code == 0
    _, client = _client(idp)
    exported = run(sandbox_url, "export", "--pool-name", "shop-users")
    assert exported.code == 0, exported.text
    line = next(x for x in exported.out.splitlines()
                if "publish_secrets_in_aws_secrets_manager" in x)
    assert line.split("#")[0].strip() == "publish_secrets_in_aws_secrets_manager: true"
    assert f"its secret is in Secrets Manager: {client['ClientSecretArn']}" in line
    path = write_spec(tmp_path, exported.out, "exported.yaml")
    assert run(sandbox_url, "plan", "--detailed-exitcode", path).code == 0


def test_export_of_a_custom_secret_client_never_holds_the_secret(sandbox_url, tmp_path,
                                                                 monkeypatch):
    monkeypatch.setenv("BACKEND_SECRET", FIRST)
    assert run(sandbox_url, "apply", "--auto-approve", write_spec(tmp_path, CUSTOM)).code == 0
    out = tmp_path / "exported.yaml"
    exported = run(sandbox_url, "-v", "export", "--pool-name", "shop-users", "--full")
    written = run(sandbox_url, "export", "--pool-name", "shop-users", "--out", str(out))
    assert exported.code == 0 and written.code == 0, exported.text + written.text
    assert FIRST not in exported.text and FIRST not in out.read_text()
    assert "its secret stays in Cognito: never exported" in exported.out


def test_a_secret_added_outside_the_tool_is_named_not_deleted(sandbox_url, idp, tmp_path,
                                                              monkeypatch):
    monkeypatch.setenv("BACKEND_SECRET", FIRST)
    path = write_spec(tmp_path, CUSTOM)
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    pool_id, client = _client(idp)
    idp.add_user_pool_client_secret(UserPoolId=pool_id, ClientId=client["ClientId"],
                                    ClientSecret=SECOND)
    clear_requests(sandbox_url)
    planned = run(sandbox_url, "apply", "--auto-approve", path)
    assert planned.code == 0, planned.text
    assert "the client has 2 active secrets" in planned.text
    assert [r for r in sandbox_requests(sandbox_url)
            if r["operation"].endswith("ClientSecret")] == []
    assert FIRST not in planned.text and SECOND not in planned.text
