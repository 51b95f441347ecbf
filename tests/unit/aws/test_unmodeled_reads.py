"""Issue 11.4: the unmodeled-field guard watches every read the tool makes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from reconciler.aws import unmodeled
from reconciler.aws.service_model import service_model
from reconciler.aws_types import UNMODELED_KEY
from reconciler.model import LivePart
from reconciler.plan.identity_providers import from_describe

ROOT = Path(__file__).resolve().parents[3]


def _answer(operation: str, raw: dict[str, Any], parsed: dict[str, Any]) -> dict[str, Any]:
    response = SimpleNamespace(status_code=200, content=json.dumps(raw).encode())
    unmodeled._after_call(response, parsed, service_model().operation_model(operation))
    return parsed


def test_every_read_the_tool_makes_is_watched() -> None:
    # Every Describe/Get/List the tool's read paths name (live/, export/, aws/facade.py).
    sources = [*ROOT.joinpath("reconciler/live").glob("*.py"),
               *ROOT.joinpath("reconciler/export").glob("*.py"),
               ROOT / "reconciler/aws/facade.py"]
    named = {m for path in sources
             for m in re.findall(r'"((?:Describe|Get|List)[A-Z][A-Za-z]+)"', path.read_text())}
    operations = set(service_model().operation_names)
    reads = named & operations
    assert {"DescribeUserPoolDomain", "ListGroups", "GetLogDeliveryConfiguration"} <= reads
    assert reads <= set(unmodeled.WATCHED_OPERATIONS)
    for operation, member in unmodeled.RESOURCE_OPERATIONS.items():
        assert member in service_model().operation_model(operation).output_shape.members


def test_a_list_marks_each_item_with_its_own_paths() -> None:
    raw = {"Groups": [{"GroupName": "a", "Future": 1}, {"GroupName": "b"}]}
    parsed = _answer("ListGroups", raw, {"Groups": [{"GroupName": "a"}, {"GroupName": "b"}]})
    assert parsed["Groups"][0][UNMODELED_KEY] == ["Future"]
    assert UNMODELED_KEY not in parsed["Groups"][1]
    assert UNMODELED_KEY not in parsed


def test_a_resource_is_marked_with_paths_relative_to_it() -> None:
    raw = {"DomainDescription": {"Domain": "d", "CustomDomainConfig": {"CertificateArn": "a",
                                                                        "Next": "x"}}}
    parsed = _answer("DescribeUserPoolDomain", raw,
                     {"DomainDescription": {"Domain": "d",
                                            "CustomDomainConfig": {"CertificateArn": "a"}}})
    assert parsed["DomainDescription"][UNMODELED_KEY] == ["CustomDomainConfig.Next"]


def test_members_the_shipped_model_knows_are_not_reported() -> None:
    raw = {"DomainDescription": {"Domain": "d", "Routing": {"Failover": {
        "SecondaryRegion": "us-west-2", "PrimaryRoute53HealthCheckId": "h"}}}}
    parsed = _answer("DescribeUserPoolDomain", raw, json.loads(json.dumps(raw)))
    assert UNMODELED_KEY not in parsed["DomainDescription"]


def test_a_json_document_member_may_hold_any_key() -> None:
    raw = {"ManagedLoginBranding": {"ManagedLoginBrandingId": "b",
                                    "Settings": {"components": {"anything": True}}}}
    parsed = _answer("DescribeManagedLoginBrandingByClient", raw, json.loads(json.dumps(raw)))
    assert UNMODELED_KEY not in parsed["ManagedLoginBranding"]


def test_the_pool_answer_keeps_its_paths_at_the_top() -> None:
    parsed = _answer("DescribeUserPool", {"UserPool": {"Id": "p", "Future": 1}},
                     {"UserPool": {"Id": "p"}})
    assert parsed[UNMODELED_KEY] == ["UserPool.Future"]


def test_a_live_part_takes_the_paths_out_of_its_document() -> None:
    part = LivePart(document={"GroupName": "a", UNMODELED_KEY: ["Future"]})
    assert part.unmodeled == ["Future"]
    assert part.document == {"GroupName": "a"}
    assert LivePart(document={"GroupName": "a"}).unmodeled == []
    provider = from_describe({"ProviderName": "Corp", "ProviderDetails": {"client_secret": "s"},
                              UNMODELED_KEY: ["AcrLevels"]})
    assert provider.unmodeled == ["AcrLevels"]
    assert UNMODELED_KEY not in provider.document
