"""Pacing against an emulator that enforces Cognito's quotas: no throttles by default."""

from __future__ import annotations

import json
import urllib.request

from .cli import run, write_spec


def fleet(pools: int, clients: int) -> str:
    return "version: 1\nuser_pools:\n" + "".join(
        f"  - pool_name: paced-{i}\n    clients:\n"
        + "".join(f"      - client_name: c{j}\n" for j in range(clients))
        for i in range(pools))


SPEC = fleet(3, 3)


def post(url: str, path: str, data: dict) -> None:
    request = urllib.request.Request(f"{url}{path}", data=json.dumps(data).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=10).close()


def stats(url: str) -> dict:
    with urllib.request.urlopen(f"{url}/_sandbox/stats", timeout=10) as response:
        data: dict = json.loads(response.read())
    return data


def test_paced_run_is_never_throttled(sandbox_url, tmp_path, monkeypatch):
    path = write_spec(tmp_path, SPEC)
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    # Quotas at half of AWS's (2.5 client reads per second per pool, for example), and
    # the tool told to use 90% of them.
    post(sandbox_url, "/_sandbox/faults", {"quotas": {"scale": 0.5}})
    monkeypatch.setenv("COGNITO_RECONCILER_PACING", "on")
    monkeypatch.setenv("COGNITO_RECONCILER_RATE_FACTOR", "0.45")
    result = run(sandbox_url, "plan", "--detailed-exitcode", path)
    assert result.code == 0, result.text
    counted = stats(sandbox_url)
    assert counted["calls"]["DescribeUserPoolClient"] >= 9
    assert counted["total_throttles"] == 0


def test_unpaced_run_is_throttled(sandbox_url, tmp_path, monkeypatch):
    """The control: without pacing, the same quotas throttle a plan (here the emulator's
    short local backoff gives up; against AWS the longer backoff would ride it out)."""
    path = write_spec(tmp_path, fleet(3, 10))
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    post(sandbox_url, "/_sandbox/faults", {"quotas": {"scale": 0.5}})
    monkeypatch.setenv("COGNITO_RECONCILER_PACING", "off")
    result = run(sandbox_url, "plan", "--detailed-exitcode", path)
    assert result.code == 0 or "TooManyRequestsException" in result.err, result.text
    assert "Traceback" not in result.text
    assert stats(sandbox_url)["total_throttles"] > 0


def parts_pool(part: str, count: int) -> str:
    """One pool with ``count`` groups, resource servers and OIDC IdPs, all naming ``part``."""
    lines = ["version: 1", "user_pools:", "  - pool_name: paced-parts", "    groups:"]
    lines += [f"      - {{group_name: g{i}, description: {part}}}" for i in range(count)]
    lines.append("    resource_servers:")
    lines += [f"      - {{identifier: 'https://api-{i}.example.com', name: {part}}}"
              for i in range(count)]
    lines.append("    identity_providers:")
    lines += [f"      - {{provider_name: idp{i}, provider_type: OIDC, attribute_mapping: "
              f"{{email: {part}}}, provider_details: {{client_id: c{i}, attributes_request_method: "
              "GET, oidc_issuer: 'https://idp.example.com', authorize_scopes: openid}}"
              for i in range(count)]
    return "\n".join(lines) + "\n"


def test_a_pools_writes_of_one_category_are_paced_per_operation_without_throttles(
        sandbox_url, tmp_path, monkeypatch):
    """The per-pool 5/s is paced per operation (AWS's footnote 3, what the sandbox
    enforces): one pool's group, resource server and IdP updates each get their own
    per-pool budget, and still meet no throttle."""
    base = write_spec(tmp_path, parts_pool("base", 8))
    assert run(sandbox_url, "apply", "--auto-approve", base).code == 0
    changed = tmp_path / "changed.yaml"
    changed.write_text(parts_pool("changed", 8))
    post(sandbox_url, "/_sandbox/faults", {"quotas": {"scale": 0.5}})
    monkeypatch.setenv("COGNITO_RECONCILER_PACING", "on")
    monkeypatch.setenv("COGNITO_RECONCILER_RATE_FACTOR", "0.45")
    result = run(sandbox_url, "apply", "--auto-approve", str(changed))
    assert result.code == 0, result.text
    counted = stats(sandbox_url)
    for operation in ("UpdateGroup", "UpdateResourceServer", "UpdateIdentityProvider"):
        assert counted["calls"][operation] == 8, operation
    assert counted["total_throttles"] == 0
    assert run(sandbox_url, "plan", "--detailed-exitcode", str(changed)).code == 0
