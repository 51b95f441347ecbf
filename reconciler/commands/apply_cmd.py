"""`apply`: plan, confirm, make exactly the planned calls, then prove convergence."""

from __future__ import annotations

import sys
import threading
import time

import click

from reconciler import interruption
from reconciler.apply.create_check import CreateCheck
from reconciler.apply.executor import ApplyReport, Execution
from reconciler.apply.verify import verification_plan
from reconciler.cli_options import (
    Connections,
    Options,
    api_factory,
    echo_diagnostics,
    options,
    spec_input,
    spec_options,
)
from reconciler.engine import PlanResult
from reconciler.engine import plan as make_plan
from reconciler.errors import ReconcilerError
from reconciler.inputs import SpecInput
from reconciler.live.recheck import PhaseRecheck
from reconciler.plan.model import Action, Plan
from reconciler.render.escape import visible
from reconciler.render.progress import ReadProgress
from reconciler.render.style import Style, wants_color
from reconciler.render.text import render_plan, replace_refusal, summary_line


def _refusals(plan: Plan, allow_replace: bool) -> list[str]:
    problems = [visible(f"{c.address}: {c.blocked}") for c in plan.changes if c.blocked]
    if not allow_replace:
        problems += [replace_refusal(c) for c in plan.changes
                     if c.action == Action.REPLACE and not c.blocked]
    return problems


def _confirm(auto_approve: bool) -> None:
    if auto_approve:
        return
    from reconciler.commands.confirm import confirm

    # A piped "yes" counts like a typed one (issue 13, trap 9).
    confirm("Apply these changes? Only 'yes' is accepted", "yes", "apply cancelled")


def _report_failure(report: ApplyReport, header: str = "Apply stopped at the first failure.",
                    ) -> None:
    click.echo(header, err=True)
    for label in report.done:
        click.echo(f"  done:     {label}", err=True)
    for label in report.unknown:
        click.echo(f"  unknown:  {label} (sent, but the answer was lost: it may have "
                   "happened; the next plan shows whether it did)", err=True)
    for label in report.not_done:
        click.echo(f"  not done: {label}", err=True)


def run_apply(opts: Options, result: PlanResult, spec: SpecInput, auto_approve: bool,
              allow_replace: bool, connections: Connections | None = None) -> None:
    style = Style(wants_color(sys.stdout, opts.no_color))
    click.echo(render_plan(result.plan, style), nl=False)
    if result.plan.empty:
        return
    refusals = _refusals(result.plan, allow_replace)
    if refusals:
        for line in refusals:
            click.echo(f"Refused: {line}", err=True)
        raise ReconcilerError("apply refused; nothing was changed")
    _confirm(auto_approve)
    # The plan's connections (issue 15): a second set cost a client's start-up and put
    # a second limiter on the same quotas.
    api_for_region = connections if connections is not None else api_factory(opts)
    started = time.monotonic()
    execution = Execution(result.plan, api_for_region, lambda line: click.echo(line, err=True),
                          recheck=PhaseRecheck(result.plan.changes),
                          create_check=CreateCheck())
    report, abandoned = _run_interruptibly(execution)
    if report.interrupted is not None:
        _report_interruption(report, abandoned)
    if report.failure is not None:
        _report_failure(report)
        raise ReconcilerError(
            f"{report.failure.message}",
            (report.failure.hint + "; " if report.failure.hint else "")
            + "fix the cause and run apply again: it re-reads the live state and converges",
        )
    click.echo(f"Applied {len(report.done)} call(s) in {time.monotonic() - started:.1f}s. "
               "Re-planning to verify ...", err=True)
    # Only what the apply wrote is read again (issue 15); the rest keeps the plan's read.
    after = verification_plan(result.plan, result.observed, api_for_region,
                              written=execution.written_clients)
    if not after.empty:
        click.echo(render_plan(after, style), nl=False)
        raise ReconcilerError("apply finished but the live pools still differ from the spec",
                              "this is a bug or an out-of-band change: see the plan above")
    click.echo(f"Apply complete: {summary_line(result.plan)[6:]} A fresh plan shows no changes.",
               err=True)


