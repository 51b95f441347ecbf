"""Running a plan's requests in order and reporting exactly what was and wasn't done."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from reconciler.errors import ReconcilerError
from reconciler.plan.model import CREATED_PREFIX, Change, Plan


class CognitoWriter(Protocol):
    def call(self, operation: str, **params: Any) -> dict[str, Any]: ...


@dataclass
class ApplyReport:
    done: list[str] = field(default_factory=list)  # "address: Operation"
    not_done: list[str] = field(default_factory=list)
    failure: ReconcilerError | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None


def _substitute(value: Any, created: dict[str, str]) -> Any:
    if isinstance(value, dict):
        return {k: _substitute(v, created) for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, created) for v in value]
    if isinstance(value, str) and value.startswith(CREATED_PREFIX) and value.endswith("}"):
        address = value[len(CREATED_PREFIX):-1]
        if address not in created:
            raise ReconcilerError(f"internal error: {address} was not created before its use")
        return created[address]
    return value


Recheck = Callable[[Any, Change], "str | None"]


def execute(plan: Plan, api_for_region: Callable[[str], CognitoWriter],
            progress: Callable[[str], None], clock: Callable[[], float] = time.monotonic,
            recheck: Recheck | None = None) -> ApplyReport:
    """Run every request in plan order; stop at the first failure.

    ``recheck(api, change)`` re-reads a live resource's fingerprint just before the
    change's first write: a resource changed since the plan was made is not
    overwritten with a body computed from the old state.
    """
    report = ApplyReport()
    created: dict[str, str] = {}  # address -> id of a pool or client this apply created
    steps = [(change, request) for change in plan.changes for request in change.requests]
    for index, (change, request) in enumerate(steps):
        label = f"{change.address}: {request.operation}"
        if report.failure is not None:
            report.not_done.append(label)
            continue
        api = api_for_region(change.region)
        if recheck and change.fingerprint and request is change.requests[0]:
            try:
                now = recheck(api, change)
            except ReconcilerError as exc:
                now = f"unreadable: {exc.message}"
            if now != change.fingerprint:
                report.failure = ReconcilerError(
                    f"{change.address} changed in Cognito after it was read (someone else "
                    "is changing it?); it was not overwritten",
                    "run plan again to see the new state")
                report.not_done.append(label)
                continue
        progress(f"{label} ...")
        started = clock()
        try:
            params = _substitute(request.params, created)
            result = api.call(request.operation, **params)
        except ReconcilerError as exc:
            progress(f"{label} failed after {clock() - started:.1f}s")
            report.failure = exc
            report.not_done.append(label)
            continue
        if request.operation == "CreateUserPool":
            created[change.address] = str(result["UserPool"]["Id"])
        elif request.operation == "CreateUserPoolClient":
            created[change.address] = str(result["UserPoolClient"]["ClientId"])
        report.done.append(label)
        note = _created_note(request.operation, result)
        progress(f"{label} done in {clock() - started:.1f}s{note} [{index + 1}/{len(steps)}]")
    return report


def _created_note(operation: str, result: dict[str, Any]) -> str:
    if operation == "CreateUserPool":
        return f" (id {result['UserPool']['Id']})"
    if operation == "CreateUserPoolClient":
        # The client id is public (apps embed it); its secret is never shown.
        return f" (client id {result['UserPoolClient']['ClientId']})"
    return ""


def changes_needing_consent(plan: Plan) -> list[Change]:
    return [c for c in plan.changes if c.action.value == "replace"]
