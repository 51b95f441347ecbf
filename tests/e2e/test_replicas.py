"""User pool replicas and a custom domain's failover routing, end to end (issue 11)."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

from reconciler.aws.service_model import new_session

from .cli import clear_requests, run, sandbox_requests, write_spec

MRK = "arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd1234abcd1234abcd1234abcd"
CERT = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"

SPEC = """\
version: 1
user_pools:
  - pool_name: replicated
    key_configuration: {{key_type: CUSTOMER_MANAGED_KEY, kms_key_arn: "MRK"}}
{extra}""".replace("MRK", MRK)


def slow(url: str, **seconds: float) -> None:
    request = urllib.request.Request(f"{url}/_sandbox/faults", method="POST",
                                     data=json.dumps(seconds).encode())
    urllib.request.urlopen(request, timeout=10).close()


def idp(url: str) -> Any:
    return new_session().create_client(
        "cognito-idp", region_name="us-east-1", endpoint_url=url,
        aws_access_key_id="testing", aws_secret_access_key="testing")


def secondaries(url: str) -> list[tuple[str, str]]:
    client = idp(url)
    [pool] = client.list_user_pools(MaxResults=60)["UserPools"]
    listed = client.list_user_pool_replicas(UserPoolId=pool["Id"])["UserPoolReplicas"]
    return [(r["RegionName"], r["Status"]) for r in listed if r["Role"] == "SECONDARY"]


def operations(url: str) -> list[str]:
    return [r["operation"] for r in sandbox_requests(url)
            if r["operation"].endswith("UserPoolReplica")]


def test_a_new_active_replica_is_created_waited_for_then_activated(
        sandbox_url: str, tmp_path: Path) -> None:
    slow(sandbox_url, replica_seconds=0.3)
    path = write_spec(tmp_path, SPEC.format(
        extra="    replicas: [{region_name: eu-west-1, status: ACTIVE}]\n"))
    planned = run(sandbox_url, "plan", path)
    assert planned.code == 0, planned.text
    assert "user_pool.replicated.replica.eu-west-1" in planned.text
    applied = run(sandbox_url, "apply", "--auto-approve", path)
    assert applied.code == 0, applied.text
    # Activated only once CREATING was over (the sandbox refuses it before).
    assert operations(sandbox_url) == ["CreateUserPoolReplica", "UpdateUserPoolReplica"]
    assert "waiting for the replica in eu-west-1" in applied.text
    assert secondaries(sandbox_url) == [("eu-west-1", "ACTIVE")]
    again = run(sandbox_url, "plan", "--detailed-exitcode", path)
    assert again.code == 0, again.text


def test_a_status_change_is_an_update_and_a_removed_replica_is_deactivated_then_deleted(
        sandbox_url: str, tmp_path: Path) -> None:
    slow(sandbox_url, replica_seconds=0.2)
    path = write_spec(tmp_path, SPEC.format(
        extra="    replicas: [{region_name: eu-west-1, status: ACTIVE}]\n"))
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0

    inactive = write_spec(tmp_path, SPEC.format(
        extra="    replicas: [{region_name: eu-west-1, status: INACTIVE}]\n"), "b.yaml")
    planned = run(sandbox_url, "plan", "--json", inactive)
    [change] = json.loads(planned.out)["changes"]
    assert change["action"] == "update"
    assert [(f["path"], f["before"], f["after"]) for f in change["fields"]] == [
        ("status", "ACTIVE", "INACTIVE")]
    assert run(sandbox_url, "apply", "--auto-approve", inactive).code == 0
    assert secondaries(sandbox_url) == [("eu-west-1", "INACTIVE")]

    active = write_spec(tmp_path, SPEC.format(
        extra="    replicas: [{region_name: eu-west-1, status: ACTIVE}]\n"), "c.yaml")
    assert run(sandbox_url, "apply", "--auto-approve", active).code == 0
    none = write_spec(tmp_path, SPEC.format(extra="    replicas: []\n"), "d.yaml")
    planned = run(sandbox_url, "plan", none)
    assert "deletes the replica user pool in eu-west-1" in planned.text
    clear_requests(sandbox_url)
    result = run(sandbox_url, "apply", "--auto-approve", none)
    assert result.code == 0, result.text
    # Only an INACTIVE replica can be deleted (doc: DeleteUserPoolReplica).
    assert operations(sandbox_url) == ["UpdateUserPoolReplica", "DeleteUserPoolReplica"]
    assert secondaries(sandbox_url) == []
    assert run(sandbox_url, "plan", "--detailed-exitcode", none).code == 0


def test_replicas_left_out_are_not_managed(sandbox_url: str, tmp_path: Path) -> None:
    slow(sandbox_url, replica_seconds=0)
    path = write_spec(tmp_path, SPEC.format(extra="    replicas: [{region_name: eu-west-1}]\n"))
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    unmanaged = write_spec(tmp_path, SPEC.format(extra=""), "b.yaml")
    clear_requests(sandbox_url)
    assert run(sandbox_url, "plan", "--detailed-exitcode", unmanaged).code == 0
    assert "ListUserPoolReplicas" not in [r["operation"] for r in sandbox_requests(sandbox_url)]


def test_a_refused_replica_fails_apply_with_aws_answer(sandbox_url: str, tmp_path: Path) -> None:
    path = write_spec(tmp_path, """\
version: 1
user_pools:
  - pool_name: plain
    replicas: [{region_name: eu-west-1}]
