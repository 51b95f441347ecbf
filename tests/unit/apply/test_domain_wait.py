"""Apply waits for a domain to settle after writing it (issue 10.5), with a fake clock."""

from __future__ import annotations

from typing import Any

from reconciler.apply.domain_wait import CUSTOM_LIMIT, PREFIX_LIMIT, wait_after_write
from reconciler.apply.executor import execute
from reconciler.errors import ReconcilerError
from reconciler.plan.model import Action, Change, Plan, Request


class FakeDomains:
    """DescribeUserPoolDomain answering a scripted series of statuses, then the last."""

    def __init__(self, *statuses: str | None) -> None:
        self.statuses = list(statuses)
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def call(self, operation: str, **params: Any) -> dict[str, Any]:
        self.calls.append((operation, params))
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        if status is None:
            return {"DomainDescription": {}}
        return {"DomainDescription": {"Domain": params["Domain"], "Status": status}}


class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.pauses: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds


def wait(api: FakeDomains, operation: str, params: dict[str, Any],
         clock: Clock) -> tuple[ReconcilerError | None, list[str]]:
    lines: list[str] = []
    error = wait_after_write(api, "user_pool.p.domain.d", operation, params, lines.append,
                             clock=clock, sleep=clock.sleep)
    return error, lines


def test_a_created_domain_is_polled_until_active_with_progress() -> None:
    api, clock = FakeDomains("CREATING", "CREATING", "ACTIVE"), Clock()
    error, lines = wait(api, "CreateUserPoolDomain", {"UserPoolId": "p", "Domain": "d"}, clock)
    assert error is None
    assert [op for op, _ in api.calls] == ["DescribeUserPoolDomain"] * 3
    assert "waiting for domain d to be ACTIVE: CREATING" in lines[0]
    assert lines[-1].startswith("user_pool.p.domain.d: domain d is ACTIVE after")
    assert clock.pauses == [0.25, 0.5]  # backs off


def test_a_deleted_domain_is_polled_until_gone() -> None:
    api, clock = FakeDomains("DELETING", None), Clock()
    error, lines = wait(api, "DeleteUserPoolDomain", {"UserPoolId": "p", "Domain": "d"}, clock)
    assert error is None
    assert "to be gone: DELETING" in lines[0] and "is gone" in lines[-1]


def test_an_already_settled_domain_costs_one_read_and_no_output() -> None:
    api, clock = FakeDomains("ACTIVE"), Clock()
    error, lines = wait(api, "UpdateUserPoolDomain", {"UserPoolId": "p", "Domain": "d"}, clock)
    assert error is None and lines == [] and clock.pauses == [] and len(api.calls) == 1


def test_other_writes_do_not_wait() -> None:
    api, clock = FakeDomains("CREATING"), Clock()
    assert wait(api, "UpdateUserPool", {"UserPoolId": "p"}, clock) == (None, [])
    assert api.calls == []


def test_the_wait_is_bounded_and_says_what_was_not_done() -> None:
    api, clock = FakeDomains("CREATING"), Clock()
    error, lines = wait(api, "CreateUserPoolDomain", {"UserPoolId": "p", "Domain": "d"}, clock)
    assert error is not None and "still CREATING" in error.message
    assert "was not applied" in error.message
    assert PREFIX_LIMIT <= clock.now < PREFIX_LIMIT + 6
    # A line at most every 30 s, not one per poll.
    assert 2 <= len(lines) <= PREFIX_LIMIT / 30 + 1


def test_a_custom_domain_gets_an_hour() -> None:
    api, clock = FakeDomains("CREATING"), Clock()
    error, lines = wait(api, "CreateUserPoolDomain",
                        {"UserPoolId": "p", "Domain": "auth.example.com",
                         "CustomDomainConfig": {"CertificateArn": "arn"}}, clock)
    assert error is not None and CUSTOM_LIMIT <= clock.now < CUSTOM_LIMIT + 6
    assert "up to an hour" in lines[0]


def test_a_failed_domain_stops_apply() -> None:
    api, clock = FakeDomains("CREATING", "FAILED"), Clock()
    error, _ = wait(api, "CreateUserPoolDomain", {"UserPoolId": "p", "Domain": "d"}, clock)
    assert error is not None and "is FAILED" in error.message


def test_a_signal_ends_the_wait_and_apply_stops_on_its_own() -> None:
    api, clock = FakeDomains("CREATING"), Clock()
    lines: list[str] = []
    error = wait_after_write(api, "user_pool.p.domain.d", "CreateUserPoolDomain",
                             {"UserPoolId": "p", "Domain": "d"}, lines.append,
                             clock=clock, sleep=lambda seconds: True)
    assert error is None and len(api.calls) == 1
    assert lines[-1] == "user_pool.p.domain.d: stopped waiting for domain d (CREATING): interrupted"


class FailingDomainApi:
    """Cognito where a new domain ends FAILED (e.g. a custom domain's certificate)."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    def call(self, operation: str, **params: Any) -> dict[str, Any]:
        self.sent.append(operation)
        if operation == "DescribeUserPoolDomain":
            return {"DomainDescription": {"Domain": params["Domain"], "Status": "FAILED"}}
        return {}


def test_apply_stops_before_what_depends_on_a_domain_that_failed() -> None:
    def change(kind: str, phase: int, operation: str, params: dict[str, Any]) -> Change:
        return Change(address=f"user_pool.p.{kind}", kind=kind, name=kind,
                      action=Action.CREATE, region="us-east-1", pool_address="user_pool.p",
                      phase=phase, requests=[Request(operation, params)])

    api = FailingDomainApi()
    report = execute(Plan([
        change("domain", 5, "CreateUserPoolDomain", {"UserPoolId": "p", "Domain": "d"}),
        change("ui_customization", 40, "SetUICustomization", {"UserPoolId": "p", "CSS": "x"}),
    ]), lambda _: api, lambda _: None, workers=1)
    assert api.sent == ["CreateUserPoolDomain", "DescribeUserPoolDomain"]
    assert report.failure is not None and "domain d is FAILED" in report.failure.message
    assert report.done == ["user_pool.p.domain: CreateUserPoolDomain"]
    assert report.not_done == ["user_pool.p.ui_customization: SetUICustomization"]
