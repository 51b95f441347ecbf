"""`outputs`: what an app needs to use the live pools (region, pool id, client ids).

Read-only. Never prints a client secret: the live model holds none.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from typing import Any

import click

from reconciler.cli_options import api_factory, options, spec_arguments, spec_input
from reconciler.engine import PlanResult
from reconciler.engine import plan as make_plan
from reconciler.errors import ReconcilerError
from reconciler.model import LivePart, LivePool
from reconciler.plan.model import Action

_SAFE_VALUE = re.compile(r"[A-Za-z0-9_.:/@+=,-]*")


@dataclass
class PoolOutputs:
    name: str
    region: str
    user_pool_id: str
    clients: dict[str, str] = field(default_factory=dict)  # client name -> client id
    domain: str | None = None  # the live domain's host name, when the spec has a domain

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"region": self.region, "user_pool_id": self.user_pool_id,
                                "clients": dict(self.clients)}
        if self.domain:
            data["domain"] = self.domain
        return data


def domain_host(described: dict[str, Any], region: str) -> str:
    """The host name apps use for the hosted UI and OAuth endpoints of a live domain."""
    name = str(described["Domain"])
    if described.get("CustomDomainConfig") or "." in name:
        return name  # a custom domain is its own host name
    return f"{name}.auth.{region}.amazoncognito.com"


def live_domain(live: LivePool) -> dict[str, Any] | None:
    part = live.parts.get("domain")
    if isinstance(part, LivePart) and part.document.get("Domain"):
        return part.document
    return None


def collect(result: PlanResult) -> list[PoolOutputs]:
    """Outputs per pool of the spec; raises when something isn't created yet."""
    pools: list[PoolOutputs] = []
    missing: list[str] = []
    spec_pools = result.spec.data.get("user_pools") or []
    for item in result.observed:
        pool = item.pool
        if item.live is None:
            missing.append(pool.address)
            continue
        live_ids = {c.name: c.client_id for c in item.live.clients}
        clients = {}
        for client in pool.clients or []:
            if client.name in live_ids:
                clients[client.name] = live_ids[client.name]
            else:
                missing.append(f"{pool.address}.client.{client.name}")
        domain = None
        index = pool.path[1] if len(pool.path) > 1 else None
        if isinstance(index, int) and spec_pools[index].get("domain"):
            described = live_domain(item.live)
            if described is None:
                missing.append(f"{pool.address}.domain")
            else:
                domain = domain_host(described, item.region)
        pools.append(PoolOutputs(name=pool.name, region=item.region,
                                 user_pool_id=item.live.pool_id, clients=clients,
                                 domain=domain))
    if missing:
        raise ReconcilerError(f"not created yet: {', '.join(missing)}",
                              "run `cognito-reconciler apply` with these specs first")
    return pools


def pending_id_changes(result: PlanResult) -> list[str]:
    """Resources whose id the pending plan changes (a replace makes a new one)."""
    return [c.address for c in result.plan.changes if c.action == Action.REPLACE]


def env_name(*parts: str) -> str:
    name = re.sub(r"[^A-Za-z0-9]", "_", "_".join(parts)).upper()
    return f"_{name}" if name[:1].isdigit() else name


def env_lines(pools: list[PoolOutputs]) -> list[str]:
    pairs: list[tuple[str, str]] = []
    for pool in pools:
        pairs.append((env_name(pool.name, "REGION"), pool.region))
        pairs.append((env_name(pool.name, "USER_POOL_ID"), pool.user_pool_id))
        for client, client_id in pool.clients.items():
            pairs.append((env_name(pool.name, "CLIENT", client, "ID"), client_id))
        if pool.domain:
            pairs.append((env_name(pool.name, "DOMAIN"), pool.domain))
    seen: dict[str, int] = {}
    for name, _ in pairs:
        seen[name] = seen.get(name, 0) + 1
    clashes = sorted(name for name, count in seen.items() if count > 1)
    if clashes:
        raise ReconcilerError(
            f"--format env: names that differ only in case or punctuation give the same "
            f"variable ({', '.join(clashes)})", "use --format json, or rename one of them")
    return [f"{name}={value if _SAFE_VALUE.fullmatch(value) else shlex.quote(value)}"
            for name, value in pairs]


def json_text(pools: list[PoolOutputs]) -> str:
    by_name: dict[str, Any] = {}
    for pool in pools:
        if pool.name in by_name:
            raise ReconcilerError(f"two pools of the specs are named {pool.name!r}",
                                  "outputs are keyed by pool name: give them distinct names")
        by_name[pool.name] = pool.to_json()
    return json.dumps({"pools": by_name}, indent=2, sort_keys=True) + "\n"


@click.command()
@spec_arguments
@click.option("--format", "output_format", type=click.Choice(["json", "env"]), default="json",
              show_default=True,
              help="JSON, or KEY=value lines (e.g. for $GITHUB_ENV or an .env file).")
@click.pass_context
def outputs(ctx: click.Context, specs: tuple[str, ...], variables: tuple[str, ...],
            var_files: tuple[str, ...], output_format: str) -> None:
    """Print what an app needs: region, pool id and client ids by name, per pool.

    The pools and clients must exist: run apply first. Client secrets are never printed.
    """
    opts = options(ctx)
    spec = spec_input(specs, variables, var_files)
    result = make_plan(spec, api_factory(opts))
    pools = collect(result)
    for address in pending_id_changes(result):
        click.echo(f"warning: {address} has a pending replace: its id changes when the "
                   "plan is applied", err=True)
    if output_format == "env":
        for line in env_lines(pools):
            click.echo(line)
    else:
        click.echo(json_text(pools), nl=False)
