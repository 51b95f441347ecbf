"""Names made by hand in Cognito reach the plan escaped (issue 12.11).

Client and pool names may hold whitespace, carriage returns included (their API
pattern is ``[\\w\\s+=,.@-]+``); printed raw, a carriage return lets a name
overwrite the line that says what happens to it.
"""

from __future__ import annotations

from .cli import run, write_spec

SPEC = """\
version: 1
user_pools:
  - pool_name: shop-users
    clients:
      - client_name: web
"""
HOSTILE = "old-app\r  + client web is fine, nothing to delete"


def test_a_hand_made_client_name_cannot_rewrite_its_plan_line(sandbox_url, cognito, tmp_path):
    path = write_spec(tmp_path, SPEC)
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    [pool] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    cognito.create_user_pool_client(UserPoolId=pool["Id"], ClientName=HOSTILE)

    text = run(sandbox_url, "plan", path)
    assert text.code == 0, text.text
    assert "\r" not in text.out
    assert "old-app\\r  + client" in text.out
    markdown = run(sandbox_url, "plan", "--format", "markdown", path)
    assert markdown.code == 0, markdown.text
    assert "\r" not in markdown.out
    assert "old-app\\r" in markdown.out
