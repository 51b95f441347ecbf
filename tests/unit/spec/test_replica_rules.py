"""Offline checks of replicas and a domain's failover routing (reconciler/spec/replica_rules.py)."""

from __future__ import annotations

from pathlib import Path

from _spec_helpers import problems, write

from reconciler.spec import load_spec

HEAD = "version: 1\nuser_pools:\n  - pool_name: p\n    region: us-east-1\n"
CERT = "arn:aws:acm:us-east-1:123456789012:certificate/1"


def _warnings(path: str) -> list[str]:
    return [str(w) for w in load_spec([path], environ={}).warnings]


def test_a_replica_in_the_pools_own_region_is_an_error(tmp_path: Path) -> None:
    f = write(tmp_path, "a.yaml", HEAD + "    replicas: [{region_name: us-east-1}]\n")
    assert any("a replica must be in another region" in p for p in problems([f]))


def test_replicas_need_a_customer_managed_key_and_not_lite(tmp_path: Path) -> None:
    f = write(tmp_path, "a.yaml", HEAD + "    user_pool_tier: LITE\n"
              "    key_configuration: {key_type: AWS_OWNED_KEY}\n"
              "    replicas: [{region_name: eu-west-1}]\n")
    found = problems([f])
    assert any("ESSENTIALS or PLUS" in p for p in found)
    assert any("CUSTOMER_MANAGED_KEY" in p for p in found)


def test_a_second_replica_is_a_warning(tmp_path: Path) -> None:
    f = write(tmp_path, "a.yaml", HEAD + "    replicas: [{region_name: eu-west-1}, "
              "{region_name: ap-southeast-2}]\n")
    assert problems([f]) == []
    assert any("at most one replica" in w for w in _warnings(f))


def test_routing_needs_a_custom_domain_and_a_listed_replica(tmp_path: Path) -> None:
    routing = ("      routing: {failover: {secondary_region: eu-west-1, "
               "primary_route53_health_check_id: hc}}\n")
    prefix = write(tmp_path, "a.yaml", HEAD + "    domain:\n      domain: login-p\n" + routing)
    assert any("routing needs a custom domain" in p for p in problems([prefix]))
    custom = (f"    domain:\n      domain: auth.example.com\n      custom_domain_config: "
              f"{{certificate_arn: \"{CERT}\"}}\n" + routing)
    unlisted = write(tmp_path, "b.yaml", HEAD + "    replicas: [{region_name: us-west-2}]\n"
                     + custom)
    assert any("fails over to eu-west-1" in p for p in problems([unlisted]))
    listed = write(tmp_path, "c.yaml", HEAD + "    replicas: [{region_name: eu-west-1}]\n"
                   + custom)
    assert problems([listed]) == []
    unmanaged = write(tmp_path, "d.yaml", HEAD + custom)
    assert problems([unmanaged]) == []
