"""Rules the schema can't express, each reported at the offending key."""

from __future__ import annotations

from pathlib import Path

from _spec_helpers import problems, write

from reconciler.errors import Location
from reconciler.spec import load_spec


def _client(tmp_path: Path, body: str) -> str:
    head = "version: 1\nuser_pools:\n  - pool_name: p\n    clients:\n      - client_name: c\n"
    return write(tmp_path, "a.yaml", head + body)


def test_a_pool_name_is_used_once_whatever_the_region_or_id(tmp_path: Path) -> None:
    # Issue 12.4: plan addresses (user_pool.<pool_name>) key the ids apply creates, so two
    # entries with one name, even in two regions or one pinned by id, would collide.
    a = write(tmp_path, "a.yaml", "version: 1\nuser_pools:\n  - pool_name: p\n")
    b = write(
        tmp_path,
        "b.yaml",
        "version: 1\nuser_pools:\n  - {pool_name: p, region: eu-west-1}\n"
        "  - {pool_name: q, id: us-east-1_abc}\n",
    )
    hint = (
        "plan addresses (user_pool.<pool_name>) must be unique; run each region "
        "separately (one spec per region) or give the pools distinct names"
    )
    assert problems([a, b]) == [
        f"{a}:3:5: error: pool_name 'p' is also used at {b}:3:6; {hint} "
        "(at user_pools[0].pool_name)",
        f"{b}:3:6: error: pool_name 'p' is also used at {a}:3:5; {hint} "
        "(at user_pools[1].pool_name)",
    ]


def test_a_pool_id_is_pinned_once(tmp_path: Path) -> None:
    # Issue 12.5: two entries on one live pool plan contradictory updates.
    f = write(
        tmp_path,
        "a.yaml",
        "version: 1\nuser_pools:\n  - {pool_name: p, id: us-east-1_abc}\n"
        "  - {pool_name: q, id: us-east-1_abc}\n",
    )
    assert problems([f]) == [
        f"{f}:3:20: error: id 'us-east-1_abc' is also pinned at {f}:4:20; two entries "
        "would manage one live pool; keep one entry for it (at user_pools[0].id)",
        f"{f}:4:20: error: id 'us-east-1_abc' is also pinned at {f}:3:20; two entries "
        "would manage one live pool; keep one entry for it (at user_pools[1].id)",
    ]


def test_duplicate_names_within_a_pool(tmp_path: Path) -> None:
    f = write(
        tmp_path,
        "a.yaml",
        """\
version: 1
user_pools:
  - pool_name: p
    clients: [{client_name: web}, {client_name: web}]
    groups: [{group_name: admins}, {group_name: admins}]
    resource_servers:
      - {identifier: api, name: API}
      - {identifier: api, name: API again}
    identity_providers:
      - {provider_name: Google, provider_type: Google, provider_details: {}}
      - {provider_name: Google, provider_type: Google, provider_details: {}}
""",
    )
    assert problems([f]) == [
        f"{f}:4:36: error: client_name 'web' is used twice in clients (also at {f}:4:16) "
        "(at user_pools[0].clients[1].client_name)",
        f"{f}:5:37: error: group_name 'admins' is used twice in groups (also at {f}:5:15) "
        "(at user_pools[0].groups[1].group_name)",
        f"{f}:8:10: error: identifier 'api' is used twice in resource_servers (also at "
        f"{f}:7:10) (at user_pools[0].resource_servers[1].identifier)",
        f"{f}:11:10: error: provider_name 'Google' is used twice in identity_providers (also "
        f"at {f}:10:10) (at user_pools[0].identity_providers[1].provider_name)",
    ]


def test_token_validity_ranges_after_unit_conversion(tmp_path: Path) -> None:
    f = _client(
        tmp_path,
        "        access_token_validity: 2\n"  # default unit hours: fine
        "        id_token_validity: 4\n"
        "        refresh_token_validity: 3651\n"  # default unit days: too long
        "        token_validity_units: {id_token: minutes}\n"
        "      - client_name: d\n"
        "        refresh_token_validity: 59\n"
        "        access_token_validity: 25\n"
        "        token_validity_units: {refresh_token: minutes}\n",
    )
    assert problems([f]) == [
        f"{f}:7:9: error: id_token_validity: 4 minutes is outside the range AWS allows "
        "(5 minutes to 1 day) (at user_pools[0].clients[0].id_token_validity)",
        f"{f}:8:9: error: refresh_token_validity: 3651 days is outside the range AWS allows "
        "(60 minutes to 10 years) (at user_pools[0].clients[0].refresh_token_validity)",
        f"{f}:11:9: error: refresh_token_validity: 59 minutes is outside the range AWS allows "
        "(60 minutes to 10 years) (at user_pools[0].clients[1].refresh_token_validity)",
        f"{f}:12:9: error: access_token_validity: 25 hours is outside the range AWS allows "
        "(5 minutes to 1 day) (at user_pools[0].clients[1].access_token_validity)",
    ]


def test_default_redirect_uri_must_be_a_callback(tmp_path: Path) -> None:
    f = _client(
        tmp_path,
        "        allowed_oauth_flows_user_pool_client: true\n"
        "        allowed_oauth_flows: [code]\n"
        "        allowed_oauth_scopes: [openid]\n"
        "        callback_urls: [https://a.example/cb]\n"
        "        default_redirect_uri: https://b.example/cb\n",
    )
    assert problems([f]) == [
        f"{f}:10:9: error: default_redirect_uri 'https://b.example/cb' must also be listed in "
        "callback_urls (at user_pools[0].clients[0].default_redirect_uri)"
    ]


