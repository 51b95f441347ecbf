"""Reading everything of a live pool that a spec can hold, for export.

The pool's parts are read with ``reconciler.live.parts`` (the same calls plan
makes); what export needs beyond them is here: which pools to export, every
client with its own parts, and which identity-provider secrets exist (their
values are dropped as they arrive, only the key names are kept).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from reconciler.aws_types import UNMODELED_KEY
from reconciler.concurrency import parallel_map, side_by_side
from reconciler.errors import ReconcilerError
from reconciler.live import parts as live_parts
from reconciler.model import LiveClient, LivePart
from reconciler.plan.parts import SECRET_DETAIL_KEYS


class ExportApi(Protocol):
    region: str

    def list_user_pools(self) -> list[dict[str, Any]]: ...
    def find_user_pool(self, pool_id: str) -> dict[str, Any] | None: ...
    def describe_user_pool(self, pool_id: str) -> dict[str, Any]: ...
    def list_clients(self, pool_id: str) -> list[dict[str, Any]]: ...
    def describe_client(self, pool_id: str, client_id: str) -> dict[str, Any]: ...
    def get_mfa_config(self, pool_id: str) -> dict[str, Any]: ...
    def call(self, operation: str, **params: Any) -> dict[str, Any]: ...
    def pages(self, operation: str, key: str, **params: Any) -> list[dict[str, Any]]: ...


# A client is read for export exactly as for a plan; its parts are its own (not the
# pool's, which a client inherits).
ExportedClient = LiveClient


@dataclass
class ExportedPool:
    pool_id: str
    region: str
    describe: dict[str, Any]  # DescribeUserPool
    mfa: dict[str, Any]  # GetUserPoolMfaConfig
    # False when another live pool in the region has the same name (the spec needs `id`).
    name_is_unique: bool = True
    clients: list[ExportedClient] = field(default_factory=list)
    parts: dict[str, list[LivePart] | LivePart | None] = field(default_factory=dict)
    # Provider name -> ProviderDetails keys that hold a secret live (values never kept).
    provider_secrets: dict[str, list[str]] = field(default_factory=dict)
    # A second domain the spec can't hold (a pool may have a prefix and a custom one).
    other_domain: str | None = None
    unmodeled: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.describe.get("Name", ""))


def select_pools(api: ExportApi, pool_id: str | None = None, pool_name: str | None = None,
                 ) -> tuple[list[str], list[dict[str, Any]]]:
    """The ids to export (all pools of the region when neither is given), and the
    region's pool list (to tell whether a name is unique)."""
    summaries = api.list_user_pools()
    if pool_id:
        return [pool_id], summaries
    if pool_name is not None:
        matches = sorted(str(p["Id"]) for p in summaries if p.get("Name") == pool_name)
        if not matches:
            raise ReconcilerError(f"no user pool named {pool_name!r} in {api.region}",
                                  "check the name and --region, or export with --pool-id")
        if len(matches) > 1:
            raise ReconcilerError(
                f"{len(matches)} user pools in {api.region} are named {pool_name!r} "
                f"({', '.join(matches)})",
                "pool names are not unique in Cognito: export one with --pool-id")
        return matches, summaries
    return sorted(str(p["Id"]) for p in summaries), summaries


def read_identity_providers(api: ExportApi, pool_id: str,
                            ) -> tuple[list[LivePart], dict[str, list[str]]]:
    """Providers without their secrets, and which secret keys each had."""
    summaries = api.pages("ListIdentityProviders", "Providers", UserPoolId=pool_id,
                          MaxResults=60)

    def describe(summary: dict[str, Any]) -> tuple[LivePart, list[str]]:
        provider = api.call("DescribeIdentityProvider", UserPoolId=pool_id,
                            ProviderName=summary["ProviderName"])["IdentityProvider"]
        details = dict(provider.get("ProviderDetails") or {})
        # Only the names of the secrets are kept: the values go at once.
        present = sorted(k for k in SECRET_DETAIL_KEYS if details.get(k))
        provider["ProviderDetails"] = {k: v for k, v in details.items()
                                       if k not in SECRET_DETAIL_KEYS}
        return LivePart(document=provider), present

    found = parallel_map(describe, summaries)
    secrets = {str(part.document["ProviderName"]): present for part, present in found}
    return [part for part, _ in found], secrets


def _own(part: LivePart | None, client_id: str) -> LivePart | None:
    """A client's own part: Cognito answers with the pool's when the client has none."""
    if part is None or part.document.get("ClientId") != client_id:
        return None
    return part


