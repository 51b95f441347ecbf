"""Saved plans (issue 12.8, 12.9, 12.12): bound to where they were made, holding
nothing that helps guess a secret, and every malformed file one clear line.

12.8 "Saved plans don't record region, account, endpoint or profile: a create plan
made for us-east-1 applied cleanly to eu-west-1. A malformed or truncated plan file
is an internal error; spec_paths is trusted from the file."
12.9 "The spec digest in a saved plan is an unsalted hash of the spec plus every
${env:} value: anyone with the plan artifact and the spec can test guesses of a
secret offline."
12.12 "plan --out into a missing folder is an internal error; a JSON spec that
mentions cognito-reconciler-plan is taken for a saved plan."
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from reconciler import __version__
from reconciler.saved_plan import is_saved_plan

from .cli import Result, clear_requests, run, sandbox_requests, write_spec, writes

SPEC = """\
version: 1
user_pools:
  - pool_name: bound
    policies:
      password_policy: {minimum_length: 10}
    clients:
      - client_name: web
        callback_urls: ["${env:APP_URL}/callback"]
        allowed_oauth_flows_user_pool_client: true
        allowed_oauth_flows: [code]
        allowed_oauth_scopes: [openid]
        supported_identity_providers: [COGNITO, Google]
    identity_providers:
      - provider_name: Google
        provider_type: Google
        provider_details:
          client_id: "1234567890-bound.apps.googleusercontent.com"
          client_secret: "${env:GOOGLE_CLIENT_SECRET}"
          authorize_scopes: "openid email"
        attribute_mapping: {email: email}
