"""A client's secret in Secrets Manager, and a custom secret rotated, against real Cognito.

What the sandbox assumes here rests on the model's documentation and one emulator's
account (docs/fidelity.md, "Client secrets and client type (issue 11)"); these runs
turn it into a checked fact. Where the evidence allows two readings (does Describe
show the secret added last, or none once the original is deleted?), the assertions
accept both and the tool must converge under either.
"""

from __future__ import annotations

import json
import re
from typing import Any

from . import specs
from .harness import cli

FIRST = "crtestFirstSecret0123456789abcdefghijk"
SECOND = "crtestSecondSecret0123456789abcdefghij"
# doc: ClientSecretArnType's pattern.
ARN = re.compile(r"^arn:(aws|aws-us-gov|aws-eusc):secretsmanager:[\w-]+:\d{12}:secret/")


def _client(aws: Any, prefix: str) -> tuple[str, dict[str, Any]]:
    from .harness import sweeper
    [pool] = [p for p in sweeper.pools(aws) if p["Name"] == prefix + "small"]
    [summary] = aws.list_user_pool_clients(UserPoolId=pool["Id"],
                                           MaxResults=60)["UserPoolClients"]
    found = aws.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=summary["ClientId"])
    return str(pool["Id"]), dict(found["UserPoolClient"])


def test_a_published_secret_is_handed_over_by_its_arn(tmp_path, prefix, aws):
    spec = specs.write(tmp_path, specs.small(prefix, {
        "generate_secret": True, "publish_secrets_in_aws_secrets_manager": True}))
    applied = cli("apply", "--auto-approve", spec)
    assert applied.code == 0, applied.text
    _, client = _client(aws, prefix)
    assert "ClientSecret" not in client
    assert ARN.match(client["ClientSecretArn"]), client["ClientSecretArn"]
    assert cli("plan", "--detailed-exitcode", spec).code == 0
    outputs = json.loads(cli("outputs", spec).out)
    [pool] = outputs["pools"].values()
    assert pool["client_secret_arns"] == {"app": client["ClientSecretArn"]}

    off = specs.write(tmp_path, specs.small(prefix, {
        "generate_secret": True, "publish_secrets_in_aws_secrets_manager": False}), "off.yaml")
    planned = cli("plan", "--detailed-exitcode", off)
    assert planned.code == 2, planned.text
    assert f"deletes the Secrets Manager secret {client['ClientSecretArn']}" in planned.out
    assert cli("apply", "--auto-approve", off).code == 0
    _, after = _client(aws, prefix)
    assert "ClientSecretArn" not in after
    assert cli("plan", "--detailed-exitcode", off).code == 0


def test_a_changed_custom_secret_is_rotated_in_place(tmp_path, prefix, aws, monkeypatch):
    spec = specs.write(tmp_path, specs.small(prefix, {
        "generate_secret": False, "client_secret": "${env:CRTEST_SECRET}"}))
    monkeypatch.setenv("CRTEST_SECRET", FIRST)
    assert cli("apply", "--auto-approve", spec).code == 0
    pool_id, before = _client(aws, prefix)
    assert before.get("ClientSecret") == FIRST
    monkeypatch.setenv("CRTEST_SECRET", SECOND)
    planned = cli("plan", "--json", spec)
    [change] = json.loads(planned.out)["changes"]
    assert change["calls"] == ["AddUserPoolClientSecret", "DeleteUserPoolClientSecret"]
    applied = cli("apply", "--auto-approve", spec)
    assert applied.code == 0, applied.text
    assert FIRST not in applied.text and SECOND not in applied.text
    _, after = _client(aws, prefix)
    assert after["ClientId"] == before["ClientId"]
    # Either reading: the secret added last, or none once the original is deleted.
    assert after.get("ClientSecret") in (None, SECOND)
    listed = aws.list_user_pool_client_secrets(UserPoolId=pool_id, ClientId=after["ClientId"])
    assert len(listed["ClientSecrets"]) == 1
    assert cli("plan", "--detailed-exitcode", spec).code == 0
