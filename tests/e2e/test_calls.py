"""The calls a run makes, counted and pinned: reads once each, writes only for changes."""

from __future__ import annotations

from collections import Counter

from .cli import clear_requests, run, sandbox_requests, write_spec

SPEC = """\
version: 1
user_pools:
  - pool_name: counted
    policies:
      password_policy: {{minimum_length: {length}}}
    clients:
      - client_name: a
      - client_name: b
      - client_name: c
    groups:
      - group_name: g
"""

NO_OP_PLAN = Counter({
    "ListUserPools": 1, "DescribeUserPool": 1, "GetUserPoolMfaConfig": 1,
    "ListUserPoolClients": 1, "DescribeUserPoolClient": 3, "ListGroups": 1,
})


def calls(url: str) -> Counter[str]:
    return Counter(r["operation"] for r in sandbox_requests(url))


def test_no_op_plan_reads_each_thing_once(sandbox_url, tmp_path):
    path = write_spec(tmp_path, SPEC.format(length=10))
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    clear_requests(sandbox_url)
    assert run(sandbox_url, "plan", path).code == 0
    assert calls(sandbox_url) == NO_OP_PLAN


def test_no_op_apply_makes_no_write(sandbox_url, tmp_path):
    path = write_spec(tmp_path, SPEC.format(length=10))
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    clear_requests(sandbox_url)
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    assert calls(sandbox_url) == NO_OP_PLAN


def test_one_field_change_is_one_write(sandbox_url, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve",
               write_spec(tmp_path, SPEC.format(length=10))).code == 0
    clear_requests(sandbox_url)
    assert run(sandbox_url, "apply", "--auto-approve",
               write_spec(tmp_path, SPEC.format(length=11))).code == 0
    pool = Counter({"DescribeUserPool": 1, "GetUserPoolMfaConfig": 1})
    # Plan, re-read the pool just before writing it, one write, then the verification
    # re-reads only what was written: the pool's settings (issue 15).
    assert calls(sandbox_url) == NO_OP_PLAN + pool + Counter({"UpdateUserPool": 1}) + pool


def test_verification_reads_only_the_changed_client(sandbox_url, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve",
               write_spec(tmp_path, SPEC.format(length=10))).code == 0
    clear_requests(sandbox_url)
    changed = SPEC.format(length=10).replace("client_name: b",
                                             "{client_name: b, access_token_validity: 2}")
    applied = run(sandbox_url, "apply", "--auto-approve", write_spec(tmp_path, changed))
    assert applied.code == 0, applied.text
    assert "A fresh plan shows no changes" in applied.err
    client = Counter({"DescribeUserPoolClient": 1})
    # The re-check before the write; the verification uses the client the write
    # returned (UpdateUserPoolClient answers with the whole client): no read at all.
    assert calls(sandbox_url) == NO_OP_PLAN + client + Counter({"UpdateUserPoolClient": 1})


def test_a_single_changed_group_is_rechecked_by_a_point_read(sandbox_url, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve",
               parts_spec(tmp_path, 1, "one")).code == 0
    clear_requests(sandbox_url)
    applied = run(sandbox_url, "apply", "--auto-approve", parts_spec(tmp_path, 1, "two"))
    assert applied.code == 0, applied.text
    made = calls(sandbox_url)
    assert made["GetGroup"] == made["DescribeResourceServer"] == 1
    assert made["ListGroups"] == made["ListResourceServers"] == 2


def test_list_calls_use_the_largest_page(sandbox_url, tmp_path):
    path = write_spec(tmp_path, SPEC.format(length=10))
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    clear_requests(sandbox_url)
    assert run(sandbox_url, "plan", path).code == 0
    bodies = {r["operation"]: r["body"] for r in sandbox_requests(sandbox_url)}
    assert bodies["ListUserPools"]["MaxResults"] == 60
    assert bodies["ListUserPoolClients"]["MaxResults"] == 60
    assert bodies["ListGroups"]["Limit"] == 60


PARTS = """\
version: 1
user_pools:
  - pool_name: parted
    groups:
{groups}
    resource_servers:
{servers}
    identity_providers:
{providers}
"""


def parts_spec(tmp_path, count: int, version: str) -> str:
    groups = "\n".join(f"      - {{group_name: g{i}, description: {version}}}"
                       for i in range(count))
    servers = "\n".join(f"      - {{identifier: 'https://api{i}.example.com', name: {version},"
                        " scopes: [{scope_name: read, scope_description: read}]}"
                        for i in range(count))
    providers = "\n".join(
        f"      - {{provider_name: oidc{i}, provider_type: OIDC, attribute_mapping: "
        f"{{email: {version}}}, provider_details: {{client_id: c{i}, "
        "attributes_request_method: GET, oidc_issuer: 'https://idp.example.com', "
        "authorize_scopes: openid}}" for i in range(count))
    return write_spec(tmp_path, PARTS.format(groups=groups, servers=servers,
                                             providers=providers))


def test_rechecks_grow_linearly_with_the_changed_parts(sandbox_url, tmp_path):
    """Issue 15: the re-check before each changed IdP is one point read of it, and the
    changed groups or resource servers of a pool's phase share one list: not a re-read
    of the whole list before each item (which was N^2 + 2N DescribeIdentityProvider
    calls for N changed IdPs)."""
    count = 4
    assert run(sandbox_url, "apply", "--auto-approve",
               parts_spec(tmp_path, count, "one")).code == 0
    clear_requests(sandbox_url)
    applied = run(sandbox_url, "apply", "--auto-approve", parts_spec(tmp_path, count, "two"))
    assert applied.code == 0, applied.text
    made = calls(sandbox_url)
    # The plan and the verification each describe every IdP once; the re-check once more.
    assert made["DescribeIdentityProvider"] == 3 * count
    assert made["ListIdentityProviders"] == 2
    # Groups and resource servers: the plan's list, one for the phase's re-check, and
    # the verification's; no point reads.
    assert made["ListGroups"] == made["ListResourceServers"] == 3
    assert made["GetGroup"] == made["DescribeResourceServer"] == 0
    assert made["UpdateGroup"] == made["UpdateResourceServer"] == count
    assert made["UpdateIdentityProvider"] == count


def test_apply_plans_writes_and_verifies_through_one_set_of_connections(
        sandbox_url, tmp_path, monkeypatch):
    """One client and one pacer per region for the whole apply (issue 15): a second set
    for the writes cost a client's start-up (about 0.1-0.5 s, built by every pool's
    thread at once) and a second limiter drawing on the same quotas as the first."""
    from reconciler.commands import apply_cmd

    made = []
    original = apply_cmd.api_factory

    def counting(opts):  # type: ignore[no-untyped-def]
        made.append(opts)
        return original(opts)

    monkeypatch.setattr(apply_cmd, "api_factory", counting)
    assert run(sandbox_url, "apply", "--auto-approve",
               write_spec(tmp_path, SPEC.format(length=10))).code == 0
    assert run(sandbox_url, "apply", "--auto-approve",
               write_spec(tmp_path, SPEC.format(length=12))).code == 0
    assert len(made) == 2  # one per apply
