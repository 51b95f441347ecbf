"""Desired pools and what was read of them -> one Plan, in apply order."""

from __future__ import annotations

from dataclasses import dataclass

from reconciler.errors import ReconcilerError
from reconciler.model import DesiredPool, LivePool
from reconciler.plan.model import Action, Plan, PlanWarning, PoolTarget
from reconciler.plan.pools import plan_pool
from reconciler.spec.yaml_source import format_path


@dataclass
class Observed:
    pool: DesiredPool
    live: LivePool | None
    region: str


def make_plan(observed: list[Observed], force_secrets: bool = False) -> Plan:
    refuse_shared_live_pools(observed)
    plan = Plan()
    for item in observed:
        warnings: list[PlanWarning] = []
        changes = plan_pool(item.pool, item.live, item.region, warnings, force_secrets)
        # Dependencies first (pool, domain, resource servers and providers, clients,
        # then client-level parts), deletes in reverse; sort is stable within a phase.
        changes.sort(key=lambda c: c.phase)
        plan.changes.extend(changes)
        plan.warnings.extend(warnings)
        plan.pools.append(pool_target(item))
    block_new_ids_at_shared_addresses(plan, observed)
    return plan


def block_new_ids_at_shared_addresses(plan: Plan, observed: list[Observed]) -> None:
    """Live twins (one name, each pinned by id) share an address, and apply keys the
    ids it creates by address: a create or replace under one twin would hand its new
    pool or client id to the other's calls. Updates and deletes make no ids."""
    counts: dict[str, int] = {}
    for item in observed:
        counts[item.pool.address] = counts.get(item.pool.address, 0) + 1
    for change in plan.changes:
        if counts.get(change.pool_address, 0) > 1 and change.action in (Action.CREATE,
                                                                          Action.REPLACE):
            change.blocked = change.blocked or (
                f"{counts[change.pool_address]} spec entries share the address "
                f"{change.pool_address} (live pools with one name, pinned by id); apply "
                "can't tell the ids it creates apart: rename one pool (pool_name is "
                "updatable), apply that, then apply this")


def pool_target(item: Observed) -> PoolTarget:
    """Where the pool is; the account only where its ARN tells it (no extra call)."""
    live = item.live
    arn = live.describe.get("Arn") if live else None
    parts = arn.split(":") if isinstance(arn, str) else []
    account = parts[4] if len(parts) >= 6 and parts[4].isdigit() else None
    return PoolTarget(address=item.pool.address, region=item.region,
                      live_id=live.pool_id if live else None, account=account,
                      strict=item.pool.strict)


def refuse_shared_live_pools(observed: list[Observed]) -> None:
    """Two entries on one live pool would plan contradictory updates and delete each
    other's clients, never converging. Offline, validate only sees the same id: twice;
    here one entry found by name and another pinned by id can meet (issue 12.5)."""
    first: dict[tuple[str, str], Observed] = {}
    for item in observed:
        if item.live is None:
            continue
        key = (item.region, item.live.pool_id)
        if key not in first:
            first[key] = item
            continue
        raise ReconcilerError(
            f"{_entry(first[key])} and {_entry(item)} both resolve to the live pool "
            f"{item.live.pool_id} in {item.region}; nothing was changed",
            "keep one spec entry per live pool (remove one, or pin each to its own pool "
            "with id:)",
        )


def _entry(item: Observed) -> str:
    where = format_path(item.pool.path) or "a spec entry"
    return f"{where} ({item.pool.address})"
