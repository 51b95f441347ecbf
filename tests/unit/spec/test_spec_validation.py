"""Schema findings as readable lines naming the key, at the key or value."""

from __future__ import annotations

from pathlib import Path

from _spec_helpers import POOL, problems, write

from reconciler.spec import load_spec


def _pool(tmp_path: Path, body: str) -> str:
    return write(tmp_path, "a.yaml", POOL.format(name="p") + body)


def test_unquoted_off(tmp_path: Path) -> None:
    f = _pool(tmp_path, "    mfa_configuration: OFF\n")
    assert problems([f]) == [
        f"{f}:4:24: error: mfa_configuration: unquoted OFF is read by YAML 1.1 as the boolean "
        'false; write "OFF" (quoted) (at user_pools[0].mfa_configuration)'
    ]


def test_yaml_11_booleans_in_any_case_and_place(tmp_path: Path) -> None:
    f = _pool(
        tmp_path,
        "    user_pool_tags: {backup: yes, Archive: No}\n"
        "    auto_verified_attributes: [email]\n"
        "    clients:\n      - client_name: On\n",
    )
    assert problems([f]) == [
        f"{f}:4:30: error: backup: unquoted yes is read by YAML 1.1 as the boolean true; "
        'write "yes" (quoted) (at user_pools[0].user_pool_tags.backup)',
        f"{f}:4:44: error: Archive: unquoted No is read by YAML 1.1 as the boolean false; "
        'write "No" (quoted) (at user_pools[0].user_pool_tags.Archive)',
        f"{f}:7:22: error: client_name: unquoted On is read by YAML 1.1 as the boolean true; "
        'write "On" (quoted) (at user_pools[0].clients[0].client_name)',
    ]


def test_booleans_where_booleans_belong_are_fine(tmp_path: Path) -> None:
    f = _pool(tmp_path, "    username_configuration: {case_sensitive: yes}\n")
    spec = load_spec([f], environ={})
    assert spec.data["user_pools"][0]["username_configuration"] == {"case_sensitive": True}


def test_unknown_key_with_suggestion(tmp_path: Path) -> None:
    f = _pool(
        tmp_path,
        "    polices: {}\n    PoolName: x\n    frobnicate: 1\n"
        "    policies:\n      password_policy: {minimum_lenght: 8}\n",
    )
    assert problems([f]) == [
        f"{f}:4:5: error: unknown key 'polices' in user_pools[0] (did you mean 'policies'?) "
        "(at user_pools[0].polices)",
        f"{f}:5:5: error: unknown key 'PoolName' in user_pools[0] (did you mean 'pool_name'?) "
        "(at user_pools[0].PoolName)",
        f"{f}:6:5: error: unknown key 'frobnicate' in user_pools[0] (at user_pools[0].frobnicate)",
        f"{f}:8:25: error: unknown key 'minimum_lenght' in password_policy (did you mean "
        "'minimum_length'?) (at user_pools[0].policies.password_policy.minimum_lenght)",
    ]


def test_wrong_types(tmp_path: Path) -> None:
    f = _pool(
        tmp_path,
        "    deletion_protection: false\n"
        "    auto_verified_attributes: email\n"
        "    policies:\n      password_policy:\n        minimum_length: eight\n"
        "    schema:\n      - name: tenant\n"
        "        string_attribute_constraints: {max_length: 64}\n"
        "    lambda_config:\n",
    )
    assert problems([f]) == [
        f"{f}:4:26: error: deletion_protection: expected one of ACTIVE, INACTIVE, got the "
        "boolean false (at user_pools[0].deletion_protection)",
        f'{f}:5:31: error: auto_verified_attributes: expected a list, got the string "email" '
        "(at user_pools[0].auto_verified_attributes)",
        f'{f}:8:25: error: minimum_length: expected an integer, got the string "eight" '
        "(at user_pools[0].policies.password_policy.minimum_length)",
        f'{f}:11:52: error: max_length: expected a string, got the integer 64; write "64" '
        "(quoted) if you mean the text "
        "(at user_pools[0].schema[0].string_attribute_constraints.max_length)",
        f"{f}:12:5: error: lambda_config: expected a mapping, got nothing (an empty value) "
        "(at user_pools[0].lambda_config)",
    ]


