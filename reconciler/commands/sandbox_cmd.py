"""`sandbox`: a local Cognito emulator for trying the tool without AWS."""

from __future__ import annotations

import click

from reconciler.errors import ReconcilerError


@click.command()
@click.option("--port", default=4566, show_default=True, type=int)
def sandbox(port: int) -> None:
    """Run a Cognito emulator on 127.0.0.1 (needs the `sandbox` extra)."""
    try:
        from reconciler.sandbox.server import serve_forever
    except ImportError as exc:
        raise ReconcilerError("the sandbox needs moto",
                              "pip install 'cognito-reconciler[sandbox]'") from exc
    serve_forever(port=port)
