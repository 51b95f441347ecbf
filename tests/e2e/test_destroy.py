"""`destroy SPEC...` (issue 13, trap 5; CONTRACT.md): deletes the pools the specs
declare, after showing their users and contents; refuses deletion protection
ACTIVE; asks for each pool's name unless --auto-approve; domain deleted first."""

from __future__ import annotations

import json

from .cli import clear_requests, run, sandbox_requests, write_spec, writes

SPEC = """\
version: 1
user_pools:
  - pool_name: doomed-users
    deletion_protection: {protection}
    domain:
      domain: doomed-login
    groups:
      - group_name: admins
    clients:
      - client_name: web
"""


def setup(sandbox_url, cognito, tmp_path, protection="INACTIVE"):
    spec = write_spec(tmp_path, SPEC.format(protection=protection))
    applied = run(sandbox_url, "apply", "--auto-approve", spec)
    assert applied.code == 0, applied.text
    [pool] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    for name in ("ann", "bob"):
        cognito.admin_create_user(UserPoolId=pool["Id"], Username=name)
    # Made outside the spec: destroy must name it too (it goes with the pool).
    cognito.create_user_pool_client(UserPoolId=pool["Id"], ClientName="console-made")
    clear_requests(sandbox_url)
    return spec, pool["Id"]


def test_destroy_shows_users_and_contents_then_deletes_domain_first(sandbox_url, cognito,
                                                                    tmp_path):
    spec, pool_id = setup(sandbox_url, cognito, tmp_path)
    result = run(sandbox_url, "destroy", spec, "--auto-approve")
    assert result.code == 0, result.text
    assert f"user_pool.doomed-users: region us-east-1, endpoint {sandbox_url}" in result.out
    assert f"user_pool.doomed-users ({pool_id}, us-east-1): 2 user(s)" in result.err
    for address in ("client.web", "client.console-made", "group.admins", "domain.doomed-login"):
        assert f"user_pool.doomed-users.{address}" in result.text
    assert writes(sandbox_url) == ["DeleteUserPoolDomain", "DeleteUserPool"]
    assert cognito.list_user_pools(MaxResults=60)["UserPools"] == []
    assert "Destroy complete: 1 pool(s) deleted." in result.err


def test_destroy_asks_for_the_pool_name(sandbox_url, cognito, tmp_path):
    spec, _ = setup(sandbox_url, cognito, tmp_path)
    for answer in ("yes\n", "doomed\n", ""):
        refused = run(sandbox_url, "destroy", spec, stdin=answer)
        assert refused.code == 1, refused.text
        assert "destroy cancelled" in refused.err
    assert writes(sandbox_url) == []
    assert len(cognito.list_user_pools(MaxResults=60)["UserPools"]) == 1
    typed = run(sandbox_url, "destroy", spec, stdin="doomed-users\n")
    assert typed.code == 0, typed.text
    assert cognito.list_user_pools(MaxResults=60)["UserPools"] == []


def test_destroy_refuses_deletion_protection_and_says_how_to_lift_it(sandbox_url, cognito,
                                                                    tmp_path):
    spec, _ = setup(sandbox_url, cognito, tmp_path, protection="ACTIVE")
    result = run(sandbox_url, "destroy", spec, "--auto-approve")
    assert result.code == 1
    assert "deletion protection is ACTIVE" in result.err
    assert "deletion_protection: INACTIVE" in result.err
    assert writes(sandbox_url) == []
    assert len(cognito.list_user_pools(MaxResults=60)["UserPools"]) == 1


def test_destroy_of_pools_that_do_not_exist_changes_nothing(sandbox_url, tmp_path):
    spec = write_spec(tmp_path, SPEC.format(protection="INACTIVE"))
    result = run(sandbox_url, "destroy", spec, "--auto-approve")
    assert result.code == 0, result.text
    assert "no such pool" in result.err and "Nothing to destroy." in result.err
    assert writes(sandbox_url) == []


def test_destroy_json_lists_users_and_losses(sandbox_url, cognito, tmp_path):
    spec, pool_id = setup(sandbox_url, cognito, tmp_path)
    result = run(sandbox_url, "destroy", spec, "--json", stdin="no\n")
    assert result.code == 1
    [pool] = [c for c in json.loads(result.out)["changes"]
              if c["address"] == "user_pool.doomed-users"]
    assert pool["action"] == "delete" and pool["id"] == pool_id
    assert pool["users_lost"] == 2
    assert pool["calls"] == ["DeleteUserPoolDomain", "DeleteUserPool"]
    assert "user_pool.doomed-users.client.console-made" in pool["destroys"]
    assert writes(sandbox_url) == []


def test_destroy_stops_when_the_pool_gained_something_unlisted(sandbox_url, cognito,
                                                               tmp_path, monkeypatch):
    spec, pool_id = setup(sandbox_url, cognito, tmp_path)
    from reconciler.commands import destroy_cmd

    real = destroy_cmd.confirm

    def answer_then_add(question: str, expected: str, cancelled: str) -> None:
        real(question, expected, cancelled)
        # Someone adds a client between the plan and the delete.
        cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="late-arrival")

    monkeypatch.setattr(destroy_cmd, "confirm", answer_then_add)
    result = run(sandbox_url, "destroy", spec, stdin="doomed-users\n")
    assert result.code == 1
    assert "late-arrival" in result.err
    assert "DeleteUserPool" not in writes(sandbox_url)
    assert [p["Id"] for p in cognito.list_user_pools(MaxResults=60)["UserPools"]] == [pool_id]


def test_destroy_reads_no_more_than_it_shows(sandbox_url, cognito, tmp_path):
    # Nothing is written before the answer: every call up to the prompt is a read.
    spec, _ = setup(sandbox_url, cognito, tmp_path)
    run(sandbox_url, "destroy", spec, stdin="")
    assert all(r["operation"].startswith(("Describe", "List", "Get"))
               for r in sandbox_requests(sandbox_url))


def test_destroy_deletes_the_pinned_pool_not_its_namesake(sandbox_url, cognito, tmp_path):
    ids = [cognito.create_user_pool(PoolName="twin")["UserPool"]["Id"] for _ in range(2)]
    spec = write_spec(tmp_path, f"version: 1\nuser_pools:\n  - pool_name: twin\n"
                                f"    id: {ids[1]}\n")
    result = run(sandbox_url, "destroy", spec, stdin="twin\n")
    assert result.code == 0, result.text
    assert [p["Id"] for p in cognito.list_user_pools(MaxResults=60)["UserPools"]] == [ids[0]]


def test_destroy_refuses_two_pools_of_the_name_without_an_id(sandbox_url, cognito, tmp_path):
    for _ in range(2):
        cognito.create_user_pool(PoolName="twin")
    clear_requests(sandbox_url)
    spec = write_spec(tmp_path, "version: 1\nuser_pools:\n  - pool_name: twin\n")
    result = run(sandbox_url, "destroy", spec, "--auto-approve")
    assert result.code == 1
    assert writes(sandbox_url) == []
    assert len(cognito.list_user_pools(MaxResults=60)["UserPools"]) == 2
