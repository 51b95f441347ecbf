"""`sandbox`: a local Cognito emulator for trying the tool without AWS."""

from __future__ import annotations

import click

from reconciler.errors import ReconcilerError

# The sandbox's default port, written here too so that `--help` needs no moto import.
DEFAULT_PORT = 9466


@click.command()
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int,
              help="Port on 127.0.0.1 (not LocalStack's 4566, so both can run).")
def sandbox(port: int) -> None:
    """Run a Cognito emulator on 127.0.0.1 (needs the `sandbox` extra)."""
    try:
        from reconciler.sandbox.server import serve_forever
    except ImportError as exc:
        raise ReconcilerError("the sandbox needs moto",
                              "pip install 'cognito-reconciler[sandbox]'") from exc
    serve_forever(port=port)
