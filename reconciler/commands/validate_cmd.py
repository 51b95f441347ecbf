"""`validate`: check specs offline. No AWS call, no boto3 import."""

from __future__ import annotations

import click

from reconciler.cli_options import echo_diagnostics, spec_arguments, spec_input


@click.command()
@spec_arguments
def validate(specs: tuple[str, ...], variables: tuple[str, ...],
             var_files: tuple[str, ...]) -> None:
    """Check SPECS (files or folders) against the schema and Cognito's rules."""
    from reconciler.spec.loader import load_spec

    given = spec_input(specs, variables, var_files)
    spec = load_spec(given.paths, given.variables, given.var_files)
    echo_diagnostics(spec.warnings)
    pools = spec.data.get("user_pools", [])
    clients = sum(len(p.get("clients", [])) for p in pools)
    click.echo(f"Valid: {len(pools)} user pool(s), {clients} client(s).", err=True)
