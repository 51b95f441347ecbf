"""Interrupting an apply: no new write after the signal, a report, exit 130/143, converges.

The sandbox holds every write in flight (``latency_writes_ms``; reads answer at
once) until the test changes the fault rules, so the moment of the signal is
exact: when it is sent, the apply's workers are all blocked in calls the sandbox
has counted, and nothing else has started.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from typing import Any

import pytest

from .cli import run, sandbox_requests, write_spec
from .test_failures import inject

WORKERS = 4
GROUPS = 10
BEFORE = """\
version: 1
user_pools:
  - pool_name: halted
"""
AFTER = BEFORE + "    groups:\n" + "".join(
    f"      - group_name: g{i}\n" for i in range(GROUPS))


def stats(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(f"{url}/_sandbox/stats", timeout=10) as response:
        document: dict[str, Any] = json.loads(response.read())
    return document


def wait_for_calls(url: str, operation: str, count: int) -> None:
    for _ in range(1000):
        if stats(url)["calls"].get(operation, 0) >= count:
            return
        time.sleep(0.02)
    raise AssertionError(f"{count} {operation} never arrived")


def start_apply(url: str, spec: str, **env: str) -> subprocess.Popen[str]:
    environment = {**os.environ, "COGNITO_RECONCILER_MAX_WORKERS": str(WORKERS), **env}
    return subprocess.Popen(
        [sys.executable, "-m", "reconciler", "--endpoint-url", url, "--no-color", "apply",
         "--auto-approve", spec],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)


def read_until(proc: subprocess.Popen[str], marker: str) -> list[str]:
    assert proc.stderr is not None
    lines: list[str] = []
    while True:
        line = proc.stderr.readline()
        if not line:
            raise AssertionError("the apply ended before saying " + repr(marker)
                                 + ":\n" + "".join(lines))
        lines.append(line)
        if marker in line:
            return lines


def created_groups(url: str) -> list[str]:
    return [r["body"]["GroupName"] for r in sandbox_requests(url)
            if r["operation"] == "CreateGroup"]


@pytest.fixture
def held(sandbox_url: str, tmp_path: Any) -> tuple[str, str]:
    """A pool applied; the spec adding GROUPS groups; writes held from now on."""
    assert run(sandbox_url, "apply", "--auto-approve", write_spec(tmp_path, BEFORE, "a.yaml")
               ).code == 0
    inject(sandbox_url, {"latency_writes_ms": 600_000})
    return sandbox_url, write_spec(tmp_path, AFTER, "b.yaml")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_starts_no_new_write_and_reports(held: tuple[str, str],
                                                  signum: signal.Signals) -> None:
    url, spec = held
    proc = start_apply(url, spec)
    try:
        wait_for_calls(url, "CreateGroup", WORKERS)  # every worker is now in a call
        proc.send_signal(signum)
        early = read_until(proc, f"Interrupted by {signum.name}: starting no new call")
        inject(url, {})  # the calls in flight are answered
        _, rest = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    err = "".join(early) + rest
    assert proc.returncode == 128 + signum, err
    started = created_groups(url)
    assert len(started) == WORKERS  # not one write started after the signal
    assert f"Apply interrupted by {signum.name}: no call was started after it." in err
    done = [line for line in err.splitlines() if line.startswith("  done:")]
    not_done = [line for line in err.splitlines() if line.startswith("  not done:")]
    assert sorted(line.split(".group.")[1].split(":")[0] for line in done) == sorted(started)
    assert len(not_done) == GROUPS - WORKERS
    assert (f"Error: apply interrupted by {signum.name}: {WORKERS} call(s) done, 0 unknown, "
            f"{GROUPS - WORKERS} not done") in err
    assert "hint: run apply again" in err

    again = run(url, "apply", "--auto-approve", spec)
    assert again.code == 0, again.text
    assert sorted(created_groups(url)) == sorted(f"g{i}" for i in range(GROUPS))


def test_calls_that_stay_in_flight_are_waited_for_up_to_a_bound(
        held: tuple[str, str]) -> None:
    url, spec = held
    proc = start_apply(url, spec, COGNITO_RECONCILER_STOP_WAIT_SECONDS="1")
    try:
        wait_for_calls(url, "CreateGroup", WORKERS)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)  # the writes stay held: it stops waiting
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert "waiting up to 1s for 4 call(s) in flight" in err
    unknown = [line for line in err.splitlines() if line.startswith("  unknown:")]
    assert len(unknown) == WORKERS
    assert f"0 call(s) done, {WORKERS} unknown, {GROUPS - WORKERS} not done" in err

    inject(url, {})  # the held writes now reach the sandbox: "unknown" was right
    wait_for_calls(url, "CreateGroup", WORKERS)
    again = run(url, "apply", "--auto-approve", spec)
    assert again.code == 0, again.text
    assert len(set(created_groups(url))) == GROUPS


def test_sigterm_while_planning_is_one_line_and_exit_143(sandbox_url: str,
                                                         tmp_path: Any) -> None:
    spec = write_spec(tmp_path, AFTER)
    inject(sandbox_url, {"latency_ms": 600_000})  # the plan's first read is held
    proc = start_apply(sandbox_url, spec)
    try:
        wait_for_calls(sandbox_url, "ListUserPools", 1)
        proc.send_signal(signal.SIGTERM)
        time.sleep(0.2)  # not an assertion: lets the signal land before the answer
        inject(sandbox_url, {})
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 143, err
    assert err.strip().splitlines()[-1].startswith("Error: ")
    assert "interrupted by SIGTERM" in err.strip().splitlines()[-1]
    assert "Traceback" not in err
    assert [r["operation"] for r in sandbox_requests(sandbox_url)
            if not r["operation"].startswith(("List", "Describe", "Get"))] == []


def test_a_second_signal_stops_the_wait(held: tuple[str, str]) -> None:
    url, spec = held
    proc = start_apply(url, spec, COGNITO_RECONCILER_STOP_WAIT_SECONDS="600")
    try:
        wait_for_calls(url, "CreateGroup", WORKERS)
        proc.send_signal(signal.SIGINT)
        early = read_until(proc, "signal again to stop waiting")
        proc.send_signal(signal.SIGINT)
        _, rest = proc.communicate(timeout=60)  # far less than the 600 s wait
    finally:
        if proc.poll() is None:
            proc.kill()
        inject(url, {})
    err = "".join(early) + rest
    assert proc.returncode == 130, err
    assert f"0 call(s) done, {WORKERS} unknown, {GROUPS - WORKERS} not done" in err
