"""`echo yes | apply` (issue 13, trap 9): a piped answer counts like a typed one."""

from __future__ import annotations

import pytest

from .cli import clear_requests, run, writes


def test_a_piped_yes_applies(sandbox_url, workshop_spec):
    result = run(sandbox_url, "apply", workshop_spec, stdin="yes\n")
    assert result.code == 0, result.text
    assert "CreateUserPool" in writes(sandbox_url)
    assert run(sandbox_url, "plan", "--detailed-exitcode", workshop_spec).code == 0


@pytest.mark.parametrize("answer", ["no\n", "y\n", "YES\n", "\n", "yes please\n"])
def test_any_other_piped_answer_changes_nothing(sandbox_url, workshop_spec, answer):
    clear_requests(sandbox_url)
    result = run(sandbox_url, "apply", workshop_spec, stdin=answer)
    assert result.code == 1
    assert "nothing was changed" in result.err
    assert writes(sandbox_url) == []


def test_an_empty_pipe_says_to_pass_auto_approve(sandbox_url, workshop_spec):
    clear_requests(sandbox_url)
    result = run(sandbox_url, "apply", workshop_spec, stdin="")
    assert result.code == 1
    assert "--auto-approve" in result.err and "stdin is not a terminal" in result.err
    assert writes(sandbox_url) == []


def test_echo_yes_piped_into_the_installed_command(sandbox_url, workshop_spec):
    # A real pipe, as a shell makes it: `echo yes | cognito-reconciler apply SPEC`.
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "reconciler", "--endpoint-url", sandbox_url, "apply",
         workshop_spec], input="yes\n", capture_output=True, text=True, timeout=120,
        check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Apply these changes? Only 'yes' is accepted: yes" in proc.stderr
    assert "CreateUserPool" in writes(sandbox_url)
