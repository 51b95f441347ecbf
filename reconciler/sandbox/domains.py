"""User pool domains: prefix and custom, with AWS's guards and answers.

moto accepts taken names and several domains per pool, returns a random
AWSAccountId on every describe, ignores ManagedLoginVersion and makes every
domain ACTIVE at once; AWS passes each through CREATING, UPDATING or DELETING
first (``domain_timing.py``).
"""

from __future__ import annotations

import re
import time
from typing import Any

from moto.cognitoidp.models import CognitoIdpUserPool, CognitoIdpUserPoolDomain

from . import replicas
from .calls import Call, handles
from .domain_timing import Phase, clock, phase, phases, settled, status
from .errors import ApiError, invalid_parameter, not_found
from .state import PoolRecord

# AWS [M, DomainType]: a prefix is one lowercase DNS label.
_PREFIX = re.compile(r"^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?$")
_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?$", re.IGNORECASE)
# AWS: prefix domains can't contain these words.
_RESERVED = ("aws", "amazon", "cognito")


def _versions(record: PoolRecord) -> dict[str, Any]:
    return record.part("domain_versions")


# The example's Version is a UTC timestamp (YYYYMMDDhhmmss); ASSUMED: each write of the
# domain deploys it anew, so creates and updates stamp it.
_DEFAULT_STAMP = "20190128175402"


def _stamps(record: PoolRecord) -> dict[str, Any]:
    return record.part("domain_stamps")  # domain name -> Version


def _stamp(record: PoolRecord, name: str) -> None:
    _stamps(record)[name] = time.strftime("%Y%m%d%H%M%S", time.gmtime())


def _check_name(domain: str, custom: bool) -> None:
    if custom:
        labels = domain.split(".")
        if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
            raise invalid_parameter(f"Domain {domain} is not a valid fully qualified domain name.")
        return
    if not _PREFIX.match(domain):
        raise invalid_parameter(
            f"Value '{domain}' at 'domain' failed to satisfy constraint: Member must satisfy "
            f"regular expression pattern: {_PREFIX.pattern}"
        )
    for word in _RESERVED:
        if word in domain:
            raise invalid_parameter(f"Domain cannot contain reserved word: {word}")


def _routings(record: PoolRecord) -> dict[str, Any]:
    return record.part("domain_routing")  # domain name -> Routing


def _check_routing(call: Call, pool: CognitoIdpUserPool, routing: Any, custom: bool) -> None:
    if not routing:
        return
    if not custom:
        # AWS [M, CreateUserPoolDomainRequest.Routing]: "The routing configuration is
        # currently only supported for custom domains."
        raise invalid_parameter("Routing is only supported for custom domains.")
    region = (routing.get("Failover") or {}).get("SecondaryRegion")
    if region is not None and region not in replicas.replica_regions(call, pool):
        # AWS [M, RoutingType]: routing "for requests to the domain for replicas of a
        # replicated user pool"; FailoverType.SecondaryRegion is where traffic fails over
        # to. ASSUMED: a region without a replica of the pool is refused
        # (InvalidParameterException).
        raise invalid_parameter(f"User pool {pool.id} has no replica in {region} to fail "
                                "over to.")


def _check_version(record: PoolRecord, version: int) -> None:
    if version not in (1, 2):
        raise invalid_parameter("ManagedLoginVersion must be 1 (hosted UI) or 2 (managed login).")
    if version == 2 and record.config.get("UserPoolTier") == "LITE":
        # AWS [M]: "Managed login requires that your user pool be configured
        # for any feature plan other than Lite."
        raise ApiError(
            "FeatureUnavailableInTierException", "Managed login is not available in the LITE tier."
        )


def _owned(call: Call, pool: CognitoIdpUserPool) -> CognitoIdpUserPoolDomain:
    name = call.body["Domain"]
    domain = call.backend.user_pool_domains.get(name)
    if domain is None or domain.user_pool_id != pool.id:
        raise not_found(f"Domain {name} does not exist in user pool {pool.id}.")
    return domain


def _cloudfront(domain: CognitoIdpUserPoolDomain) -> dict[str, Any]:
    # AWS returns the CloudFront distribution to point DNS at for custom domains.
    if domain.custom_domain_config:
        return {"CloudFrontDomain": domain._distribution_name()}
    return {}


@handles("CreateUserPoolDomain")
def create_user_pool_domain(call: Call) -> dict[str, Any]:
    pool = call.pool()
    record = call.record(pool)
    name = call.body["Domain"]
    custom_config = call.body.get("CustomDomainConfig")
    custom = bool(custom_config)
    _check_name(name, custom)
    version = call.body.get("ManagedLoginVersion") or 1  # AWS: classic hosted UI by default
    _check_version(record, version)
    _check_routing(call, pool, call.body.get("Routing"), custom)
    if name in call.backend.user_pool_domains or phase(call, name) is not None:
        # AWS: a name is taken while it is in use and, after DeleteUserPoolDomain, until
        # the deletion is through (serverless#10135 quotes this answer to a re-create).
        raise invalid_parameter("Domain already associated with another user pool.")
    for domain in call.backend.user_pool_domains.values():
        if domain.user_pool_id == pool.id and bool(domain.custom_domain_config) == custom:
            # AWS: one prefix domain and one custom domain per pool at most.
            raise invalid_parameter("User pool already has a domain configured.")
    domain = call.backend.create_user_pool_domain(pool.id, name, custom_config)
    _versions(record)[name] = version
    _stamp(record, name)
    if call.body.get("Routing"):
        _routings(record)[name] = dict(call.body["Routing"])
    phases(call)[name] = Phase("CREATING", clock())
    return {"ManagedLoginVersion": version, **_cloudfront(domain), **_routing(record, name)}


