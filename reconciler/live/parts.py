"""Reading the parts of a pool that the spec manages, each with its own calls."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol

from reconciler.concurrency import parallel_map
from reconciler.errors import ReconcilerError
from reconciler.model import LivePart
from reconciler.plan.identity_providers import from_describe

ABSENT_CODES = {"ResourceNotFoundException", "UserPoolAddOnNotEnabledException"}
SESSIONS_UNAVAILABLE = {"OperationNotEnabledException", "FeatureUnavailableInTierException"}
# Every part read_pool_parts can read: what a pool loses when it is deleted.
POOL_PART_KEYS = ("session_configuration",
                  "groups", "resource_servers", "identity_providers", "domain",
                  "ui_customization", "risk_configuration", "log_delivery_configuration",
                  "replicas")


class CognitoCaller(Protocol):
    def call(self, operation: str, **params: Any) -> dict[str, Any]: ...
    def pages(self, operation: str, key: str, **params: Any) -> list[dict[str, Any]]: ...


def _optional(api: CognitoCaller, operation: str, key: str,
              **params: Any) -> dict[str, Any] | None:
    try:
        value = api.call(operation, **params).get(key)
    except ReconcilerError as exc:
        # "Nothing configured" comes back as an error for several Describe/Get calls.
        if getattr(exc, "code", None) in ABSENT_CODES:
            return None
        raise
    return value if isinstance(value, dict) and value else None


def read_groups(api: CognitoCaller, pool_id: str) -> list[LivePart]:
    groups = api.pages("ListGroups", "Groups", UserPoolId=pool_id, Limit=60)
    return [LivePart(document=group) for group in groups]


def read_resource_servers(api: CognitoCaller, pool_id: str) -> list[LivePart]:
    servers = api.pages("ListResourceServers", "ResourceServers", UserPoolId=pool_id,
                        MaxResults=50)
    return [LivePart(document=server) for server in servers]


def read_identity_providers(api: CognitoCaller, pool_id: str) -> list[LivePart]:
    parts: list[LivePart] = []
    for summary in api.pages("ListIdentityProviders", "Providers", UserPoolId=pool_id,
                             MaxResults=60):
        provider = api.call("DescribeIdentityProvider", UserPoolId=pool_id,
                            ProviderName=summary["ProviderName"])["IdentityProvider"]
        # Secrets are split off as they arrive: the document (compared, fingerprinted,
        # saved) never holds them; they are kept only to be carried into an update
        # that would otherwise erase them (issue 12.2).
        parts.append(from_describe(provider))
    return parts


def read_replicas(api: CognitoCaller, pool_id: str) -> list[LivePart]:
    """The pool's secondary replicas. ListUserPoolReplicas lists the primary too (doc:
    "including both primary and secondary replicas"): it is the pool itself, not a part.
    OperationNotEnabledException (doc: "not available ... for the current user pool
    configuration") means the pool can't have replicas: none."""
    try:
        found = api.pages("ListUserPoolReplicas", "UserPoolReplicas", UserPoolId=pool_id)
    except ReconcilerError as exc:
        if getattr(exc, "code", None) == "OperationNotEnabledException":
            return []
        raise
    return [LivePart(document=replica) for replica in found
            if replica.get("Role") != "PRIMARY"]


def read_domain(api: CognitoCaller, pool: dict[str, Any],
                wanted: dict[str, Any] | None) -> LivePart | None:
    custom = bool(wanted and wanted.get("CustomDomainConfig"))
    names = [pool.get("CustomDomain"), pool.get("Domain")] if custom else [
        pool.get("Domain"), pool.get("CustomDomain")]
    for name in names:
        if name:
            described = _optional(api, "DescribeUserPoolDomain", "DomainDescription",
                                  Domain=name)
            if described and described.get("Domain"):
                return LivePart(document=domain_document(described))
    return None


def domain_document(described: dict[str, Any]) -> dict[str, Any]:
    """A DomainDescription as the tool compares it: AWS answers a prefix domain with
    ``CustomDomainConfig: {}`` (aws-cli describe-user-pool-domain.rst), which means no
    custom domain. Kept, it would be carried into an update, where botocore refuses a
    CustomDomainConfig without its required CertificateArn."""
    if described.get("CustomDomainConfig") == {}:
        return {k: v for k, v in described.items() if k != "CustomDomainConfig"}
    return described


def read_ui_customization(api: CognitoCaller, pool_id: str,
                          client_id: str | None = None) -> LivePart | None:
    params: dict[str, Any] = {"UserPoolId": pool_id}
    if client_id:
        params["ClientId"] = client_id
    found = _optional(api, "GetUICustomization", "UICustomization", **params)
    if not found or not (found.get("CSS") or found.get("ImageUrl")):
        return None
    if not _owned_by(found, client_id):
        return None
    return LivePart(document=found)


def _owned_by(document: dict[str, Any], client_id: str | None) -> bool:
    # For a client without settings of its own, Cognito answers with the pool's
    # (ClientId "ALL" or none): that is not the client's to compare or change.
    owner = document.get("ClientId")
    if client_id:
        return bool(owner == client_id)
    return owner in (None, "ALL")


def read_risk_configuration(api: CognitoCaller, pool_id: str,
                            client_id: str | None = None) -> LivePart | None:
    params: dict[str, Any] = {"UserPoolId": pool_id}
    if client_id:
        params["ClientId"] = client_id
    found = _optional(api, "DescribeRiskConfiguration", "RiskConfiguration", **params)
    settings = {k: v for k, v in (found or {}).items()
                if k not in ("UserPoolId", "ClientId", "LastModifiedDate") and v}
    if not found or not settings or not _owned_by(found, client_id):
        return None
    return LivePart(document=found)


def read_log_delivery(api: CognitoCaller, pool_id: str) -> LivePart | None:
    found = _optional(api, "GetLogDeliveryConfiguration", "LogDeliveryConfiguration",
                      UserPoolId=pool_id)
    if not found or not found.get("LogConfigurations"):
        return None
    return LivePart(document=found)


def read_session_configuration(api: CognitoCaller, pool_id: str,
                               client_id: str | None = None) -> LivePart | None:
    """The pool's (or a client's) session configuration. Cognito answers the documented
    defaults when it was never set, so there is a live document; None only where the
    feature isn't available (OperationNotEnabledException: "not available in the current
    region or for the current user pool configuration"; a tier refusal, which the Get
    calls don't list, is read the same way), so export and destroy still work there."""
    try:
        if client_id:
            found = api.call("GetUserPoolClientSessionConfiguration", UserPoolId=pool_id,
                             ClientId=client_id)
        else:
            found = api.call("GetUserPoolSessionConfiguration", UserPoolId=pool_id)
    except ReconcilerError as exc:
        if getattr(exc, "code", None) in SESSIONS_UNAVAILABLE:
            return None
        raise
    return LivePart(document=found)


def read_managed_login_branding(api: CognitoCaller, pool_id: str,
                                client_id: str) -> LivePart | None:
    found = _optional(api, "DescribeManagedLoginBrandingByClient", "ManagedLoginBranding",
                      UserPoolId=pool_id, ClientId=client_id, ReturnMergedResources=False)
    if not found:
        return None
    return LivePart(document=found,
                    ids={"ManagedLoginBrandingId": str(found["ManagedLoginBrandingId"])})


def read_managed_login_branding_by_id(api: CognitoCaller, pool_id: str,
                                      branding_id: str) -> LivePart | None:
    """The same document as by client, found by the style's own id (apply's re-read)."""
    found = _optional(api, "DescribeManagedLoginBranding", "ManagedLoginBranding",
                      UserPoolId=pool_id, ManagedLoginBrandingId=branding_id,
                      ReturnMergedResources=False)
    if not found:
        return None
    return LivePart(document=found, ids={"ManagedLoginBrandingId": branding_id})


def pool_parts_to_read(parts: dict[str, Any], clients: list[Any] | None) -> dict[str, Any]:
    """The pool parts a plan reads: those the spec manages, and the pool's session
    configuration when a client manages its own (Cognito refuses a client's while the
    pool's tracking is DISABLED, which the plan then says: plan/session_order.py). Read
    only, never planned: the spec doesn't manage it."""
    key = "session_configuration"
    if key in parts or not any(key in client.parts for client in clients or []):
        return parts
    return {**parts, key: {}}


def read_pool_parts(api: CognitoCaller, pool_id: str, pool: dict[str, Any],
                    managed: dict[str, Any]) -> dict[str, list[LivePart] | LivePart | None]:
    """The parts the spec manages (its keys), read concurrently."""
    readers: dict[str, Callable[[], list[LivePart] | LivePart | None]] = {
        "groups": lambda: read_groups(api, pool_id),
        "resource_servers": lambda: read_resource_servers(api, pool_id),
        "identity_providers": lambda: read_identity_providers(api, pool_id),
        "domain": lambda: read_domain(api, pool, managed.get("domain")),
        "session_configuration": lambda: read_session_configuration(api, pool_id),
        "ui_customization": lambda: read_ui_customization(api, pool_id),
        "risk_configuration": lambda: read_risk_configuration(api, pool_id),
        "log_delivery_configuration": lambda: read_log_delivery(api, pool_id),
        "replicas": lambda: read_replicas(api, pool_id),
    }
    keys = [key for key in readers if key in managed]
    values = parallel_map(lambda key: readers[key](), keys)
    return dict(zip(keys, values, strict=True))


class PoolListing:
    """A pool's CIMD policy list (ListCIMDPolicies lists the whole pool), made at most
    once per read however many of its clients ask: one listing per plan, not per client."""

    def __init__(self, api: CognitoCaller, pool_id: str) -> None:
        self._api, self._pool_id = api, pool_id
        self._lock = threading.Lock()
        self._policies: list[dict[str, Any]] | None = None

    def cimd_policies(self) -> list[dict[str, Any]]:
        with self._lock:  # clients are read concurrently: the first one lists
            if self._policies is None:
                self._policies = list_cimd_policies(self._api, self._pool_id)
            return self._policies


def read_client_parts(api: CognitoCaller, pool_id: str, client_id: str,
                      managed: dict[str, Any],
                      listing: PoolListing | None = None) -> dict[str, Any]:
    parts: dict[str, Any] = {}  # a LivePart, None, or a list of them (terms, cimd_policies)
    if "ui_customization" in managed:
        parts["ui_customization"] = read_ui_customization(api, pool_id, client_id)
    if "risk_configuration" in managed:
        parts["risk_configuration"] = read_risk_configuration(api, pool_id, client_id)
    if "managed_login_branding" in managed:
        parts["managed_login_branding"] = read_managed_login_branding(api, pool_id, client_id)
    if "session_configuration" in managed:
        parts["session_configuration"] = read_session_configuration(api, pool_id, client_id)
    if "terms" in managed:
        parts["terms"] = read_terms(api, pool_id, client_id)
    if "cimd_policies" in managed:
        parts["cimd_policies"] = read_cimd_policies(api, pool_id, client_id, listing)
    return parts


# A client's listed parts (what read_client_parts reads as lists).
CLIENT_LIST_KEYS = ("terms", "cimd_policies")
# TermsNameType allows exactly these two names, unique per client (TermsExistsException).
TERMS_NAMES = ("terms-of-use", "privacy-policy")


def read_terms(api: CognitoCaller, pool_id: str, client_id: str) -> list[LivePart]:
    """A client's terms documents: at most one per name, so one DescribeTermsByClient
    each (ListTerms summaries name no client and hold no links)."""
    found = parallel_map(lambda name: _optional(api, "DescribeTermsByClient", "Terms",
                                                UserPoolId=pool_id, ClientId=client_id,
                                                TermsName=name), list(TERMS_NAMES))
    return [LivePart(document=terms, ids={"TermsId": str(terms["TermsId"])})
            for terms in found if terms]


def read_terms_by_id(api: CognitoCaller, pool_id: str, terms_id: str) -> LivePart | None:
    """The same document, found by its id (apply's re-read before a write)."""
    found = _optional(api, "DescribeTerms", "Terms", UserPoolId=pool_id, TermsId=terms_id)
    return LivePart(document=found, ids={"TermsId": terms_id}) if found else None


def list_cimd_policies(api: CognitoCaller, pool_id: str) -> list[dict[str, Any]]:
    return api.pages("ListCIMDPolicies", "CIMDPolicies", UserPoolId=pool_id, MaxResults=60)


def read_cimd_policies(api: CognitoCaller, pool_id: str, client_id: str,
                       listing: PoolListing | None = None) -> list[LivePart]:
    """A client's CIMD policies: the pool's list (summaries name the client, not the
    URL patterns; ``listing`` shares one among the pool's clients), then a describe of
    each of this client's."""
    summaries = (listing.cimd_policies() if listing is not None
                 else list_cimd_policies(api, pool_id))
    ids = [str(s["CIMDPolicyId"]) for s in summaries if s.get("ClientId") == client_id]
    found = parallel_map(lambda policy_id: read_cimd_policy_by_id(api, pool_id, policy_id),
                         ids)
    return [part for part in found if part is not None]


def read_cimd_policy_by_id(api: CognitoCaller, pool_id: str,
                           policy_id: str) -> LivePart | None:
    found = _optional(api, "DescribeCIMDPolicy", "CIMDPolicy", UserPoolId=pool_id,
                      CIMDPolicyId=policy_id)
    return LivePart(document=found, ids={"CIMDPolicyId": policy_id}) if found else None


def read_client_lists_of_pool(api: CognitoCaller,
                              pool_id: str) -> dict[str, dict[str, list[LivePart]]]:
    """Every client's terms and CIMD policies at once, by client id (export, and the
    full read of a pool to be deleted): one list of each kind for the pool, then a
    describe of each item (ListTerms names no client), instead of three calls per client."""
    terms_ids = [str(t["TermsId"]) for t in api.pages("ListTerms", "Terms",
                                                      UserPoolId=pool_id, MaxResults=60)]
    policy_ids = [str(p["CIMDPolicyId"]) for p in api.pages(
        "ListCIMDPolicies", "CIMDPolicies", UserPoolId=pool_id, MaxResults=60)]
    terms = parallel_map(lambda terms_id: read_terms_by_id(api, pool_id, terms_id), terms_ids)
    policies = parallel_map(lambda policy_id: read_cimd_policy_by_id(api, pool_id, policy_id),
                            policy_ids)
    found: dict[str, dict[str, list[LivePart]]] = {}
    for key, items in (("terms", terms), ("cimd_policies", policies)):
        for item in items:
            owner = item.document.get("ClientId") if item is not None else None
            if item is not None and owner:  # a policy of a deleted client names none
                found.setdefault(str(owner), no_client_lists())[key].append(item)
    return found


def no_client_lists() -> dict[str, list[LivePart]]:
    return {key: [] for key in CLIENT_LIST_KEYS}
