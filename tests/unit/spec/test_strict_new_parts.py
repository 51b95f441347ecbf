"""spec/strict.py: the newer part kinds (replicas, a client's terms and CIMD policies) a
strict spec doesn't name are managed as none; the ones it names stay as given."""

from __future__ import annotations

from reconciler.model import DesiredClient, DesiredPool
from reconciler.spec.strict import strict_pool


def test_replicas_terms_and_cimd_policies_left_out_are_managed_as_none() -> None:
    named = DesiredClient(name="a", settings={"ClientName": "a"},
                          parts={"terms": [{"TermsName": "terms-of-use"}]})
    bare = DesiredClient(name="b", settings={"ClientName": "b"})
    pool = DesiredPool(name="p", settings={"PoolName": "p"}, clients=[named, bare])
    strict_pool(pool)
    assert pool.parts["replicas"] == []
    assert named.parts["terms"] == [{"TermsName": "terms-of-use"}]
    assert named.parts["cimd_policies"] == []
    assert bare.parts["terms"] == [] and bare.parts["cimd_policies"] == []


def test_replicas_the_spec_names_stay() -> None:
    pool = DesiredPool(name="p", settings={"PoolName": "p"},
                       parts={"replicas": [{"RegionName": "eu-west-1"}]})
    strict_pool(pool)
    assert pool.parts["replicas"] == [{"RegionName": "eu-west-1"}]
