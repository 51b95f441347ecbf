"""Issue 12.5 at plan time: two spec entries resolving to one live pool are refused."""

from __future__ import annotations

import pytest

from reconciler.errors import ReconcilerError
from reconciler.model import DesiredPool, LivePool
from reconciler.plan.build import Observed, make_plan


def _observed(index: int, name: str, live_id: str | None, region: str) -> Observed:
    pool = DesiredPool(name=name, settings={"PoolName": name}, path=("user_pools", index))
    live = None
    if live_id is not None:
        live = LivePool(pool_id=live_id, describe={"Id": live_id, "Name": "shop"}, mfa={})
    return Observed(pool=pool, live=live, region=region)


def test_two_entries_on_one_live_pool_are_one_error_naming_both() -> None:
    observed = [
        _observed(0, "shop", "us-east-1_AAA", "us-east-1"),
        _observed(1, "other", None, "us-east-1"),
        _observed(2, "shop-pinned", "us-east-1_AAA", "us-east-1"),
    ]
    with pytest.raises(ReconcilerError) as raised:
        make_plan(observed)
    assert raised.value.message == (
        "user_pools[0] (user_pool.shop) and user_pools[2] (user_pool.shop-pinned) both "
        "resolve to the live pool us-east-1_AAA in us-east-1; nothing was changed"
    )
    assert "keep one spec entry per live pool" in raised.value.hint


def test_one_id_in_two_regions_is_two_pools() -> None:
    # Ids carry their region, but the key is (region, id) so nothing is assumed.
    observed = [
        _observed(0, "a", "same", "us-east-1"),
        _observed(1, "b", "same", "eu-west-1"),
    ]
    make_plan(observed)  # no error: two regions, two pools


def _twin(index: int, live_id: str, username_attributes: list[str]) -> Observed:
    pool = DesiredPool(name="shop", settings={"PoolName": "shop",
                                               "UsernameAttributes": username_attributes},
                       path=("user_pools", index), pool_id=live_id)
    live = LivePool(pool_id=live_id, describe={"Id": live_id, "Name": "shop",
                                               "UsernameAttributes": ["email"]}, mfa={})
    return Observed(pool=pool, live=live, region="us-east-1")


def test_twins_sharing_an_address_may_not_create_or_replace() -> None:
    # Ids made during apply are keyed by address: two pools at one address would
    # hand each other's new ids to their clients. Updates are fine (no new ids).
    plan = make_plan([_twin(0, "us-east-1_AAA", ["phone_number"]),
                      _twin(1, "us-east-1_BBB", ["email"])])
    replaced = [c for c in plan.changes if c.action.value == "replace"]
    assert [c.live_id for c in replaced] == ["us-east-1_AAA"]
    assert replaced[0].blocked is not None
    assert "share the address user_pool.shop" in replaced[0].blocked
    assert "rename" in replaced[0].blocked


def test_twins_without_creates_are_not_blocked() -> None:
    plan = make_plan([_twin(0, "us-east-1_AAA", ["email"]),
                      _twin(1, "us-east-1_BBB", ["email"])])
    assert all(c.blocked is None for c in plan.changes)
