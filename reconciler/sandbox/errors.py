"""Errors answered to the client in the AWS JSON-1.1 error shape."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An AWS-shaped error: ``{"__type": code, "message": ...}`` with an HTTP status."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status

    def body(self) -> dict[str, Any]:
        return {"__type": self.code, "message": self.message}


def invalid_parameter(message: str) -> ApiError:
    return ApiError("InvalidParameterException", message)


def not_found(message: str) -> ApiError:
    return ApiError("ResourceNotFoundException", message)


def pool_not_found(pool_id: str) -> ApiError:
    # AWS: DescribeUserPool of an unknown id says "User pool <id> does not exist."
    return not_found(f"User pool {pool_id} does not exist.")
