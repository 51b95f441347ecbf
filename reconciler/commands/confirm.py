"""Asking before a destructive run: a typed answer on a terminal, or one line on a pipe.

A piped answer counts like a typed one (`echo yes | cognito-reconciler apply ...`),
as with `terraform apply`: refusing it was a trap (issue 13, trap 9), and the answer
still has to be exactly right. An empty pipe (EOF, e.g. a CI job without
--auto-approve) is refused with the hint to review the plan and pass --auto-approve.
"""

from __future__ import annotations

import sys

import click

from reconciler.errors import ReconcilerError


def confirm(question: str, expected: str, cancelled: str) -> None:
    """Raise unless the user answers exactly ``expected`` (surrounding spaces ignored)."""
    if sys.stdin.isatty():
        answer = click.prompt(question, default="", show_default=False, err=True)
    else:
        click.echo(f"{question}: ", err=True, nl=False)
        line = sys.stdin.readline()
        if not line:
            click.echo("", err=True)
            raise ReconcilerError(
                f"{cancelled}: confirmation needed, but stdin is not a terminal and gave "
                "no answer",
                f"review the plan, then pipe the answer ({expected!r}) or pass "
                "--auto-approve (e.g. in CI)")
        answer = line.rstrip("\r\n")
        click.echo(answer, err=True)  # a log shows what was answered
    if answer.strip() != expected:
        raise ReconcilerError(f"{cancelled}: the answer was not {expected!r}; nothing was "
                              "changed")
