"""cognito-idp clients for the sandbox built on the model the tool ships.

Answers then parse the same whichever botocore is installed (an older one would drop
members it doesn't know, or lack whole operations; a newer one keeps them), as the
tool's own clients do.
"""

from __future__ import annotations

from typing import Any

import boto3
from botocore.config import Config

from reconciler.aws.service_model import new_session

REGION = "us-east-1"


def shipped_client(url: str, retries: int, validate: bool = True) -> Any:
    """A client of ``url`` with standard-mode ``retries`` (botocore's max_attempts counts
    retries: 1 is two attempts at most); ``validate`` False skips botocore's own parameter
    checks, so a request reaches the sandbox as sent."""
    session = boto3.session.Session(
        botocore_session=new_session(), aws_access_key_id="testing",
        aws_secret_access_key="testing", region_name=REGION)
    return session.client(
        "cognito-idp", endpoint_url=url,
        config=Config(retries={"mode": "standard", "max_attempts": retries},
                      parameter_validation=validate))
