"""Desired pools and what was read of them -> one Plan, in apply order."""

from __future__ import annotations

from dataclasses import dataclass

from reconciler.model import DesiredPool, LivePool
from reconciler.plan.model import Action, Plan, PlanWarning
from reconciler.plan.pools import plan_pool


@dataclass
class Observed:
    pool: DesiredPool
    live: LivePool | None
    region: str


def make_plan(observed: list[Observed]) -> Plan:
    plan = Plan()
    for item in observed:
        warnings: list[PlanWarning] = []
        changes = plan_pool(item.pool, item.live, item.region, warnings)
        # Within a pool: the pool first, then clients; deletes last so that a failed
        # apply never leaves a pool with fewer working clients than before.
        changes.sort(key=lambda c: (c.kind != "user_pool", c.action == Action.DELETE))
        plan.changes.extend(changes)
        plan.warnings.extend(warnings)
    return plan
