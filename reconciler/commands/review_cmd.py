"""`review`: an offline security review of specs. No AWS call, no boto3 import."""

from __future__ import annotations

import sys

import click

from reconciler.cli_options import echo_diagnostics, spec_arguments, spec_input

SEVERITIES = ("low", "medium", "high")


@click.command()
@spec_arguments
@click.option("--format", "output_format", type=click.Choice(["text", "json", "sarif", "markdown"]),
              default="text", show_default=True,
              help="sarif: for GitHub code scanning; markdown: for a pull-request comment.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="high", show_default=True,
              help="Exit 1 when an open (not accepted) finding is at least this severe.")
@click.pass_context
def review(ctx: click.Context, specs: tuple[str, ...], variables: tuple[str, ...],
           var_files: tuple[str, ...], output_format: str, fail_on: str) -> None:
    """Review SPECS for risky Cognito settings, offline (see docs/rules.md)."""
    from reconciler.review.engine import review_spec
    from reconciler.review.loading import load_for_review
    from reconciler.review.model import Severity
    from reconciler.review.render import RENDERERS

    given = spec_input(specs, variables, var_files)
    spec = load_for_review(given.paths, given.variables, given.var_files)
    echo_diagnostics(spec.warnings)
    threshold = Severity.parse(fail_on)
    result = review_spec(spec)
    echo_diagnostics(result.notes)
    click.echo(RENDERERS[output_format](result, threshold), nl=False)
    sys.stdout.flush()
    if result.open_at_or_above(threshold):
        ctx.exit(1)
