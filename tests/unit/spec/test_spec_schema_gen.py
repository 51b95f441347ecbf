"""The generated schema: fresh, valid, and able to express every settable member."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from _spec_helpers import ROOT, WORKSHOP, gen_schema

from reconciler.naming import OVERRIDES, snake_name
from reconciler.spec.schema_data import definition, load_schema, resolve

OPERATIONS = {
    "CreateUserPool": "UserPool",
    "SetUserPoolMfaConfig": "UserPool",
    "CreateUserPoolClient": "Client",
    "CreateUserPoolDomain": "Domain",
    "CreateGroup": "Group",
    "CreateResourceServer": "ResourceServer",
    "CreateIdentityProvider": "IdentityProvider",
    "SetUICustomization": "UICustomization",
    "CreateManagedLoginBranding": "ManagedLoginBranding",
    "SetRiskConfiguration": "RiskConfiguration",
    "SetLogDeliveryConfiguration": "LogDeliveryConfiguration",
}
TOOL_FILLED = {"UserPoolId", "ClientId"}


# Managed operations whose members the spec sets only through the create's definition.
UPDATE_OPERATIONS = {
    "UpdateUserPool": "UserPool",
    "UpdateUserPoolClient": "Client",
    "UpdateUserPoolDomain": "Domain",
    "UpdateGroup": "Group",
    "UpdateResourceServer": "ResourceServer",
    "UpdateIdentityProvider": "IdentityProvider",
    "UpdateManagedLoginBranding": "ManagedLoginBranding",
}
# Ids an update takes that the tool fills in from live state.
UPDATE_IDS = {"ManagedLoginBrandingId"}


@pytest.fixture(scope="module")
def model() -> Any:
    # The model the package ships (and its clients load), not the installed botocore's.
    from reconciler.aws.service_model import service_model

    return service_model()


@pytest.fixture(scope="module")
def generated() -> str:
    mod = gen_schema()
    text: str = mod.render(mod.build_schema())
    return text


def test_committed_schemas_are_fresh(generated: str) -> None:
    for path in (
        ROOT / "schema" / "cognito-reconciler.schema.json",
        ROOT / "reconciler/data/schema.json",
    ):
        assert path.read_text(encoding="utf-8") == generated, (
            f"{path} is stale: run tools/gen_schema.py"
        )


def test_check_mode_reports_stale_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    mod = gen_schema()
    outputs = (tmp_path / "schema" / "a.json", tmp_path / "data" / "b.json")
    monkeypatch.setattr(mod, "OUTPUTS", outputs)
    monkeypatch.setattr(mod, "ROOT", tmp_path)
    assert mod.main(["--check"]) == 1
    assert "schema/a.json is stale" in capsys.readouterr().err
    assert mod.main([]) == 0
    assert mod.main(["--check"]) == 0
    assert outputs[0].read_bytes() == outputs[1].read_bytes()
    outputs[1].write_text("{}\n", encoding="utf-8")
    assert mod.main(["--check"]) == 1


def test_generation_is_deterministic(generated: str) -> None:
    mod = gen_schema()
    assert mod.render(mod.build_schema()) == generated
    assert generated.endswith("}\n")


def test_schema_is_valid_draft_2020_12() -> None:
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] and schema["title"] and schema["description"]


def test_workshop_example_validates() -> None:
    data = yaml.safe_load(WORKSHOP.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(load_schema()).iter_errors(data))
    assert errors == []


def test_root_and_resource_conventions() -> None:
    root = load_schema()
    assert root["additionalProperties"] is False
    assert set(root["required"]) == {"version", "user_pools"}
    assert root["properties"]["version"]["const"] == 1
    assert root["properties"]["user_pools"]["items"] == {"$ref": "#/$defs/UserPool"}
    pool = definition("UserPool")
    assert pool["x-aws-operation"] == "CreateUserPool"
    assert pool["required"] == ["pool_name"]
    for key in (
        "software_token_mfa_configuration",
        "sms_mfa_configuration",
        "email_mfa_configuration",
        "web_authn_configuration",
    ):
        assert pool["properties"][key]["x-aws-operation"] == "SetUserPoolMfaConfig"
    assert "x-aws-operation" not in pool["properties"]["mfa_configuration"]
    tool_keys = {
        "id",
        "region",
        "clients",
        "domain",
        "groups",
        "resource_servers",
        "identity_providers",
        "ui_customization",
        "risk_configuration",
        "log_delivery_configuration",
    }
    for key in tool_keys:
        assert "x-aws-name" not in pool["properties"][key]
        assert pool["properties"][key]["description"]
    client = definition("Client")
    assert client["required"] == ["client_name"]
    assert {"ui_customization", "risk_configuration", "managed_login_branding"} <= set(
        client["properties"]
    )
    assert client["properties"]["allowed_oauth_flows"]["x-aws-name"] == "AllowedOAuthFlows"
    assert client["properties"]["client_secret"]["x-aws-sensitive"] is True
    assert definition("IdentityProvider")["required"] == [
        "provider_details",
        "provider_name",
        "provider_type",
    ]


def test_tool_filled_ids_never_appear() -> None:
    text = json.dumps(load_schema())
    assert '"user_pool_id"' not in text
    assert '"client_id"' not in text


def test_shared_structures_and_maps() -> None:
    policy = definition("aws.PasswordPolicyType")
    assert policy["x-aws-shape"] == "PasswordPolicyType"
    assert policy["type"] == "object" and policy["additionalProperties"] is False
    length = policy["properties"]["minimum_length"]
    assert (length["type"], length["minimum"], length["maximum"]) == ("integer", 6, 99)
    tags = definition("UserPool")["properties"]["user_pool_tags"]
    assert tags["x-aws-type"] == "map"
    assert tags["propertyNames"]["maxLength"] == 128
    image = definition("UICustomization")["properties"]["image_file"]
    assert image["x-aws-type"] == "blob" and image["contentEncoding"] == "base64"
    settings = definition("ManagedLoginBranding")["properties"]["settings"]
    assert settings["x-aws-type"] == "document" and "type" not in settings


def _walk(node: Any, path: str = "") -> Any:
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}/{i}")


def test_every_property_is_described() -> None:
    for path, node in _walk(load_schema()):
        if path.endswith("/properties"):
            for key, prop in node.items():
                assert prop.get("description"), f"{path}/{key} has no description"
                assert not re.search(
                    r"</?(p|a|code|b|i|li|ul|note|important)\b", prop["description"]
                )


def test_every_pattern_compiles_and_keeps_the_original() -> None:
    count = 0
    for path, node in _walk(load_schema()):
        if "x-aws-pattern" in node:
            count += 1
            pattern = node.get("pattern")
            if path == "/$defs/Domain/properties/domain":
                # DomainType is exempt on purpose: custom domains are full host names.
                assert pattern is None, f"{path}: the prefix-only pattern is enforced"
                continue
            assert pattern is not None, f"{path}: pattern dropped"
            assert pattern.startswith("^(?:") and pattern.endswith(")$")
            re.compile(pattern)
            assert "\\p{" not in pattern
    assert count > 30


@pytest.mark.parametrize(
    ("definition_name", "key", "value"),
    [
        ("aws.VerificationMessageTemplateType", "sms_message", "Your code is {####}.\nThanks!"),
        (
            "aws.VerificationMessageTemplateType",
            "email_message",
            "Hello,\n\n\tyour code is {####}.\r\nSee you — Zoë 🎉",
        ),
        (
            "aws.VerificationMessageTemplateType",
            "email_message_by_link",
            "Click\n{##Verify Email##}\nbye",
        ),
        ("aws.VerificationMessageTemplateType", "email_subject", "Your code\n(multi-line)"),
        ("aws.MessageTemplateType", "sms_message", "Hi {username}\nyour password: {####}"),
        ("aws.MessageTemplateType", "email_message", "Hi {username},\n<b>{####}</b>"),
        ("UserPool", "sms_verification_message", "code:\n{####}"),
        ("UserPool", "pool_name", "workshop-users"),
        ("Client", "default_redirect_uri", "https://example.com/cb?x=1&y=ü"),
        ("Group", "group_name", "admins+ops"),
        ("IdentityProvider", "provider_name", "Google"),
        ("IdentityProvider", "provider_name", "my-saml-idp"),
        ("ResourceServer", "identifier", "https://api.example.com"),
        ("aws.ResourceServerScopeType", "scope_name", "read:all"),
        ("aws.SchemaAttributeType", "name", "tenant_id"),
        ("aws.EmailConfigurationType", "reply_to_email_address", "noreply@example.com"),
        ("aws.LambdaConfigType", "pre_sign_up", "arn:aws:lambda:us-east-1:123456789012:function:f"),
    ],
)
def test_patterns_accept_real_values(definition_name: str, key: str, value: str) -> None:
    prop = definition(definition_name)["properties"][key]
    assert re.search(prop["pattern"], value), (prop["x-aws-pattern"], value)


def test_domain_names_may_be_prefixes_or_custom_host_names() -> None:
    import tempfile
    from pathlib import Path

    from reconciler.spec.loader import load_spec  # the whole path: schema + semantics

    with tempfile.TemporaryDirectory() as tmp:
        for name in ("workshop-users-123", "auth.example.com"):
            path = Path(tmp) / "spec.yaml"
            path.write_text(f"version: 1\nuser_pools:\n  - pool_name: p\n"
                            f"    domain: {{domain: {name}}}\n")
            assert load_spec([str(path)]).data["user_pools"][0]["domain"]["domain"] == name


@pytest.mark.parametrize(
    ("definition_name", "key", "value"),
    [
        ("UserPool", "sms_verification_message", "no code here"),
        ("aws.VerificationMessageTemplateType", "email_message", "ding\x07 {####}"),
        ("Group", "group_name", "two words"),
        ("IdentityProvider", "provider_name", "_Google"),
        ("IdentityProvider", "provider_name", "Goo gle"),
        ("IdentityProvider", "provider_name", "my_idp"),
        ("ResourceServer", "identifier", 'has"quote'),
        ("Client", "default_redirect_uri", "https://example.com/a b"),
    ],
)
def test_patterns_reject_what_aws_rejects(definition_name: str, key: str, value: str) -> None:
    prop = definition(definition_name)["properties"][key]
    assert not re.search(prop["pattern"], value)


def test_separator_table_matches_unicode() -> None:
    import unicodedata

    mod = gen_schema()
    separators = {cp for cp in range(0x110000) if unicodedata.category(chr(cp)).startswith("Z")}
    assert separators == set(mod._SEPARATORS)


def test_untranslatable_patterns_are_refused() -> None:
    mod = gen_schema()
    for java in (r"\p{L}+", r"[\p{L}]+", r"[^\p{L}]", r"(?i)abc", r"[a-z&&[^b]]"):
        with pytest.raises(mod.Untranslatable):
            mod.translate_pattern(java)


# --- naming -------------------------------------------------------------------------


def _member_names(model: Any) -> set[str]:
    names: set[str] = set()
    seen: set[str] = set()

    def walk(shape: Any) -> None:
        if shape.name in seen:
            return
        seen.add(shape.name)
        if shape.type_name == "structure":
            for name, member in shape.members.items():
                names.add(name)
                walk(member)
        elif shape.type_name == "list":
            walk(shape.member)
        elif shape.type_name == "map":
            walk(shape.key)
            walk(shape.value)

    for operation in OPERATIONS:
        walk(model.operation_model(operation).input_shape)
    return names


def test_snake_name_is_botocores_rule_plus_overrides(model: Any) -> None:
    from botocore import xform_name

    for name in _member_names(model):
        expected = OVERRIDES.get(name) or xform_name(name)
        assert snake_name(name) == expected
        assert "o_auth" not in snake_name(name)
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", snake_name(name)), name
    assert snake_name("AllowedOAuthFlows") == "allowed_oauth_flows"
    assert snake_name("CallbackURLs") == "callback_urls"
    assert snake_name("DefaultRedirectURI") == "default_redirect_uri"
    assert snake_name("SMSMessage") == "sms_message"


def test_every_override_is_used(model: Any) -> None:
    assert set(OVERRIDES) <= _member_names(model)


def test_naming_does_not_import_botocore() -> None:
    import subprocess
    import sys

    code = "import sys, reconciler.naming; print('botocore' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_generator_fails_on_collisions() -> None:
    mod = gen_schema()
    props: dict[str, Any] = {"sms_message": {"x-aws-name": "SmsMessage"}}
    with pytest.raises(SystemExit, match="both map to 'sms_message'"):
        mod._add(props, "sms_message", {"x-aws-name": "SMSMessage"}, "MessageTemplateType")


# --- coverage: everything settable is expressible ----------------------------------


def _check_shape(shape: Any, node: dict[str, Any], where: str, problems: list[str]) -> None:
    node_resolved = resolve(node)
    if shape.metadata.get("document"):
        if node.get("x-aws-type") != "document":
            problems.append(f"{where}: document not expressible")
        return
    kind = shape.type_name
    if kind == "structure":
        if node_resolved.get("type") != "object":
            problems.append(f"{where}: expected an object schema")
            return
        props = node_resolved.get("properties", {})
        left_out = node_resolved.get("x-not-in-spec", {})
        for member, member_shape in shape.members.items():
            if member in TOOL_FILLED or member in left_out:
                continue
            prop = props.get(snake_name(member))
            if prop is None or prop.get("x-aws-name") != member:
                problems.append(f"{where}.{member}: missing from the schema")
                continue
            _check_shape(member_shape, prop, f"{where}.{member}", problems)
    elif kind == "list":
        if node.get("type") != "array":
            problems.append(f"{where}: expected an array")
        else:
            _check_shape(shape.member, node["items"], f"{where}[]", problems)
    elif kind == "map":
        if node.get("x-aws-type") != "map" or node.get("type") != "object":
            problems.append(f"{where}: expected a map")
        else:
            _check_shape(shape.value, node["additionalProperties"], f"{where}{{}}", problems)
    elif kind == "string":
        if node.get("type") != "string":
            problems.append(f"{where}: expected a string")
        if shape.enum and sorted(node.get("enum", [])) != sorted(shape.enum):
            problems.append(f"{where}: enum differs")
    elif kind in ("integer", "long"):
        if node.get("type") != "integer":
            problems.append(f"{where}: expected an integer")
    elif kind == "boolean":
        if node.get("type") != "boolean":
            problems.append(f"{where}: expected a boolean")
    elif kind == "blob":
        if node.get("x-aws-type") != "blob":
            problems.append(f"{where}: expected a blob")
    else:
        problems.append(f"{where}: unexpected model type {kind}")


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_schema_expresses_every_settable_member(model: Any, operation: str) -> None:
    shape = model.operation_model(operation).input_shape
    problems: list[str] = []
    _check_shape(shape, definition(OPERATIONS[operation]), operation, problems)
    assert problems == []


@pytest.mark.parametrize("operation", sorted(UPDATE_OPERATIONS))
def test_schema_expresses_every_member_an_update_takes(model: Any, operation: str) -> None:
    shape = model.operation_model(operation).input_shape
    node = definition(UPDATE_OPERATIONS[operation])
    problems: list[str] = []
    for member, member_shape in shape.members.items():
        if member in TOOL_FILLED | UPDATE_IDS or member in node.get("x-not-in-spec", {}):
            continue
        prop = node["properties"].get(snake_name(member))
        if prop is None or prop.get("x-aws-name") != member:
            problems.append(f"{operation}.{member}: missing from the schema")
            continue
        _check_shape(member_shape, prop, f"{operation}.{member}", problems)
    assert problems == []


def test_members_left_out_of_the_spec_are_few_and_explained(model: Any) -> None:
    left_out = {name: definition(name).get("x-not-in-spec", {})
                for name in set(OPERATIONS.values())}
    # Issue 11: every member of the shipped model is in the spec now.
    assert {name: sorted(v) for name, v in left_out.items() if v} == {}
    by_definition = {v: k for k, v in OPERATIONS.items() if not k.startswith("Set")}
    for name, members in left_out.items():
        for member, reason in members.items():
            assert member in model.operation_model(by_definition[name]).input_shape.members
            assert snake_name(member) not in definition(name)["properties"]
            assert len(reason) > 40 and "doc:" in reason


def test_new_members_of_the_shipped_model_are_settable() -> None:
    pool = definition("UserPool")["properties"]
    for key in ("key_configuration", "issuer_configuration", "acr_configuration",
                "dcr_configuration"):
        assert pool[key]["x-aws-name"] in {"KeyConfiguration", "IssuerConfiguration",
                                           "AcrConfiguration", "DcrConfiguration"}
    flows = definition("Client")["properties"]["explicit_auth_flows"]["items"]["enum"]
    assert "ALLOW_TOKEN_EXCHANGE_DELEGATION" in flows


def test_a_model_with_one_more_member_makes_the_schema_stale(
        monkeypatch: pytest.MonkeyPatch, generated: str) -> None:
    # The freshness test compares the committed schema with the shipped model: a model
    # that differs by one settable member must give another schema.
    import gzip

    from botocore.model import ServiceModel

    from reconciler.aws import service_model as shipped

    data = json.loads(gzip.decompress(shipped.model_file().read_bytes()))
    data["shapes"]["CreateUserPoolRequest"]["members"]["FutureSetting"] = {
        "shape": "BooleanType", "documentation": "<p>A member from a newer API.</p>"}
    mod = gen_schema()
    monkeypatch.setattr(shipped, "service_model", lambda: ServiceModel(data, "cognito-idp"))
    other = mod.render(mod.build_schema())
    assert other != generated
    assert '"future_setting"' in other and '"future_setting"' not in generated


def test_model_facts_are_fresh() -> None:
    import importlib.util

    path = ROOT / "tools" / "gen_model_facts.py"
    spec = importlib.util.spec_from_file_location("gen_model_facts", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0, "run tools/gen_model_facts.py"
    from reconciler.aws.service_model import SHIPPED_BOTOCORE

    facts = json.loads((ROOT / "reconciler/data/model_facts.json").read_text())
    assert facts["botocore_version"] == SHIPPED_BOTOCORE
    assert "KeyConfiguration" in facts["kinds"]["user_pool"]["update_members"]
