"""docs/semantics.md, "Empty values: one rule": absent is unmanaged; a present value is
managed and an empty one is a value (lists and maps: none; structures: no member)."""

from __future__ import annotations

from reconciler.model import DesiredClient
from reconciler.plan.pools import plan_pool
from tests.unit.plan.helpers import desired_pool, live_client, live_pool


def _pool_fields(**settings):
    changes = plan_pool(desired_pool(**settings), live_pool(), "us-east-1", [])
    return {f.path for c in changes for f in c.fields}


def _client_fields(**settings):
    client = DesiredClient(name="web", settings={"ClientName": "web", **settings})
    changes = plan_pool(desired_pool(clients=[client]),
                        live_pool(clients=[live_client("web")]), "us-east-1", [])
    return {f.path for c in changes for f in c.fields}


def test_absent_is_not_managed():
    assert _pool_fields() == set()
    assert _client_fields() == set()


def test_an_empty_map_means_none():
    assert any(p.startswith("user_pool_tags") for p in _pool_fields(UserPoolTags={}))


def test_an_empty_list_means_none():
    assert "auto_verified_attributes" in _pool_fields(AutoVerifiedAttributes=[])
    assert "callback_urls" in _client_fields(CallbackURLs=[])


def test_an_empty_structure_sets_no_member():
    assert _pool_fields(Policies={}) == set()
    assert _pool_fields(DeviceConfiguration={}) == set()


def test_lambda_config_is_a_map_of_slots():
    assert any(p.startswith("lambda_config") for p in _pool_fields(LambdaConfig={}))


def test_an_empty_value_equals_a_missing_live_one():
    # The live client has no logout URLs: `logout_urls: []` is no change.
    assert _client_fields(LogoutURLs=[]) == set()
