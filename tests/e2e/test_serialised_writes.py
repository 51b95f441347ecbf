"""Writes AWS serialises, refusals that clear with time, and quotas that don't."""

from __future__ import annotations

from typing import Any

import pytest

from reconciler.apply import slow_retry

from .cli import clear_requests, run, sandbox_requests, write_spec
from .test_failures import inject

SPEC = """\
version: 1
user_pools:
  - pool_name: serial
    policies:
      password_policy: {{minimum_length: {length}}}
    clients:
{clients}
    groups:
      - group_name: staff
"""
CLIENTS = 6


def spec(tmp_path: Any, validity: int, length: int = 10, name: str = "spec.yaml") -> str:
    clients = "\n".join(f"      - {{client_name: c{i}, access_token_validity: {validity}}}"
                        for i in range(CLIENTS))
    return write_spec(tmp_path, SPEC.format(clients=clients, length=length), name)


def count(url: str, operation: str) -> int:
    return sum(1 for r in sandbox_requests(url) if r["operation"] == operation)


@pytest.fixture
def applied(sandbox_url: str, tmp_path: Any) -> str:
    result = run(sandbox_url, "apply", "--auto-approve", spec(tmp_path, 1, name="v1.yaml"))
    assert result.code == 0, result.text
    clear_requests(sandbox_url)
    return sandbox_url


def test_overlapping_client_updates_fail_and_serialised_ones_converge(
        applied: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    inject(applied, {"latency_ms": 100})  # as over a network: the updates overlap
    monkeypatch.setenv(slow_retry.WINDOW_ENV, "0")
    with monkeypatch.context() as old:
        old.setattr(slow_retry, "SERIALISED", frozenset())  # the executor before issue 10.2
        before = run(applied, "apply", "--auto-approve", spec(tmp_path, 2))
    assert before.code == 1
    assert ("ConcurrentModificationException: Only one request to update user pool client "
            "can be processed at a time.") in before.err

    clear_requests(applied)
    after = run(applied, "apply", "--auto-approve", spec(tmp_path, 2))
    assert after.code == 0, after.text
    assert "ConcurrentModification" not in after.err
    assert count(applied, "UpdateUserPoolClient") <= CLIENTS  # none refused, none resent


def test_an_injected_concurrent_modification_is_retried(
        applied: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(slow_retry.WINDOW_ENV, "30")
    inject(applied, {"fail_operation": {"operation": "UpdateUserPoolClient",
                                        "code": "ConcurrentModificationException",
                                        "message": "Only one request to update user pool "
                                                   "client can be processed at a time.",
                                        "times": 2}})
    result = run(applied, "apply", "--auto-approve", spec(tmp_path, 2))
    assert result.code == 0, result.text
    assert result.err.count("ConcurrentModificationException (another write to this pool "
                            "was in progress); retrying in") == 2
    assert count(applied, "UpdateUserPoolClient") == CLIENTS + 2


def test_a_persistent_concurrent_modification_stops_with_one_clear_line(
        applied: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(slow_retry.WINDOW_ENV, "1")
    inject(applied, {"fail_operation": {"operation": "UpdateUserPoolClient",
                                        "code": "ConcurrentModificationException"}})
    result = run(applied, "apply", "--auto-approve", spec(tmp_path, 2))
    assert result.code == 1
    [error] = [line for line in result.err.splitlines() if line.startswith("Error: ")]
    assert error.startswith("Error: UpdateUserPoolClient failed: "
                            "ConcurrentModificationException: ")
    assert error.endswith("(still refused after retrying for 1s: another write to this pool "
                          "was in progress)")
    assert "not done: user_pool.serial.client.c" in result.err
    assert "hint: another process" in result.err
    inject(applied, {})
    assert run(applied, "plan", "--detailed-exitcode", spec(tmp_path, 2)).code == 2  # unchanged


@pytest.mark.parametrize("code", sorted(slow_retry.IAM_PROPAGATION))
def test_iam_propagation_on_a_pool_update_is_retried(
        applied: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch, code: str) -> None:
    monkeypatch.setenv(slow_retry.WINDOW_ENV, "30")
    inject(applied, {"fail_operation": {"operation": "UpdateUserPool", "code": code,
                                        "message": slow_retry.IAM_PROPAGATION[code],
                                        "times": 1}})
    result = run(applied, "apply", "--auto-approve", spec(tmp_path, 1, length=12))
    assert result.code == 0, result.text
    assert count(applied, "UpdateUserPool") == 2


def test_a_resource_quota_stops_at_once_and_is_named(applied: str, tmp_path: Any) -> None:
    inject(applied, {"fail_operation": {"operation": "CreateGroup",
                                        "code": "LimitExceededException",
                                        "message": "Group limit exceeded for user pool."}})
    text = SPEC.format(clients="      - client_name: c0", length=10).replace(
        "      - group_name: staff", "      - group_name: staff\n      - group_name: more")
    result = run(applied, "apply", "--auto-approve", write_spec(tmp_path, text, "more.yaml"))
    assert result.code == 1
    assert count(applied, "CreateGroup") == 1  # neither botocore nor the executor retried it
    assert "Error: CreateGroup failed: LimitExceededException: Group limit exceeded" in result.err
    assert "quota is full (groups per user pool)" in result.err
    assert "throttl" not in result.err.lower()