def test_client_credentials_alone(tmp_path: Path) -> None:
    f = _client(
        tmp_path,
        "        allowed_oauth_flows_user_pool_client: true\n"
        "        allowed_oauth_flows: [client_credentials, code]\n"
        "        allowed_oauth_scopes: [openid]\n"
        "        callback_urls: [https://a.example/cb]\n",
    )
    assert problems([f]) == [
        f"{f}:7:9: error: allowed_oauth_flows: client_credentials can't be combined with code "
        "or implicit; use a separate client (at user_pools[0].clients[0].allowed_oauth_flows)"
    ]


def test_legacy_and_allow_auth_flows_mixed(tmp_path: Path) -> None:
    f = _client(
        tmp_path, "        explicit_auth_flows: [ADMIN_NO_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]\n"
    )
    assert problems([f]) == [
        f"{f}:6:9: error: explicit_auth_flows mixes legacy ADMIN_NO_SRP_AUTH with "
        "ALLOW_REFRESH_TOKEN_AUTH; use only ALLOW_* values "
        "(at user_pools[0].clients[0].explicit_auth_flows)"
    ]


def test_generate_secret_with_client_secret(tmp_path: Path) -> None:
    f = _client(
        tmp_path, "        generate_secret: true\n        client_secret: ${env:CLIENT_SECRET}\n"
    )
    assert problems([f], environ={"CLIENT_SECRET": "x" * 30}) == [
        f"{f}:7:9: error: client_secret can't be given together with generate_secret: true "
        "(at user_pools[0].clients[0].client_secret)"
    ]


def test_custom_attribute_clashing_with_a_standard_one(tmp_path: Path) -> None:
    f = write(
        tmp_path,
        "a.yaml",
        "version: 1\nuser_pools:\n  - pool_name: p\n    schema:\n"
        "      - {name: email, attribute_data_type: String}\n"
        "      - {name: Phone_Number, attribute_data_type: String}\n"
        "      - {name: 'custom:locale', attribute_data_type: String}\n"
        "      - {name: tenant, attribute_data_type: String}\n"
        "      - {name: tenant, attribute_data_type: String}\n",
    )
    assert problems([f]) == [
        f"{f}:6:10: error: custom attribute 'Phone_Number' clashes with the standard attribute "
        "'phone_number'; to configure the standard one, write name: phone_number "
        "(at user_pools[0].schema[1].name)",
        f"{f}:7:10: error: custom attribute 'custom:locale' clashes with the standard attribute "
        "'locale'; to configure the standard one, write name: locale "
        "(at user_pools[0].schema[2].name)",
        f"{f}:9:10: error: schema attribute 'tenant' is defined twice "
        "(at user_pools[0].schema[4].name)",
    ]


def test_more_than_50_custom_attributes(tmp_path: Path) -> None:
    from reconciler.spec import semantics

    pool = {"schema": [{"name": f"attr{i}"} for i in range(51)] + [{"name": "email"}]}
    found = semantics.check({"user_pools": [pool]}, lambda path: Location("x.yaml", 1, 1))
    assert [d.message for d in found] == ["more than 50 custom attributes in a pool"]
    assert found[0].path == "user_pools[0].schema[50].name"


def test_checks_tolerate_invalid_shapes(tmp_path: Path) -> None:
    f = write(
        tmp_path,
        "a.yaml",
        "version: 1\nuser_pools:\n  - pool_name: 3\n    clients: {client_name: x}\n"
        "  - 7\n  - pool_name: q\n"
        "    clients: [1, {client_name: [x]}, {token_validity_units: 1}]\n",
    )
    found = problems([f])
    # Only schema findings: the semantic checks skip values of the wrong type.
    assert len(found) == 7
    assert all("expected" in line or "missing required" in line for line in found)


def test_workshop_passes_semantics() -> None:
    from _spec_helpers import WORKSHOP

    assert load_spec([str(WORKSHOP)], environ={}).warnings == []


def test_live_twins_pinned_by_id_only_share_an_address(tmp_path: Path) -> None:
    # Cognito allows one pool name twice; export writes such twins pinned by id. They
    # are never created, so no created id can go astray: a warning, not an error.
    f = write(
        tmp_path,
        "a.yaml",
        "version: 1\nuser_pools:\n  - {pool_name: twin, id: us-east-1_abc}\n"
        "  - {pool_name: twin, id: us-east-1_def}\n",
    )
    assert problems([f]) == []
    warnings = [str(w) for w in load_spec([f], environ={}).warnings]
    assert warnings == [
        f"{f}:3:6: warning: pool_name 'twin' is also used at {f}:4:6; each entry is pinned "
        "by id, so each finds its own pool, but their changes share the address "
        "user_pool.twin (at user_pools[0].pool_name)",
        f"{f}:4:6: warning: pool_name 'twin' is also used at {f}:3:6; each entry is pinned "
        "by id, so each finds its own pool, but their changes share the address "
        "user_pool.twin (at user_pools[1].pool_name)",
    ]
