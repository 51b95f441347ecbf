"""Pool and client session configuration (sandbox/sessions.py): each AWS behaviour it restores.

The venv's botocore predates these operations: the client is built on the model the
tool ships (reconciler/aws/service_model.py), as the tool's own clients are.
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from .helpers import Control


@pytest.fixture
def pool(idp: Any) -> str:
    return str(idp.create_user_pool(PoolName="sessions")["UserPool"]["Id"])


@pytest.fixture
def client(idp: Any, pool: str) -> str:
    return str(idp.create_user_pool_client(UserPoolId=pool, ClientName="web")[
        "UserPoolClient"]["ClientId"])


def _code(raised: pytest.ExceptionInfo[ClientError]) -> str:
    return str(raised.value.response["Error"]["Code"])


def _get(idp: Any, operation: str, **params: Any) -> dict[str, Any]:
    answer = dict(getattr(idp, operation)(**params))
    answer.pop("ResponseMetadata", None)
    return answer


def _enable(idp: Any, pool: str, max_per_user: int = 20) -> None:
    idp.set_user_pool_session_configuration(
        UserPoolId=pool, UserSessionTracking="ENABLED",
        TokenSession={"MaxPerUser": max_per_user})


def test_a_pool_that_never_set_it_reads_the_documented_defaults(idp: Any, pool: str) -> None:
    # [M] GetUserPoolSessionConfiguration: DISABLED and MaxPerUser 20 when never set.
    assert _get(idp, "get_user_pool_session_configuration", UserPoolId=pool) == {
        "UserPoolId": pool, "UserSessionTracking": "DISABLED", "TokenSession": {"MaxPerUser": 20}}


def test_a_client_that_never_set_it_reads_the_documented_default(
        idp: Any, pool: str, client: str) -> None:
    # [M] GetUserPoolClientSessionConfiguration: 60 minutes when never set.
    assert _get(idp, "get_user_pool_client_session_configuration", UserPoolId=pool,
                ClientId=client) == {"UserPoolId": pool, "ClientId": client,
                                     "SSOSession": {"MaxValidityMinutes": 60}}


def test_the_pool_set_is_a_full_replacement_and_answers_what_it_applied(
        idp: Any, pool: str) -> None:
    answer = _get(idp, "set_user_pool_session_configuration", UserPoolId=pool,
                  UserSessionTracking="ENABLED", TokenSession={"MaxPerUser": 7})
    assert answer == {"UserPoolId": pool, "UserSessionTracking": "ENABLED",
                      "TokenSession": {"MaxPerUser": 7}}
    idp.set_user_pool_session_configuration(UserPoolId=pool, UserSessionTracking="DISABLED",
                                            TokenSession={"MaxPerUser": 3})
    assert _get(idp, "get_user_pool_session_configuration", UserPoolId=pool) == {
        "UserPoolId": pool, "UserSessionTracking": "DISABLED", "TokenSession": {"MaxPerUser": 3}}


def test_every_member_of_the_set_is_required(post: Control, pool: str) -> None:
    # [M] "every request parameter is required": the model marks them required.
    status, answer = post("SetUserPoolSessionConfiguration",
                          {"UserPoolId": pool, "UserSessionTracking": "ENABLED"})
    assert status == 400 and answer["__type"] == "InvalidParameterException"
    status, answer = post("SetUserPoolClientSessionConfiguration",
                          {"UserPoolId": pool, "ClientId": "x"})
    assert status == 400 and answer["__type"] == "InvalidParameterException"


@pytest.mark.parametrize("max_per_user", [0, 101])
def test_max_per_user_outside_1_to_100_is_refused(post: Control, pool: str,
                                                  max_per_user: int) -> None:
    status, answer = post("SetUserPoolSessionConfiguration", {
        "UserPoolId": pool, "UserSessionTracking": "ENABLED",
        "TokenSession": {"MaxPerUser": max_per_user}})
    assert status == 400 and answer["__type"] == "InvalidParameterException"
    assert "maxPerUser" in answer["message"]


@pytest.mark.parametrize("minutes", [-1, 129601])
def test_max_validity_outside_0_to_129600_is_refused(idp: Any, post: Control, pool: str,
                                                     client: str, minutes: int) -> None:
    _enable(idp, pool)
    status, answer = post("SetUserPoolClientSessionConfiguration", {
        "UserPoolId": pool, "ClientId": client, "SSOSession": {"MaxValidityMinutes": minutes}})
    assert status == 400 and answer["__type"] == "InvalidParameterException"
    # The bounds themselves are accepted.
    for edge in (0, 129600):
        idp.set_user_pool_client_session_configuration(
            UserPoolId=pool, ClientId=client, SSOSession={"MaxValidityMinutes": edge})


def test_the_client_set_needs_session_tracking_on(idp: Any, pool: str, client: str) -> None:
    with pytest.raises(ClientError) as raised:
        idp.set_user_pool_client_session_configuration(
            UserPoolId=pool, ClientId=client, SSOSession={"MaxValidityMinutes": 5})
    assert _code(raised) == "InvalidParameterException"
    _enable(idp, pool)
    answer = _get(idp, "set_user_pool_client_session_configuration", UserPoolId=pool,
                  ClientId=client, SSOSession={"MaxValidityMinutes": 5})
    assert answer == {"UserPoolId": pool, "ClientId": client,
                      "SSOSession": {"MaxValidityMinutes": 5}}


def test_disabling_tracking_keeps_client_configurations(idp: Any, pool: str,
                                                        client: str) -> None:
    _enable(idp, pool)
    idp.set_user_pool_client_session_configuration(
        UserPoolId=pool, ClientId=client, SSOSession={"MaxValidityMinutes": 90})
    idp.set_user_pool_session_configuration(UserPoolId=pool, UserSessionTracking="DISABLED",
                                            TokenSession={"MaxPerUser": 20})
    _enable(idp, pool)
    assert _get(idp, "get_user_pool_client_session_configuration", UserPoolId=pool,
                ClientId=client)["SSOSession"] == {"MaxValidityMinutes": 90}


def test_the_lite_tier_is_refused(idp: Any) -> None:
    lite = idp.create_user_pool(PoolName="lite", UserPoolTier="LITE")["UserPool"]["Id"]
    client = idp.create_user_pool_client(UserPoolId=lite, ClientName="c")[
        "UserPoolClient"]["ClientId"]
    with pytest.raises(ClientError) as raised:
        _enable(idp, lite)
    assert _code(raised) == "FeatureUnavailableInTierException"
    with pytest.raises(ClientError) as raised:
        idp.set_user_pool_client_session_configuration(
            UserPoolId=lite, ClientId=client, SSOSession={"MaxValidityMinutes": 5})
    assert _code(raised) == "FeatureUnavailableInTierException"
    # Reading is not tier-bound: the model lists no tier error for the Get calls.
    assert _get(idp, "get_user_pool_session_configuration",
                UserPoolId=lite)["UserSessionTracking"] == "DISABLED"


def test_a_missing_pool_or_client_is_not_found(idp: Any, pool: str) -> None:
    for call, params in (
            ("get_user_pool_session_configuration", {"UserPoolId": "us-east-1_missing"}),
            ("set_user_pool_session_configuration", {
                "UserPoolId": "us-east-1_missing", "UserSessionTracking": "ENABLED",
                "TokenSession": {"MaxPerUser": 1}}),
            ("get_user_pool_client_session_configuration", {"UserPoolId": pool,
                                                            "ClientId": "nosuchclient"}),
            ("set_user_pool_client_session_configuration", {
                "UserPoolId": pool, "ClientId": "nosuchclient",
                "SSOSession": {"MaxValidityMinutes": 1}})):
        with pytest.raises(ClientError) as raised:
            getattr(idp, call)(**params)
        assert _code(raised) == "ResourceNotFoundException", call


def test_after_deleting_the_client_or_the_pool_its_configuration_is_not_found(idp: Any, pool: str,
                                                                   client: str) -> None:
    _enable(idp, pool, 9)
    idp.set_user_pool_client_session_configuration(
        UserPoolId=pool, ClientId=client, SSOSession={"MaxValidityMinutes": 90})
    idp.delete_user_pool_client(UserPoolId=pool, ClientId=client)
    with pytest.raises(ClientError) as raised:
        idp.get_user_pool_client_session_configuration(UserPoolId=pool, ClientId=client)
    assert _code(raised) == "ResourceNotFoundException"
    idp.delete_user_pool(UserPoolId=pool)
    with pytest.raises(ClientError) as raised:
        idp.get_user_pool_session_configuration(UserPoolId=pool)
    assert _code(raised) == "ResourceNotFoundException"
