"""`destroy`: delete the pools the specs declare, after showing what each holds.

The pools are read in full (the replace's read: every client and part, managed or
not), the plan lists each pool's users (DescribeUserPool's EstimatedNumberOfUsers)
and all that goes with it, pools with deletion protection ACTIVE are refused, and
each pool's name must be typed (or --auto-approve given). The deletes run through
apply's executor: domains first and waited for until gone, the same report on a
failure or a signal, and a re-read just before DeleteUserPool that stops if the pool
now holds something the plan didn't list.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from reconciler.apply.executor import Execution
from reconciler.cli_options import Connections, api_factory, options, spec_arguments, spec_input
from reconciler.commands.apply_cmd import (
    _report_failure,
    _report_interruption,
    _run_interruptibly,
)
from reconciler.commands.confirm import confirm
from reconciler.engine import load
from reconciler.errors import ReconcilerError
from reconciler.live.read import LiveReader
from reconciler.live.recheck import _stop_if_unlisted, current_fingerprint
from reconciler.plan.destroy import plan_destroy
from reconciler.plan.model import Action, Change, Plan
from reconciler.plan.pools import KIND as POOL_KIND
from reconciler.render.escape import visible
from reconciler.render.json_plan import render_json
from reconciler.render.style import Style, wants_color
from reconciler.render.text import render_plan


def _recheck(api: Any, change: Change) -> str | None:
    """apply's re-read, plus, before a pool's delete, the replace's check that the pool
    holds nothing the plan didn't list (a client added since would be lost unseen)."""
    now = current_fingerprint(api, change)
    if change.kind == POOL_KIND and change.action == Action.DELETE and now is not None:
        pool = api.find_user_pool(change.live_id)
        if pool is not None:
            _stop_if_unlisted(api, change, pool)
    return now


def pool_deletes(plan: Plan) -> list[Change]:
    return [c for c in plan.changes if c.kind == POOL_KIND and c.action == Action.DELETE]


def loss_lines(plan: Plan) -> list[str]:
    """Per pool: its users and everything deleted with it."""
    lines = []
    for change in pool_deletes(plan):
        lines.append(visible(f"{change.address} ({change.live_id}, {change.region}): "
                             f"{change.users_lost} user(s) (estimated), with their passwords, "
                             "MFA devices and group memberships"))
        lines += [visible(f"  - {address}") for address in change.destroys]
    return lines


@click.command()
@spec_arguments
@click.option("--auto-approve", is_flag=True, help="Don't ask for each pool's name.")
@click.option("--json", "as_json", is_flag=True,
              help="Print the destroy plan as JSON (still asks, unless --auto-approve).")
@click.pass_context
def destroy(ctx: click.Context, specs: tuple[str, ...], variables: tuple[str, ...],
            var_files: tuple[str, ...], auto_approve: bool, as_json: bool) -> None:
    """Delete the user pools SPECS declare, with every user, client and part in them.

    Shows each pool's users and contents first; refuses pools with deletion
    protection ACTIVE; asks for each pool's name unless --auto-approve.
    """
    opts = options(ctx)
    _, pools = load(spec_input(specs, variables, var_files))
    connections: Connections = api_factory(opts)
    reader = LiveReader(connections)
    found = []
    for pool in pools:
        region = reader.api(pool.region).region
        found.append((pool, reader.read_pool(pool, everything=True), region))
    for pool, live, region in found:
        if live is None:
            click.echo(visible(f"{pool.address}: no such pool in {region}; nothing to delete"),
                       err=True)
    plan = plan_destroy(found)
    # The plan says where it acts (issue 13): this run's endpoint, or AWS's own.
    plan.endpoint = connections.endpoint
    plan.endpoint_known = True
    if as_json:
        click.echo(render_json(plan), nl=False)
    else:
        click.echo(render_plan(plan, Style(wants_color(sys.stdout, opts.no_color))), nl=False)
    if plan.empty:
        click.echo("Nothing to destroy.", err=True)
        return
    click.echo("Deleting destroys, for good:", err=True)
    for line in loss_lines(plan):
        click.echo(f"  {line}", err=True)
    blocked = [c for c in pool_deletes(plan) if c.blocked]
    if blocked:
        for change in blocked:
            click.echo(f"Refused: {visible(change.blocked or '')}", err=True)
        raise ReconcilerError("destroy refused; nothing was deleted")
    if not auto_approve:
        for change in pool_deletes(plan):
            confirm(visible(f"Type the pool's name to delete {change.address} "
                            f"({change.users_lost} users)"), change.name,
                    "destroy cancelled")
    execution = Execution(plan, connections, lambda line: click.echo(line, err=True),
                          recheck=_recheck)
    report, abandoned = _run_interruptibly(execution)
    if report.interrupted is not None:
        _report_interruption(report, abandoned)
    if report.failure is not None:
        _report_failure(report, "Destroy stopped at the first failure.")
        raise ReconcilerError(report.failure.message,
                              (report.failure.hint + "; " if report.failure.hint else "")
                              + "run destroy again: it re-reads what is left")
    click.echo(f"Destroy complete: {len(pool_deletes(plan))} pool(s) deleted.", err=True)
