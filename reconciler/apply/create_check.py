"""The re-check before a create, with concurrent re-checks sharing one listing.

Just before a pool (client) is created, the region's pools (the pool's clients) are
listed by name (``live/recheck.existing_for_create``). Apply creates pools side by
side, and ListUserPools has no name filter: in an account with 1,000 pools each
re-check is 17 pages, paced at the pool-read quota. So re-checks that overlap share
one listing, with one rule that keeps them as fresh as their own would be: a
re-check only uses a listing that *started after it asked*. One arriving while a
listing is under way waits for the next one, which all such waiters share.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from reconciler.live.recheck import existing_for_create


@dataclass
class _Flight:
    running: bool = False
    next_generation: int = 0
    # generation -> its listing (or the error it raised); only the latest is kept
    results: dict[int, tuple[Any, BaseException | None]] = field(default_factory=dict)


class SharedListings:
    """Runs ``fetch`` for a key, shared by the callers that asked before it started."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._flights: dict[Hashable, _Flight] = {}
        self.fetches = 0
        self.waiting = 0  # callers waiting for a listing to start or end

    def get(self, key: Hashable, fetch: Callable[[], Any]) -> Any:
        with self._cond:
            flight = self._flights.setdefault(key, _Flight())
            # The first listing to start from now on (or any later one) may answer it.
            wanted = flight.next_generation
            while not (flight.results and max(flight.results) >= wanted):
                if not flight.running:
                    flight.running = True
                    wanted = flight.next_generation
                    flight.next_generation += 1
                    break
                self.waiting += 1
                self._cond.wait()
                self.waiting -= 1
            else:
                value, error = flight.results[max(flight.results)]
                if error is not None:
                    raise error
                return value
            self.fetches += 1
        value, error = None, None
        try:
            value = fetch()
        except BaseException as exc:
            error = exc
        with self._cond:
            flight.results = {wanted: (value, error)}
            flight.running = False
            self._cond.notify_all()
        if error is not None:
            raise error
        return value


class _SharedApi:
    """The two list calls the re-check makes, shared through ``SharedListings``."""

    def __init__(self, api: Any, listings: SharedListings) -> None:
        self._api = api
        self._listings = listings

    def list_user_pools(self) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._listings.get(
            (id(self._api), "pools"), self._api.list_user_pools)
        return result

    def list_clients(self, pool_id: str) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._listings.get(
            (id(self._api), "clients", pool_id), lambda: self._api.list_clients(pool_id))
        return result


class CreateCheck:
    """``check(api, operation, params)``: what of that name exists now (None: nothing).

    One per apply: ``api`` objects are per region, so listings are shared per region
    (per pool for clients).
    """

    def __init__(self) -> None:
        self.listings = SharedListings()

    def __call__(self, api: Any, operation: str, params: dict[str, Any]) -> str | None:
        return existing_for_create(_SharedApi(api, self.listings), operation, params)
