"""`--help` lists the commands without importing them (issue 15: it imported every
command module, so it started slower than `validate`)."""

from __future__ import annotations

import json
import subprocess
import sys

import click

from reconciler.cli import COMMANDS, cli


def test_help_imports_no_command_module_and_no_aws_library():
    code = ("import json, sys\nfrom reconciler.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith("
            "('reconciler.commands.', 'boto3', 'botocore', 'moto')))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=60)
    last = done.stdout.strip().splitlines()[-1]
    assert json.loads(last) == []
    assert "validate" in done.stdout and "sandbox" in done.stdout


def test_the_command_list_reads_as_the_commands_own_help():
    ctx = click.Context(cli, info_name="cognito-reconciler")
    lazy = click.HelpFormatter()
    cli.format_commands(ctx, lazy)
    eager = click.HelpFormatter()
    # click's own listing, which imports each command to ask for its help
    click.Group.format_commands(cli, ctx, eager)
    assert lazy.getvalue() == eager.getvalue()
    assert list(COMMANDS) == cli.list_commands(ctx)
