"""The e2e scenarios against real Cognito, through the command users run."""

from __future__ import annotations

import json
from typing import Any

import pytest

from . import specs
from .harness import cli

SECRET = "crtestBackendSecret0123456789abcdef0123"
OIDC_SECRET = "crtest-oidc-secret-value"


def _pool_id(aws: Any, name: str) -> str:
    from .harness import sweeper
    [pool] = [p for p in sweeper.pools(aws) if p["Name"] == name]
    return str(pool["Id"])


def test_walkthrough(tmp_path, prefix):
    spec = specs.write(tmp_path, specs.workshop(prefix))
    assert cli("validate", spec).code == 0
    planned = cli("plan", "--detailed-exitcode", spec)
    assert planned.code == 2, planned.text
    assert "Plan: 2 to create, 0 to update, 0 to replace, 0 to delete." in planned.out
    applied = cli("apply", "--auto-approve", spec)
    assert applied.code == 0, applied.text
    assert "A fresh plan shows no changes" in applied.err
    replanned = cli("plan", "--detailed-exitcode", spec)
    assert replanned.code == 0, replanned.text


def test_every_part(tmp_path, prefix, monkeypatch):
    monkeypatch.setenv("KITCHEN_SINK_BACKEND_SECRET", SECRET)
    monkeypatch.setenv("KITCHEN_SINK_OIDC_SECRET", OIDC_SECRET)
    spec = specs.write(tmp_path, specs.kitchen_sink(prefix))
    applied = cli("apply", "--auto-approve", spec)
    assert applied.code == 0, applied.text
    assert SECRET not in applied.text and OIDC_SECRET not in applied.text
    replanned = cli("plan", "--detailed-exitcode", spec)
    assert replanned.code == 0, replanned.text


def test_replace_a_client(tmp_path, prefix):
    spec = specs.write(tmp_path, specs.small(prefix))
    assert cli("apply", "--auto-approve", spec).code == 0
    confidential = specs.write(tmp_path, specs.small(prefix, {"generate_secret": True}))
    planned = cli("plan", "--json", confidential)
    assert planned.code == 0, planned.text
    plan = json.loads(planned.out)
    assert plan["summary"]["replace"] == 1, plan
    [change] = [c for c in plan["changes"] if c["action"] == "replace"]
    assert change["address"].endswith(".client.app") and change["reason"], change
    refused = cli("apply", "--auto-approve", confidential)
    assert refused.code == 1, refused.text
    applied = cli("apply", "--auto-approve", "--allow-replace", confidential)
    assert applied.code == 0, applied.text
    assert cli("plan", "--detailed-exitcode", confidential).code == 0


def test_drift_made_outside_the_tool_is_planned(tmp_path, prefix, aws):
    spec = specs.write(tmp_path, specs.small(prefix))
    assert cli("apply", "--auto-approve", spec).code == 0
    pool_id = _pool_id(aws, prefix + "small")
    [summary] = aws.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)["UserPoolClients"]
    live = aws.describe_user_pool_client(UserPoolId=pool_id,
                                         ClientId=summary["ClientId"])["UserPoolClient"]
    # A full update (Cognito resets what an update omits), one setting changed.
    members = aws.meta.service_model.operation_model("UpdateUserPoolClient").input_shape.members
    body = {k: v for k, v in live.items() if k in members}
    body["AccessTokenValidity"] = 30
    aws.update_user_pool_client(**body)
    drifted = cli("plan", "--detailed-exitcode", spec)
    assert drifted.code == 2, drifted.text
    assert "access_token_validity" in drifted.out
    assert cli("apply", "--auto-approve", spec).code == 0
    assert cli("plan", "--detailed-exitcode", spec).code == 0


@pytest.mark.parametrize("source", ["small", "workshop"])
def test_export_round_trip(tmp_path, prefix, source):
    spec_doc = specs.small(prefix) if source == "small" else specs.workshop(prefix)
    spec = specs.write(tmp_path, spec_doc)
    assert cli("apply", "--auto-approve", spec).code == 0
    name = spec_doc["user_pools"][0]["pool_name"]
    exported = cli("export", "--pool-name", name)
    assert exported.code == 0, exported.text
    path = tmp_path / "exported.yaml"
    path.write_text(exported.out)
    replanned = cli("plan", "--detailed-exitcode", str(path))
    assert replanned.code == 0, replanned.text
