"""Re-checks before creates share listings, never one that started before they asked."""

from __future__ import annotations

import threading
import time
from typing import Any

from reconciler.apply.create_check import CreateCheck, SharedListings


class SlowListing:
    """ListUserPools whose n-th call waits for ``release(n)``; it sees the pools of now."""

    def __init__(self) -> None:
        self.pools: list[dict[str, Any]] = []
        self.started = threading.Semaphore(0)
        self.gates: list[threading.Event] = [threading.Event() for _ in range(10)]
        self.calls = 0
        self.lock = threading.Lock()

    def list_user_pools(self) -> list[dict[str, Any]]:
        with self.lock:
            number = self.calls
            self.calls += 1
            seen = list(self.pools)  # what exists when the listing starts
        self.started.release()
        self.gates[number].wait(timeout=30)
        return seen


def test_checks_that_ask_during_a_listing_wait_for_the_next_and_share_it() -> None:
    api = SlowListing()
    check = CreateCheck()
    answers: dict[str, str | None] = {}

    def ask(name: str) -> None:
        answers[name] = check(api, "CreateUserPool", {"PoolName": "shared"})

    first = threading.Thread(target=ask, args=("first",))
    first.start()
    api.started.acquire()  # listing 0 is under way
    api.pools.append({"Name": "shared", "Id": "us-east-1_other"})  # another apply's create
    later = [threading.Thread(target=ask, args=(f"later{i}",)) for i in range(5)]
    for thread in later:
        thread.start()
    for _ in range(3000):  # until every later check has asked (and waits)
        if check.listings.waiting == len(later):
            break
        time.sleep(0.01)
    assert check.listings.waiting == len(later)
    api.gates[0].set()
    first.join()
    api.started.acquire()  # listing 1 started: after every later check asked
    api.gates[1].set()
    for thread in later:
        thread.join()
    assert answers["first"] is None  # its listing started before the other create
    assert all(answers[f"later{i}"] == "a user pool named 'shared' exists (id us-east-1_other)"
               for i in range(5))
    assert api.calls == 2  # six checks, two listings
    assert check.listings.fetches == 2


def test_an_error_reaches_every_caller_of_that_listing() -> None:
    listings = SharedListings()

    def broken() -> list[Any]:
        raise RuntimeError("denied")

    for _ in range(2):
        try:
            listings.get("k", broken)
        except RuntimeError as exc:
            assert str(exc) == "denied"
        else:
            raise AssertionError("the error was swallowed")
    assert listings.get("k", lambda: ["ok"]) == ["ok"]  # a failed listing isn't reused
