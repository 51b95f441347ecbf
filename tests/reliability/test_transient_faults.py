"""Apply under throttling, 5xx answers, dropped connections and persistent failures.

Each test runs the CLI against the sandbox (through the dropping proxy where a
connection must drop) and checks: exit status, an accurate done/not-done report
when it stops, convergence of the next apply, and every user still in the pool.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from e2e.cli import run

from .helpers import (
    Figures,
    add_users,
    clear_faults,
    clear_requests,
    client_names,
    fault_state,
    inject,
    operations,
    pool_ids,
    requests,
    retries_logged,
    users_by_pool,
)
from .netfaults import DroppingProxy
from .specs import V1, V2, assert_report_is_accurate, report, write

USERS = 25


def converged(url: str, spec: str) -> bool:
    return run(url, "plan", "--detailed-exitcode", spec).code == 0


@pytest.fixture
def populated(sandbox_url: str, cognito: Any, tmp_path: Path) -> dict[str, set[str]]:
    """V1 applied, then USERS users created in the pool: the users every test recounts."""
    result = run(sandbox_url, "apply", "--auto-approve", write(tmp_path, V1, "v1.yaml"))
    assert result.code == 0, result.text
    [pool_id] = pool_ids(cognito, "shop")
    add_users(cognito, pool_id, USERS)
    before = users_by_pool(cognito)
    assert sum(map(len, before.values())) == USERS
    clear_requests(sandbox_url)
    return before


def test_create_converges_under_throttling(sandbox_url: str, cognito: Any, tmp_path: Path,
                                           figures: Figures) -> None:
    spec = write(tmp_path, V1)
    inject(sandbox_url, {"throttle_every": 3})
    started = time.monotonic()
    result = run(sandbox_url, "-v", "apply", "--auto-approve", spec)
    elapsed = time.monotonic() - started
    assert result.code == 0, result.text
    [rule] = fault_state(sandbox_url)
    log = requests(sandbox_url)
    assert rule["throttled"] >= 5
    retried = retries_logged(result.err, "TooManyRequestsException")
    assert retried == rule["throttled"]  # every throttled call was sent again
    clear_faults(sandbox_url)
    assert converged(sandbox_url, spec)
    [pool_id] = pool_ids(cognito, "shop")
    assert client_names(cognito, pool_id) == ["admin-tool", "backend", "mobile", "web"]
    figures.record("throttling", injected=rule["throttled"], retried=retried, calls=len(log))
    figures.record("timings", create_under_throttle_every_3_s=round(elapsed, 2))


def test_update_converges_under_seeded_throttling_and_keeps_users(
        sandbox_url: str, cognito: Any, tmp_path: Path, populated: dict[str, set[str]],
        figures: Figures) -> None:
    spec = write(tmp_path, V2)
    inject(sandbox_url, {"throttle_fraction": 0.3, "seed": 11})
    result = run(sandbox_url, "-v", "apply", "--auto-approve", spec)
    assert result.code == 0, result.text
    [rule] = fault_state(sandbox_url)
    log = requests(sandbox_url)
    assert rule["throttled"] >= 5
    retried = retries_logged(result.err, "TooManyRequestsException")
    assert retried == rule["throttled"]
    clear_faults(sandbox_url)
    assert converged(sandbox_url, spec)
    assert users_by_pool(cognito) == populated
    figures.record("throttling", injected=rule["throttled"], retried=retried, calls=len(log))
    figures.record("users", counted_before=USERS, counted_after=USERS, lost=0)


def test_a_5xx_on_an_update_is_retried_and_converges(
        sandbox_url: str, cognito: Any, tmp_path: Path, populated: dict[str, set[str]],
        figures: Figures) -> None:
    spec = write(tmp_path, V2)
    inject(sandbox_url, {"fail_write_number": 1, "status": 500})  # V2's first write: an update
    result = run(sandbox_url, "apply", "--auto-approve", spec)
    assert result.code == 0, result.text
    updates = [json.dumps(entry, sort_keys=True) for entry in requests(sandbox_url)
               if entry["operation"].startswith("Update")]
    assert len(updates) - len(set(updates)) == 1  # one update sent again, same full body
    assert fault_state(sandbox_url)[0]["failed"] == 1
    assert converged(sandbox_url, spec)
    assert users_by_pool(cognito) == populated
    figures.record("faults_survived", injected_5xx=1)
    figures.record("users", counted_before=USERS, counted_after=USERS, lost=0)


def test_a_5xx_on_a_create_stops_cleanly_and_the_rerun_converges(
        sandbox_url: str, cognito: Any, tmp_path: Path, figures: Figures) -> None:
    spec = write(tmp_path, V1)
    # Write 1 is CreateUserPool, 2 CreateResourceServer, 3 the first CreateUserPoolClient.
    inject(sandbox_url, {"fail_write_number": 3, "status": 500})
    failed = run(sandbox_url, "apply", "--auto-approve", spec)
    assert failed.code == 1
    assert "Traceback" not in failed.text
    assert "CreateUserPoolClient failed: InternalErrorException" in failed.err
    assert "may or may not have done it" in failed.err
    assert operations(sandbox_url).count("CreateUserPoolClient") <= 4  # none resent
    clear_faults(sandbox_url)
    assert_report_is_accurate(sandbox_url, spec, failed.err)
    again = run(sandbox_url, "apply", "--auto-approve", spec)
    assert again.code == 0, again.text
    [pool_id] = pool_ids(cognito, "shop")
    assert client_names(cognito, pool_id) == ["admin-tool", "backend", "mobile", "web"]
    figures.record("faults_survived", injected_5xx=1, stopped_then_converged=1)


def test_a_persistent_failure_stops_with_an_accurate_report(
        sandbox_url: str, cognito: Any, tmp_path: Path, populated: dict[str, set[str]],
        figures: Figures) -> None:
    spec = write(tmp_path, V2)
    # Write 2 and every attempt after it fail: retries can't get past it.
    inject(sandbox_url, {"fail_write_number": 2, "times": 50, "status": 503})
    started = time.monotonic()
    failed = run(sandbox_url, "apply", "--auto-approve", spec)
    elapsed = time.monotonic() - started
    assert failed.code == 1
    assert "Traceback" not in failed.text
    assert "Apply stopped" in failed.err
    assert "(after 8 attempts)" in failed.err or "may or may not" in failed.err
    clear_faults(sandbox_url)
    _, not_done = assert_report_is_accurate(sandbox_url, spec, failed.err)
    assert not_done >= 1
    again = run(sandbox_url, "apply", "--auto-approve", spec)
    assert again.code == 0, again.text
    assert converged(sandbox_url, spec)
    assert users_by_pool(cognito) == populated
    figures.record("faults_survived", persistent_failures=1, stopped_then_converged=1)
    figures.record("users", counted_before=USERS, counted_after=USERS, lost=0)
    figures.record("timings", persistent_failure_stop_s=round(elapsed, 2))


def test_dropped_answers_to_reads_and_updates_are_retried(
        sandbox_url: str, cognito: Any, tmp_path: Path, populated: dict[str, set[str]],
        proxy: DroppingProxy, figures: Figures) -> None:
    spec = write(tmp_path, V2)
    drops = {"ListUserPools": "before", "DescribeUserPoolClient": "after",
             "UpdateUserPool": "after", "UpdateUserPoolClient": "after", "UpdateGroup": "before"}
    proxy.configure(first_of=drops)
    result = run(proxy.url, "apply", "--auto-approve", spec)
    assert result.code == 0, result.text
    assert sorted(op for _, op, _ in proxy.dropped) == sorted(drops)
    assert converged(sandbox_url, spec)
    assert users_by_pool(cognito) == populated
    figures.record("faults_survived", dropped_connections=len(drops))
    figures.record("users", counted_before=USERS, counted_after=USERS, lost=0)


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_dropped_create_stops_and_the_rerun_makes_no_duplicate(
        sandbox_url: str, cognito: Any, tmp_path: Path, proxy: DroppingProxy, when: str,
        figures: Figures) -> None:
    spec = write(tmp_path, V1)
    # Call 1 is ListUserPools, 2 CreateUserPool, 3 CreateResourceServer, 4 the first client.
    proxy.configure({4: when})
    failed = run(proxy.url, "apply", "--auto-approve", spec)
    assert failed.code == 1
    assert "Traceback" not in failed.text
    assert "ConnectionClosedError" in failed.err and "may or may not" in failed.err
    again = run(sandbox_url, "apply", "--auto-approve", spec)
    assert again.code == 0, again.text
    [pool_id] = pool_ids(cognito, "shop")
    assert client_names(cognito, pool_id) == ["admin-tool", "backend", "mobile", "web"]
    figures.record("faults_survived", dropped_connections=1, stopped_then_converged=1)


def test_a_create_whose_answer_was_lost_is_not_reported_not_done(
        sandbox_url: str, tmp_path: Path, proxy: DroppingProxy) -> None:
    spec = write(tmp_path, V1)
    # Calls: the plan's ListUserPools, the re-check of the name just before the create,
    # CreateUserPool, CreateResourceServer, then the first client: created, answer lost.
    proxy.configure({5: "after"})
    failed = run(proxy.url, "apply", "--auto-approve", spec)
    assert failed.code == 1
    [(_, operation)] = report(failed.err)["unknown"]
    assert operation == "CreateUserPoolClient"
    assert_report_is_accurate(sandbox_url, spec, failed.err)

