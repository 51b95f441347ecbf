"""Planning reads a pool's CIMD policy list once, however many clients manage theirs
(ListCIMDPolicies lists the whole pool: a list per client repeated the same call)."""

from __future__ import annotations

from pathlib import Path

from .cli import clear_requests, run, sandbox_requests, write_spec

CLIENT = """\
      - client_name: app-{n}
        cimd_policies:
          - policy_name: partners-{n}
            cache_duration: 86400
            url_patterns: ["https://partners{n}.example.com/*"]
"""


def test_cimd_policies_are_listed_once_per_pool_per_plan(sandbox_url: str,
                                                          tmp_path: Path) -> None:
    clients = "".join(CLIENT.format(n=n) for n in range(3))
    path = write_spec(tmp_path, f"version: 1\nuser_pools:\n  - pool_name: many\n"
                                f"    clients:\n{clients}")
    applied = run(sandbox_url, "apply", "--auto-approve", path)
    assert applied.code == 0, applied.text
    clear_requests(sandbox_url)
    planned = run(sandbox_url, "plan", "--detailed-exitcode", path)
    assert planned.code == 0, planned.text
    operations = [r["operation"] for r in sandbox_requests(sandbox_url)]
    assert operations.count("ListCIMDPolicies") == 1, operations
    # Each client's own policy is still described (and compared).
    assert operations.count("DescribeCIMDPolicy") == 3, operations
    changed = write_spec(tmp_path, Path(path).read_text().replace("partners1.", "apps1."),
                         "changed.yaml")
    planned = run(sandbox_url, "plan", changed)
    assert "user_pool.many.cimd_policy.app-1.partners-1 will be updated" in planned.out, (
        planned.text)
