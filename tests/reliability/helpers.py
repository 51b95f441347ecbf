"""Sandbox control, counting and figure recording for the reliability tests."""

from __future__ import annotations

import json
import os
import threading
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

READS = ("Describe", "List", "Get", "AdminGet", "AdminList")


def control(url: str, method: str, path: str, document: Any = None) -> Any:
    data = None if document is None else json.dumps(document).encode()
    request = urllib.request.Request(url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        with error:
            raise AssertionError(f"{method} {path}: {error.code} {error.read()!r}") from None


def inject(url: str, faults: dict[str, Any]) -> list[dict[str, Any]]:
    """Replace the sandbox's fault rules; returns their description."""
    rules: list[dict[str, Any]] = control(url, "POST", "/_sandbox/faults", faults)["faults"]
    return rules


def fault_state(url: str) -> list[dict[str, Any]]:
    rules: list[dict[str, Any]] = control(url, "GET", "/_sandbox/faults")["faults"]
    return rules


def clear_faults(url: str) -> None:
    control(url, "DELETE", "/_sandbox/faults")


def requests(url: str) -> list[dict[str, Any]]:
    log: list[dict[str, Any]] = control(url, "GET", "/_sandbox/requests")
    return log


def operations(url: str) -> list[str]:
    return [entry["operation"] for entry in requests(url)]


def clear_requests(url: str) -> None:
    control(url, "DELETE", "/_sandbox/requests")


def is_write(operation: str) -> bool:
    return not operation.startswith(READS)


def writes(url: str) -> list[str]:
    return [op for op in operations(url) if is_write(op)]


def users_by_pool(cognito: Any) -> dict[str, set[str]]:
    """Every user of every pool, by pool id."""
    found: dict[str, set[str]] = {}
    for pool in cognito.list_user_pools(MaxResults=60)["UserPools"]:
        names: set[str] = set()
        kwargs: dict[str, Any] = {"UserPoolId": pool["Id"]}
        while True:
            page = cognito.list_users(**kwargs)
            names.update(user["Username"] for user in page["Users"])
            if not page.get("PaginationToken"):
                break
            kwargs["PaginationToken"] = page["PaginationToken"]
        found[pool["Id"]] = names
    return found


def add_users(cognito: Any, pool_id: str, count: int, prefix: str = "user") -> set[str]:
    """``count`` users, named as the pool's sign-in attributes require."""
    attributes = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"].get(
        "UsernameAttributes") or ["email"]
    if "email" in attributes:
        names = {f"{prefix}{index}@example.com" for index in range(count)}
    else:
        names = {f"+1555{index:07d}" for index in range(count)}
    for name in sorted(names):
        cognito.admin_create_user(UserPoolId=pool_id, Username=name,
                                  MessageAction="SUPPRESS")
    return names


def pool_ids(cognito: Any, name: str | None = None) -> list[str]:
    pools = cognito.list_user_pools(MaxResults=60)["UserPools"]
    return sorted(p["Id"] for p in pools if name is None or p["Name"] == name)


def client_names(cognito: Any, pool_id: str) -> list[str]:
    """Client names of a pool, sorted, duplicates kept (a duplicate is a bug)."""
    clients = cognito.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)
    return sorted(c["ClientName"] for c in clients["UserPoolClients"])


def retries_logged(err: str, reason: str = "") -> int:
    """Retries the tool reported in its ``-v`` debug log (optionally of one reason)."""
    return sum(1 for line in err.splitlines()
               if line.startswith("debug: reconciler.aws: retrying ") and reason in line)


class Figures:
    """Measured numbers, merged into ``$RELIABILITY_FIGURES`` (JSON) when that is set.

    docs/reliability.md quotes them; ``RELIABILITY_FIGURES=figures.json pytest
    tests/reliability`` measures them again.
    """

    _lock = threading.Lock()

    def __init__(self) -> None:
        self.values: dict[str, dict[str, Any]] = {}

    def record(self, name: str, **values: Any) -> None:
        with self._lock:
            entry = self.values.setdefault(name, {})
            for key, value in values.items():
                if isinstance(value, (int, float)) and isinstance(entry.get(key), (int, float)):
                    entry[key] = entry[key] + value
                else:
                    entry[key] = value

    def flush(self) -> None:
        target = os.environ.get("RELIABILITY_FIGURES")
        if not target or not self.values:
            return
        path = Path(target)
        merged: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}
        merged.update(self.values)
        path.write_text(json.dumps(merged, indent=2, sort_keys=True) + "\n")


def summary(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items()))
