"""The cognito-idp model the package ships is the one every part of the tool uses."""

from __future__ import annotations

import gzip
import json
from typing import Any

import botocore.session
import pytest

from reconciler.aws import service_model as shipped
from reconciler.aws.session import AwsSettings, ClientFactory
from reconciler.sandbox import validation


def _shipped_operations() -> set[str]:
    data = json.loads(gzip.decompress(shipped.model_file().read_bytes()))
    assert data["metadata"]["apiVersion"] == shipped.API_VERSION
    return set(data["operations"])


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent/aws-config")
    factory = ClientFactory(AwsSettings(region="us-east-1", endpoint_url="http://127.0.0.1:9"))
    return factory.client()


def test_the_package_ships_a_model_with_the_new_operations() -> None:
    operations = _shipped_operations()
    assert len(operations) >= 153
    assert {"DescribeTermsByClient", "CreateUserPoolReplica",
            "GetUserPoolSessionConfiguration"} <= operations


def test_the_tools_client_loads_the_shipped_model_whatever_botocore_is_installed(
        client: Any) -> None:
    model = client.meta.service_model
    assert set(model.operation_names) == _shipped_operations()
    assert "KeyConfiguration" in model.operation_model("UpdateUserPool").input_shape.members
    # Everything else (endpoints, partitions) is still the installed botocore's.
    assert client.meta.endpoint_url == "http://127.0.0.1:9"


def test_the_client_validates_requests_by_the_shipped_model(client: Any) -> None:
    from botocore.exceptions import ParamValidationError

    # A new member is accepted client-side (an older model would refuse it as unknown);
    # a wrong type for it is refused before anything is sent.
    with pytest.raises(ParamValidationError, match=r"KeyConfiguration\.KeyType"):
        client.update_user_pool(UserPoolId="us-east-1_a", KeyConfiguration={"KeyType": 1})


def test_users_default_botocore_session_is_left_alone() -> None:
    shipped.service_model()
    session = botocore.session.get_session()
    loader = session.get_component("data_loader")
    assert str(shipped.DATA_PATH) not in loader.search_paths


def test_using_the_shipped_model_twice_adds_the_path_once() -> None:
    session = shipped.new_session()
    shipped.use_shipped_model(session)
    paths = session.get_component("data_loader").search_paths
    assert paths.count(str(shipped.DATA_PATH)) == 1
    assert paths[0] == str(shipped.DATA_PATH)


def test_the_sandbox_validates_with_the_shipped_model() -> None:
    ok = {"UserPoolId": "us-east-1_a", "KeyConfiguration": {"KeyType": "AWS_OWNED_KEY"},
          "IssuerConfiguration": {"Type": "UPDATED"}}
    assert validation.problems("UpdateUserPool", ok) == []
    bad = {"UserPoolId": "us-east-1_a", "IssuerConfiguration": {"Type": "NEWEST"}}
    [problem] = validation.problems("UpdateUserPool", bad)
    assert "issuerConfiguration.type" in problem and "ORIGINAL, UPDATED" in problem


def test_model_facts_name_the_release_the_model_comes_from() -> None:
    from reconciler import model_facts

    # Not necessarily the installed botocore: users may have any recent one.
    assert model_facts.botocore_version() == shipped.SHIPPED_BOTOCORE


def test_users_sdk_is_not_pinned_and_the_model_is_packaged() -> None:
    import fnmatch
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    text = (root / "pyproject.toml").read_text()
    for name in ("boto3", "botocore"):
        [requirement] = re.findall(rf'^\s*"({name}\s*[<>=!~][^"]*)",', text, flags=re.M)
        assert requirement.startswith(f"{name}>="), requirement
    [globs] = re.findall(r"^reconciler = \[(.*)\]$", text, flags=re.M)
    patterns = re.findall(r'"([^"]+)"', globs)
    package = root / "reconciler"
    shipped_files = [p.relative_to(package).as_posix()
                     for p in (package / "data" / "models").rglob("*") if p.is_file()]
    assert "data/models/cognito-idp/2016-04-18/service-2.json.gz" in shipped_files
    for name in shipped_files:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name
