"""`schema`: print the spec's JSON Schema (for editors and other tools). No AWS, no boto3."""

from __future__ import annotations

import json

import click

from reconciler.spec.schema_data import load_schema


def schema_text() -> str:
    """The schema exactly as ``schema/cognito-reconciler.schema.json`` holds it."""
    return json.dumps(load_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@click.command()
def schema() -> None:
    """Print the JSON Schema of the spec, for editor completion and validation.

    For example: cognito-reconciler schema > cognito-reconciler.schema.json, then put
    `# yaml-language-server: $schema=./cognito-reconciler.schema.json` atop a spec.
    """
    click.echo(schema_text(), nl=False)
