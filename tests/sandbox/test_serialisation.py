"""AWS processes one client write per pool at a time (serialisation.py)."""

from __future__ import annotations

import threading
import time
from typing import Any

from .helpers import Control

MESSAGE = "Only one request to update user pool client can be processed at a time."


def wait_until_arrived(control: Control, operation: str, count: int) -> None:
    """Until the sandbox has counted ``count`` calls of ``operation`` (held or not)."""
    for _ in range(500):
        if control("GET", "/_sandbox/stats")[1]["calls"].get(operation, 0) >= count:
            return
        time.sleep(0.01)
    raise AssertionError(f"{operation} never arrived")


def hold_in_background(post: Control, operation: str, body: dict[str, Any],
                       answers: list[tuple[int, Any]]) -> threading.Thread:
    thread = threading.Thread(target=lambda: answers.append(post(operation, body)))
    thread.start()
    return thread


def test_overlapping_client_writes_in_one_pool_are_refused(
        cognito: Any, control: Control, post: Control, pool_id: str) -> None:
    other_pool = cognito.create_user_pool(PoolName="other")["UserPool"]["Id"]
    web, api, far = (cognito.create_user_pool_client(UserPoolId=pool, ClientName=name)
                     ["UserPoolClient"]["ClientId"]
                     for pool, name in ((pool_id, "web"), (pool_id, "api"), (other_pool, "far")))
    control("POST", "/_sandbox/faults", {"latency_writes_ms": 60000})  # writes wait
    answers: list[tuple[int, Any]] = []
    first = hold_in_background(post, "UpdateUserPoolClient",
                               {"UserPoolId": pool_id, "ClientId": web, "ClientName": "web2"},
                               answers)
    elsewhere = hold_in_background(post, "UpdateUserPoolClient",
                                   {"UserPoolId": other_pool, "ClientId": far,
                                    "ClientName": "far2"}, answers)
    wait_until_arrived(control, "UpdateUserPoolClient", 2)

    # While those are in progress, another client write to the first pool is refused.
    status, error = post("UpdateUserPoolClient",
                         {"UserPoolId": pool_id, "ClientId": api, "ClientName": "api2"})
    assert (status, error) == (400, {"__type": "ConcurrentModificationException",
                                     "message": MESSAGE})
    status, error = post("DeleteUserPoolClient", {"UserPoolId": pool_id, "ClientId": api})
    assert (status, error["__type"]) == (400, "ConcurrentModificationException")

    control("DELETE", "/_sandbox/faults")  # releases the held writes
    first.join()
    elsewhere.join()
    assert sorted(status for status, _ in answers) == [200, 200]  # other pools don't conflict
    names = {c["ClientName"] for pool in (pool_id, other_pool) for c in
             cognito.list_user_pool_clients(UserPoolId=pool, MaxResults=60)["UserPoolClients"]}
    assert names == {"web2", "api", "far2"}  # the refused calls changed nothing
    log = [entry["operation"] for entry in control("GET", "/_sandbox/requests")[1]]
    assert log.count("DeleteUserPoolClient") == 1  # refused calls are logged

    # One after the other is fine.
    assert post("UpdateUserPoolClient", {"UserPoolId": pool_id, "ClientId": api,
                                         "ClientName": "api2"})[0] == 200


def test_client_creates_and_reads_are_not_serialised(
        cognito: Any, control: Control, post: Control, pool_id: str) -> None:
    web = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="web")
    client_id = web["UserPoolClient"]["ClientId"]
    control("POST", "/_sandbox/faults", {"latency_writes_ms": 60000})
    answers: list[tuple[int, Any]] = []
    held = hold_in_background(post, "UpdateUserPoolClient",
                              {"UserPoolId": pool_id, "ClientId": client_id,
                               "ClientName": "web"}, answers)
    wait_until_arrived(control, "UpdateUserPoolClient", 1)
    assert post("DescribeUserPoolClient",
                {"UserPoolId": pool_id, "ClientId": client_id})[0] == 200
    creating = hold_in_background(post, "CreateUserPoolClient",
                                  {"UserPoolId": pool_id, "ClientName": "new"}, answers)
    wait_until_arrived(control, "CreateUserPoolClient", 1)
    control("DELETE", "/_sandbox/faults")
    held.join()
    creating.join()
    assert sorted(status for status, _ in answers) == [200, 200]
