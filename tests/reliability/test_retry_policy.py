"""The client's retry policy and error translation, call by call against the sandbox.

Retried: throttling (any call), connection failures before sending (any call), and
5xx / lost answers for calls that may be sent twice. Not retried: a 5xx or lost
answer on a create, which would risk a duplicate pool or client.
"""

from __future__ import annotations

import socket
import time
from typing import Any

import pytest

from reconciler.aws.errors import CognitoError, OutcomeUnknown
from reconciler.aws.facade import Cognito
from reconciler.aws.session import (
    CONNECT_ATTEMPTS,
    MAX_ATTEMPTS,
    AwsSettings,
    ClientFactory,
    repeatable,
)
from reconciler.errors import ReconcilerError

from .helpers import Figures, client_names, fault_state, inject, operations
from .netfaults import DroppingProxy


def api(url: str) -> tuple[Cognito, ClientFactory]:
    factory = ClientFactory(AwsSettings(endpoint_url=url))
    return Cognito(factory.client(), url), factory


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def pool_id(cognito: Any) -> str:
    return str(cognito.create_user_pool(PoolName="retry")["UserPool"]["Id"])


def test_which_operations_may_be_sent_twice() -> None:
    assert all(repeatable(op) for op in ("DescribeUserPool", "ListUserPoolClients",
                                         "UpdateUserPool", "SetUserPoolMfaConfig",
                                         "TagResource", "UntagResource"))
    assert not any(repeatable(op) for op in ("CreateUserPool", "CreateUserPoolClient",
                                             "AddCustomAttributes", "DeleteUserPoolClient",
                                             "CreateGroup", "AdminCreateUser"))


def test_a_5xx_on_an_update_is_retried(sandbox_url: str, pool_id: str,
                                       figures: Figures) -> None:
    cognito, factory = api(sandbox_url)
    inject(sandbox_url, {"fail_write_number": 1, "status": 500})
    cognito.call("UpdateUserPool", UserPoolId=pool_id, UserPoolTags={"a": "1"})
    assert operations(sandbox_url)[-2:] == ["UpdateUserPool", "UpdateUserPool"]
    assert factory.stats.by_reason == {"InternalErrorException": 1}
    figures.record("faults_survived", injected_5xx=1)


def test_a_5xx_on_a_create_is_not_resent(sandbox_url: str, pool_id: str, cognito: Any) -> None:
    tool, factory = api(sandbox_url)
    inject(sandbox_url, {"fail_write_number": 1, "status": 503})
    with pytest.raises(OutcomeUnknown) as raised:
        tool.call("CreateUserPoolClient", UserPoolId=pool_id, ClientName="web")
    assert "may or may not have done it" in raised.value.message
    assert operations(sandbox_url).count("CreateUserPoolClient") == 1
    assert factory.stats.retries == 0
    assert client_names(cognito, pool_id) == []


def test_throttling_is_retried_for_every_call(sandbox_url: str, pool_id: str, cognito: Any,
                                             figures: Figures) -> None:
    tool, factory = api(sandbox_url)
    inject(sandbox_url, {"fail_write_number": 1, "times": 2, "status": 400,
                         "code": "TooManyRequestsException"})
    tool.call("CreateUserPoolClient", UserPoolId=pool_id, ClientName="web")
    assert operations(sandbox_url).count("CreateUserPoolClient") == 3
    assert client_names(cognito, pool_id) == ["web"]  # throttled calls did nothing
    assert factory.stats.throttled == 2
    figures.record("throttling", injected=2, retried=factory.stats.throttled)


def test_persistent_throttling_gives_up_with_one_clear_error(sandbox_url: str,
                                                             pool_id: str) -> None:
    tool, _ = api(sandbox_url)
    inject(sandbox_url, {"fail_operation": {"operation": "DescribeUserPool",
                                            "code": "TooManyRequestsException"}})
    started = time.monotonic()
    with pytest.raises(CognitoError) as raised:
        tool.call("DescribeUserPool", UserPoolId=pool_id)
    elapsed = time.monotonic() - started
    assert raised.value.code == "TooManyRequestsException"
    assert f"(after {MAX_ATTEMPTS} attempts)" in raised.value.message
    assert "wait a minute" in raised.value.hint
    assert fault_state(sandbox_url)[0]["failed"] == MAX_ATTEMPTS
    assert elapsed < 30  # the local backoff cap; AWS's is 20 s a retry


