"""A pool replace re-checks the pool's contents just before DeleteUserPool.

The consent given for a replace is for the list the plan showed (``destroys`` and
``recreates``). A client, group, IdP or domain made after the plan read the pool
would be destroyed without having been listed: apply stops instead, and nothing is
deleted.
"""

from __future__ import annotations

from reconciler.apply.executor import execute
from reconciler.cli_options import Options, api_factory
from reconciler.engine import plan
from reconciler.inputs import SpecInput
from reconciler.live.recheck import current_fingerprint

from .cli import clear_requests, run, write_spec, writes

SPEC = """\
version: 1
user_pools:
  - pool_name: replaced
    username_attributes: [{username}]
    clients:
      - client_name: web
"""


def planned_replace(sandbox_url, cognito, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve",
               write_spec(tmp_path, SPEC.format(username="email"), "one.yaml")).code == 0
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    api = api_factory(Options(None, None, sandbox_url, True, False))
    planned = plan(SpecInput([write_spec(tmp_path, SPEC.format(username="phone_number"),
                                         "two.yaml")]), api)
    [pool] = [c for c in planned.plan.changes if c.address == "user_pool.replaced"]
    assert pool.action.value == "replace"
    return str(summary["Id"]), api, planned


def test_a_client_made_after_the_plan_stops_the_replace(sandbox_url, cognito, tmp_path):
    pool_id, api, planned = planned_replace(sandbox_url, cognito, tmp_path)
    cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="made-meanwhile")
    clear_requests(sandbox_url)
    report = execute(planned.plan, api, lambda _: None, recheck=current_fingerprint)
    assert report.failure is not None
    assert "user_pool.replaced.client.made-meanwhile" in report.failure.message
    assert writes(sandbox_url) == []
    assert cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Id"] == pool_id


def test_a_group_or_resource_server_made_after_the_plan_stops_the_replace(
        sandbox_url, cognito, tmp_path):
    pool_id, api, planned = planned_replace(sandbox_url, cognito, tmp_path)
    cognito.create_group(UserPoolId=pool_id, GroupName="meanwhile")
    cognito.create_resource_server(UserPoolId=pool_id, Identifier="https://meanwhile",
                                   Name="meanwhile")
    clear_requests(sandbox_url)
    report = execute(planned.plan, api, lambda _: None, recheck=current_fingerprint)
    assert report.failure is not None
    for address in ("group.meanwhile", "resource_server.https://meanwhile"):
        assert f"user_pool.replaced.{address}" in report.failure.message
    assert writes(sandbox_url) == []
    assert cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Id"] == pool_id


def test_an_idp_made_after_the_plan_stops_the_replace(sandbox_url, cognito, tmp_path):
    pool_id, api, planned = planned_replace(sandbox_url, cognito, tmp_path)
    cognito.create_identity_provider(
        UserPoolId=pool_id, ProviderName="Meanwhile", ProviderType="OIDC",
        ProviderDetails={"client_id": "c", "attributes_request_method": "GET",
                         "oidc_issuer": "https://idp.example.com", "authorize_scopes": "openid"})
    clear_requests(sandbox_url)
    report = execute(planned.plan, api, lambda _: None, recheck=current_fingerprint)
    assert report.failure is not None
    assert writes(sandbox_url) == []
    assert cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Id"] == pool_id


def test_a_domain_made_after_the_plan_stops_the_replace(sandbox_url, cognito, tmp_path):
    pool_id, api, planned = planned_replace(sandbox_url, cognito, tmp_path)
    cognito.create_user_pool_domain(UserPoolId=pool_id, Domain="made-meanwhile")
    clear_requests(sandbox_url)
    report = execute(planned.plan, api, lambda _: None, recheck=current_fingerprint)
    assert report.failure is not None
    assert writes(sandbox_url) == []
    assert cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Id"] == pool_id


def test_an_unchanged_pool_is_replaced(sandbox_url, cognito, tmp_path):
    pool_id, api, planned = planned_replace(sandbox_url, cognito, tmp_path)
    report = execute(planned.plan, api, lambda _: None, recheck=current_fingerprint)
    assert report.failure is None, report.failure
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    assert summary["Id"] != pool_id
