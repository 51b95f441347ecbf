"""Command line: flags -> stages -> renderer -> exit code. The one error boundary."""

from __future__ import annotations

import importlib
import logging
import os
import signal
import sys
import threading
import traceback
from types import FrameType
from typing import NoReturn

import click

from reconciler import __version__, interruption
from reconciler.cli_options import Options
from reconciler.errors import ReconcilerError, SpecError
from reconciler.render import style

EXIT_OK, EXIT_ERROR, EXIT_CHANGES = 0, 1, 2


# Commands are imported when used, so that `validate` (a pre-commit hook) starts
# without loading what planning against AWS needs.
COMMANDS = {
    "validate": "reconciler.commands.validate_cmd:validate",
    "review": "reconciler.commands.review_cmd:review",
    "plan": "reconciler.commands.plan_cmd:plan",
    "apply": "reconciler.commands.apply_cmd:apply",
    "outputs": "reconciler.commands.outputs_cmd:outputs",
    "export": "reconciler.commands.export_cmd:export",
    "destroy": "reconciler.commands.destroy_cmd:destroy",
    "schema": "reconciler.commands.schema_cmd:schema",
    "sandbox": "reconciler.commands.sandbox_cmd:sandbox",
}


def _enable_debug_log() -> None:
    # Only our own logger: botocore's debug log would print response bodies,
    # and DescribeUserPoolClient's body holds the client secret.
    logger = logging.getLogger("reconciler")
    # One handler, on the stderr of this run: -v may be given twice (before and after
    # the command), and an earlier run in the same process bound its own stderr.
    for old in [h for h in logger.handlers if getattr(h, "_reconciler_debug", False)]:
        logger.removeHandler(old)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("debug: %(name)s: %(message)s"))
    handler._reconciler_debug = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)


def _set_global(ctx: click.Context, param: click.Parameter, value: object) -> None:
    """A global option given after the command: it overrides the one given before."""
    if value is None or value is False or param.name is None:
        return
    opts = ctx.find_object(Options)
    if opts is None:  # shell completion parses without running the group's callback
        return
    setattr(opts, param.name, value)
    if param.name == "verbose":
        _enable_debug_log()


def _global_options() -> list[click.Option]:
    # The same options as the group's (CONTRACT.md: "before or after the command").
    return [
        click.Option(["--region"], callback=_set_global, expose_value=False,
                     help="Global option: AWS region for pools without region:."),
        click.Option(["--profile"], callback=_set_global, expose_value=False,
                     help="Global option: AWS profile name."),
        click.Option(["--endpoint-url"], callback=_set_global, expose_value=False,
                     help="Global option: Cognito endpoint, e.g. the local sandbox."),
        click.Option(["--no-color"], is_flag=True, callback=_set_global, expose_value=False,
                     help="Global option: no ANSI colours."),
        click.Option(["-v", "--verbose"], is_flag=True, callback=_set_global,
                     expose_value=False, help="Global option: debug logging and tracebacks."),
    ]


# Each command's first help paragraph, so that `--help` lists the commands without
# importing them (issue 15); tests/unit/cli/test_lazy_help.py keeps it equal to theirs.
SUMMARIES = {
    "validate": "Check SPECS (files or folders) against the schema and Cognito's rules.",
    "review": "Review SPECS for risky Cognito settings, offline (see docs/rules.md).",
    "plan": "Show the changes that would make the live pools match SPECS.",
    "apply": "Make the live pools match SPECS (or apply a saved plan file).",
    "outputs": "Print what an app needs, per pool: region, pool id and ARN, issuer and JWKS "
               "URLs, domain and hosted sign-in URL, client ids by name.",
    "export": "Print a spec of a live pool and everything in it; plan on it shows no changes.",
    "destroy": "Delete the user pools SPECS declare, with every user, client and part in them.",
    "schema": "Print the JSON Schema of the spec, for editor completion and validation.",
    "sandbox": "Run a Cognito emulator on 127.0.0.1 (needs the `sandbox` extra).",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # As click.Group.format_commands, from SUMMARIES instead of the imported commands.
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, click.Command(name, help=SUMMARIES[name]).get_short_help_str(limit))
                for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module), attribute)
        if not getattr(command, "_takes_global_options", False):
            command.params.extend(_global_options())
            command._takes_global_options = True  # type: ignore[attr-defined]
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cognito-reconciler")
@click.option("--region", help="AWS region for pools without region: (else AWS_REGION, "
              "AWS_DEFAULT_REGION, the profile's).")
