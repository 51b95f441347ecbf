"""benchmarks/fleet.py's floors: GetProvisionedLimit (LimitManagement, 1 request/s per
account) runs beside the work and never holds a call back, so no floor counts it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

FLEET = Path(__file__).resolve().parents[2] / "benchmarks" / "fleet.py"


def load_fleet() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_fleet", FLEET)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_fleet", module)
    spec.loader.exec_module(module)
    return module


fleet = load_fleet()


def stats(calls: dict[str, int], per_pool: dict[str, int] | None = None) -> dict[str, Any]:
    categories: dict[str, dict[str, int]] = {}
    for op, n in calls.items():
        entry = categories.setdefault(fleet.CATEGORY_OF[op], {"calls": 0, "throttles": 0})
        entry["calls"] += n
    return {"calls": calls, "throttles": {}, "categories": categories,
            "max_per_pool": per_pool or {}}


PLAN = {"ListUserPools": 1, "DescribeUserPool": 2, "GetUserPoolMfaConfig": 2,
        "ListUserPoolClients": 2, "DescribeUserPoolClient": 6, "GetProvisionedLimit": 3}


def test_the_calls_floor_leaves_out_provisioned_limit_lookups():
    floor = fleet.quota_floor(stats(PLAN, {"DescribeUserPoolClient": 3}), 1.0)
    assert "LimitManagement" not in floor.by_limit
    # 8 client reads at 15/s would be 0.53 s; the 3 look-ups would have been 3 s.
    assert floor.binding == "DescribeUserPoolClient per pool"
    assert round(floor.seconds, 6) == round(3 / 5, 6)


def test_the_necessary_floor_leaves_out_provisioned_limit_lookups():
    plan = stats(PLAN, {"DescribeUserPoolClient": 3, "GetProvisionedLimit": 3})
    apply = stats({"UpdateUserPool": 2, "GetProvisionedLimit": 4, "DescribeUserPool": 4},
                  {"UpdateUserPool": 1, "GetProvisionedLimit": 4})
    floor = fleet.necessary_floor(plan, apply, 1.0)
    assert "LimitManagement" not in floor.by_limit
    assert not any(key.startswith("GetProvisionedLimit") for key in floor.by_limit)
    # Plan reads: 3 pool reads + 2 after-write reads of the 2 updated pools at 15/s.
    assert round(floor.by_limit["UserPoolRead"], 6) == round(5 / 15, 6)
    assert round(floor.by_limit["UserPoolUpdate"], 6) == round(2 / 15, 6)
    assert floor.binding == "DescribeUserPoolClient per pool"
