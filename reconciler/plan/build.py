"""Desired pools and what was read of them -> one Plan, in apply order."""

from __future__ import annotations

from dataclasses import dataclass

from reconciler.model import DesiredPool, LivePool
from reconciler.plan.model import Plan, PlanWarning
from reconciler.plan.pools import plan_pool


@dataclass
class Observed:
    pool: DesiredPool
    live: LivePool | None
    region: str


def make_plan(observed: list[Observed], force_secrets: bool = False) -> Plan:
    plan = Plan()
    for item in observed:
        warnings: list[PlanWarning] = []
        changes = plan_pool(item.pool, item.live, item.region, warnings, force_secrets)
        # Dependencies first (pool, domain, resource servers and providers, clients,
        # then client-level parts), deletes in reverse; sort is stable within a phase.
        changes.sort(key=lambda c: c.phase)
        plan.changes.extend(changes)
        plan.warnings.extend(warnings)
    return plan
