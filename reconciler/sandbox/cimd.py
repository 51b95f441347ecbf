"""Client ID Metadata Document (CIMD) policies (CreateCIMDPolicy and friends; moto 5.2
has none of them).

Sources: the shipped model (botocore 1.44.8 cognito-idp) and the API reference pages
of the same operations (docs.aws.amazon.com/cognito-user-identity-pools/latest/
APIReference/API_CreateCIMDPolicy.html, API_UpdateCIMDPolicy.html, API_CIMDPolicyType):
- CreateCIMDPolicy.CacheDuration: "If you don't set a value, the default is 86,400
  seconds." UpdateCIMDPolicy.CacheDuration: "If you don't set a value, Amazon Cognito
  keeps the current cache duration."
- CIMDPolicyType.ClientId: "Amazon Cognito omits this value when the app client no
  longer exists": a policy outlives its client.
- Developer guide, Client ID metadata documents: "A CIMD policy maps a set of metadata
  URL patterns to exactly one existing user pool app client."
- ListCIMDPolicies answers CIMDPolicySummaryType: no URLPatterns.
- URL patterns, names and the cache range are checked by the generic request
  validation (validation.py) against the model's patterns and bounds.
"""

from __future__ import annotations

import copy
import uuid
from typing import Any

from moto.cognitoidp.models import CognitoIdpUserPool

from .calls import Call, handles
from .errors import ApiError, not_found
from .paging import page
from .state import PoolRecord

DEFAULT_CACHE_DURATION = 86400  # API reference, CreateCIMDPolicy.CacheDuration
SUMMARY = ("CIMDPolicyId", "ClientId", "PolicyName", "CacheDuration", "CreationDate",
           "LastModifiedDate")


def _policies(record: PoolRecord) -> dict[str, Any]:
    return record.part("cimd_policies")  # CIMDPolicyId -> CIMDPolicyType (ClientId kept)


def _answer(policy: dict[str, Any], pool: CognitoIdpUserPool) -> dict[str, Any]:
    shown = copy.deepcopy(policy)
    if shown.get("ClientId") not in pool.clients:
        shown.pop("ClientId", None)  # doc: omitted once the app client no longer exists
    return shown


def _by_id(call: Call, pool: CognitoIdpUserPool) -> dict[str, Any]:
    found: dict[str, Any] | None = _policies(call.record(pool)).get(
        str(call.body.get("CIMDPolicyId", "")))
    if found is None:
        raise not_found(f"CIMD policy {call.body.get('CIMDPolicyId')} does not exist.")
    return found


@handles("CreateCIMDPolicy")
def create_cimd_policy(call: Call) -> dict[str, Any]:
    pool = call.pool()
    client, _ = call.client(pool)  # "exactly one existing user pool app client"
    now = call.now()
    # CIMDPolicyIdType: ^[a-z0-9]+$, 1..64 characters.
    policy = {"CIMDPolicyId": uuid.uuid4().hex, "UserPoolId": pool.id, "ClientId": client.id,
              "PolicyName": call.body["PolicyName"],
              "CacheDuration": call.body.get("CacheDuration") or DEFAULT_CACHE_DURATION,
              "URLPatterns": list(call.body["URLPatterns"]),
              "CreationDate": now, "LastModifiedDate": now}
    _policies(call.record(pool))[policy["CIMDPolicyId"]] = policy
    return {"CIMDPolicy": _answer(policy, pool)}


@handles("UpdateCIMDPolicy")
def update_cimd_policy(call: Call) -> dict[str, Any]:
    pool = call.pool()
    policy = dict(_by_id(call, pool))
    client, _ = call.client(pool)  # ClientId is required: the policy may move to another
    policy["ClientId"] = client.id
    policy["URLPatterns"] = list(call.body["URLPatterns"])
    # doc: an omitted CacheDuration keeps the current one. ASSUMED: so does PolicyName.
    for member in ("PolicyName", "CacheDuration"):
        if call.body.get(member) is not None:
            policy[member] = call.body[member]
    policy["LastModifiedDate"] = call.now()
    _policies(call.record(pool))[policy["CIMDPolicyId"]] = policy
    return {"CIMDPolicy": _answer(policy, pool)}


@handles("DeleteCIMDPolicy")
def delete_cimd_policy(call: Call) -> dict[str, Any]:
    pool = call.pool()
    policy = _by_id(call, pool)
    _policies(call.record(pool)).pop(policy["CIMDPolicyId"], None)
    return {}


@handles("DescribeCIMDPolicy")
def describe_cimd_policy(call: Call) -> dict[str, Any]:
    pool = call.pool()
    return {"CIMDPolicy": _answer(_by_id(call, pool), pool)}


@handles("ListCIMDPolicies")
def list_cimd_policies(call: Call) -> dict[str, Any]:
    pool = call.pool()
    items = sorted(_policies(call.record(pool)).values(), key=lambda p: p["CreationDate"])
    found, token = page(items, call.body, "MaxResults")
    answer: dict[str, Any] = {"CIMDPolicies": [
        {k: v for k, v in _answer(p, pool).items() if k in SUMMARY} for p in found]}
    if token:
        answer["NextToken"] = token
    return answer


@handles("ListClientMetadataURLs")
def list_client_metadata_urls(call: Call) -> dict[str, Any]:
    # The sandbox never fetches a metadata document (no /oauth2/authorize with a URL
    # client_id), so no URL is ever cached.
    _by_id(call, call.pool())
    return {"ClientMetadataURLs": []}


@handles("UpdateClientMetadataURLState")
def update_client_metadata_url_state(call: Call) -> dict[str, Any]:
    _by_id(call, call.pool())
    # doc: CachedCIMDURLDoesNotExistException, "Amazon Cognito doesn't have a cached
    # client metadata document for the URL in the request" (none is ever cached here).
    raise ApiError("CachedCIMDURLDoesNotExistException",
                   f"No cached client metadata document for {call.body.get('URL')}.")