"""


@pytest.fixture
def spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("APP_URL", "https://app.example.com")
    monkeypatch.setenv("GOOGLE_CLIENT_SECRET", "GOCSPX-first-secret-value")
    return write_spec(tmp_path, SPEC)


def error_lines(result: Result) -> list[str]:
    assert result.code == 1, result.text
    assert "Traceback" not in result.text and "internal error" not in result.text
    return [line for line in result.err.splitlines() if line.startswith("Error: ")]


def pools(cognito: Any) -> list[str]:
    return [p["Name"] for p in cognito.list_user_pools(MaxResults=60)["UserPools"]]


def save(url: str, spec: str, out: Path, *extra: str) -> dict[str, Any]:
    result = run(url, *extra, "plan", "--out", str(out), spec)
    assert result.code == 0, result.text
    document: dict[str, Any] = json.loads(out.read_text())
    return document


# --- 12.8: bound to the region, endpoint, account and tool version ------------------


def test_a_plan_made_for_one_region_is_refused_in_another(sandbox_url: str, cognito: Any,
                                                         spec: str, tmp_path: Path) -> None:
    saved = tmp_path / "create.plan.json"
    document = save(sandbox_url, spec, saved, "--region", "us-east-1")
    assert document["target"]["regions"] == {"user_pool.bound": "us-east-1"}
    clear_requests(sandbox_url)
    refused = run(sandbox_url, "--region", "eu-west-1", "apply", "--auto-approve", str(saved))
    [line] = error_lines(refused)
    assert "made for region us-east-1" in line and "eu-west-1" in line
    assert sandbox_requests(sandbox_url) == []  # refused before reading anything
    assert pools(cognito) == []
    # Where it was made for, it applies.
    applied = run(sandbox_url, "--region", "us-east-1", "apply", "--auto-approve", str(saved))
    assert applied.code == 0, applied.text
    assert pools(cognito) == ["bound"]


def test_a_plan_made_against_one_endpoint_is_refused_at_another(
        sandbox_url: str, cognito: Any, spec: str, tmp_path: Path) -> None:
    saved = tmp_path / "create.plan.json"
    document = save(sandbox_url, spec, saved)
    assert document["target"]["endpoint"] == sandbox_url
    other = sandbox_url.replace("127.0.0.1", "localhost")  # the same server, named otherwise
    refused = run(other, "apply", "--auto-approve", str(saved))
    [line] = error_lines(refused)
    assert f"made for the endpoint {sandbox_url}" in line and other in line
    assert pools(cognito) == []


def test_the_same_endpoint_written_otherwise_is_the_same(sandbox_url: str, cognito: Any,
                                                          spec: str, tmp_path: Path) -> None:
    saved = tmp_path / "create.plan.json"
    save(sandbox_url, spec, saved)
    written_otherwise = sandbox_url.replace("http://", "HTTP://") + "/"
    applied = run(written_otherwise, "apply", "--auto-approve", str(saved))
    assert applied.code == 0, applied.text
    assert pools(cognito) == ["bound"]


def test_a_plan_made_for_aws_is_refused_at_a_local_endpoint(
        sandbox_url: str, cognito: Any, spec: str, tmp_path: Path) -> None:
    saved = tmp_path / "create.plan.json"
    document = save(sandbox_url, spec, saved)
    document["target"]["endpoint"] = None  # as if made against AWS itself
    saved.write_text(json.dumps(document))
    [line] = error_lines(run(sandbox_url, "apply", "--auto-approve", str(saved)))
    assert "made for AWS's own endpoint" in line
    assert pools(cognito) == []


def test_a_create_plan_is_refused_in_another_account(sandbox_url: str, cognito: Any, spec: str,
                                                    tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    saved = tmp_path / "create.plan.json"
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "111111111111")
    document = save(sandbox_url, spec, saved)
    # No pool exists yet: the account comes from STS GetCallerIdentity.
    assert document["target"]["account"] == "111111111111"
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "222222222222")
    clear_requests(sandbox_url)
    [line] = error_lines(run(sandbox_url, "apply", "--auto-approve", str(saved)))
    assert "made for AWS account 111111111111" in line and "222222222222" in line
    assert writes(sandbox_url) == []
    assert pools(cognito) == []  # the client's account (moto's default) has none either


def test_an_update_plan_takes_the_account_from_the_pool_arn(
        sandbox_url: str, cognito: Any, spec: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "111111111111")
    assert run(sandbox_url, "apply", "--auto-approve", spec).code == 0
    Path(spec).write_text(SPEC.replace("minimum_length: 10", "minimum_length: 12"))
    clear_requests(sandbox_url)
    saved = tmp_path / "update.plan.json"
    document = save(sandbox_url, spec, saved)
    assert document["target"]["account"] == "111111111111"
    assert "GetCallerIdentity" not in [r["operation"] for r in sandbox_requests(sandbox_url)]
    # The same pool made in another account: refused for the account, not as "stale".
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "222222222222")
    assert run(sandbox_url, "apply", "--auto-approve",
               write_spec(tmp_path, SPEC, "old.yaml")).code == 0
    [line] = error_lines(run(sandbox_url, "apply", "--auto-approve", str(saved)))
    assert "made for AWS account 111111111111" in line


def test_a_plan_made_by_another_version_is_refused(sandbox_url: str, cognito: Any, spec: str,
                                                   tmp_path: Path) -> None:
    saved = tmp_path / "create.plan.json"
    document = save(sandbox_url, spec, saved)
    assert document["tool_version"] == __version__
    document["tool_version"] = "0.0.1"
    saved.write_text(json.dumps(document))
    [line] = error_lines(run(sandbox_url, "apply", "--auto-approve", str(saved)))
    assert "made by cognito-reconciler 0.0.1" in line
    assert pools(cognito) == []


# --- 12.8: malformed files -------------------------------------------------------------


def _damaged(document: dict[str, Any], text: str) -> list[tuple[str, str, str]]:
    """(case, file content, a fragment of the one error line)."""
    def changed(**edits: Any) -> str:
        copy = json.loads(json.dumps(document))
        for dotted, value in edits.items():
            node = copy
            *parents, last = dotted.split("__")
            for parent in parents:
                node = node[parent]
            if value is KeyError:
                del node[last]
            else:
                node[last] = value
        return json.dumps(copy)

    return [
        ("truncated", text[: len(text) // 2], "truncated or damaged"),
        ("empty object", '{"kind": "cognito-reconciler-plan"}', "missing"),
        ("spec_paths a string", changed(spec_paths="spec.yaml"), "spec_paths"),
        ("spec_paths empty", changed(spec_paths=[]), "spec_paths"),
        ("spec_paths holds a number", changed(spec_paths=[1]), "spec_paths"),
        ("fingerprints a list", changed(live_fingerprints=[]), "live_fingerprints"),
        ("a fingerprint a number", changed(live_fingerprints={"user_pool.bound": 3}),
         "live_fingerprints"),
        ("plan missing", changed(plan=KeyError), "plan"),
        ("plan changes not a list", changed(plan__changes={}), "plan.changes"),
        ("target missing", changed(target=KeyError), "target"),
        ("regions a list", changed(target__regions=["us-east-1"]), "target.regions"),
        ("endpoint a number", changed(target__endpoint=5), "target.endpoint"),
        ("resend_secrets a string", changed(resend_secrets="yes"), "resend_secrets"),
        ("digest not hex", changed(spec_digest="x"), "spec_digest"),
        ("unknown key", changed(extra=1), "extra"),
        ("version a number", changed(tool_version=1), "tool_version"),
        ("not UTF-8", '{"kind": "cognito-reconciler-plan", "x": "\udcff"}'.encode(
            "utf-8", "surrogateescape").decode("latin-1"), "truncated or damaged"),
    ]


def test_malformed_plan_files_are_one_clear_line(sandbox_url: str, cognito: Any, spec: str,
                                                tmp_path: Path) -> None:
    saved = tmp_path / "good.plan.json"
    document = save(sandbox_url, spec, saved)
    for case, content, fragment in _damaged(document, saved.read_text()):
        bad = tmp_path / "bad.plan.json"
        bad.write_bytes(content.encode("latin-1") if case == "not UTF-8" else content.encode())
        assert is_saved_plan(str(bad)), case
        clear_requests(sandbox_url)
        result = run(sandbox_url, "apply", "--auto-approve", str(bad))
        lines = error_lines(result)
        assert len(lines) == 1, (case, result.err)
        assert "is not a usable saved plan" in lines[0] and fragment in lines[0], (case, lines)
        assert sandbox_requests(sandbox_url) == [], case  # nothing was read or changed
    assert pools(cognito) == []


# --- 12.9: nothing that helps guess a secret -------------------------------------------


def test_the_plan_file_does_not_depend_on_a_secret(sandbox_url: str, spec: str, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    first = tmp_path / "first.plan.json"
    save(sandbox_url, spec, first)
    monkeypatch.setenv("GOOGLE_CLIENT_SECRET", "GOCSPX-another-secret-value")
    second = tmp_path / "second.plan.json"
    save(sandbox_url, spec, second)
    # The file is the same whatever the secret is: it can't confirm a guess.
    assert first.read_bytes() == second.read_bytes()
    # And no hash of the secret, alone or with the spec, is in it (the old digest was).
    text = first.read_text()
    raw = Path(spec).read_bytes()
    old = hashlib.sha256(len(raw).to_bytes(8, "big") + raw)
    for kind_name_value in sorted({("env", "APP_URL", "https://app.example.com"),
                                   ("env", "GOOGLE_CLIENT_SECRET",
                                    "GOCSPX-first-secret-value")}):
        old.update("\0{}:{}={}".format(*kind_name_value).encode())
    assert old.hexdigest() not in text
    assert "GOCSPX" not in text


def test_a_changed_non_secret_variable_still_makes_the_plan_stale(
        sandbox_url: str, cognito: Any, spec: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    saved = tmp_path / "create.plan.json"
    save(sandbox_url, spec, saved)
    monkeypatch.setenv("APP_URL", "https://evil.example.com")
    [line] = error_lines(run(sandbox_url, "apply", "--auto-approve", str(saved)))
    assert "stale" in line
    assert pools(cognito) == []


def test_a_changed_spec_still_makes_the_plan_stale(sandbox_url: str, cognito: Any, spec: str,
                                                   tmp_path: Path) -> None:
    saved = tmp_path / "create.plan.json"
    save(sandbox_url, spec, saved)
    Path(spec).write_text(SPEC.replace("minimum_length: 10", "minimum_length: 11"))
    [line] = error_lines(run(sandbox_url, "apply", "--auto-approve", str(saved)))
    assert "the specs (or the variables) changed" in line
    assert pools(cognito) == []


# --- 12.12: --out into a missing folder; JSON specs ------------------------------------


def test_plan_out_into_a_missing_folder_is_one_line_before_any_read(
        sandbox_url: str, spec: str, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "folder" / "plan.json"
    clear_requests(sandbox_url)
    [line] = error_lines(run(sandbox_url, "plan", "--out", str(target), spec))
    assert "the folder" in line and "does not exist" in line
    assert sandbox_requests(sandbox_url) == []
    assert not target.parent.exists()


def test_plan_out_onto_a_folder_is_one_line(sandbox_url: str, spec: str, tmp_path: Path) -> None:
    [line] = error_lines(run(sandbox_url, "plan", "--out", str(tmp_path), spec))
    assert "is a folder" in line


def test_a_json_spec_naming_the_magic_word_is_a_spec(sandbox_url: str, cognito: Any,
                                                     tmp_path: Path) -> None:
    document = {"version": 1, "user_pools": [{"pool_name": "cognito-reconciler-plan"}]}
    spec = write_spec(tmp_path, json.dumps(document), "pools.json")
    assert not is_saved_plan(spec)
    applied = run(sandbox_url, "apply", "--auto-approve", spec)
    assert applied.code == 0, applied.text
    assert pools(cognito) == ["cognito-reconciler-plan"]
    kinded = write_spec(tmp_path, json.dumps({"kind": "cognito-reconciler-plan-x", **document}),
                        "kinded.json")
    assert not is_saved_plan(kinded)
