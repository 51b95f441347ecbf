"""Strict mode covers the newer parts too (issue 13 strict mode, issue 11 parts).

docs/semantics.md ("Strict mode"): a part kind the spec doesn't name is managed as none,
so a live one is a named delete. Replicas, a client's terms and its CIMD policies made
out of band show as deletes in strict mode only (a replica's saying it deletes that
region's copy), apply --strict takes them away, and the pool then re-plans clean.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reconciler.aws.service_model import new_session

from .cli import run, write_spec
from .test_replicas import MRK, slow

SPEC = f"""\
version: 1
user_pools:
  - pool_name: strict-new
    key_configuration: {{key_type: CUSTOMER_MANAGED_KEY, kms_key_arn: "{MRK}"}}
    clients:
      - client_name: web
"""


def idp(url: str) -> Any:
    return new_session().create_client(
        "cognito-idp", region_name="us-east-1", endpoint_url=url,
        aws_access_key_id="testing", aws_secret_access_key="testing")


def test_replicas_terms_and_cimd_policies_made_by_hand_are_named_deletes_in_strict_mode(
        sandbox_url: str, tmp_path: Path) -> None:
    slow(sandbox_url, replica_seconds=0)
    spec = write_spec(tmp_path, SPEC)
    applied = run(sandbox_url, "apply", "--auto-approve", spec)
    assert applied.code == 0, applied.text
    cognito = idp(sandbox_url)
    [pool] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    pool_id = pool["Id"]
    [client] = cognito.list_user_pool_clients(UserPoolId=pool_id)["UserPoolClients"]
    client_id = client["ClientId"]
    cognito.create_user_pool_replica(UserPoolId=pool_id, RegionName="eu-west-1")
    cognito.create_terms(UserPoolId=pool_id, ClientId=client_id, TermsName="terms-of-use",
                         TermsSource="LINK", Enforcement="NONE",
                         Links={"cognito:default": "https://example.com/terms"})
    cognito.create_cimd_policy(UserPoolId=pool_id, ClientId=client_id,
                               PolicyName="partners", CacheDuration=86400,
                               URLPatterns=["https://partners.example.com/*"])
    # Normal mode: none of the three kinds is named, so none is managed.
    assert run(sandbox_url, "plan", "--detailed-exitcode", spec).code == 0
    planned = run(sandbox_url, "plan", "--strict", "--json", spec)
    assert planned.code == 0, planned.text
    deletes = {c["address"]: c for c in json.loads(planned.out)["changes"]
               if c["action"] == "delete"}
    assert set(deletes) == {"user_pool.strict-new.replica.eu-west-1",
                            "user_pool.strict-new.terms.web.terms-of-use",
                            "user_pool.strict-new.cimd_policy.web.partners"}, deletes
    replica = deletes["user_pool.strict-new.replica.eu-west-1"]
    assert any("deletes the replica user pool in eu-west-1" in w
               for w in replica["warnings"]), replica
    text = run(sandbox_url, "plan", "--strict", spec)
    assert "deletes the replica user pool in eu-west-1" in text.out, text.out
    done = run(sandbox_url, "apply", "--strict", "--auto-approve", spec)
    assert done.code == 0, done.text
    replicas = cognito.list_user_pool_replicas(UserPoolId=pool_id)["UserPoolReplicas"]
    assert [r for r in replicas if r["Role"] != "PRIMARY"] == []
    assert cognito.list_terms(UserPoolId=pool_id)["Terms"] == []
    assert cognito.list_cimd_policies(UserPoolId=pool_id)["CIMDPolicies"] == []
    again = run(sandbox_url, "plan", "--strict", "--detailed-exitcode", spec)
    assert again.code == 0, again.text


def test_a_strict_pool_made_from_the_spec_plans_clean(sandbox_url: str,
                                                      tmp_path: Path) -> None:
    spec = write_spec(tmp_path, SPEC.replace("  - pool_name", "  - strict: true\n    pool_name"))
    applied = run(sandbox_url, "apply", "--auto-approve", spec)
    assert applied.code == 0, applied.text
    again = run(sandbox_url, "plan", "--detailed-exitcode", spec)
    assert again.code == 0, again.text
