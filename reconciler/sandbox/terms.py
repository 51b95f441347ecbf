"""Terms documents of an app client (CreateTerms and friends; moto 5.2 has none of them).

Sources, all in the shipped model (botocore 1.44.8 cognito-idp) unless named:
- TermsNameType: exactly ``terms-of-use`` or ``privacy-policy``; TermsExistsException:
  "Terms document names must be unique to the app client", so a client has two at most.
- TermsType lists every member as required (ClientId, Links, both dates included).
- ListTerms answers TermsDescriptionType summaries: no ClientId, no Links.
- Links keys (LanguageIdType) and values are checked by the generic request validation
  (validation.py) against the model's patterns.
"""

from __future__ import annotations

import copy
import uuid
from typing import Any

from moto.cognitoidp.models import CognitoIdpUserPool

from .calls import Call, handles
from .errors import ApiError, invalid_parameter, not_found
from .paging import page
from .state import PoolRecord

SUMMARY = ("TermsId", "TermsName", "Enforcement", "CreationDate", "LastModifiedDate")
SETTABLE = ("TermsName", "TermsSource", "Enforcement", "Links")


def _terms(record: PoolRecord) -> dict[str, Any]:
    return record.part("terms")  # TermsId -> TermsType


def _exists(name: str) -> ApiError:
    # doc: TermsExistsException, "Terms document names must be unique to the app client."
    return ApiError("TermsExistsException",
                    f"Terms documents named {name} already exist for this app client.")


def _check_links(links: dict[str, Any]) -> None:
    # terraform-provider-aws managed_login_terms.go validates that links hold a
    # cognito:default entry (resourceManagedLoginTermsLinksValidator), and the model says
    # "cognito:default displays for all languages that don't have a language-specific
    # URL". ASSUMED: AWS refuses Links without it, as the provider does before calling.
    if "cognito:default" not in links:
        raise invalid_parameter("Links must include a cognito:default entry.")


def _by_id(call: Call, pool: CognitoIdpUserPool) -> dict[str, Any]:
    found: dict[str, Any] | None = _terms(call.record(pool)).get(
        str(call.body.get("TermsId", "")))
    if found is None:
        raise not_found(f"Terms {call.body.get('TermsId')} do not exist.")
    return found


@handles("CreateTerms")
def create_terms(call: Call) -> dict[str, Any]:
    pool = call.pool()
    client, _ = call.client(pool)  # doc: "Must be an app client in the requested user pool."
    record = call.record(pool)
    name = str(call.body["TermsName"])
    if any(t["ClientId"] == client.id and t["TermsName"] == name
           for t in _terms(record).values()):
        raise _exists(name)
    _check_links(call.body["Links"])
    now = call.now()
    terms = {"TermsId": str(uuid.uuid4()), "UserPoolId": pool.id, "ClientId": client.id,
             **{k: copy.deepcopy(call.body[k]) for k in SETTABLE},
             "CreationDate": now, "LastModifiedDate": now}
    _terms(record)[terms["TermsId"]] = terms
    return {"Terms": copy.deepcopy(terms)}


@handles("UpdateTerms")
def update_terms(call: Call) -> dict[str, Any]:
    pool = call.pool()
    terms = _by_id(call, pool)
    name = call.body.get("TermsName")
    if name is not None and name != terms["TermsName"] and any(
            t["ClientId"] == terms["ClientId"] and t["TermsName"] == name
            for t in _terms(call.record(pool)).values()):
        raise _exists(str(name))  # doc: UpdateTerms lists TermsExistsException
    if call.body.get("Links") is not None:
        _check_links(call.body["Links"])
    # ASSUMED: a member the update omits keeps its value (TermsType requires every one,
    # so none can be reset to empty). The tool sends all of them either way.
    updated = {**terms, **{k: copy.deepcopy(call.body[k]) for k in SETTABLE
                           if call.body.get(k) is not None},
               "LastModifiedDate": call.now()}
    _terms(call.record(pool))[updated["TermsId"]] = updated
    return {"Terms": copy.deepcopy(updated)}


@handles("DeleteTerms")
def delete_terms(call: Call) -> dict[str, Any]:
    pool = call.pool()
    terms = _by_id(call, pool)
    _terms(call.record(pool)).pop(terms["TermsId"], None)
    return {}


@handles("DescribeTerms")
def describe_terms(call: Call) -> dict[str, Any]:
    return {"Terms": copy.deepcopy(_by_id(call, call.pool()))}


@handles("DescribeTermsByClient")
def describe_terms_by_client(call: Call) -> dict[str, Any]:
    pool = call.pool()
    client, _ = call.client(pool)
    for terms in _terms(call.record(pool)).values():
        if terms["ClientId"] == client.id and terms["TermsName"] == call.body["TermsName"]:
            return {"Terms": copy.deepcopy(terms)}
    raise not_found(f"No terms named {call.body['TermsName']} exist for client {client.id}.")


@handles("ListTerms")
def list_terms(call: Call) -> dict[str, Any]:
    pool = call.pool()
    items = sorted(_terms(call.record(pool)).values(), key=lambda t: t["CreationDate"])
    found, token = page(items, call.body, "MaxResults")
    answer: dict[str, Any] = {"Terms": [{k: t[k] for k in SUMMARY} for t in found]}
    if token:
        answer["NextToken"] = token
    return answer


def forget_client(record: PoolRecord, client_id: str) -> None:
    """ASSUMED: deleting an app client deletes its terms documents. TermsType requires
    ClientId (unlike CIMDPolicyType, whose ClientId "Amazon Cognito omits ... when the
    app client no longer exists"), so terms can't outlive their client."""
    terms = _terms(record)
    for terms_id in [i for i, t in terms.items() if t["ClientId"] == client_id]:
        del terms[terms_id]
