"""Export: where a client's secret is, and a client an application registered (issue 11)."""

from __future__ import annotations

from reconciler.export.build import build_pool

from .test_build import client, empty_client_describe, pool

ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret/cognito-idp/p/c-abc123"


def test_a_published_secret_is_exported_as_the_flag_with_its_arn() -> None:
    shown = {**empty_client_describe(), "ClientSecretArn": ARN}
    exported = build_pool(pool(clients=[client(shown, has_secret=True)]))
    [spec] = exported.pool["clients"]
    assert spec["generate_secret"] is True
    assert spec["publish_secrets_in_aws_secrets_manager"] is True
    assert exported.inline[("clients", 0, "publish_secrets_in_aws_secrets_manager")] == (
        f"its secret is in Secrets Manager: {ARN}")
    assert ("clients", 0, "generate_secret") not in exported.inline


def test_a_secret_kept_by_cognito_is_neither_published_nor_exported() -> None:
    exported = build_pool(pool(clients=[client(has_secret=True)]))
    [spec] = exported.pool["clients"]
    assert "publish_secrets_in_aws_secrets_manager" not in spec
    assert exported.inline[("clients", 0, "generate_secret")].startswith("its secret stays")


def test_a_dcr_client_is_marked_and_a_regular_one_is_not() -> None:
    dcr = {**empty_client_describe("agent"), "ClientType": "DCR"}
    regular = {**empty_client_describe("web"), "ClientType": "REGULAR"}
    exported = build_pool(pool(clients=[client(dcr), client(regular)]))
    assert "dynamic client registration" in exported.inline[("clients", 0, "client_name")]
    assert ("clients", 1, "client_name") not in exported.inline
    assert all("client_type" not in spec for spec in exported.pool["clients"])
