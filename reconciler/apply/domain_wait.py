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
from typing import Any, Protocol

from reconciler import interruption
from reconciler.errors import ReconcilerError

PREFIX_LIMIT = 5 * 60.0  # seconds; AWS documents "up to one minute"; TF waits 1 minute
CUSTOM_LIMIT = 60 * 60.0  # a custom domain's certificate: "up to one hour"
FIRST_PAUSE = 0.25
LONGEST_PAUSE = 5.0
PROGRESS_EVERY = 30.0  # seconds between "still waiting" lines

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
    started = clock()
    pause = FIRST_PAUSE
    said_at: float | None = None
    while True:
        status = _status(api, str(name))
        waited = clock() - started
        if (status is None and target == "gone") or status == target:
            if said_at is not None:
                say(f"{label}: domain {name} is {target} after {waited:.1f}s")
            return None
        if status not in TRANSITIONAL:
            # FAILED (e.g. a custom domain's certificate), or gone while waiting for ACTIVE.
            return ReconcilerError(
                f"{label}: domain {name} is {status or 'gone'} after {operation}; what "
                "depends on it was not applied",
                "check the domain in the Cognito console (for a custom domain, its ACM "
                "certificate in us-east-1), then run apply again")
        if waited >= limit:
            return ReconcilerError(
                f"{label}: domain {name} is still {status} after {waited:.0f}s; what "
                "depends on it was not applied",
                f"run apply again once DescribeUserPoolDomain shows it {target}")
        if said_at is None or clock() - said_at >= PROGRESS_EVERY:
            note = " (a custom domain can take up to an hour)" if limit == CUSTOM_LIMIT else ""
            say(f"{label}: waiting for domain {name} to be {target}: {status} after "
                f"{waited:.1f}s{note}")
            said_at = clock()
        if sleep(min(pause, max(limit - waited, 0.0))):
            say(f"{label}: stopped waiting for domain {name} ({status}): interrupted")
            return None
        pause = min(pause * 2, LONGEST_PAUSE)
