"""Two applies of the same new pool (or client): the second to create finds it and stops.

The interleaving that makes duplicates: apply B reads the region (no such pool),
apply A creates the pool, then B creates it again. B's plan is made first here,
then A runs, then B applies that plan through the apply command's own path.
"""

from __future__ import annotations

from typing import Any

import pytest

from reconciler.cli_options import Options, api_factory
from reconciler.commands.apply_cmd import run_apply
from reconciler.engine import plan
from reconciler.errors import ReconcilerError
from reconciler.inputs import SpecInput

from .cli import clear_requests, run, write_spec, writes

POOL = """\
version: 1
user_pools:
  - pool_name: twice
"""
WITH_CLIENT = POOL + """\
    clients:
      - client_name: web
"""


def apply_stale_plan(url: str, spec: str, make_the_race: Any) -> ReconcilerError:
    """Plan ``spec``, let ``make_the_race`` run, then apply the plan as apply does."""
    opts = Options(None, None, url, True, False)
    stale = plan(SpecInput([spec]), api_factory(opts))
    make_the_race()
    clear_requests(url)
    with pytest.raises(ReconcilerError) as raised:
        run_apply(opts, stale, SpecInput([spec]), auto_approve=True, allow_replace=False)
    return raised.value


def test_a_pool_created_by_another_apply_is_not_created_again(
        sandbox_url: str, cognito: Any, tmp_path: Any, capsys: pytest.CaptureFixture[str],
) -> None:
    spec = write_spec(tmp_path, POOL)
    error = apply_stale_plan(sandbox_url, spec,
                             lambda: assert_ok(run(sandbox_url, "apply", "--auto-approve",
                                                   spec)))
    [pool] = cognito.list_user_pools(MaxResults=60)["UserPools"]  # one pool, not two
    assert error.message == (
        f"user_pool.twice was to be created, but a user pool named 'twice' exists (id "
        f"{pool['Id']}) now (another apply or someone else created it after the plan was "
        "made); it was not created again")
    assert "run plan again" in error.hint
    assert writes(sandbox_url) == []
    assert "not done: user_pool.twice: CreateUserPool" in capsys.readouterr().err


def test_a_client_created_by_another_apply_is_not_created_again(
        sandbox_url: str, cognito: Any, tmp_path: Any) -> None:
    assert_ok(run(sandbox_url, "apply", "--auto-approve", write_spec(tmp_path, POOL, "a.yaml")))
    spec = write_spec(tmp_path, WITH_CLIENT, "b.yaml")
    error = apply_stale_plan(sandbox_url, spec,
                             lambda: assert_ok(run(sandbox_url, "apply", "--auto-approve",
                                                   spec)))
    [pool] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    clients = cognito.list_user_pool_clients(UserPoolId=pool["Id"], MaxResults=60)
    assert [c["ClientName"] for c in clients["UserPoolClients"]] == ["web"]
    assert "a client named 'web' exists" in error.message
    assert writes(sandbox_url) == []


def test_a_create_with_nothing_in_the_way_goes_ahead(sandbox_url: str, tmp_path: Any) -> None:
    result = run(sandbox_url, "apply", "--auto-approve", write_spec(tmp_path, WITH_CLIENT))
    assert_ok(result)
    assert writes(sandbox_url) == ["CreateUserPool", "CreateUserPoolClient"]


def assert_ok(result: Any) -> None:
    assert result.code == 0, result.text