@click.option("--profile", help="AWS profile name.")
@click.option("--endpoint-url", help="Cognito endpoint, e.g. the local sandbox.")
@click.option("--no-color", is_flag=True,
              help="No ANSI colours (also: NO_COLOR=1, TERM=dumb; FORCE_COLOR=1 forces them).")
@click.option("-v", "--verbose", is_flag=True, help="Debug logging and tracebacks.")
@click.pass_context
def cli(ctx: click.Context, region: str | None, profile: str | None,
        endpoint_url: str | None, no_color: bool, verbose: bool) -> None:
    """Plan and apply AWS Cognito user pools from YAML specs.

    The global options (--region, --profile, --endpoint-url, --no-color, -v) may be
    given before or after the command.
    """
    ctx.obj = Options(region, profile, endpoint_url, no_color, verbose)
    if style.forced():
        ctx.color = True  # else click.echo strips the escapes on a pipe
    if verbose:
        _enable_debug_log()


def fail(message: str, hint: str = "", code: int = EXIT_ERROR) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    if hint:
        click.echo(f"  hint: {hint}", err=True)
    sys.exit(code)


class Terminated(KeyboardInterrupt):
    """SIGTERM (CI runners' cancel, docker stop), raised like Ctrl-C outside an apply's
    writes (apply handles both signals itself while it writes)."""

    signum = int(signal.SIGTERM)


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated


def _interrupted(exc: BaseException | None) -> NoReturn:
    signum = int(getattr(exc, "signum", signal.SIGINT))
    fail(f"interrupted by {interruption.signal_name(signum)}", code=128 + signum)


def main(argv: list[str] | None = None) -> None:
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        _main(argv)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main(argv: list[str] | None) -> None:
    verbose = "-v" in (argv or sys.argv[1:]) or "--verbose" in (argv or sys.argv[1:])
    try:
        code = cli.main(args=argv, prog_name="cognito-reconciler", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        # click exits 2 on usage errors, which --detailed-exitcode reserves for "changes".
        exc.show()
        sys.exit(EXIT_ERROR)
    except click.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):  # click turns Ctrl-C into Abort
            _interrupted(exc.__cause__)
        fail("aborted")
    except SpecError as exc:
        for diagnostic in sorted(exc.diagnostics, key=lambda d: d.sort_key()):
            click.echo(str(diagnostic), err=True)
        count = sum(1 for d in exc.diagnostics if d.severity == "error")
        click.echo(f"{count} error(s): the spec is invalid; nothing was read or changed.",
                   err=True)
        sys.exit(EXIT_ERROR)
    except interruption.Interrupted as exc:
        if exc.abandoned:
            # Calls were still in flight: don't wait for their threads on the way out.
            click.echo(f"Error: {exc.message}", err=True)
            click.echo(f"  hint: {exc.hint}", err=True)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(exc.exit_code)
        fail(exc.message, exc.hint, exc.exit_code)
    except ReconcilerError as exc:
        if verbose:
            traceback.print_exc()
        fail(exc.message, exc.hint)
    except KeyboardInterrupt as exc:
        _interrupted(exc)
    except Exception as exc:  # the one boundary: anything unknown is still one line
        if verbose:
            traceback.print_exc()
        fail(f"internal error: {type(exc).__name__}: {exc}",
             "run again with -v for the traceback, and please report it")
    sys.exit(code if isinstance(code, int) else EXIT_OK)
