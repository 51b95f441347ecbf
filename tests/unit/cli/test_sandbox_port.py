"""The sandbox's default port is not LocalStack's 4566 (issue 13, trap 9)."""

from __future__ import annotations

import inspect

from reconciler.commands import sandbox_cmd
from reconciler.sandbox import server

LOCALSTACK_PORT = 4566


def test_default_port_is_not_localstacks() -> None:
    [port] = [p for p in sandbox_cmd.sandbox.params if p.name == "port"]
    assert port.default == sandbox_cmd.DEFAULT_PORT != LOCALSTACK_PORT


def test_command_and_server_agree() -> None:
    default = inspect.signature(server.serve_forever).parameters["port"].default
    assert default == server.DEFAULT_PORT == sandbox_cmd.DEFAULT_PORT
