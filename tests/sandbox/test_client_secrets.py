"""Client secrets and client type (sandbox/client_secrets.py): each AWS behaviour it restores.

The venv's botocore predates these operations and members: the client is built on the
model the tool ships (reconciler/aws/service_model.py), as the tool's own clients are.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from botocore.exceptions import ClientError

from .helpers import Control

REGION = "us-east-1"
CUSTOM = "custom_secret_0123456789abcdefghijklmn"
OTHER = "another_secret_0123456789abcdefghijklm"
# doc: ClientSecretArnType's pattern.
ARN = re.compile(r"^arn\:(aws|aws-us-gov|aws-eusc)\:secretsmanager\:([\d\w\-]+):(\d{12})"
                 r"\:secret\/[\w+=\/,.@\-]+$")


@pytest.fixture
def pool(idp: Any) -> str:
    return str(idp.create_user_pool(PoolName="secrets")["UserPool"]["Id"])


def _client(idp: Any, pool: str, **params: Any) -> dict[str, Any]:
    made: dict[str, Any] = idp.create_user_pool_client(UserPoolId=pool, ClientName="app",
                                                       **params)["UserPoolClient"]
    return made


def _describe(idp: Any, pool: str, client_id: str) -> dict[str, Any]:
    found: dict[str, Any] = idp.describe_user_pool_client(
        UserPoolId=pool, ClientId=client_id)["UserPoolClient"]
    return found


def _code(error: pytest.ExceptionInfo[ClientError]) -> str:
    return str(error.value.response["Error"]["Code"])


def test_a_published_secret_shows_as_its_arn(idp: Any, pool: str) -> None:
    made = _client(idp, pool, GenerateSecret=True, PublishSecretsInAWSSecretsManager=True)
    described = _describe(idp, pool, made["ClientId"])
    assert "ClientSecret" not in made and "ClientSecret" not in described
    assert ARN.match(described["ClientSecretArn"])
    assert described["ClientSecretArn"] == made["ClientSecretArn"]
    assert f":{REGION}:" in described["ClientSecretArn"]
    assert "PublishSecretsInAWSSecretsManager" not in described


def test_publishing_applies_only_to_a_generated_secret(idp: Any, pool: str) -> None:
    public = _client(idp, pool, PublishSecretsInAWSSecretsManager=True)
    assert "ClientSecretArn" not in _describe(idp, pool, public["ClientId"])


def test_an_update_without_the_flag_keeps_it_and_false_unpublishes(idp: Any,
                                                                    pool: str) -> None:
    made = _client(idp, pool, GenerateSecret=True, PublishSecretsInAWSSecretsManager=True)
    client_id = made["ClientId"]
    idp.update_user_pool_client(UserPoolId=pool, ClientId=client_id, ClientName="app")
    assert _describe(idp, pool, client_id)["ClientSecretArn"] == made["ClientSecretArn"]
    idp.update_user_pool_client(UserPoolId=pool, ClientId=client_id, ClientName="app",
                                PublishSecretsInAWSSecretsManager=False)
    back = _describe(idp, pool, client_id)
    assert "ClientSecretArn" not in back and back["ClientSecret"]
    idp.update_user_pool_client(UserPoolId=pool, ClientId=client_id, ClientName="app",
                                PublishSecretsInAWSSecretsManager=True)
    again = _describe(idp, pool, client_id)
    assert ARN.match(again["ClientSecretArn"]) and "ClientSecret" not in again


def test_the_flag_is_no_stored_setting(idp: Any, pool: str, post: Control) -> None:
    # Read raw: botocore would drop a member UserPoolClientType doesn't have.
    made = _client(idp, pool, GenerateSecret=True, PublishSecretsInAWSSecretsManager=True)
    idp.update_user_pool_client(UserPoolId=pool, ClientId=made["ClientId"], ClientName="app",
                                PublishSecretsInAWSSecretsManager=False)
    status, answer = post("DescribeUserPoolClient",
                          {"UserPoolId": pool, "ClientId": made["ClientId"]})
    assert status == 200
    assert "PublishSecretsInAWSSecretsManager" not in answer["UserPoolClient"]
    assert answer["UserPoolClient"]["ClientSecret"]


def test_a_client_made_by_create_is_regular(idp: Any, pool: str) -> None:
    made = _client(idp, pool)
    assert made["ClientType"] == "REGULAR"
    assert _describe(idp, pool, made["ClientId"])["ClientType"] == "REGULAR"


def test_secrets_are_listed_without_their_values(idp: Any, pool: str) -> None:
    made = _client(idp, pool, ClientSecret=CUSTOM)
    listed = idp.list_user_pool_client_secrets(UserPoolId=pool, ClientId=made["ClientId"])
    [only] = listed["ClientSecrets"]
    assert only["ClientSecretId"].startswith(f"{made['ClientId']}--")
    assert "ClientSecretValue" not in only and "NextToken" not in listed
    assert CUSTOM not in str(listed)


def test_a_custom_secret_is_added_without_echoing_it(idp: Any, pool: str) -> None:
    made = _client(idp, pool, ClientSecret=CUSTOM)
    added = idp.add_user_pool_client_secret(UserPoolId=pool, ClientId=made["ClientId"],
                                            ClientSecret=OTHER)["ClientSecretDescriptor"]
    assert "ClientSecretValue" not in added
    assert added["ClientSecretId"].startswith(f"{made['ClientId']}--")
    generated = idp.add_user_pool_client_secret
    with pytest.raises(ClientError) as third:
        generated(UserPoolId=pool, ClientId=made["ClientId"])
    assert _code(third) == "LimitExceededException"


def test_a_generated_secret_is_returned_once(idp: Any, pool: str) -> None:
    made = _client(idp, pool, GenerateSecret=True)
    added = idp.add_user_pool_client_secret(UserPoolId=pool, ClientId=made["ClientId"])
    assert len(added["ClientSecretDescriptor"]["ClientSecretValue"]) >= 24


def test_a_custom_secret_must_have_the_documented_form(idp: Any, pool: str) -> None:
    made = _client(idp, pool, ClientSecret=CUSTOM)
    idp.add_user_pool_client_secret(UserPoolId=pool, ClientId=made["ClientId"],
                                    ClientSecret="plus+and_underscore_are_allowed_1")
    listed = idp.list_user_pool_client_secrets(UserPoolId=pool, ClientId=made["ClientId"])
    [first, _] = listed["ClientSecrets"]
    idp.delete_user_pool_client_secret(UserPoolId=pool, ClientId=made["ClientId"],
                                       ClientSecretId=first["ClientSecretId"])
    with pytest.raises(ClientError) as short:
        idp.add_user_pool_client_secret(UserPoolId=pool, ClientId=made["ClientId"],
                                        ClientSecret="has-dashes-so-not-a-valid-secret")
    assert _code(short) == "InvalidParameterException"


def test_the_last_secret_cant_be_deleted_and_describe_promotes_none(idp: Any,
                                                                     pool: str) -> None:
    made = _client(idp, pool, ClientSecret=CUSTOM)
    client_id = made["ClientId"]
    [first] = idp.list_user_pool_client_secrets(UserPoolId=pool,
                                                ClientId=client_id)["ClientSecrets"]
    with pytest.raises(ClientError) as last:
        idp.delete_user_pool_client_secret(UserPoolId=pool, ClientId=client_id,
                                           ClientSecretId=first["ClientSecretId"])
    assert _code(last) == "InvalidParameterException"
    idp.add_user_pool_client_secret(UserPoolId=pool, ClientId=client_id, ClientSecret=OTHER)
    # The added secret isn't promoted: Describe still shows the first one.
    assert _describe(idp, pool, client_id)["ClientSecret"] == CUSTOM
    idp.delete_user_pool_client_secret(UserPoolId=pool, ClientId=client_id,
                                       ClientSecretId=first["ClientSecretId"])
    assert "ClientSecret" not in _describe(idp, pool, client_id)
    [left] = idp.list_user_pool_client_secrets(UserPoolId=pool,
                                               ClientId=client_id)["ClientSecrets"]
    assert left["ClientSecretId"] != first["ClientSecretId"]


def test_an_unknown_secret_id_is_not_found(idp: Any, pool: str) -> None:
    made = _client(idp, pool, GenerateSecret=True)
    idp.add_user_pool_client_secret(UserPoolId=pool, ClientId=made["ClientId"])
    with pytest.raises(ClientError) as missing:
        idp.delete_user_pool_client_secret(UserPoolId=pool, ClientId=made["ClientId"],
                                           ClientSecretId=f"{made['ClientId']}--1")
    assert _code(missing) == "ResourceNotFoundException"


def test_a_public_client_has_no_secrets_to_manage(idp: Any, pool: str) -> None:
    made = _client(idp, pool)
    with pytest.raises(ClientError) as public:
        idp.add_user_pool_client_secret(UserPoolId=pool, ClientId=made["ClientId"])
    assert _code(public) == "InvalidParameterException"


def test_publishing_with_two_secrets_deletes_the_older(idp: Any, pool: str) -> None:
    made = _client(idp, pool, GenerateSecret=True)
    client_id = made["ClientId"]
    idp.add_user_pool_client_secret(UserPoolId=pool, ClientId=client_id)
    before = idp.list_user_pool_client_secrets(UserPoolId=pool,
                                               ClientId=client_id)["ClientSecrets"]
    idp.update_user_pool_client(UserPoolId=pool, ClientId=client_id, ClientName="app",
                                PublishSecretsInAWSSecretsManager=True)
    after = idp.list_user_pool_client_secrets(UserPoolId=pool,
                                              ClientId=client_id)["ClientSecrets"]
    assert [s["ClientSecretId"] for s in after] == [before[1]["ClientSecretId"]]


def test_a_deleted_client_takes_its_secrets_along(idp: Any, pool: str) -> None:
    made = _client(idp, pool, ClientSecret=CUSTOM)
    idp.delete_user_pool_client(UserPoolId=pool, ClientId=made["ClientId"])
    with pytest.raises(ClientError) as gone:
        idp.list_user_pool_client_secrets(UserPoolId=pool, ClientId=made["ClientId"])
    assert _code(gone) == "ResourceNotFoundException"
