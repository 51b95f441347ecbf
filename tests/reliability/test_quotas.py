"""Against Cognito's own request quotas (emulated at AWS's rates), a normal apply is
not throttled at all: the client paces itself. With other apps eating into the same
quotas (extra throttles on top), it still converges, and no user is lost."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from e2e.cli import run

from .helpers import (
    Figures,
    add_users,
    fault_state,
    inject,
    pool_ids,
    retries_logged,
    users_by_pool,
)
from .specs import V1, V2, write


def stats(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(f"{url}/_sandbox/stats", timeout=10) as response:
        data: dict[str, Any] = json.loads(response.read())
    return data


@pytest.fixture
def paced(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pacing is off for loopback endpoints by default (the sandbox has no quotas unless
    # told to); this is how it runs against AWS.
    monkeypatch.setenv("COGNITO_RECONCILER_PACING", "on")


def test_a_paced_apply_meets_no_throttle_at_aws_rates(
        sandbox_url: str, cognito: Any, tmp_path: Path, paced: None, figures: Figures) -> None:
    inject(sandbox_url, {"quotas": {"scale": 1}})
    first = run(sandbox_url, "apply", "--auto-approve", write(tmp_path, V1, "v1.yaml"))
    assert first.code == 0, first.text
    [pool_id] = pool_ids(cognito, "shop")
    add_users(cognito, pool_id, 10)
    before = users_by_pool(cognito)
    spec = write(tmp_path, V2, "v2.yaml")
    second = run(sandbox_url, "apply", "--auto-approve", spec)
    assert second.code == 0, second.text
    assert run(sandbox_url, "plan", "--detailed-exitcode", spec).code == 0
    counted = stats(sandbox_url)
    assert counted["total_throttles"] == 0
    assert users_by_pool(cognito) == before
    figures.record("quotas", paced_calls=sum(counted["calls"].values()), paced_throttles=0)
    figures.record("users", counted_before=10, counted_after=10, lost=0)


def test_other_apps_sharing_the_quota_slow_it_down_but_it_converges(
        sandbox_url: str, cognito: Any, tmp_path: Path, paced: None, figures: Figures) -> None:
    first = run(sandbox_url, "apply", "--auto-approve", write(tmp_path, V1, "v1.yaml"))
    assert first.code == 0, first.text
    [pool_id] = pool_ids(cognito, "shop")
    add_users(cognito, pool_id, 10)
    before = users_by_pool(cognito)
    # AWS's quotas, and one call in seven throttled anyway: other apps in the account.
    inject(sandbox_url, {"quotas": {"scale": 1}, "throttle_fraction": 1 / 7, "seed": 3})
    spec = write(tmp_path, V2, "v2.yaml")
    result = run(sandbox_url, "-v", "apply", "--auto-approve", spec)
    assert result.code == 0, result.text
    # Counted before the checking plan below, whose own throttles it doesn't log.
    retried = retries_logged(result.err, "TooManyRequestsException")
    [shared] = [rule for rule in fault_state(sandbox_url) if "throttle_fraction" in rule]
    throttled = shared["throttled"] + stats(sandbox_url)["total_throttles"]
    assert run(sandbox_url, "plan", "--detailed-exitcode", spec).code == 0
    assert users_by_pool(cognito) == before
    assert throttled >= 1
    # Every throttle ridden out by a retry, except pacing's look-up of a provisioned
    # rate, which is never retried: a refusal means the default rate (aws/provisioned.py).
    lookups = result.err.count("GetProvisionedLimit refused: TooManyRequestsException")
    assert retried + lookups == throttled
    figures.record("throttling", injected=throttled, retried=retried)
    figures.record("users", counted_before=10, counted_after=10, lost=0)
