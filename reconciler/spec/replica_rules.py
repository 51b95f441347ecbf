"""Offline checks of a pool's replicas and its domain's failover routing (issue 11).

Each rule keeps to its evidence (docs/fidelity.md, "Replicas and domain routing (issue
11)"); ``doc:`` is the shipped model's documentation, "the guide" the developer guide's
"Multi-Region replication for user pools". A rule reading a key the spec leaves out
(its live value is unknown offline) says nothing.
"""

from __future__ import annotations

from typing import Any

from reconciler.errors import Diagnostic
from reconciler.spec.findings import Locate, error, items, warning
from reconciler.spec.yaml_source import SpecPath


def check_pool(pool: dict[str, Any], path: SpecPath, locate: Locate) -> list[Diagnostic]:
    replicas = list(items(pool.get("replicas"), (*path, "replicas")))
    out = _regions(pool, replicas, locate)
    if replicas:
        out += _prerequisites(pool, path, locate)
    return out + _routing(pool, path, replicas, locate)


def _regions(pool: dict[str, Any], replicas: list[tuple[SpecPath, dict[str, Any]]],
             locate: Locate) -> list[Diagnostic]:
    out = []
    own = pool.get("region")
    for index, (item_path, replica) in enumerate(replicas):
        region = replica.get("region_name")
        if isinstance(own, str) and region == own:
            # The guide: a replica is "in an additional AWS Region".
            out.append(error(locate, (*item_path, "region_name"),
                             f"the pool itself is in {region}; a replica must be in another "
                             "region"))
        if index >= 1:
            # The guide (limitations, in its translated editions): each user directory can
            # have at most one secondary replica in other Regions. A warning: the English
            # text could not be read, and AWS refuses a second replica itself if it holds.
            out.append(warning(locate, item_path,
                               "Cognito's guide allows at most one replica per user pool; "
                               "this second replica is likely to be refused at apply"))
    return out


def _prerequisites(pool: dict[str, Any], path: SpecPath, locate: Locate) -> list[Diagnostic]:
    out = []
    if pool.get("user_pool_tier") == "LITE":
        # The guide: "You can't enable MRR on user pools with the Lite feature plan."
        out.append(error(locate, (*path, "user_pool_tier"),
                         "replicas need the ESSENTIALS or PLUS tier (multi-Region "
                         "replication is not available on LITE)"))
    key = pool.get("key_configuration")
    if isinstance(key, dict) and key.get("key_type") != "CUSTOMER_MANAGED_KEY":
        # doc: KeyConfigurationType.KeyType: "You must use a multi-region key to enable
        # multi-region replication for a user pool."
        out.append(error(locate, (*path, "key_configuration", "key_type"),
                         "replicas need key_configuration.key_type CUSTOMER_MANAGED_KEY "
                         "with a multi-Region KMS key"))
    return out


def _routing(pool: dict[str, Any], path: SpecPath,
             replicas: list[tuple[SpecPath, dict[str, Any]]],
             locate: Locate) -> list[Diagnostic]:
    domain = pool.get("domain")
    if not isinstance(domain, dict) or not isinstance(domain.get("routing"), dict):
        return []
    where = (*path, "domain", "routing")
    if "custom_domain_config" not in domain:
        # doc: CreateUserPoolDomainRequest.Routing: "The routing configuration is
        # currently only supported for custom domains."
        return [error(locate, where, "routing needs a custom domain (custom_domain_config); "
                                     "Cognito supports it only for custom domains")]
    failover = domain["routing"].get("failover")
    region = failover.get("secondary_region") if isinstance(failover, dict) else None
    regions = {r.get("region_name") for _, r in replicas}
    if "replicas" in pool and isinstance(region, str) and region not in regions:
        # doc: RoutingType: routing "for requests to the domain for replicas of a
        # replicated user pool": the failover region is where a replica is.
        return [error(locate, (*where, "failover", "secondary_region"),
                      f"fails over to {region}, where the spec's replicas have no replica; "
                      "add it to replicas (or name a replica's region)")]
    return []
