"""tools/aws_sweep.py: which pools it would delete, and in what order it deletes."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("aws_sweep", REPO / "tools" / "aws_sweep.py")
assert _spec is not None and _spec.loader is not None
sweep = importlib.util.module_from_spec(_spec)
sys.modules["aws_sweep"] = sweep
_spec.loader.exec_module(sweep)

NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.timezone.utc)


class Pages:
    """ListUserPools in pages of two; records every other call."""

    def __init__(self, pools: list[dict[str, Any]], described: dict[str, Any] | None = None):
        self.pools, self.described, self.calls = pools, described or {}, []
        self.domain_reads = 0

    def list_user_pools(self, MaxResults: int, NextToken: str | None = None) -> dict[str, Any]:
        start = int(NextToken or 0)
        page: dict[str, Any] = {"UserPools": self.pools[start:start + 2]}
        if start + 2 < len(self.pools):
            page["NextToken"] = str(start + 2)
        return page

    def describe_user_pool(self, UserPoolId: str) -> dict[str, Any]:
        return {"UserPool": self.described[UserPoolId]}

    def delete_user_pool_domain(self, **kwargs: Any) -> None:
        self.calls.append(("DeleteUserPoolDomain", kwargs))

    def describe_user_pool_domain(self, Domain: str) -> dict[str, Any]:
        # DELETING once, then gone.
        self.domain_reads += 1
        if self.domain_reads == 1:
            return {"DomainDescription": {"UserPoolId": "p1", "Status": "DELETING"}}
        return {"DomainDescription": {}}

    def update_user_pool(self, **kwargs: Any) -> None:
        self.calls.append(("UpdateUserPool", kwargs))

    def delete_user_pool(self, **kwargs: Any) -> None:
        self.calls.append(("DeleteUserPool", kwargs))


def _pool(name: str, hours: float) -> dict[str, Any]:
    return {"Id": name, "Name": name, "CreationDate": NOW - dt.timedelta(hours=hours)}


def test_only_prefixed_pools_older_than_the_limit_across_pages():
    client = Pages([_pool("crtest-a-1-x", 5), _pool("crtest-b-1-x", 1), _pool("prod", 9),
                    _pool("crtest-c-1-y", 3.5), _pool("crtestX", 9)])
    found = sweep.leftovers(client, "crtest-", dt.timedelta(hours=3), now=NOW)
    assert [p["Name"] for p in found] == ["crtest-a-1-x", "crtest-c-1-y"]
    narrower = sweep.leftovers(client, "crtest-c-", dt.timedelta(hours=3), now=NOW)
    assert [p["Name"] for p in narrower] == ["crtest-c-1-y"]


def test_a_prefix_outside_the_suites_is_refused():
    with pytest.raises(ValueError, match="crtest-"):
        sweep.leftovers(Pages([]), "", dt.timedelta(hours=0), now=NOW)


def test_a_pool_is_deleted_after_its_domain_is_gone_and_its_protection_lifted():
    client = Pages([], {"p1": {"Id": "p1", "Name": "crtest-a-1-x", "Domain": "crtest-a-1-dom",
                               "DeletionProtection": "ACTIVE", "MfaConfiguration": "OFF"}})
    said: list[str] = []
    sweep.delete_pool(client, "p1", said.append, sleep=lambda _s: None)
    assert [c[0] for c in client.calls] == ["DeleteUserPoolDomain", "UpdateUserPool",
                                           "DeleteUserPool"]
    assert client.domain_reads == 2  # waited until the domain was gone
    assert client.calls[1][1]["DeletionProtection"] == "INACTIVE"
    assert said == ["  deleting domain crtest-a-1-dom of p1",
                    "  lifting deletion protection of p1", "  deleting pool p1 (crtest-a-1-x)"]
