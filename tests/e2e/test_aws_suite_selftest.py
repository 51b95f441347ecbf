"""The real-AWS conformance suite (tests/aws), run against the sandbox before anyone
spends money on it: its fastest scenarios pass, a failing test still deletes its pools,
recording writes masked snapshots, and the sweeper lists before it deletes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from aws.snapshots import REGION_PLACEHOLDER, RUN_PLACEHOLDER, answer_differences, load_all, replay

REPO = Path(__file__).resolve().parents[2]
QUICK = [
    "tests/aws/test_scenarios.py::test_walkthrough",
    "tests/aws/test_harness.py::test_a_failing_test_still_cleans_up",
    *(f"tests/aws/test_record.py::test_record[{case}]" for case in (
        "DescribeUserPool/minimal-pool", "DescribeUserPoolClient/minimal-client",
        "DeleteUserPoolDomain/no-such-domain", "DeleteUserPool/deletion-protection-active")),
]


def _suite(url: str, record: Path, *, fail: bool) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COGNITO_RECONCILER_AWS_TESTS="1", AWS_ENDPOINT_URL=url,
               COGNITO_RECONCILER_AWS_RECORD=str(record),
               COGNITO_RECONCILER_AWS_SELFTEST_FAIL="1" if fail else "0")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfs", *QUICK],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=False)


def _pool_names(cognito) -> list[str]:
    return [p["Name"] for p in cognito.list_user_pools(MaxResults=60)["UserPools"]]


def _post(url: str):
    def call(operation: str, document: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        request = urllib.request.Request(
            url, method="POST", data=json.dumps(document).encode(),
            headers={"X-Amz-Target": f"AWSCognitoIdentityProviderService.{operation}",
                     "Content-Type": "application/x-amz-json-1.1"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            with error:
                return error.code, json.loads(error.read())
    return call


def test_the_suite_passes_against_the_sandbox_cleans_up_and_records_masked(
        sandbox, sandbox_url, cognito, tmp_path):
    record = tmp_path / "snapshots"
    run = _suite(sandbox_url, record, fail=True)
    # Everything passed but the deliberate failure, which still cleaned up after itself.
    assert "1 failed, 5 passed" in run.stdout, run.stdout + run.stderr
    assert "FAILED tests/aws/test_harness.py::test_a_failing_test_still_cleans_up" in run.stdout
    assert "deleting pool" in run.stdout or "lifting deletion protection" in run.stdout
    assert not [n for n in _pool_names(cognito) if n.startswith("crtest-")]

    written = sorted(p.relative_to(record).as_posix() for p in record.glob("*/*.json"))
    assert written == [
        "DeleteUserPool/deletion-protection-active.json",
        "DeleteUserPoolDomain/no-such-domain.json",
        "DescribeUserPool/minimal-pool.json", "DescribeUserPoolClient/minimal-client.json"]
    for path in record.glob("*/*.json"):
        text = path.read_text()
        assert not re.search(r"us-east-1_[0-9A-Za-z]+|crtest-(?!run-)", text), path
        data = json.loads(text)
        assert data["provenance"]["kind"] == "recorded"
    client = json.loads((record / "DescribeUserPoolClient/minimal-client.json").read_text())
    assert client["response"]["UserPoolClient"]["ClientId"] == "<masked:client-id>"
    assert client["response"]["UserPoolClient"]["ClientName"] == "crtest-run-app"

    # The loop a real recording goes through: what was recorded replays as the
    # snapshot test replays it, without a difference.
    for snapshot in load_all(record):
        sandbox.reset()
        status, body = replay(snapshot.data, _post(sandbox_url), RUN_PLACEHOLDER, time.sleep)
        assert answer_differences(snapshot.data, status, body,
                                  {"us-east-1": REGION_PLACEHOLDER}) == {}, snapshot.path


def test_the_sweeper_lists_first_and_deletes_only_with_yes(sandbox_url, cognito):
    left = cognito.create_user_pool(PoolName="crtest-old-1-pool",
                                    DeletionProtection="ACTIVE")["UserPool"]["Id"]
    cognito.create_user_pool_domain(UserPoolId=left, Domain="crtest-old-1-dom")
    cognito.create_user_pool(PoolName="someone-elses-pool")
    sweep = [sys.executable, str(REPO / "tools" / "aws_sweep.py"), "--older-than-hours", "0"]

    dry = subprocess.run(sweep, capture_output=True, text=True, timeout=120, check=False)
    assert dry.returncode == 0, dry.stderr
    assert "1 pool(s) named crtest-* older than 0 h: would delete (dry run" in dry.stdout
    assert left in dry.stdout and "someone-elses-pool" not in dry.stdout
    assert "crtest-old-1-pool" in _pool_names(cognito)

    done = subprocess.run([*sweep, "--yes"], capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "deleting domain crtest-old-1-dom" in done.stdout
    assert _pool_names(cognito) == ["someone-elses-pool"]


def test_the_sweeper_refuses_a_prefix_outside_the_suites(sandbox_url):
    run = subprocess.run([sys.executable, str(REPO / "tools" / "aws_sweep.py"),
                          "--prefix", "prod-", "--yes"],
                         capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 1
    assert "refusing a prefix that doesn't start with 'crtest-'" in run.stderr
