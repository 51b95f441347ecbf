"""Running a plan's requests in order and reporting exactly what was and wasn't done."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

from reconciler.apply.domain_wait import wait_after_write
from reconciler.concurrency import max_workers, parallel_map
from reconciler.errors import ReconcilerError
from reconciler.plan.model import CREATED_PREFIX, Change, Plan


class CognitoWriter(Protocol):
    def call(self, operation: str, **params: Any) -> dict[str, Any]: ...


@dataclass
class ApplyReport:
    done: list[str] = field(default_factory=list)  # "address: Operation"
    not_done: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # sent, but no answer came back
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


class _Run:
    """Shared state of one apply: results, created ids, and the stop signal."""

    def __init__(self, api_for_region: Callable[[str], CognitoWriter],
                 progress: Callable[[str], None], clock: Callable[[], float],
                 recheck: Recheck | None, total: int) -> None:
        self.api_for_region = api_for_region
        self.clock = clock
        self.recheck = recheck
        self.total = total
        self.report = ApplyReport()
        self.created: dict[str, str] = {}  # address -> id of a pool or client created now
        self.lock = threading.Lock()
        self._progress = progress
        self.count = 0

    def say(self, line: str) -> None:
        with self.lock:
            self._progress(line)

    def fail(self, error: ReconcilerError, labels: list[str]) -> None:
        with self.lock:
            if self.report.failure is None:
                self.report.failure = error
            self.report.not_done.extend(labels)

    def stopped(self) -> bool:
        with self.lock:
            return self.report.failure is not None

    def run_change(self, change: Change) -> None:
        labels = [f"{change.address}: {r.operation}" for r in change.requests]
        if self.stopped():
            with self.lock:
                self.report.not_done.extend(labels)
            return
        api = self.api_for_region(change.region)
        if self.recheck and change.fingerprint and change.requests:
            try:
                now = self.recheck(api, change)
            except ReconcilerError as exc:
                # The re-read itself failed (credentials, permissions, network): say so.
                self.fail(exc, labels)
                return
            if now != change.fingerprint:
                self.fail(ReconcilerError(
                    f"{change.address} changed in Cognito after it was read (someone else "
                    "is changing it?); it was not overwritten",
                    "run plan again to see the new state"), labels)
                return
        for index, (label, request) in enumerate(zip(labels, change.requests, strict=True)):
            self.say(f"{label} ...")
            started = self.clock()
            try:
                with self.lock:
                    params = _substitute(request.params, self.created)
                result = api.call(request.operation, **params)
            except ReconcilerError as exc:
                self.say(f"{label} failed after {self.clock() - started:.1f}s")
                if getattr(exc, "outcome_unknown", False):
                    # No answer: Cognito may have done it. Neither done nor not done.
                    with self.lock:
                        self.report.unknown.append(label)
                    self.fail(exc, labels[index + 1:])
                else:
                    self.fail(exc, labels[index:])
                return
            with self.lock:
                if request.operation == "CreateUserPool":
                    self.created[change.address] = str(result["UserPool"]["Id"])
                elif request.operation == "CreateUserPoolClient":
                    self.created[change.address] = str(result["UserPoolClient"]["ClientId"])
                self.report.done.append(label)
                self.count += 1
                count = self.count
            note = _created_note(request.operation, result)
            self.say(f"{label} done in {self.clock() - started:.1f}s{note} [{count}/{self.total}]")
            # Domains settle asynchronously; what follows may need this one ACTIVE or gone.
            unsettled = wait_after_write(api, change.address, request.operation, params,
                                         self.say)
            if unsettled is not None:
                self.fail(unsettled, labels[index + 1:])
                return


def execute(plan: Plan, api_for_region: Callable[[str], CognitoWriter],
            progress: Callable[[str], None], clock: Callable[[], float] = time.monotonic,
            recheck: Recheck | None = None, workers: int | None = None) -> ApplyReport:
    """Run the plan's requests; stop starting new ones at the first failure.

    Pools are independent of each other and run side by side. Within a pool, changes
    run phase by phase (the pool before its parts, providers before the clients that
    name them, deletes in reverse); the changes of one phase are independent and run
    concurrently, each change's own requests in order. ``recheck(api, change)``
    re-reads a live resource's fingerprint just before the change's first write, so
    a resource changed since the plan was made is not overwritten from old state.
    """
    total = sum(len(c.requests) for c in plan.changes)
    run = _Run(api_for_region, progress, clock, recheck, total)
    pools: dict[str, dict[int, list[Change]]] = {}
    for change in plan.changes:
        pools.setdefault(change.pool_address, {}).setdefault(change.phase, []).append(change)
    size = workers or max_workers()

    def run_pool(phases: dict[int, list[Change]]) -> None:
        for phase in sorted(phases):
            batch = phases[phase]
            if size == 1 or len(batch) == 1:
                for change in batch:
                    run.run_change(change)
            else:
                with ThreadPoolExecutor(max_workers=min(size, len(batch))) as pool:
                    list(pool.map(run.run_change, batch))

    parallel_map(run_pool, list(pools.values()), size)
    return run.report


def _created_note(operation: str, result: dict[str, Any]) -> str:
    if operation == "CreateUserPool":
        return f" (id {result['UserPool']['Id']})"
    if operation == "CreateUserPoolClient":
        # The client id is public (apps embed it); its secret is never shown.
        return f" (client id {result['UserPoolClient']['ClientId']})"
    return ""


def changes_needing_consent(plan: Plan) -> list[Change]:
    return [c for c in plan.changes if c.action.value == "replace"]