def _routing(record: PoolRecord, name: str) -> dict[str, Any]:
    routing = _routings(record).get(name)
    # AWS [M]: CreateUserPoolDomainResponse / UpdateUserPoolDomainResponse / the
    # DomainDescriptionType carry Routing when it is set.
    return {"Routing": dict(routing)} if routing else {}


@handles("DescribeUserPoolDomain")
def describe_user_pool_domain(call: Call) -> dict[str, Any]:
    name = call.body["Domain"]
    current = status(call, name)
    domain = call.backend.user_pool_domains.get(name)
    if current == "DELETING":
        return {"DomainDescription": dict(phases(call)[name].description)}
    if domain is None:
        # AWS answers an unknown domain with an empty description, not an error.
        return {"DomainDescription": {}}
    return {"DomainDescription": _description(call, domain, current or "ACTIVE")}


def _description(call: Call, domain: CognitoIdpUserPoolDomain, current: str) -> dict[str, Any]:
    record = call.record(call.pool(domain.user_pool_id))
    description: dict[str, Any] = {
        "UserPoolId": domain.user_pool_id,
        "AWSAccountId": call.account,
        "Domain": domain.domain,
        "CloudFrontDistribution": domain._distribution_name(),
        "Status": current,
        "ManagedLoginVersion": _versions(record).get(domain.domain, 1),
    }
    # AWS answers a prefix domain with an empty CustomDomainConfig, and every domain with
    # its asset bucket and a deployment stamp (aws-cli
    # awscli/examples/cognito-idp/describe-user-pool-domain.rst: "S3Bucket":
    # "aws-cognito-prod-pdx-assets", "Version": "20190128175402", "CustomDomainConfig": {};
    # doc: DomainDescriptionType.S3Bucket, .Version). ASSUMED: the bucket is named after
    # the region as in the example's, and the stamp is the domain's creation time.
    description["CustomDomainConfig"] = dict(domain.custom_domain_config or {})
    description["S3Bucket"] = f"aws-cognito-prod-{call.region}-assets"
    description["Version"] = _stamps(record).get(domain.domain, _DEFAULT_STAMP)
    description.update(_routing(record, domain.domain))
    return description


@handles("UpdateUserPoolDomain")
def update_user_pool_domain(call: Call) -> dict[str, Any]:
    pool = call.pool()
    record = call.record(pool)
    domain = _owned(call, pool)
    settled(call, domain.domain, "UpdateUserPoolDomain")
    new_config = call.body.get("CustomDomainConfig")
    if domain.custom_domain_config:
        if not new_config:
            # AWS: the update replaces the domain's settings; a custom domain
            # can't be left without its certificate, so it must be sent again.
            raise invalid_parameter("CustomDomainConfig is required to update a custom domain.")
        domain.custom_domain_config = dict(new_config)
    elif new_config:
        raise invalid_parameter("A prefix domain can't have a CustomDomainConfig.")
    # ASSUMED: an omitted ManagedLoginVersion resets to the default, 1.
    version = call.body.get("ManagedLoginVersion") or 1
    _check_version(record, version)
    routing = call.body.get("Routing")
    _check_routing(call, pool, routing, bool(domain.custom_domain_config))
    _versions(record)[domain.domain] = version
    _stamp(record, domain.domain)
    # ASSUMED (as for the rest of the domain, COGNITO.md): the update replaces the
    # domain's settings, so an update without Routing removes it.
    if routing:
        _routings(record)[domain.domain] = dict(routing)
    else:
        _routings(record).pop(domain.domain, None)
    phases(call)[domain.domain] = Phase("UPDATING", clock())
    return {"ManagedLoginVersion": version, **_cloudfront(domain),
            **_routing(record, domain.domain)}


@handles("DeleteUserPoolDomain")
def delete_user_pool_domain(call: Call) -> dict[str, Any]:
    pool = call.pool()
    name = call.body["Domain"]
    domain = call.backend.user_pool_domains.get(name)
    if domain is None or domain.user_pool_id != pool.id:
        # AWS: InvalidParameterException "No such domain" (terraform-provider-aws
        # user_pool_domain.go treats exactly that answer as already deleted). ASSUMED:
        # another pool's domain gets the same answer.
        raise invalid_parameter(f"No such domain {name} in user pool {pool.id}.")
    # A delete while CREATING or UPDATING is let through: no source says AWS refuses it.
    description = _description(call, domain, "DELETING")
    # moto forgets it now (so the pool itself may be deleted); the name stays taken
    # and the domain reads DELETING until the transition ends.
    call.backend.delete_user_pool_domain(name)
    _versions(call.record(pool)).pop(name, None)
    _routings(call.record(pool)).pop(name, None)
    _stamps(call.record(pool)).pop(name, None)
    phases(call)[name] = Phase("DELETING", clock(), description)
    return {}


def has_domain(call: Call, pool: CognitoIdpUserPool) -> bool:
    return any(d.user_pool_id == pool.id for d in call.backend.user_pool_domains.values())