def read_clients(api: ExportApi, pool_id: str, has_domain: bool,
                 threat_protection: bool) -> list[ExportedClient]:
    """Every client of the pool with its own parts, read concurrently."""

    def read(summary: dict[str, Any]) -> ExportedClient:
        client_id = str(summary["ClientId"])
        describe = api.describe_client(pool_id, client_id)
        has_secret = bool(describe.pop("HasSecret", False))
        unmodeled = list(describe.pop(UNMODELED_KEY, []))
        client = ExportedClient(client_id=client_id, name=str(summary["ClientName"]),
                                describe=describe, has_secret=has_secret, unmodeled=unmodeled)
        # Hosted UI customization needs a domain, risk configuration threat protection:
        # without them there is nothing to read (and the calls would fail).
        if has_domain:
            client.parts["ui_customization"] = _own(
                live_parts.read_ui_customization(api, pool_id, client_id), client_id)
        if threat_protection:
            client.parts["risk_configuration"] = _own(
                live_parts.read_risk_configuration(api, pool_id, client_id), client_id)
        client.parts["managed_login_branding"] = live_parts.read_managed_login_branding(
            api, pool_id, client_id)
        client.parts["session_configuration"] = live_parts.read_session_configuration(
            api, pool_id, client_id)
        return client

    # Terms and CIMD policies: one list of each for the pool, beside the clients' reads.
    clients, lists = side_by_side(lambda: parallel_map(read, api.list_clients(pool_id)),
                                  lambda: live_parts.read_client_lists_of_pool(api, pool_id))
    for client in clients:
        client.parts.update(lists.get(client.client_id) or live_parts.no_client_lists())
    return clients


def read_pool(api: ExportApi, pool_id: str, summaries: list[dict[str, Any]]) -> ExportedPool:
    """Everything of one pool that a spec can hold."""
    describe = api.find_user_pool(pool_id)
    if describe is None:
        raise ReconcilerError(f"no user pool with id {pool_id} in {api.region}",
                              "check the id and --region")
    unmodeled = list(describe.pop(UNMODELED_KEY, []))
    mfa = api.get_mfa_config(pool_id)
    unmodeled += [f"mfa.{p}" for p in mfa.pop(UNMODELED_KEY, [])]
    name = describe.get("Name")
    same_name = [p for p in summaries if p.get("Name") == name and p.get("Id") != pool_id]
    pool = ExportedPool(pool_id=pool_id, region=api.region, describe=describe, mfa=mfa,
                        name_is_unique=not same_name, unmodeled=unmodeled)

    # A spec holds one domain: the custom one when there are both.
    custom, prefix = describe.get("CustomDomain"), describe.get("Domain")
    chosen = custom or prefix
    pool.other_domain = prefix if custom and prefix else None
    add_ons = describe.get("UserPoolAddOns") or {}
    threat_protection = add_ons.get("AdvancedSecurityMode", "OFF") != "OFF"

    def pool_risk() -> LivePart | None:
        risk = live_parts.read_risk_configuration(api, pool_id)
        return risk if risk and risk.document.get("ClientId") in (None, "ALL") else None

    # Every read depends on DescribeUserPool only: they run concurrently.
    readers: dict[str, Callable[[], Any]] = {
        "groups": lambda: live_parts.read_groups(api, pool_id),
        "replicas": lambda: live_parts.read_replicas(api, pool_id),
        "resource_servers": lambda: live_parts.read_resource_servers(api, pool_id),
        "identity_providers": lambda: read_identity_providers(api, pool_id),
        "log_delivery_configuration": lambda: live_parts.read_log_delivery(api, pool_id),
        "session_configuration": lambda: live_parts.read_session_configuration(api, pool_id),
        "clients": lambda: read_clients(api, pool_id, bool(chosen), threat_protection),
    }
    if chosen:
        readers["domain"] = lambda: live_parts.read_domain(api, {"Domain": chosen}, None)
        readers["ui_customization"] = lambda: live_parts.read_ui_customization(api, pool_id)
    if threat_protection:
        readers["risk_configuration"] = pool_risk
    keys = list(readers)
    found = dict(zip(keys, parallel_map(lambda key: readers[key](), keys), strict=True))
    pool.clients = found.pop("clients")
    pool.parts["identity_providers"], pool.provider_secrets = found.pop("identity_providers")
    pool.parts.update(found)
    return pool
