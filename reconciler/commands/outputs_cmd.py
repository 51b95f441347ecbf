"""`outputs`: what an app needs to use the live pools: region, pool id and ARN,
issuer and JWKS URLs, domain and hosted sign-in URL, client ids by name.

Read-only. Never prints a client secret: the live model holds none.

The URL shapes are AWS's documented ones: the issuer is
``https://cognito-idp.{region}.amazonaws.com/{pool_id}``, or
``https://issuer-cognito-idp.{region}.amazonaws.com/{pool_id}`` when the pool's
IssuerConfiguration is UPDATED (API reference, IssuerConfigurationType); the JWKS
is ``{issuer}/.well-known/jwks.json`` (developer guide, "Verifying a JSON web
token"); a prefix domain's host is ``{prefix}.auth.{region}.amazoncognito.com``
(API reference, CreateUserPoolDomain) and the sign-in pages are served from
``https://{domain}/login?...`` (developer guide, "Using the Amazon Cognito domain").
The ARN is DescribeUserPool's own ``Arn`` (it knows the account and partition).
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
    user_pool_arn: str
    issuer_url: str
    clients: dict[str, str] = field(default_factory=dict)  # client name -> client id
    # client name -> ARN of the Secrets Manager secret holding its client secret (only
    # clients whose secret Cognito keeps there), and -> ClientType where it isn't
    # REGULAR (every client the tool creates is: client_facts).
    client_secret_arns: dict[str, str] = field(default_factory=dict)
    client_types: dict[str, str] = field(default_factory=dict)
    domain: str | None = None  # the live domain's host name, when the spec has a domain

    @property
    def jwks_url(self) -> str:
        return f"{self.issuer_url}/.well-known/jwks.json"

    @property
    def sign_in_url(self) -> str | None:
        return f"https://{self.domain}" if self.domain else None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"region": self.region, "user_pool_id": self.user_pool_id,
                                "user_pool_arn": self.user_pool_arn,
                                "issuer_url": self.issuer_url, "jwks_url": self.jwks_url,
                                "clients": dict(self.clients)}
        if self.client_secret_arns:
            data["client_secret_arns"] = dict(self.client_secret_arns)
        if self.client_types:
            data["client_types"] = dict(self.client_types)
        if self.domain:
            data["domain"] = self.domain
            data["sign_in_url"] = self.sign_in_url
        return data


def issuer_url(describe: dict[str, Any], region: str) -> str:
    """The tokens' `iss`: the pool's issuer in the shape its IssuerConfiguration names."""
    config = describe.get("IssuerConfiguration")
    kind = config.get("Type") if isinstance(config, dict) else None
    host = "issuer-cognito-idp" if kind == "UPDATED" else "cognito-idp"
    return f"https://{host}.{region}.amazonaws.com/{describe['Id']}"


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
        secret_arns, client_types = client_facts(item.live, clients)
        domain = None
        index = pool.path[1] if len(pool.path) > 1 else None
        if isinstance(index, int) and spec_pools[index].get("domain"):
            described = live_domain(item.live)
            if described is None:
                missing.append(f"{pool.address}.domain")
            else:
                domain = domain_host(described, item.region)
        describe = {"Id": item.live.pool_id, **item.live.describe}
        pools.append(PoolOutputs(name=pool.name, region=item.region,
                                 user_pool_id=item.live.pool_id,
                                 user_pool_arn=str(describe.get("Arn") or ""),
                                 issuer_url=issuer_url(describe, item.region),
                                 clients=clients, domain=domain,
                                 client_secret_arns=secret_arns, client_types=client_types))
    if missing:
        raise ReconcilerError(f"not created yet: {', '.join(missing)}",
                              "run `cognito-reconciler apply` with these specs first")
    return pools


def client_facts(live: LivePool,
                 clients: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Per client of the spec: the ARN of the Secrets Manager secret that holds its
    client secret (the way to hand a generated secret to an app: the app reads
    ``clientSecretValue`` from that secret, doc: UserPoolClientType.ClientSecretArn),
    and its ClientType when that isn't REGULAR: DCR, a client an application registered
    through dynamic client registration, which supports no client secret operations
    (doc: UserPoolClientType.ClientType). REGULAR is every client made by
    CreateUserPoolClient, so every client this tool creates: repeating it would say
    nothing. Never the secret itself: the live read holds none."""
    by_id = {c.client_id: c for c in live.clients}
    arns: dict[str, str] = {}
    types: dict[str, str] = {}
    for name, client_id in clients.items():
        found = by_id.get(client_id)
        if found is None:
            continue
        if found.describe.get("ClientSecretArn"):
            arns[name] = str(found.describe["ClientSecretArn"])
        kind = found.describe.get("ClientType")
        if kind and kind != "REGULAR":
            types[name] = str(kind)
    return arns, types


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
        pairs.append((env_name(pool.name, "USER_POOL_ARN"), pool.user_pool_arn))
        pairs.append((env_name(pool.name, "ISSUER_URL"), pool.issuer_url))
        pairs.append((env_name(pool.name, "JWKS_URL"), pool.jwks_url))
        for client, client_id in pool.clients.items():
            pairs.append((env_name(pool.name, "CLIENT", client, "ID"), client_id))
            if client in pool.client_secret_arns:
                pairs.append((env_name(pool.name, "CLIENT", client, "SECRET_ARN"),
                              pool.client_secret_arns[client]))
            if client in pool.client_types:
                pairs.append((env_name(pool.name, "CLIENT", client, "TYPE"),
                              pool.client_types[client]))
        if pool.domain and pool.sign_in_url:
            pairs.append((env_name(pool.name, "DOMAIN"), pool.domain))
            pairs.append((env_name(pool.name, "SIGN_IN_URL"), pool.sign_in_url))
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
    """Print what an app needs, per pool: region, pool id and ARN, issuer and JWKS URLs,
    domain and hosted sign-in URL, client ids by name, and for clients whose secret
    Cognito keeps in Secrets Manager (publish_secrets_in_aws_secrets_manager), that
    secret's ARN.

    The pools and clients must exist: run apply first. Client secrets are never printed:
    an app reads its secret from Secrets Manager by the ARN.
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
