"""Types shared by the sandbox tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# control("GET", "/_sandbox/requests") / post("DescribeUserPool", {...}) -> (status, json)
Control = Callable[..., tuple[int, Any]]
