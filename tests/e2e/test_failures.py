"""An apply that fails halfway stops, says what was done, and the next run converges."""

from __future__ import annotations

import json
import urllib.request

from .cli import run, write_spec

SPEC = """\
version: 1
user_pools:
  - pool_name: halfway
    clients:
      - client_name: one
      - client_name: two
      - client_name: three
"""


def inject(url: str, faults: dict) -> None:
    request = urllib.request.Request(f"{url}/_sandbox/faults", data=json.dumps(faults).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=10).close()


def test_failure_midway_reports_and_rerun_converges(sandbox_url, cognito, tmp_path):
    path = write_spec(tmp_path, SPEC)
    inject(sandbox_url, {"fail_write_number": 3, "status": 400,
                         "code": "InvalidParameterException"})
    failed = run(sandbox_url, "apply", "--auto-approve", path)
    assert failed.code == 1
    assert "done:     user_pool.halfway: CreateUserPool" in failed.err
    assert "run apply again" in failed.err
    # Clients are created concurrently: the report must match what exists, exactly.
    reported_done = {line.split(".client.")[1].split(":")[0] for line in failed.err.splitlines()
                     if line.startswith("  done:") and ".client." in line}
    reported_not_done = {line.split(".client.")[1].split(":")[0]
                         for line in failed.err.splitlines()
                         if line.startswith("  not done:") and ".client." in line}
    [pool] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    existing = {c["ClientName"] for c in cognito.list_user_pool_clients(
        UserPoolId=pool["Id"])["UserPoolClients"]}
    assert reported_done == existing
    assert reported_not_done == {"one", "two", "three"} - existing
    assert len(reported_not_done) == 1

    inject(sandbox_url, {})
    again = run(sandbox_url, "apply", "--auto-approve", path)
    assert again.code == 0, again.text
    [pool] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    names = sorted(c["ClientName"] for c in cognito.list_user_pool_clients(
        UserPoolId=pool["Id"])["UserPoolClients"])
    assert names == ["one", "three", "two"]
