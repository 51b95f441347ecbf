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
    recheck = Counter({"DescribeUserPool": 1, "GetUserPoolMfaConfig": 1})
    # Plan, re-read the pool just before writing it, one write, then the verifying plan.
    assert calls(sandbox_url) == NO_OP_PLAN + recheck + Counter({"UpdateUserPool": 1}) + NO_OP_PLAN


def test_list_calls_use_the_largest_page(sandbox_url, tmp_path):
    path = write_spec(tmp_path, SPEC.format(length=10))
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    clear_requests(sandbox_url)
    assert run(sandbox_url, "plan", path).code == 0
    bodies = {r["operation"]: r["body"] for r in sandbox_requests(sandbox_url)}
    assert bodies["ListUserPools"]["MaxResults"] == 60
    assert bodies["ListUserPoolClients"]["MaxResults"] == 60
    assert bodies["ListGroups"]["Limit"] == 60
