"""Waiting for a user pool domain to settle after apply writes it.

Cognito makes, changes and removes domains asynchronously: a domain reads
CREATING, UPDATING or DELETING before it is ACTIVE or gone (API reference,
CreateUserPoolDomain: a prefix domain "might take up to one minute", a custom
one up to an hour for its certificate). What comes next may depend on it: a
pool can't be deleted while it has a domain (aws-nuke#330, terraform-provider-aws
#16479), a name is "already associated with another user pool" until its
deletion is through (serverless#10135), and UI customization needs the domain.
So after each domain write apply polls DescribeUserPoolDomain until the domain
is settled, saying what it waits for, with the limits terraform-provider-aws
uses (user_pool_domain.go: 1 minute for a prefix domain, 60 for a custom one).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from reconciler import interruption
from reconciler.apply.polling import poll
from reconciler.errors import ReconcilerError

PREFIX_LIMIT = 5 * 60.0  # seconds; AWS documents "up to one minute"; TF waits 1 minute
CUSTOM_LIMIT = 60 * 60.0  # a custom domain's certificate: "up to one hour"

TRANSITIONAL = frozenset({"CREATING", "UPDATING", "DELETING"})
_TARGET = {"CreateUserPoolDomain": "ACTIVE", "UpdateUserPoolDomain": "ACTIVE",
           "DeleteUserPoolDomain": "gone"}


class CognitoReader(Protocol):
    def call(self, operation: str, **params: Any) -> dict[str, Any]: ...


def _status(api: CognitoReader, name: str) -> str | None:
    """The domain's Status now; None once it is gone."""
    try:
        described = api.call("DescribeUserPoolDomain", Domain=name)
    except ReconcilerError as exc:
        if getattr(exc, "code", None) == "ResourceNotFoundException":
            return None
        raise
    document = described.get("DomainDescription") or {}
    # An unknown domain is an empty description (terraform-provider-aws treats a
    # description without Status the same way).
    status = document.get("Status")
    return str(status) if status else None


@dataclass
class _Domain:
    api: CognitoReader
    label: str
    operation: str
    name: str
    target: str  # ACTIVE or gone
    limit: float

    def status(self) -> str:
        return _status(self.api, self.name) or "gone"

    def reached(self, status: str) -> bool:
        return status == self.target

    def failed(self, status: str) -> ReconcilerError | None:
        if status in TRANSITIONAL:
            return None
        # FAILED (e.g. a custom domain's certificate), or gone while waiting for ACTIVE.
        return ReconcilerError(
            f"{self.label}: domain {self.name} is {status} after {self.operation}; what "
            "depends on it was not applied",
            "check the domain in the Cognito console (for a custom domain, its ACM "
            "certificate in us-east-1), then run apply again")

    def timed_out(self, status: str, waited: float) -> ReconcilerError:
        return ReconcilerError(
            f"{self.label}: domain {self.name} is still {status} after {waited:.0f}s; what "
            "depends on it was not applied",
            f"run apply again once DescribeUserPoolDomain shows it {self.target}")

    def waiting(self, status: str, waited: float) -> str:
        note = " (a custom domain can take up to an hour)" if self.limit == CUSTOM_LIMIT else ""
        return (f"{self.label}: waiting for domain {self.name} to be {self.target}: {status} "
                f"after {waited:.1f}s{note}")

    def done(self, status: str, waited: float) -> str:
        return f"{self.label}: domain {self.name} is {self.target} after {waited:.1f}s"

    def stopped(self, status: str) -> str:
        return f"{self.label}: stopped waiting for domain {self.name} ({status}): interrupted"


def wait_after_write(api: CognitoReader, label: str, operation: str, params: dict[str, Any],
                     say: Callable[[str], None], clock: Callable[[], float] = time.monotonic,
                     sleep: Callable[[float], bool | None] = interruption.sleep,
                     ) -> ReconcilerError | None:
    """After a successful domain write, wait until the domain is ACTIVE (or gone).

    Returns the error to stop apply with (the domain FAILED, or didn't settle in
    time), or None when the domain is settled, ``operation`` isn't a domain write,
    or a signal interrupted the wait (``sleep`` returns True; apply then stops on
    its own and reports what wasn't done).
    """
    target = _TARGET.get(operation)
    name = params.get("Domain")
    if target is None or not name:
        return None
    limit = CUSTOM_LIMIT if params.get("CustomDomainConfig") or "." in str(name) else PREFIX_LIMIT
    return poll(_Domain(api, label, operation, str(name), target, limit), say, clock, sleep)
