"""A client with a custom secret (issue 12.6).

Cognito refuses ``GenerateSecret: true`` beside a ``ClientSecret`` (doc:
CreateUserPoolClientRequest.ClientSecret "You cannot specify both GenerateSecret
as true and provide a ClientSecret value"), so a custom secret is given with
``generate_secret: false`` or without it: either way the client is confidential.
"""

from __future__ import annotations

import pytest

from .cli import clear_requests, run, write_spec, writes

SPEC = """\
version: 1
user_pools:
  - pool_name: shop-users
    clients:
      - client_name: backend
{extra}        client_secret: ${{env:BACKEND_SECRET}}
"""
SECRET = "custom_secret_0123456789abcdefghijklmnopqrstuvwxyz"


@pytest.mark.parametrize("extra", ["        generate_secret: false\n", ""])
def test_a_custom_secret_converges_and_plans_no_replace(sandbox_url, cognito, tmp_path,
                                                         monkeypatch, extra):
    monkeypatch.setenv("BACKEND_SECRET", SECRET)
    path = write_spec(tmp_path, SPEC.format(extra=extra))
    applied = run(sandbox_url, "apply", "--auto-approve", path)
    assert applied.code == 0, applied.text
    assert SECRET not in applied.text
    [pool] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    [client] = cognito.list_user_pool_clients(UserPoolId=pool["Id"])["UserPoolClients"]
    described = cognito.describe_user_pool_client(
        UserPoolId=pool["Id"], ClientId=client["ClientId"])["UserPoolClient"]
    assert described["ClientSecret"] == SECRET

    clear_requests(sandbox_url)
    planned = run(sandbox_url, "plan", "--detailed-exitcode", path)
    assert planned.code == 0, planned.text
    assert "No changes" in planned.out
    again = run(sandbox_url, "apply", "--auto-approve", "--allow-replace", path)
    assert again.code == 0, again.text
    assert writes(sandbox_url) == []
    [same] = cognito.list_user_pool_clients(UserPoolId=pool["Id"])["UserPoolClients"]
    assert same["ClientId"] == client["ClientId"]