""")
    result = run(sandbox_url, "apply", "--auto-approve", path)
    assert result.code == 1
    assert "customer managed" in result.text


def test_destroy_removes_replicas_before_the_pool_and_names_them(
        sandbox_url: str, tmp_path: Path) -> None:
    slow(sandbox_url, replica_seconds=0.2)
    path = write_spec(tmp_path, SPEC.format(
        extra="    replicas: [{region_name: eu-west-1, status: ACTIVE}]\n"))
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    planned = run(sandbox_url, "destroy", path, stdin="no\n")
    assert "user_pool.replicated.replica.eu-west-1" in planned.text
    clear_requests(sandbox_url)
    result = run(sandbox_url, "destroy", "--auto-approve", path)
    assert result.code == 0, result.text
    writes = [r["operation"] for r in sandbox_requests(sandbox_url)
              if not r["operation"].startswith(("List", "Describe", "Get"))]
    assert writes == ["UpdateUserPoolReplica", "DeleteUserPoolReplica", "DeleteUserPool"]


def test_failover_routing_follows_the_replica_it_names(sandbox_url: str,
                                                       tmp_path: Path) -> None:
    slow(sandbox_url, replica_seconds=0.2, domain_seconds=0.2)
    domain = ("    domain:\n      domain: auth.example.com\n"
              f"      custom_domain_config: {{certificate_arn: \"{CERT}\"}}\n"
              "      routing:\n        failover: {secondary_region: eu-west-1, "
              "primary_route53_health_check_id: hc-1}\n")
    path = write_spec(tmp_path, SPEC.format(
        extra="    replicas: [{region_name: eu-west-1}]\n" + domain))
    assert run(sandbox_url, "validate", path).code == 0
    result = run(sandbox_url, "apply", "--auto-approve", path)
    assert result.code == 0, result.text
    described = idp(sandbox_url).describe_user_pool_domain(
        Domain="auth.example.com")["DomainDescription"]
    assert described["Routing"] == {"Failover": {"SecondaryRegion": "eu-west-1",
                                                 "PrimaryRoute53HealthCheckId": "hc-1"}}
    assert run(sandbox_url, "plan", "--detailed-exitcode", path).code == 0
    exported = run(sandbox_url, "export", "--pool-name", "replicated")
    assert exported.code == 0, exported.text
    assert "secondary_region: eu-west-1" in exported.out
    assert "region_name: eu-west-1" in exported.out
    round_trip = write_spec(tmp_path, exported.out, "exported.yaml")
    assert run(sandbox_url, "plan", "--detailed-exitcode", round_trip).code == 0


def test_a_pool_replace_removes_the_old_replica_first_and_makes_it_again(
        sandbox_url: str, tmp_path: Path) -> None:
    slow(sandbox_url, replica_seconds=0.2)
    replicated = "    replicas: [{region_name: eu-west-1, status: ACTIVE}]\n"
    first = write_spec(tmp_path, SPEC.format(
        extra=f"    username_attributes: [email]\n{replicated}"))
    assert run(sandbox_url, "apply", "--auto-approve", first).code == 0
    changed = write_spec(tmp_path, SPEC.format(
        extra=f"    username_attributes: [phone_number]\n{replicated}"), "b.yaml")
    planned = run(sandbox_url, "plan", changed)
    assert "replace" in planned.text
    clear_requests(sandbox_url)
    result = run(sandbox_url, "apply", "--auto-approve", "--allow-replace", changed)
    assert result.code == 0, result.text
    writes = [r["operation"] for r in sandbox_requests(sandbox_url)
              if not r["operation"].startswith(("List", "Describe", "Get"))]
    assert writes == ["UpdateUserPoolReplica", "DeleteUserPoolReplica", "DeleteUserPool",
                      "CreateUserPool", "CreateUserPoolReplica", "UpdateUserPoolReplica"]
    assert secondaries(sandbox_url) == [("eu-west-1", "ACTIVE")]
    assert run(sandbox_url, "plan", "--detailed-exitcode", changed).code == 0


def test_a_saved_plan_of_a_status_change_applies(sandbox_url: str, tmp_path: Path) -> None:
    slow(sandbox_url, replica_seconds=0.2)
    path = write_spec(tmp_path, SPEC.format(extra="    replicas: [{region_name: eu-west-1}]\n"))
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    active = write_spec(tmp_path, SPEC.format(
        extra="    replicas: [{region_name: eu-west-1, status: ACTIVE}]\n"), "b.yaml")
    saved = str(tmp_path / "plan.json")
    assert run(sandbox_url, "plan", "--out", saved, active).code == 0
    result = run(sandbox_url, "apply", "--auto-approve", saved)
    assert result.code == 0, result.text
    assert secondaries(sandbox_url) == [("eu-west-1", "ACTIVE")]


def test_the_multi_region_example_applies_and_replans_clean(sandbox_url: str) -> None:
    slow(sandbox_url, replica_seconds=0.2, domain_seconds=0.2)
    example = str(Path(__file__).resolve().parents[2] / "specs" / "multi-region.yaml")
    assert run(sandbox_url, "validate", example).code == 0
    applied = run(sandbox_url, "apply", "--auto-approve", example)
    assert applied.code == 0, applied.text
    assert secondaries(sandbox_url) == [("eu-west-1", "ACTIVE")]
    assert run(sandbox_url, "plan", "--detailed-exitcode", example).code == 0
