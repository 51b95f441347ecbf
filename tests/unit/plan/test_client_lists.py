"""A client's listed parts, terms and CIMD policies (issue 11.2), planned offline."""

from __future__ import annotations

from typing import Any

import pytest

from reconciler.errors import ReconcilerError
from reconciler.model import LivePart
from reconciler.plan import parts
from reconciler.plan.model import Action

OWNER = parts.Owner("user_pool.p", "us-east-1", "us-east-1_abc", client_name="web",
                    client_id="client1")


def policy(name: str, policy_id: str, **extra: Any) -> LivePart:
    document = {"UserPoolId": "us-east-1_abc", "CIMDPolicyId": policy_id, "ClientId": "client1",
                "PolicyName": name, "CacheDuration": 86400,
                "URLPatterns": ["https://a.example.com/*"], **extra}
    return LivePart(document=document, ids={"CIMDPolicyId": policy_id})


def terms(name: str, terms_id: str) -> LivePart:
    document = {"TermsId": terms_id, "UserPoolId": "us-east-1_abc", "ClientId": "client1",
                "TermsName": name, "TermsSource": "LINK", "Enforcement": "NONE",
                "Links": {"cognito:default": "https://example.com/t"}}
    return LivePart(document=document, ids={"TermsId": terms_id})


def test_an_update_is_addressed_by_id_and_carries_every_live_member() -> None:
    wanted = [{"PolicyName": "partners", "URLPatterns": ["https://b.example.com/*"]}]
    [change] = parts.plan_list(parts.CIMD_POLICY, OWNER, wanted,
                               [policy("partners", "p1", CacheDuration=172800)])
    assert change.address == "user_pool.p.cimd_policy.web.partners"
    assert change.action == Action.UPDATE
    [request] = change.requests
    assert request.operation == "UpdateCIMDPolicy"
    # CacheDuration is not managed by this spec: its live value is carried.
    assert request.params == {"UserPoolId": "us-east-1_abc", "CIMDPolicyId": "p1",
                              "ClientId": "client1", "PolicyName": "partners",
                              "CacheDuration": 172800,
                              "URLPatterns": ["https://b.example.com/*"]}


def test_a_delete_names_the_item_by_its_id_alone() -> None:
    [change] = parts.plan_list(parts.TERMS, OWNER, [], [terms("privacy-policy", "t1")])
    assert change.action == Action.DELETE
    assert change.address == "user_pool.p.terms.web.privacy-policy"
    [request] = change.requests
    assert (request.operation, request.params) == (
        "DeleteTerms", {"UserPoolId": "us-east-1_abc", "TermsId": "t1"})


def test_the_fingerprint_of_a_policy_ignores_the_client_id_cognito_drops() -> None:
    # doc: CIMDPolicyType.ClientId is omitted once the client no longer exists.
    with_client = policy("partners", "p1").document
    without = {k: v for k, v in with_client.items() if k != "ClientId"}
    assert parts.part_fingerprint("cimd_policy", with_client) == parts.part_fingerprint(
        "cimd_policy", without)


def test_two_live_policies_of_one_name_are_refused() -> None:
    wanted = [{"PolicyName": "partners", "URLPatterns": ["https://a.example.com/*"]}]
    with pytest.raises(ReconcilerError) as raised:
        parts.plan_list(parts.CIMD_POLICY, OWNER, wanted,
                        [policy("partners", "p1"), policy("partners", "p2")])
    assert "2 live cimd_policy items are named 'partners'" in str(raised.value)


def test_a_deleted_clients_policies_are_deleted_and_its_terms_go_with_it() -> None:
    found = parts.outliving_parts_of_deleted_client(
        OWNER, {"cimd_policies": [policy("partners", "p1")], "terms": [terms("t", "t1")]})
    assert [(c.action, c.requests[0].operation) for c in found] == [
        (Action.DELETE, "DeleteCIMDPolicy")]
    assert "outlives its client" in str(found[0].reason)


def test_an_update_is_refused_when_cognito_returned_fields_this_model_lacks() -> None:
    # A newer API could add members to TermsType: a full update would reset them.
    live = terms("terms-of-use", "t1")
    live.unmodeled = ["Audience"]
    wanted = [{"TermsName": "terms-of-use", "TermsSource": "LINK", "Enforcement": "NONE",
               "Links": {"cognito:default": "https://example.com/new"}}]
    [change] = parts.plan_list(parts.TERMS, OWNER, wanted, [live])
    assert change.action == Action.UPDATE
    assert change.blocked and "Audience" in change.blocked
