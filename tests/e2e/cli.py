"""Running the CLI as users do, against the sandbox over HTTP."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reconciler.aws.service_model import service_model
from reconciler.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def run(url: str, *args: str, stdin: str | None = None) -> Result:
    """In-process, through the same entry point as the installed command."""
    return run_main(["--endpoint-url", url, "--no-color", *args], stdin=stdin)


def run_main(argv: list[str], stdin: str | None = None) -> Result:
    """The installed command's entry point, in process, with ``argv`` as given."""
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(argv)
                code = 0
            except SystemExit as exc:
                code = int(exc.code or 0)
    finally:
        sys.stdin = old_stdin
    return Result(code, out.getvalue(), err.getvalue())


def run_process(url: str, *args: str, env: dict[str, str] | None = None) -> Result:
    """As a separate process, exactly as a user's shell runs it."""
    proc = subprocess.run(
        [sys.executable, "-m", "reconciler", "--endpoint-url", url, "--no-color", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def sandbox_requests(url: str) -> list[dict[str, Any]]:
    with urllib.request.urlopen(f"{url}/_sandbox/requests", timeout=10) as response:
        data: list[dict[str, Any]] = json.loads(response.read())
    return data


def clear_requests(url: str) -> None:
    request = urllib.request.Request(f"{url}/_sandbox/requests", method="DELETE")
    urllib.request.urlopen(request, timeout=10).close()


def writes(url: str) -> list[str]:
    reads = ("Describe", "List", "Get")
    return [r["operation"] for r in sandbox_requests(url) if not r["operation"].startswith(reads)]


def write_spec(directory: Path, text: str, name: str = "spec.yaml") -> str:
    path = directory / name
    path.write_text(text)
    return str(path)


def client_update_body(described: dict[str, Any]) -> dict[str, Any]:
    """A DescribeUserPoolClient answer as an UpdateUserPoolClient request, as a console
    edit sends it: only the request's members (the answer also has output-only ones,
    ClientSecret, dates, ClientSecretArn, ClientType, which a newer botocore parses)."""
    members = service_model().operation_model("UpdateUserPoolClient").input_shape.members
    return {k: v for k, v in described.items() if k in members}