def test_a_lost_answer_to_a_read_is_retried(proxy: DroppingProxy, pool_id: str) -> None:
    tool, factory = api(proxy.url)
    proxy.configure({1: "after", 2: "before"})
    assert tool.describe_user_pool(pool_id)["Id"] == pool_id
    assert proxy.calls == ["DescribeUserPool"] * 3
    assert factory.stats.by_reason == {"ConnectionClosedError": 2}


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_lost_answer_to_a_create_is_reported_not_resent(proxy: DroppingProxy, pool_id: str,
                                                          cognito: Any, when: str) -> None:
    tool, _ = api(proxy.url)
    proxy.configure({1: when})
    with pytest.raises(OutcomeUnknown) as raised:
        tool.call("CreateUserPoolClient", UserPoolId=pool_id, ClientName="web")
    assert "may or may not have done it" in raised.value.message
    assert proxy.calls == ["CreateUserPoolClient"]
    # "after": Cognito did it, once; "before": it never arrived. Never twice.
    assert client_names(cognito, pool_id) == (["web"] if when == "after" else [])


def test_an_unreachable_endpoint_is_tried_a_few_times_then_named(figures: Figures) -> None:
    port = closed_port()
    tool, factory = api(f"http://127.0.0.1:{port}")
    started = time.monotonic()
    with pytest.raises(ReconcilerError) as raised:
        tool.list_user_pools()
    elapsed = time.monotonic() - started
    assert raised.value.message == (
        f"cannot reach the Cognito endpoint http://127.0.0.1:{port}/ "
        "(ListUserPools was not sent)")
    assert factory.stats.by_reason == {"EndpointConnectionError": CONNECT_ATTEMPTS - 1}
    figures.record("unreachable_endpoint", attempts=CONNECT_ATTEMPTS,
                   seconds=round(elapsed, 2))


def test_a_malformed_region_is_one_line(sandbox_url: str) -> None:
    factory = ClientFactory(AwsSettings(endpoint_url=sandbox_url, region="not a region"))
    with pytest.raises(ReconcilerError) as raised:
        factory.client()
    assert raised.value.message == "'not a region' is not a valid AWS region name"


def test_a_malformed_endpoint_is_one_line() -> None:
    with pytest.raises(ReconcilerError) as raised:
        # Refused when the factory is made (issue 12.10's endpoint check) or, at the
        # latest, when the client is.
        ClientFactory(AwsSettings(endpoint_url="not-a-url", region="us-east-1")).client()
    assert "'not-a-url'" in raised.value.message
    assert "\n" not in raised.value.message


def test_half_set_credentials_are_one_line(sandbox_url: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    factory = ClientFactory(AwsSettings(endpoint_url=sandbox_url))
    with pytest.raises(ReconcilerError) as raised:
        factory.client()
    assert raised.value.message.startswith("the AWS credentials could not be loaded")


def test_a_resource_quota_is_not_retried_and_names_the_quota(sandbox_url: str,
                                                             pool_id: str) -> None:
    tool, factory = api(sandbox_url)
    inject(sandbox_url, {"fail_operation": {"operation": "CreateUserPoolClient",
                                            "code": "LimitExceededException"}})
    with pytest.raises(CognitoError) as raised:
        tool.call("CreateUserPoolClient", UserPoolId=pool_id, ClientName="web")
    assert operations(sandbox_url).count("CreateUserPoolClient") == 1  # botocore: throttling
    assert factory.stats.retries == 0
    assert raised.value.code == "LimitExceededException"
    assert "app clients per user pool" in raised.value.hint
    assert "not a rate" in raised.value.hint
