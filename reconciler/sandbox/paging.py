"""NextToken pagination for the list calls the sandbox answers itself."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any, TypeVar

from .errors import invalid_parameter

T = TypeVar("T")


def page(
    items: Sequence[T], body: dict[str, Any], limit_key: str, default_limit: int = 60
) -> tuple[Sequence[T], str | None]:
    """The slice of ``items`` a request asks for, and the next token (None at the end).

    Tokens are opaque offsets; AWS answers a token it didn't issue with
    InvalidParameterException.
    """
    token = body.get("NextToken")
    start = 0
    if token:
        try:
            start = int(base64.b64decode(token.encode()).decode())
        except (ValueError, UnicodeDecodeError):
            raise invalid_parameter("Invalid pagination token.") from None
    limit = body.get(limit_key) or default_limit
    end = start + limit
    next_token = base64.b64encode(str(end).encode()).decode() if end < len(items) else None
    return items[start:end], next_token
