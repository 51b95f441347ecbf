"""The verification after apply reads only what was written, and still proves it
(issue 15): a plan of the same specs, fresh where the apply wrote, must be empty."""

from __future__ import annotations

from reconciler.apply.verify import verification_plan
from reconciler.cli_options import Options, api_factory
from reconciler.engine import plan
from reconciler.inputs import SpecInput

from .cli import clear_requests, run, sandbox_requests, write_spec

SPEC = """\
version: 1
user_pools:
  - pool_name: verified
    policies:
      password_policy: {{minimum_length: {length}}}
    clients:
      - {{client_name: web, access_token_validity: {hours}}}
      - client_name: other
    groups:
      - {{group_name: staff, description: "{description}"}}
  - pool_name: untouched
"""


def spec(tmp_path, length: int = 10, hours: int = 1, description: str = "a") -> str:
    return write_spec(tmp_path, SPEC.format(length=length, hours=hours,
                                            description=description))


def api(sandbox_url):
    return api_factory(Options(None, None, sandbox_url, True, False))


def test_writes_that_did_not_happen_are_found(sandbox_url, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", spec(tmp_path)).code == 0
    planned = plan(SpecInput([spec(tmp_path, 12, 2, "b")]), api(sandbox_url))
    assert len(planned.plan.changes) == 3
    # Nothing was applied: the verification must see every change still to make.
    after = verification_plan(planned.plan, planned.observed, api(sandbox_url))
    assert [c.address for c in after.changes] == [c.address for c in planned.plan.changes]


def test_a_new_client_and_group_are_verified(sandbox_url, tmp_path, cognito):
    assert run(sandbox_url, "apply", "--auto-approve", spec(tmp_path)).code == 0
    grown = SPEC.format(length=10, hours=1, description="a").replace(
        "      - client_name: other\n", "      - client_name: other\n      - client_name: new\n"
    ).replace('    groups:\n', '    groups:\n      - {group_name: extra}\n')
    applied = run(sandbox_url, "apply", "--auto-approve", write_spec(tmp_path, grown))
    assert applied.code == 0, applied.text
    assert "A fresh plan shows no changes" in applied.err
    assert run(sandbox_url, "plan", "--detailed-exitcode", write_spec(tmp_path, grown)).code == 0


def test_an_untouched_pool_is_not_read_again(sandbox_url, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", spec(tmp_path)).code == 0
    clear_requests(sandbox_url)
    applied = run(sandbox_url, "apply", "--auto-approve", spec(tmp_path, description="c"))
    assert applied.code == 0, applied.text
    pools = [r["body"].get("UserPoolId") for r in sandbox_requests(sandbox_url)
             if r["operation"] == "DescribeUserPool"]
    assert len(pools) == 2  # the plan's two pools; the verification reads neither


def test_a_client_as_its_write_returned_it_is_compared(sandbox_url, tmp_path, cognito):
    assert run(sandbox_url, "apply", "--auto-approve", spec(tmp_path)).code == 0
    planned = plan(SpecInput([spec(tmp_path, hours=2)]), api(sandbox_url))
    [change] = planned.plan.changes
    [pool] = [p for p in cognito.list_user_pools(MaxResults=60)["UserPools"]
              if p["Name"] == "verified"]
    # A write that "returned" the old client (nothing changed): the change is still due.
    old = cognito.describe_user_pool_client(UserPoolId=pool["Id"],
                                            ClientId=change.live_id)["UserPoolClient"]
    old.pop("ClientSecret", None)
    clear_requests(sandbox_url)
    after = verification_plan(planned.plan, planned.observed, api(sandbox_url),
                              written={(pool["Id"], change.live_id): old})
    assert [c.address for c in after.changes] == [change.address]
    assert sandbox_requests(sandbox_url) == []  # compared without reading anything