def test_out_of_range_and_lengths(tmp_path: Path) -> None:
    f = write(
        tmp_path,
        "a.yaml",
        "version: 1\nuser_pools:\n  - pool_name: ''\n"
        "    policies: {password_policy: {minimum_length: 100, password_history_size: -1}}\n"
        "    schema: []\n"
        "    user_pool_tags: {'': x}\n"
        "    clients:\n      - client_name: c\n        auth_session_validity: 2\n",
    )
    assert problems([f]) == [
        f"{f}:3:16: error: pool_name: must be at least 1 character long "
        "(at user_pools[0].pool_name)",
        f"{f}:4:50: error: minimum_length: 100 is above the maximum 99 "
        "(at user_pools[0].policies.password_policy.minimum_length)",
        f"{f}:4:78: error: password_history_size: -1 is below the minimum 0 "
        "(at user_pools[0].policies.password_policy.password_history_size)",
        f"{f}:5:13: error: schema: must have at least 1 item (at user_pools[0].schema)",
        f"{f}:6:22: error: key '' in user_pool_tags: must be at least 1 character long "
        "(at user_pools[0].user_pool_tags[''])",
        f"{f}:9:32: error: auth_session_validity: 2 is below the minimum 3 "
        "(at user_pools[0].clients[0].auth_session_validity)",
    ]


def test_enum_lists_allowed_values(tmp_path: Path) -> None:
    f = _pool(
        tmp_path,
        "    clients:\n      - client_name: c\n"
        "        explicit_auth_flows: [ALLOW_REFRESH_TOKEN_AUTH, ALLOW_SRP_AUTH]\n",
    )
    (line,) = problems([f])
    assert line == (
        f'{f}:6:57: error: explicit_auth_flows[1]: "ALLOW_SRP_AUTH" is not one of '
        "ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY, USER_PASSWORD_AUTH, "
        "ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_CUSTOM_AUTH, ALLOW_USER_PASSWORD_AUTH, "
        "ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_AUTH, "
        "ALLOW_TOKEN_EXCHANGE_DELEGATION, ALLOW_TOKEN_EXCHANGE_IMPERSONATION (did you mean "
        "'ALLOW_USER_AUTH'?) (at user_pools[0].clients[0].explicit_auth_flows[1])"
    )


def test_missing_required_keys(tmp_path: Path) -> None:
    f = write(
        tmp_path,
        "a.yaml",
        "user_pools:\n  - pool_name: p\n    clients:\n      - generate_secret: false\n"
        "    identity_providers:\n      - provider_name: Google\n",
    )
    assert problems([f]) == [
        f"{f}:1:1: error: missing required key 'version'",
        f"{f}:4:9: error: missing required key 'client_name' in clients[0] "
        "(at user_pools[0].clients[0])",
        f"{f}:6:9: error: missing required key 'provider_details' in identity_providers[0] "
        "(at user_pools[0].identity_providers[0])",
        f"{f}:6:9: error: missing required key 'provider_type' in identity_providers[0] "
        "(at user_pools[0].identity_providers[0])",
    ]


def test_pattern_names_the_aws_pattern(tmp_path: Path) -> None:
    f = _pool(tmp_path, "    groups:\n      - group_name: two words\n")
    assert problems([f]) == [
        f'{f}:5:21: error: group_name: "two words" does not match the pattern AWS requires: '
        "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+ (at user_pools[0].groups[0].group_name)"
    ]


def test_sensitive_values_are_not_echoed(tmp_path: Path) -> None:
    f = _pool(tmp_path, "    clients:\n      - client_name: c\n        client_secret: 12345\n")
    assert problems([f]) == [
        f'{f}:6:24: error: client_secret: expected a string, got an integer; write "12345" '
        "(quoted) if you mean the text (at user_pools[0].clients[0].client_secret)"
    ]


def test_multi_line_messages_validate(tmp_path: Path) -> None:
    f = _pool(
        tmp_path,
        "    verification_message_template:\n"
        "      default_email_option: CONFIRM_WITH_CODE\n"
        "      email_subject: Your code\n"
        "      email_message: |\n        Hello,\n\n        your code is {####}.\n        Bye\n"
        "      sms_message: |-\n        Code:\n        {####}\n",
    )
    template = load_spec([f], environ={}).data["user_pools"][0]["verification_message_template"]
    assert template["email_message"] == "Hello,\n\nyour code is {####}.\nBye\n"
    assert template["sms_message"] == "Code:\n{####}"


def test_blank_top_level_keys_and_variables(tmp_path: Path) -> None:
    f = write(
        tmp_path,
        "a.yaml",
        "version: 1\nvariables:\n  ok: 1\n  bad-name: x\n  nested: {a: 1}\nuser_pools: []\n",
    )
    assert problems([f]) == [
        f"{f}:3:3: warning: variable ok is never used (set by variables:)",
        f"{f}:4:3: error: key 'bad-name' in variables: does not match the pattern "
        "^[A-Za-z_][A-Za-z0-9_]*$ (at variables['bad-name'])",
        f"{f}:5:11: error: nested: expected a string or a number or a boolean (true or false), "
        "got a mapping (at variables.nested)",
    ]