def _run_interruptibly(execution: Execution) -> tuple[ApplyReport, bool]:
    """Run the apply on a thread so that a signal can stop it (see ``interruption``).

    After SIGINT or SIGTERM no new call starts; the calls in flight get up to
    ``COGNITO_RECONCILER_STOP_WAIT_SECONDS`` to be answered (a second signal stops
    the wait). Returns the report and whether calls were still in flight.
    """
    finished = threading.Event()
    outcome: list[ApplyReport] = []
    crashed: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(execution.run())
        except BaseException as exc:  # re-raised on the main thread
            crashed.append(exc)
        finally:
            finished.set()

    with interruption.handled():
        worker = threading.Thread(target=run, name="apply", daemon=True)
        worker.start()
        # Short waits: the main thread must come back to notice a signal.
        while not finished.wait(0.1):
            if interruption.requested():
                _wait_for_calls_in_flight(execution, finished)
                break
        if crashed:
            raise crashed[0]
        if finished.is_set():
            return outcome[0], False
        return execution.snapshot(), True


def _wait_for_calls_in_flight(execution: Execution, finished: threading.Event) -> None:
    signum = interruption.received() or 0
    bound = interruption.stop_wait()
    in_flight = execution.in_flight()
    click.echo(f"Interrupted by {interruption.signal_name(signum)}: starting no new call; "
               f"waiting up to {bound:g}s for {len(in_flight)} call(s) in flight "
               "(signal again to stop waiting)", err=True)
    for label in in_flight:
        click.echo(f"  in flight: {label}", err=True)
    deadline = time.monotonic() + bound
    while not finished.wait(0.1):
        if time.monotonic() >= deadline or interruption.count() > 1:
            return


def _report_interruption(report: ApplyReport, abandoned: bool) -> None:
    signum = report.interrupted or 0
    name = interruption.signal_name(signum)
    _report_failure(report, f"Apply interrupted by {name}: no call was started after it.")
    if report.failure is not None:
        click.echo(f"  (before that: {report.failure.message})", err=True)
    raise interruption.Interrupted(
        signum,
        f"apply interrupted by {name}: {len(report.done)} call(s) done, "
        f"{len(report.unknown)} unknown, {len(report.not_done)} not done",
        "run apply again: it re-reads the live state and converges", abandoned=abandoned)


@click.command()
@spec_options
@click.option("--auto-approve", is_flag=True, help="Don't ask for 'yes'.")
@click.option("--allow-replace", is_flag=True,
              help="Consent to replacements (a replaced pool loses all its users).")
@click.option("--strict", is_flag=True,
              help="Manage what the specs leave out at Cognito's defaults, and part kinds "
              "they don't name as none (as plan --strict).")
@click.pass_context
def apply(ctx: click.Context, specs: tuple[str, ...], variables: tuple[str, ...],
          var_files: tuple[str, ...], auto_approve: bool, allow_replace: bool,
          resend_secrets: bool, strict: bool) -> None:
    """Make the live pools match SPECS (or apply a saved plan file)."""
    opts = options(ctx)
    spec = spec_input(specs, variables, var_files, resend_secrets)
    from reconciler.saved_plan import is_saved_plan, load_checked

    saved = len(specs) == 1 and is_saved_plan(specs[0])
    if saved and strict:
        # The file says whether it was planned with --strict; apply doesn't re-decide.
        raise click.UsageError("a saved plan is applied as it was made (the file records "
                               "whether it was planned with --strict): drop --strict")
    connections = api_factory(opts)
    if saved:
        result = load_checked(specs[0], spec, connections)
    else:
        result = make_plan(spec, connections, ReadProgress(sys.stderr), strict=strict)
    echo_diagnostics(result.spec.warnings)
    run_apply(opts, result, spec, auto_approve, allow_replace, connections)
