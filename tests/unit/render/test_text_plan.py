"""The text and JSON plans of one hand-built plan: nested blocks, list items, the one
value notation, "(known after apply)", binary assets as size and digest, and where
each pool is (issue 13). Golden files are rewritten only with UPDATE_GOLDEN=1."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path

from reconciler.plan.model import (
    Action,
    Change,
    FieldChange,
    Plan,
    PoolTarget,
    Request,
    created_ref,
)
from reconciler.render.json_plan import render_json
from reconciler.render.style import Style
from reconciler.render.text import render_plan

GOLDEN = Path(__file__).parent / "golden"
POOL = "user_pool.shop"
LOGO = bytes(range(256)) * 4  # 1024 bytes
LOGO_B64 = base64.b64encode(LOGO).decode()


def sample_plan() -> Plan:
    pool = Change(
        address=POOL, kind="user_pool", name="shop", action=Action.UPDATE, region="eu-west-1",
        pool_address=POOL, live_id="eu-west-1_Shop1",
        fields=[FieldChange("policies.password_policy.minimum_length", 8, 12),
                FieldChange("policies.password_policy.require_symbols", True, False),
                FieldChange("auto_verified_attributes", ["email"], ["email", "phone_number"]),
                FieldChange('user_pool_tags["cost-center"]', None, "42"),
                FieldChange("account_recovery_setting.recovery_mechanisms",
                            [{"name": "verified_email", "priority": 1}],
                            [{"name": "verified_email", "priority": 2},
                             {"name": "verified_phone_number", "priority": 1}])],
        requests=[Request("UpdateUserPool", {}, note="full update: 20 fields")])
    client = Change(
        address=f"{POOL}.client.web", kind="client", name="web", action=Action.CREATE,
        region="eu-west-1", pool_address=POOL,
        fields=[FieldChange("client_name", None, "web"),
                FieldChange("generate_secret", None, True),
                FieldChange("explicit_auth_flows", None, ["ALLOW_USER_SRP_AUTH"])],
        requests=[Request("CreateUserPoolClient", {"UserPoolId": created_ref(POOL)})])
    branding = Change(
        address=f"{POOL}.client.web.managed_login_branding", kind="managed_login_branding",
        name="managed_login_branding", action=Action.UPDATE, region="eu-west-1",
        pool_address=POOL, live_id="brand-1",
        fields=[FieldChange("assets", [], [{"category": "FORM_LOGO", "color_mode": "LIGHT",
                                             "extension": "PNG", "bytes": LOGO_B64}])],
        requests=[Request("UpdateManagedLoginBranding", {})])
    return Plan(changes=[pool, client, branding], endpoint=None, endpoint_known=True,
                pools=[PoolTarget(POOL, "eu-west-1", "eu-west-1_Shop1", "123456789012")])


def check(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{path} differs (UPDATE_GOLDEN=1)"


def test_text_golden() -> None:
    check("plan.txt", render_plan(sample_plan(), Style(False)))


def test_json_golden() -> None:
    check("plan.json", render_json(sample_plan()))


def test_fields_nest_instead_of_dotted_paths() -> None:
    text = render_plan(sample_plan(), Style(False))
    assert "policies.password_policy" not in text
    assert ("      ~ policies {\n          ~ password_policy {\n"
            "              ~ minimum_length: 8 -> 12\n"
            "              ~ require_symbols: true -> false\n            }\n        }\n") in text


def test_list_changes_show_items_added_and_removed() -> None:
    text = render_plan(sample_plan(), Style(False))
    assert '      ~ auto_verified_attributes [\n          + "phone_number"\n        ]\n' in text
    data = json.loads(render_json(sample_plan()))
    field = data["changes"][0]["fields"][2]
    assert field["items"] == {"added": ["phone_number"], "removed": []}
    # The contract's keys keep their meaning: before and after stay whole.
    assert field["before"] == ["email"] and field["after"] == ["email", "phone_number"]


def test_no_python_repr_anywhere() -> None:
    text = render_plan(sample_plan(), Style(False))
    assert "True" not in text and "False" not in text and "['" not in text


def test_ids_and_secrets_are_known_after_apply() -> None:
    text = render_plan(sample_plan(), Style(False))
    assert "      + client_id = (known after apply)\n" in text
    assert "      + client_secret = (known after apply)\n" in text
    data = json.loads(render_json(sample_plan()))
    assert data["changes"][1]["known_after_apply"] == ["client_id", "client_secret"]


def test_binary_assets_show_size_and_digest_not_bytes() -> None:
    text = render_plan(sample_plan(), Style(False))
    digest = hashlib.sha256(LOGO).hexdigest()[:16]
    assert f"+ bytes = (binary: 1024 bytes, sha256 {digest})" in text
    assert LOGO_B64[:40] not in text


def test_every_plan_shows_region_endpoint_and_account() -> None:
    plan = sample_plan()
    text = render_plan(plan, Style(False))
    assert ("  user_pool.shop: region eu-west-1, endpoint "
            "https://cognito-idp.eu-west-1.amazonaws.com, account 123456789012\n") in text
    plan.endpoint = "http://127.0.0.1:4599"
    data = json.loads(render_json(plan))
    assert data["pools"] == [{"address": POOL, "region": "eu-west-1", "id": "eu-west-1_Shop1",
                              "endpoint": "http://127.0.0.1:4599", "account": "123456789012",
                              "strict": False}]
    assert all(c["region"] == "eu-west-1" for c in data["changes"])
    empty = Plan(pools=[PoolTarget(POOL, "us-west-2")], endpoint_known=True)
    shown = render_plan(empty, Style(False))
    assert "region us-west-2, endpoint https://cognito-idp.us-west-2.amazonaws.com\n" in shown
    assert "No changes." in shown


def test_aws_endpoint_follows_the_partition() -> None:
    from reconciler.render.plan_data import aws_endpoint

    assert aws_endpoint("us-gov-west-1") == "https://cognito-idp.us-gov-west-1.amazonaws.com"
    assert aws_endpoint("eusc-de-east-1") == "https://cognito-idp.eusc-de-east-1.amazonaws.eu"


def test_a_plan_that_wasnt_told_its_endpoint_claims_none() -> None:
    # A plan built outside the engine (no Connections) mustn't say "AWS" when it may
    # have been made against a local emulator.
    plan = Plan(pools=[PoolTarget(POOL, "us-west-2")])
    assert "  user_pool.shop: region us-west-2\n" in render_plan(plan, Style(False))
    assert json.loads(render_json(plan))["pools"][0]["endpoint"] is None
