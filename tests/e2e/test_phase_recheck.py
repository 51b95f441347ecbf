"""Several changed groups of a pool are re-checked with one list just before the
phase's first write (issue 15): a group someone else changed after the plan read it
is still found, and nothing of that group is overwritten."""

from __future__ import annotations

from reconciler.apply.executor import execute
from reconciler.cli_options import Options, api_factory
from reconciler.engine import plan
from reconciler.inputs import SpecInput
from reconciler.live.recheck import PhaseRecheck

from .cli import clear_requests, run, sandbox_requests, write_spec

SPEC = """\
version: 1
user_pools:
  - pool_name: listed
    groups:
      - {{group_name: one, description: "{description}"}}
      - {{group_name: two, description: "{description}"}}
"""


def test_a_group_changed_after_the_plan_is_not_overwritten(sandbox_url, cognito, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve",
               write_spec(tmp_path, SPEC.format(description="a"), "a.yaml")).code == 0
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    api = api_factory(Options(None, None, sandbox_url, True, False))
    planned = plan(SpecInput([write_spec(tmp_path, SPEC.format(description="b"), "b.yaml")]),
                   api)
    assert len(planned.plan.changes) == 2
    cognito.update_group(UserPoolId=summary["Id"], GroupName="two", Description="theirs")
    clear_requests(sandbox_url)
    report = execute(planned.plan, api, lambda _: None, recheck=PhaseRecheck(
        planned.plan.changes), workers=1)
    assert report.failure is not None
    assert "listed.group.two changed in Cognito" in report.failure.message
    assert "user_pool.listed.group.two: UpdateGroup" in report.not_done
    operations = [r["operation"] for r in sandbox_requests(sandbox_url)]
    assert operations.count("ListGroups") == 1 and "GetGroup" not in operations
    group = cognito.get_group(UserPoolId=summary["Id"], GroupName="two")["Group"]
    assert group["Description"] == "theirs"
