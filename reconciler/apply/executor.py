"""Running a plan's requests in order and reporting exactly what was and wasn't done."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

from reconciler import interruption
from reconciler.apply import replica_wait, slow_retry
from reconciler.apply.domain_wait import wait_after_write
from reconciler.concurrency import max_workers, parallel_map
from reconciler.errors import ReconcilerError
from reconciler.model import secret_held
from reconciler.plan.model import CREATED_PREFIX, Change, Plan, Request


class CognitoWriter(Protocol):
    def call(self, operation: str, **params: Any) -> dict[str, Any]: ...


@dataclass
class ApplyReport:
    done: list[str] = field(default_factory=list)  # "address: Operation"
    not_done: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # sent, but no answer came back
    failure: ReconcilerError | None = None
    interrupted: int | None = None  # the signal that stopped the run

    @property
    def ok(self) -> bool:
        return self.failure is None and self.interrupted is None


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


def _refers_to_created(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(CREATED_PREFIX)


Recheck = Callable[[Any, Change], "str | None"]
# Writes whose answer is the whole client (UserPoolClientType), as a describe gives it.
CLIENT_WRITES_RETURNING_CLIENT = ("CreateUserPoolClient", "UpdateUserPoolClient")
# (api, operation, params) -> a sentence naming what already exists, or None
CreateCheck = Callable[[Any, str, dict[str, Any]], "str | None"]
Key = tuple[int, int]  # (change index, request index) in plan order

_DONE, _UNKNOWN, _IN_FLIGHT = "done", "unknown", "in flight"


class _NotSent(Exception):
    """The request was not sent (or its last attempt was refused): it is not done."""

    def __init__(self, error: ReconcilerError | None) -> None:
        super().__init__()
        self.error = error  # None: stopped by an interruption


class Execution:
    """One apply's run: results, created ids, and the stop conditions.

    ``run`` blocks until every started change has finished; ``snapshot`` may be
    called from another thread at any time (an interrupted apply that stops waiting
    reports the calls still in flight as unknown).
    """

    def __init__(self, plan: Plan, api_for_region: Callable[[str], CognitoWriter],
                 progress: Callable[[str], None], clock: Callable[[], float] = time.monotonic,
                 recheck: Recheck | None = None, workers: int | None = None,
                 create_check: CreateCheck | None = None,
                 interrupted: Callable[[], int | None] = interruption.received,
                 sleep: Callable[[float], bool] = interruption.sleep) -> None:
        self.plan = plan
        self.api_for_region = api_for_region
        self.clock = clock
        self.recheck = recheck
        self.create_check = create_check
        self.workers = workers or max_workers()
        self._interrupted = interrupted
        self._sleep = sleep
        self.total = sum(len(c.requests) for c in plan.changes)
        self.labels: dict[Key, str] = {
            (ci, ri): f"{change.address}: {request.operation}"
            for ci, change in enumerate(plan.changes) for ri, request in enumerate(change.requests)}
        self.status: dict[Key, str] = {}
        self.failure: ReconcilerError | None = None
        self.created: dict[str, str] = {}  # address -> id of a pool or client created now
        self.lock = threading.Lock()
        self._progress = progress
        self._pool_locks: dict[str, threading.Lock] = {}
        self.count = 0
        # (pool id, client id) -> the client as its one write returned it, secret
        # removed: the verification needs no describe of it (issue 15).
        self.written_clients: dict[tuple[str, str], dict[str, Any]] = {}

    # -- state ---------------------------------------------------------------------
    def say(self, line: str) -> None:
        with self.lock:
            self._progress(line)

    def fail(self, error: ReconcilerError) -> None:
        with self.lock:
            if self.failure is None:
                self.failure = error

    def stopped(self) -> bool:
        with self.lock:
            failed = self.failure is not None
        return failed or self._interrupted() is not None

    def _mark(self, key: Key, status: str | None) -> None:
        with self.lock:
            if status is None:
                self.status.pop(key, None)
            else:
                self.status[key] = status

    def in_flight(self) -> list[str]:
        with self.lock:
            return [self.labels[k] for k in sorted(self.status) if self.status[k] == _IN_FLIGHT]

    def snapshot(self) -> ApplyReport:
        """The report as of now: calls in flight count as unknown (no answer yet)."""
        with self.lock:
            report = ApplyReport(failure=self.failure, interrupted=self._interrupted())
            for key in sorted(self.labels):
                status = self.status.get(key)
                if status == _DONE:
                    report.done.append(self.labels[key])
                elif status in (_UNKNOWN, _IN_FLIGHT):
                    report.unknown.append(self.labels[key])
                else:
                    report.not_done.append(self.labels[key])
            return report

    def _pool_lock(self, change: Change) -> threading.Lock:
        with self.lock:
            return self._pool_locks.setdefault(f"{change.region}/{change.pool_address}",
                                               threading.Lock())

    # -- running -------------------------------------------------------------------
    def run(self) -> ApplyReport:
        """Pools are independent of each other and run side by side. Within a pool,
        changes run phase by phase (the pool before its parts, providers before the
        clients that name them, deletes in reverse); the changes of one phase run
        concurrently, each change's own requests in order, except that the writes AWS
        serialises per pool (``slow_retry.SERIALISED``) run one at a time per pool."""
        pools: dict[str, dict[int, list[int]]] = {}
        for index, change in enumerate(self.plan.changes):
            pools.setdefault(change.pool_address, {}).setdefault(change.phase, []).append(index)
        size = self.workers

        def run_pool(phases: dict[int, list[int]]) -> None:
            for phase in sorted(phases):
                batch = phases[phase]
                if size == 1 or len(batch) == 1:
                    for index in batch:
                        self.run_change(index)
                else:
                    with ThreadPoolExecutor(max_workers=min(size, len(batch))) as pool:
                        list(pool.map(self.run_change, batch))

        parallel_map(run_pool, list(pools.values()), size)
        return self.snapshot()

    def _rechecked(self, api: CognitoWriter, change: Change) -> bool:
        """Re-read the resource; False (and the run fails) when it changed since the plan."""
        if not (self.recheck and change.fingerprint and change.requests):
            return True
        try:
            now = self.recheck(api, change)
        except ReconcilerError as exc:
            # The re-read itself failed (credentials, permissions, network): say so.
            self.fail(exc)
            return False
        if now != change.fingerprint:
            self.fail(ReconcilerError(
                f"{change.address} changed in Cognito after it was read (someone else "
                "is changing it?); it was not overwritten",
                "run plan again to see the new state"))
            return False
        return True

    def run_change(self, index: int) -> None:
        change = self.plan.changes[index]
        if self.stopped():
            return
        api = self.api_for_region(change.region)
        if not self._rechecked(api, change):
            return
        for number, request in enumerate(change.requests):
            key = (index, number)
            label = self.labels[key]
            if self._interrupted() is not None:
                # A failure elsewhere lets a started change finish its requests; a
                # signal stops everything that has not been sent.
                return
            try:
                with self.lock:
                    params = _substitute(request.params, self.created)
                if not self._create_is_clear(api, change, request, params):
                    return
                started = self.clock()
                result = self._send(api, change, request, params, key, label)
            except _NotSent as stop:
                self._mark(key, None)
                if stop.error is not None:
                    self.fail(stop.error)
                return
            except ReconcilerError as exc:
                if getattr(exc, "outcome_unknown", False):
                    # No answer: Cognito may have done it. Neither done nor not done.
                    self._mark(key, _UNKNOWN)
                else:
                    self._mark(key, None)
                self.fail(exc)
                return
            with self.lock:
                if request.operation == "CreateUserPool":
                    self.created[change.address] = str(result["UserPool"]["Id"])
                elif request.operation == "CreateUserPoolClient":
                    self.created[change.address] = str(result["UserPoolClient"]["ClientId"])
                self._keep_written_client(change, request, result)
                self.status[key] = _DONE
                self.count += 1
                count = self.count
            note = _created_note(request.operation, result)
            self.say(f"{label} done in {self.clock() - started:.1f}s{note} [{count}/{self.total}]")
            # Domains settle asynchronously; what follows may need this one ACTIVE or gone.
            unsettled = wait_after_write(api, change.address, request.operation, params,
                                         self.say) or replica_wait.wait_after_write(
                api, change.address, request.operation, params, self.say)
            if unsettled is not None:
                self.fail(unsettled)
                return

    def _keep_written_client(self, change: Change, request: Request,
                             result: dict[str, Any]) -> None:
        """Keep the client a change's only request returned (with the lock held)."""
        client = result.get("UserPoolClient")
        if (len(change.requests) != 1 or not isinstance(client, dict)
                or request.operation not in CLIENT_WRITES_RETURNING_CLIENT):
            return
        document = dict(client)
        # As the facade's describe_client does: the secret never leaves the edge.
        document["HasSecret"] = secret_held(document)
        self.written_clients[(str(document.get("UserPoolId")),
                              str(document.get("ClientId")))] = document

    def _create_is_clear(self, api: CognitoWriter, change: Change, request: Request,
                         params: dict[str, Any]) -> bool:
        """A create re-checks by name just before it is sent: another apply may have
        made the same pool or client since the plan read the region."""
        if self.create_check is None or request.operation not in ("CreateUserPool",
                                                                  "CreateUserPoolClient"):
            return True
        if _refers_to_created(request.params.get("UserPoolId")):
            return True  # a client of a pool this run created: nobody else knows its id
        try:
            found = self.create_check(api, request.operation, params)
        except ReconcilerError as exc:
            self.fail(exc)
            return False
        if found is None:
            return True
        self.fail(ReconcilerError(
            f"{change.address} was to be created, but {found} now (another apply or "
            "someone else created it after the plan was made); it was not created again",
            "run plan again to see the new state"))
        return False

    def _send(self, api: CognitoWriter, change: Change, request: Request,
              params: dict[str, Any], key: Key, label: str) -> dict[str, Any]:
        """Send one request, retrying the refusals ``slow_retry`` names for a bounded time."""
        serialised = request.operation in slow_retry.SERIALISED
        pool_lock = self._pool_lock(change) if serialised else None
        deadline = self.clock() + slow_retry.window()
        attempt = 0
        while True:
            if pool_lock is not None:
                pool_lock.acquire()
            try:
                if self._interrupted() is not None or (attempt and self.stopped()):
                    raise _NotSent(None)
                self._mark(key, _IN_FLIGHT)
                self.say(f"{label} ...")
                started = self.clock()
                try:
                    return api.call(request.operation, **params)
                except ReconcilerError as exc:
                    code = str(getattr(exc, "code", ""))
                    reason = slow_retry.reason_to_retry(request.operation, code, exc.message)
                    if reason is None or getattr(exc, "not_sent", False):
                        self.say(f"{label} failed after {self.clock() - started:.1f}s")
                        if getattr(exc, "not_sent", False):
                            raise _NotSent(None if getattr(exc, "interrupted", False)
                                           else exc) from exc
                        raise
                    self._mark(key, None)
                    left = deadline - self.clock()
                    if left <= 0:
                        raise _NotSent(ReconcilerError(
                            f"{exc.message} (still refused after retrying for "
                            f"{slow_retry.window():g}s: {reason})",
                            _give_up_hint(code))) from exc
            finally:
                if pool_lock is not None:
                    pool_lock.release()
            wait = min(slow_retry.delay(attempt), left)
            self.say(f"{label}: {code} ({reason}); retrying in {wait:.1f}s")
            if self._sleep(wait):
                raise _NotSent(None)
            attempt += 1
            if code == slow_retry.CONCURRENT and key[1] == 0 and not self._rechecked(api, change):
                # Someone else wrote the resource: never resend a body computed from old state.
                raise _NotSent(None)


