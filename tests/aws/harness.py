"""What the conformance suite needs besides pytest: the CLI, clients, cleanup, recording."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import json
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import botocore

from reconciler.aws.service_model import SHIPPED_BOTOCORE
from reconciler.aws.session import AwsSettings, ClientFactory, resolve_endpoint
from tests.e2e.cli import Result, run_main

from .snapshots import REGION_PLACEHOLDER, RUN_PLACEHOLDER, SNAPSHOTS, answer_of, replay

REPO = Path(__file__).resolve().parents[2]
ENABLE = "COGNITO_RECONCILER_AWS_TESTS"
RECORD = "COGNITO_RECONCILER_AWS_RECORD"
CAPTURE_ID = "cognito-reconciler-conformance-capture"


def _load_sweeper() -> ModuleType:
    spec = importlib.util.spec_from_file_location("aws_sweep", REPO / "tools" / "aws_sweep.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sweeper = _load_sweeper()


def cli(*args: str) -> Result:
    """The installed command's entry point, in process, with the environment's endpoint,
    region and credentials (the suite never passes --endpoint-url: it runs as users do)."""
    return run_main(["--no-color", *args])


def factory() -> ClientFactory:
    return ClientFactory(AwsSettings())


def target() -> str:
    """Where the suite runs: "AWS", or the endpoint it was pointed at."""
    endpoint = resolve_endpoint(AwsSettings())
    return endpoint or "AWS"


def record_dir() -> Path | None:
    """Where answers are recorded: none unless COGNITO_RECONCILER_AWS_RECORD is set
    ("1": tests/aws/snapshots; any other value: that folder)."""
    value = os.environ.get(RECORD, "")
    if not value:
        return None
    return SNAPSHOTS if value == "1" else Path(value)


def raw_caller(client: Any) -> Callable[[str, dict[str, Any]], tuple[int, dict[str, Any]]]:
    """Call an operation by name and get Cognito's own JSON (status, body), not botocore's
    parse of it: a member the model lacks must show in a snapshot too."""
    captured: list[tuple[int, dict[str, Any]]] = []

    def keep(http_response: Any, **_: Any) -> None:
        body = http_response.content
        captured.append((http_response.status_code, json.loads(body) if body else {}))

    # One capture per client: a newer caller's replaces the last one's.
    client.meta.events.unregister("after-call.cognito-idp", unique_id=CAPTURE_ID)
    client.meta.events.register("after-call.cognito-idp", keep, unique_id=CAPTURE_ID)
    names = {v: k for k, v in client.meta.method_to_api_mapping.items()}

    def call(operation: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        captured.clear()
        with contextlib.suppress(botocore.exceptions.ClientError):
            getattr(client, names[operation])(**params)
        return captured[-1]

    return call


def run_case(case: dict[str, Any], client: Any, prefix: str, region: str,
             sleep: Callable[[float], None]) -> dict[str, Any]:
    """Run one case (setup, then the call) and build its snapshot document."""
    status, body = replay(case, raw_caller(client), prefix, sleep)
    replacements = {prefix: RUN_PLACEHOLDER, region: REGION_PLACEHOLDER}
    return {
        "operation": case["operation"], "case": case["case"], "setup": case["setup"],
        "request": case["request"], "confirms": case["confirms"],
        **answer_of(status, body, replacements),
        "provenance": {"kind": "recorded", "endpoint": target(), "region": region,
                       "date": dt.date.today().isoformat(), "botocore": botocore.__version__,
                       "shipped_model": f"botocore {SHIPPED_BOTOCORE}"},
    }
