"""Fixtures for the sandbox's own tests."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import boto3
import pytest
from botocore.config import Config

from reconciler.aws.service_model import new_session

from .helpers import Control


@pytest.fixture
def raw_cognito(sandbox_url: str) -> Any:
    """A client without botocore's own checks, so requests reach the server as sent."""
    return boto3.session.Session(
        botocore_session=new_session(), aws_access_key_id="testing",
        aws_secret_access_key="testing", region_name="us-east-1"
    ).client(
        "cognito-idp",
        endpoint_url=sandbox_url,
        config=Config(parameter_validation=False, retries={"mode": "standard", "max_attempts": 0}),
    )


@pytest.fixture
def control(sandbox_url: str) -> Control:
    """Call a control endpoint: ``control("GET", "/_sandbox/requests")`` -> (status, json)."""

    def call(method: str, path: str, document: Any = None) -> tuple[int, Any]:
        data = None if document is None else json.dumps(document).encode()
        request = urllib.request.Request(sandbox_url + path, data=data, method=method)
        try:
            with urllib.request.urlopen(request) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            with error:
                return error.code, json.loads(error.read() or b"null")

    return call


@pytest.fixture
def post(sandbox_url: str) -> Control:
    """Send a cognito-idp call as raw JSON: ``post("DescribeUserPool", {...})`` -> (status, json).

    For bodies botocore can't even serialise (unknown members), and for reading
    members botocore's model would drop.
    """

    def call(operation: str, document: Any) -> tuple[int, Any]:
        request = urllib.request.Request(
            sandbox_url, method="POST", data=json.dumps(document).encode(),
            headers={"X-Amz-Target": f"AWSCognitoIdentityProviderService.{operation}",
                     "Content-Type": "application/x-amz-json-1.1"},
        )
        try:
            with urllib.request.urlopen(request) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            with error:
                return error.code, json.loads(error.read())

    return call


@pytest.fixture
def pool_id(cognito: Any) -> str:
    """A pool made with nothing but a name."""
    return str(cognito.create_user_pool(PoolName="plain")["UserPool"]["Id"])
