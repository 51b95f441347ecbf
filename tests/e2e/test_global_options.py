"""Global options work after the subcommand too (issue 13, trap 3; CONTRACT.md:
"global options, before or after the command")."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys

import boto3
import pytest

from reconciler.cli import main

from .cli import Result, write_spec

SPEC = """\
version: 1
user_pools:
  - pool_name: global-options
"""


def run_raw(*argv: str) -> Result:
    """The CLI with exactly these arguments (tests/e2e/cli.run puts its options first)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(list(argv))
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
    return Result(code, out.getvalue(), err.getvalue())


def pools_in(url: str, region: str) -> list[str]:
    client = boto3.client("cognito-idp", region_name=region, endpoint_url=url,
                          aws_access_key_id="testing", aws_secret_access_key="testing")
    return [p["Name"] for p in client.list_user_pools(MaxResults=60)["UserPools"]]


def test_region_and_endpoint_after_the_command(sandbox_url, tmp_path, monkeypatch):
    monkeypatch.delenv("AWS_ENDPOINT_URL_COGNITO_IDP")  # only the option points at the sandbox
    spec = write_spec(tmp_path, SPEC)
    result = run_raw("apply", spec, "--auto-approve", "--region", "us-west-2",
                     "--endpoint-url", sandbox_url, "--no-color")
    assert result.code == 0, result.text
    assert pools_in(sandbox_url, "us-west-2") == ["global-options"]
    assert pools_in(sandbox_url, "us-east-1") == []


def test_endpoint_after_the_command_is_used(sandbox_url, tmp_path):
    spec = write_spec(tmp_path, SPEC)
    # Port 9 (discard) refuses: the error proves the option reached the client.
    result = run_raw("plan", spec, "--endpoint-url", "http://127.0.0.1:9")
    assert result.code == 1
    assert "No such option" not in result.text
    assert "127.0.0.1:9" in result.text


def test_no_color_after_the_command_beats_force_color(sandbox_url, tmp_path, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    spec = write_spec(tmp_path, SPEC)
    coloured = run_raw("--endpoint-url", sandbox_url, "plan", spec)
    assert "\x1b[" in coloured.out, coloured.text
    plain = run_raw("plan", spec, "--no-color", "--endpoint-url", sandbox_url)
    assert plain.code == 0, plain.text
    assert "\x1b[" not in plain.out and "global-options" in plain.out


def test_profile_after_the_command(sandbox_url, tmp_path):
    spec = write_spec(tmp_path, SPEC)
    result = run_raw("plan", spec, "--profile", "no-such-profile")
    assert result.code == 1
    assert "no-such-profile" in result.text and "No such option" not in result.text


def test_verbose_after_the_command_gives_the_traceback(sandbox_url, tmp_path):
    spec = write_spec(tmp_path, SPEC)
    result = run_raw("plan", spec, "--endpoint-url", "http://127.0.0.1:9", "-v")
    assert result.code == 1
    assert "Traceback" in result.err


def test_help_of_a_command_lists_the_global_options():
    result = run_raw("plan", "--help")
    for option in ("--region", "--profile", "--endpoint-url", "--no-color", "--verbose"):
        assert option in result.out


@pytest.mark.parametrize("command", ["validate", "review", "plan", "apply", "outputs",
                                     "export", "destroy", "schema", "sandbox"])
def test_every_command_takes_them(command):
    assert "--endpoint-url" in run_raw(command, "--help").out


def test_shell_completion_lists_commands():
    # Documented in README and docs/getting-started.md: click's completion, driven by
    # this variable, must see the lazily loaded commands.
    env = {**os.environ, "_COGNITO_RECONCILER_COMPLETE": "bash_complete",
           "COMP_WORDS": "cognito-reconciler pl", "COMP_CWORD": "1"}
    proc = subprocess.run([sys.executable, "-m", "reconciler"], env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert "plain,plan" in proc.stdout, proc.stdout + proc.stderr


@pytest.mark.parametrize(("command", "shown"), [("plan", True), ("apply", True),
                                                ("validate", False), ("outputs", False),
                                                ("destroy", False), ("review", False)])
def test_resend_secrets_only_where_secrets_are_sent(command, shown):
    assert ("--resend-secrets" in run_raw(command, "--help").out) is shown


def test_resend_secrets_on_validate_is_a_usage_error(tmp_path):
    result = run_raw("validate", write_spec(tmp_path, SPEC), "--resend-secrets")
    assert result.code == 1 and "No such option" in result.err


def test_verbose_logs_reach_each_runs_own_stderr(sandbox_url, tmp_path):
    # In one process (as the tests run the CLI), a second -v run logs to its own stderr.
    spec = write_spec(tmp_path, SPEC)
    for argv in (("-v", "plan", spec), ("plan", spec, "-v"), ("-v", "plan", spec, "-v")):
        result = run_raw("--endpoint-url", sandbox_url, *argv)
        assert result.code == 0, result.text
        # Logged here, and once only: one ListUserPools call, one line.
        assert result.err.count("call ListUserPools") == 1, (argv, result.err)
