"""Two applies at once: a resource changed after it was read is not overwritten."""

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
  - pool_name: contested
    policies:
      password_policy: {{minimum_length: {length}}}
    groups:
      - {{group_name: staff, description: "{description}"}}
"""


def test_change_between_read_and_write_stops_the_apply(sandbox_url, cognito, tmp_path):
    first = write_spec(tmp_path, SPEC.format(length=10, description="a"), "first.yaml")
    assert run(sandbox_url, "apply", "--auto-approve", first).code == 0
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]

    api = api_factory(Options(None, None, sandbox_url, True, False))
    second = write_spec(tmp_path, SPEC.format(length=12, description="b"), "second.yaml")
    planned = plan(SpecInput([second]), api)
    assert [c.address for c in planned.plan.changes] == [
        "user_pool.contested", "user_pool.contested.group.staff"]

    # Someone else changes the group after our plan read it.
    cognito.update_group(UserPoolId=summary["Id"], GroupName="staff", Description="theirs")
    clear_requests(sandbox_url)
    report = execute(planned.plan, api, lambda _: None, recheck=current_fingerprint)

    assert report.done == ["user_pool.contested: UpdateUserPool"]
    assert report.not_done == ["user_pool.contested.group.staff: UpdateGroup"]
    assert report.failure is not None
    assert "changed in Cognito after it was read" in report.failure.message
    assert writes(sandbox_url) == ["UpdateUserPool"]
    group = cognito.get_group(UserPoolId=summary["Id"], GroupName="staff")["Group"]
    assert group["Description"] == "theirs"
