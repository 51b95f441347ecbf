"""Pacing at each quota category's provisioned rate, through the CLI (issue 11.5).

The sandbox answers GetProvisionedLimit from its quota settings and enforces them;
``-v`` says which rate each category was paced at and where it came from. The tool
asks nothing in a run's first second (LimitManagement allows 1 request/s per account,
and the run before may have used it): these plans still read clients after that,
since one pool's twelve DescribeUserPoolClient calls share the 5/s per pool.
"""

from __future__ import annotations

import json
import urllib.request
from collections import Counter
from typing import Any

import pytest

from .cli import clear_requests, run, sandbox_requests, write_spec

SPEC = "version: 1\nuser_pools:\n  - pool_name: provisioned\n    clients:\n" + "".join(
    f"      - client_name: app-{i}\n" for i in range(12))


def faults(url: str, rules: dict[str, Any]) -> None:
    request = urllib.request.Request(f"{url}/_sandbox/faults", data=json.dumps(rules).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=10).close()


def stats(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(f"{url}/_sandbox/stats", timeout=10) as response:
        data: dict[str, Any] = json.loads(response.read())
    return data


def asked(url: str) -> Counter[str]:
    """GetProvisionedLimit requests per category since the log was cleared."""
    return Counter(request["body"]["LimitDefinition"]["Attributes"]["Category"]
                   for request in sandbox_requests(url)
                   if request["operation"] == "GetProvisionedLimit")


@pytest.fixture
def paced(sandbox_url: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> str:
    path = write_spec(tmp_path, SPEC)
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    clear_requests(sandbox_url)
    monkeypatch.setenv("COGNITO_RECONCILER_PACING", "on")
    monkeypatch.delenv("COGNITO_RECONCILER_RATE_FACTOR", raising=False)
    return path


def test_a_raised_rate_is_read_and_paced_at(sandbox_url: str, paced: str) -> None:
    faults(sandbox_url, {"quotas": {"provisioned": {"UserPoolClientRead": 40}}})
    result = run(sandbox_url, "-v", "plan", "--detailed-exitcode", paced)
    assert result.code == 0, result.text
    assert ("UserPoolClientRead paced at 36/s (90% of 40/s, the provisioned limit: "
            "GetProvisionedLimit says 40/s, free 15/s)") in result.err
    counted = asked(sandbox_url)
    assert counted["UserPoolClientRead"] == 1
    assert set(counted.values()) == {1}  # once per category at most
    assert stats(sandbox_url)["total_throttles"] == 0  # the sandbox enforces 30/s


def test_a_denied_lookup_paces_at_the_defaults_and_says_why(
        sandbox_url: str, paced: str) -> None:
    faults(sandbox_url, {"quotas": {}, "fail_operation": {
        "operation": "GetProvisionedLimit", "code": "AccessDeniedException"}})
    result = run(sandbox_url, "-v", "plan", "--detailed-exitcode", paced)
    assert result.code == 0, result.text
    assert ("UserPoolClientRead paced at 13.5/s (90% of 15/s, the default: "
            "GetProvisionedLimit refused: AccessDeniedException)") in result.err
    assert "Traceback" not in result.text
    assert asked(sandbox_url)["UserPoolClientRead"] == 1  # not asked again
    assert stats(sandbox_url)["total_throttles"] == 0


def test_a_throttled_lookup_is_not_retried(sandbox_url: str, paced: str) -> None:
    faults(sandbox_url, {"fail_operation": {
        "operation": "GetProvisionedLimit", "code": "TooManyRequestsException"}})
    result = run(sandbox_url, "-v", "plan", "--detailed-exitcode", paced)
    assert result.code == 0, result.text
    assert "GetProvisionedLimit refused: TooManyRequestsException" in result.err
    assert asked(sandbox_url)["UserPoolClientRead"] == 1


def test_without_pacing_nothing_is_asked(sandbox_url: str, paced: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # Against the sandbox pacing is off unless switched on: the pinned call counts of
    # tests/e2e/test_calls.py see no GetProvisionedLimit.
    monkeypatch.delenv("COGNITO_RECONCILER_PACING")
    result = run(sandbox_url, "plan", "--detailed-exitcode", paced)
    assert result.code == 0, result.text
    assert asked(sandbox_url) == Counter()