def _give_up_hint(code: str) -> str:
    if code == slow_retry.CONCURRENT:
        return ("another process (another apply, the console, a script) kept writing this "
                "pool: let it finish, then run apply again")
    return ("check the SMS role's trust policy (cognito-idp.amazonaws.com and the external "
            "id) and its sns:Publish permission, then run apply again")


def execute(plan: Plan, api_for_region: Callable[[str], CognitoWriter],
            progress: Callable[[str], None], clock: Callable[[], float] = time.monotonic,
            recheck: Recheck | None = None, workers: int | None = None,
            create_check: CreateCheck | None = None) -> ApplyReport:
    """Run the plan's requests; stop starting new ones at the first failure.

    ``recheck(api, change)`` re-reads a live resource's fingerprint just before the
    change's first write, so a resource changed since the plan was made is not
    overwritten from old state; ``create_check`` looks for a pool or client of the
    same name just before creating it.
    """
    return Execution(plan, api_for_region, progress, clock, recheck, workers,
                     create_check).run()


def _created_note(operation: str, result: dict[str, Any]) -> str:
    if operation == "CreateUserPool":
        return f" (id {result['UserPool']['Id']})"
    if operation == "CreateUserPoolClient":
        # The client id is public (apps embed it); its secret is never shown.
        return f" (client id {result['UserPoolClient']['ClientId']})"
    return ""


def changes_needing_consent(plan: Plan) -> list[Change]:
    return [c for c in plan.changes if c.action.value == "replace"]
