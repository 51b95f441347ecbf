"""Data-driven plan cases: spec.yaml + live.json in, golden plan.txt and plan.json out.

Regenerate the golden files only on purpose: UPDATE_GOLDEN=1 pytest tests/cases
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from reconciler.model import LiveClient, LivePart, LivePool
from reconciler.plan.build import Observed, make_plan
from reconciler.plan.identity_providers import from_describe
from reconciler.plan.pools import live_fingerprint
from reconciler.render.json_plan import render_json
from reconciler.render.style import Style
from reconciler.render.text import render_plan
from reconciler.spec.desired import desired_pools
from reconciler.spec.loader import load_spec

CASES = sorted(p for p in Path(__file__).parent.iterdir() if (p / "spec.yaml").exists())


def _parts(data: dict[str, Any]) -> dict[str, Any]:
    parts: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, list):
            # Providers as the live reader makes them: secrets split off the document.
            parts[key] = [from_describe(v) if key == "identity_providers"
                          else LivePart(document=v) for v in value]
        else:
            parts[key] = LivePart(document=value) if value else None
    return parts


def live_pools(case: Path) -> dict[str, LivePool]:
    path = case / "live.json"
    data = json.loads(path.read_text()) if path.exists() else {"pools": []}
    pools = {}
    for item in data["pools"]:
        clients = [LiveClient(client_id=c["describe"]["ClientId"], name=c["describe"]["ClientName"],
                              describe=c["describe"], has_secret=c.get("has_secret", False),
                              parts=_parts(c.get("parts", {})))
                   for c in item.get("clients", [])]
        mfa = item.get("mfa", {"MfaConfiguration": item["describe"].get("MfaConfiguration", "OFF")})
        pools[item["describe"]["Name"]] = LivePool(
            pool_id=item["describe"]["Id"], describe=item["describe"], mfa=mfa, clients=clients,
            unmodeled=item.get("unmodeled", []), parts=_parts(item.get("parts", {})),
            fingerprint=live_fingerprint(item["describe"], mfa))
    return pools


def check_golden(path: Path, actual: str) -> None:
    if os.environ.get("UPDATE_GOLDEN") == "1" or not path.exists():
        path.write_text(actual)
    assert actual == path.read_text(), f"{path} differs (UPDATE_GOLDEN=1 to accept)"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_plan_case(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case)
    monkeypatch.setenv("CASE_SECRET", "case-secret-value-never-shown")
    spec = load_spec(["spec.yaml"])
    live = live_pools(case)
    observed = [Observed(pool=p, live=live.get(p.name), region="us-east-1")
                for p in desired_pools(spec)]
    plan = make_plan(observed)
    text = render_plan(plan, Style(False))
    as_json = render_json(plan)
    assert "case-secret-value-never-shown" not in text + as_json
    check_golden(case / "plan.txt", text)
    check_golden(case / "plan.json", as_json)
