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
