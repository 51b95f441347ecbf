"""`plan`: read live state and show what apply would do."""

from __future__ import annotations

import sys

import click

from reconciler.cli_options import api_factory, echo_diagnostics, options, spec_input, spec_options
from reconciler.engine import plan as make_plan
from reconciler.render.json_plan import render_json
from reconciler.render.progress import ReadProgress
from reconciler.render.style import Style, wants_color
from reconciler.render.text import render_plan


@click.command()
@spec_options
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON (--format json).")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]),
              default="text", show_default=True,
              help="markdown: for a pull-request comment.")
@click.option("--out", "out_file", type=click.Path(), help="Save the plan to a file.")
@click.option("--detailed-exitcode", is_flag=True,
              help="Exit 0 when there are no changes, 2 when there are, 1 on error.")
@click.option("--strict", is_flag=True,
              help="Manage what the specs leave out at Cognito's defaults, and part kinds "
              "they don't name as none, so any drift shows (docs/semantics.md). Saved "
              "with --out.")
@click.pass_context
def plan(ctx: click.Context, specs: tuple[str, ...], variables: tuple[str, ...],
         var_files: tuple[str, ...], as_json: bool, output_format: str, out_file: str | None,
         detailed_exitcode: bool, resend_secrets: bool, strict: bool) -> None:
    """Show the changes that would make the live pools match SPECS."""
    opts = options(ctx)
    if as_json and output_format not in ("text", "json"):
        raise click.UsageError("--json and --format markdown contradict each other")
    spec = spec_input(specs, variables, var_files, resend_secrets)
    if out_file:
        from reconciler.saved_plan import check_out_path

        check_out_path(out_file)  # before minutes of reading, not after
    connections = api_factory(opts)
    result = make_plan(spec, connections, ReadProgress(sys.stderr), strict=strict)
    echo_diagnostics(result.spec.warnings)
    if as_json or output_format == "json":
        click.echo(render_json(result.plan), nl=False)
    elif output_format == "markdown":
        from reconciler.render.markdown import render_markdown
        from reconciler.review.introduced import review_section

        # The security review of what this change introduces follows the plan (issue 14).
        click.echo(render_markdown(result.plan) + review_section(result.spec, result.plan),
                   nl=False)
    else:
        style = Style(wants_color(sys.stdout, opts.no_color))
        click.echo(render_plan(result.plan, style), nl=False)
    if out_file:
        from reconciler.saved_plan import write_saved_plan

        # The file records --strict, so that apply re-plans it the same way.
        write_saved_plan(out_file, result, spec, connections, strict)
        click.echo(f"Saved the plan to {out_file}.", err=True)
    if detailed_exitcode and not result.plan.empty:
        ctx.exit(2)
