"""The facade's last check before a write leaves: once interrupted, nothing is sent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from reconciler import interruption
from reconciler.aws.errors import NotSent, OutcomeUnknown
from reconciler.aws.facade import Cognito
from reconciler.aws.session import AwsSettings, ClientFactory

from .helpers import inject, operations


@pytest.fixture
def tool(sandbox_url: str) -> Iterator[Cognito]:
    client: Any = ClientFactory(AwsSettings(endpoint_url=sandbox_url)).client()
    yield Cognito(client, sandbox_url)
    interruption.clear()


@pytest.fixture
def pool_id(cognito: Any) -> str:
    return str(cognito.create_user_pool(PoolName="gate")["UserPool"]["Id"])


def test_an_interrupted_run_sends_no_write_but_still_reads(sandbox_url: str, tool: Cognito,
                                                           pool_id: str) -> None:
    before = len(operations(sandbox_url))
    interruption.request(2)
    with pytest.raises(NotSent) as raised:
        tool.call("UpdateUserPool", UserPoolId=pool_id)
    assert raised.value.interrupted
    assert tool.describe_user_pool(pool_id)["Id"] == pool_id
    assert operations(sandbox_url)[before:] == ["DescribeUserPool"]


def test_a_signal_during_botocores_backoff_stops_the_resend(sandbox_url: str, tool: Cognito,
                                                            pool_id: str) -> None:
    inject(sandbox_url, {"fail_operation": {"operation": "UpdateUserPool",
                                            "code": "TooManyRequestsException", "times": 1}})
    events = tool._client.meta.events  # the signal lands while botocore waits to retry
    events.register_first("needs-retry.cognito-identity-provider.UpdateUserPool",
                          lambda **_: interruption.request(15))
    before = len(operations(sandbox_url))
    with pytest.raises(OutcomeUnknown) as raised:
        tool.call("UpdateUserPool", UserPoolId=pool_id)
    assert "interrupted between retries" in raised.value.message
    assert operations(sandbox_url)[before:] == ["UpdateUserPool"]  # sent once, not resent
