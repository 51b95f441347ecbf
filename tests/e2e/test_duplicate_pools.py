"""Two spec entries on one pool name or one live pool are refused before any write.

Issue 12.4: a pool name used twice (two regions, or once with an id) made apply key
created ids by user_pool.NAME and create clients in the wrong pool. Issue 12.5: two
entries resolving to one live pool planned contradictory updates and deleted each
other's clients. validate refuses what it can see offline; plan refuses the rest.
"""

from __future__ import annotations

from .cli import clear_requests, run, write_spec, writes


def test_one_name_in_two_regions_is_refused_and_nothing_is_created(sandbox_url, cognito,
                                                                   tmp_path):
    path = write_spec(tmp_path, """\
version: 1
user_pools:
  - pool_name: shop
    clients: [{client_name: web}]
  - pool_name: shop
    region: eu-west-1
    clients: [{client_name: admin}]
""")
    clear_requests(sandbox_url)
    for command in (["validate", path], ["plan", path], ["apply", "--auto-approve", path]):
        result = run(sandbox_url, *command)
        assert result.code == 1, command
        assert f"{path}:3:5: error: pool_name 'shop' is also used at {path}:5:5" in result.err
        assert f"{path}:5:5: error: pool_name 'shop' is also used at {path}:3:5" in result.err
        assert "one spec per region" in result.err
    assert writes(sandbox_url) == []
    assert cognito.list_user_pools(MaxResults=60)["UserPools"] == []


def test_two_entries_on_one_live_pool_are_refused_at_plan(sandbox_url, cognito, tmp_path):
    pool_id = cognito.create_user_pool(PoolName="shop")["UserPool"]["Id"]
    cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="web")
    # Offline the two entries look unrelated: one finds the pool by name, one by id.
    path = write_spec(tmp_path, f"""\
version: 1
user_pools:
  - pool_name: shop
    clients: [{{client_name: web}}]
  - pool_name: shop-renamed
    id: {pool_id}
    clients: [{{client_name: admin}}]
""")
    assert run(sandbox_url, "validate", path).code == 0
    clear_requests(sandbox_url)
    for command in (["plan", path], ["apply", "--auto-approve", path]):
        result = run(sandbox_url, *command)
        assert result.code == 1, command
        [line] = [line for line in result.err.splitlines() if pool_id in line]
        assert "user_pools[0] (user_pool.shop)" in line
        assert "user_pools[1] (user_pool.shop-renamed)" in line
        assert "Traceback" not in result.err
    assert writes(sandbox_url) == []
    clients = cognito.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)
    assert [c["ClientName"] for c in clients["UserPoolClients"]] == ["web"]
    described = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert described["Name"] == "shop"
