"""A consented pool replace names everything it destroys (issue 12.1).

The issue: a pool with two hand-made clients, a group, an IdP and a domain was
replaced; the plan named only the changed field, the Markdown plan claimed every
client gets a new id, and after apply all were gone. Now, before consent, every
resource the replace destroys is read (managed by the spec or not) and listed as
a delete, what the spec declares as a re-create, with the users lost; the text,
JSON and Markdown plans agree and say that apply needs --allow-replace.
"""

from __future__ import annotations

import json

from .cli import clear_requests, run, sandbox_requests, write_spec

SPEC = """\
version: 1
user_pools:
  - pool_name: shop-users
    username_attributes: [{username}]
    clients:
      - client_name: web
"""
LOST = {
    "user_pool.shop-users.client.mobile-app",
    "user_pool.shop-users.client.partner-api",
    "user_pool.shop-users.group.admins",
    "user_pool.shop-users.identity_provider.Corporate",
    "user_pool.shop-users.domain.shop-users-login",
}


def spec(tmp_path, username: str) -> str:
    return write_spec(tmp_path, SPEC.format(username=username))


def hand_made_pool(sandbox_url, cognito, tmp_path) -> str:
    assert run(sandbox_url, "apply", "--auto-approve", spec(tmp_path, "email")).code == 0
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    pool_id = str(summary["Id"])
    for name in ("mobile-app", "partner-api"):
        cognito.create_user_pool_client(UserPoolId=pool_id, ClientName=name)
    cognito.create_group(UserPoolId=pool_id, GroupName="admins")
    cognito.create_identity_provider(
        UserPoolId=pool_id, ProviderName="Corporate", ProviderType="OIDC",
        ProviderDetails={"client_id": "corp", "attributes_request_method": "GET",
                         "oidc_issuer": "https://idp.example.com",
                         "authorize_scopes": "openid"})
    cognito.create_user_pool_domain(UserPoolId=pool_id, Domain="shop-users-login")
    cognito.add_custom_attributes(UserPoolId=pool_id, CustomAttributes=[
        {"Name": "tier", "AttributeDataType": "String"}])
    for user in ("ann@example.com", "bob@example.com", "cy@example.com"):
        cognito.admin_create_user(UserPoolId=pool_id, Username=user)
    return pool_id


def test_the_plan_lists_every_loss_in_text_json_and_markdown(sandbox_url, cognito, tmp_path):
    pool_id = hand_made_pool(sandbox_url, cognito, tmp_path)
    changed = spec(tmp_path, "phone_number")

    text = run(sandbox_url, "plan", changed)
    assert text.code == 0, text.text
    for address in LOST:
        assert f"# {address} will be deleted" in text.out, text.out
    assert "# user_pool.shop-users.client.web will be created" in text.out
    assert "users lost: 3" in text.out
    assert "--allow-replace" in text.out
    assert "app's credential" in text.out
    # Settings aren't resources, but the new pool loses them too: said on the pool.
    [reset] = [line for line in text.out.splitlines() if "not carried to the new pool" in line]
    assert "schema[custom:tier]" in reset

    data = json.loads(run(sandbox_url, "plan", "--json", changed).out)
    by_address = {c["address"]: c for c in data["changes"]}
    assert {a for a, c in by_address.items() if c["action"] == "delete"} == LOST
    pool = by_address["user_pool.shop-users"]
    assert pool["action"] == "replace"
    assert pool["users_lost"] == 3
    assert sorted(pool["destroys"]) == sorted(LOST)
    assert pool["recreates"] == ["user_pool.shop-users.client.web"]
    assert data["requires_allow_replace"] is True
    assert data["summary"]["delete"] == len(LOST)

    markdown = run(sandbox_url, "plan", "--format", "markdown", changed).out
    assert "every client gets a new id" not in markdown
    assert "users lost: 3" in markdown.lower() or "3 users" in markdown
    for address in LOST:
        assert f"`{address}`" in markdown
    assert "--allow-replace" in markdown

    refused = run(sandbox_url, "apply", "--auto-approve", changed)
    assert refused.code == 1
    assert "--allow-replace" in refused.err and "3 users" in refused.err
    assert str(len(LOST)) in refused.err
    assert cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Id"] == pool_id


def test_after_a_consented_replace_the_listed_resources_are_gone(sandbox_url, cognito,
                                                                 tmp_path):
    hand_made_pool(sandbox_url, cognito, tmp_path)
    changed = spec(tmp_path, "phone_number")
    applied = run(sandbox_url, "apply", "--auto-approve", "--allow-replace", changed)
    assert applied.code == 0, applied.text
    for address in LOST:
        assert f"# {address} will be deleted" in applied.out
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    clients = cognito.list_user_pool_clients(UserPoolId=summary["Id"])["UserPoolClients"]
    assert [c["ClientName"] for c in clients] == ["web"]
    assert cognito.list_groups(UserPoolId=summary["Id"])["Groups"] == []


def test_a_plan_without_a_replace_reads_only_what_the_spec_manages(sandbox_url, cognito,
                                                                   tmp_path):
    hand_made_pool(sandbox_url, cognito, tmp_path)
    clear_requests(sandbox_url)
    assert run(sandbox_url, "plan", spec(tmp_path, "email")).code == 0
    operations = {r["operation"] for r in sandbox_requests(sandbox_url)}
    assert not operations & {"ListGroups", "ListIdentityProviders", "DescribeUserPoolDomain"}


def test_a_saved_replace_plan_is_refused_once_the_pool_holds_more_than_it_listed(
        sandbox_url, cognito, tmp_path):
    pool_id = hand_made_pool(sandbox_url, cognito, tmp_path)
    changed = spec(tmp_path, "phone_number")
    saved = str(tmp_path / "replace.plan.json")
    assert run(sandbox_url, "plan", "--out", saved, changed).code == 0
    # Consent was given for the listed losses: a group made since isn't among them.
    cognito.create_group(UserPoolId=pool_id, GroupName="made-after-the-plan")
    clear_requests(sandbox_url)
    refused = run(sandbox_url, "apply", "--auto-approve", "--allow-replace", saved)
    assert refused.code == 1, refused.text
    assert "made-after-the-plan" in refused.err
    operations = [r["operation"] for r in sandbox_requests(sandbox_url)]
    assert not [o for o in operations if o.startswith(("Delete", "Create", "Update"))]
