"""Terms documents and CIMD policies of an app client (moto 5.2 has neither).

The operations are newer than the installed botocore: the client is made from the
model the tool ships (reconciler/aws/service_model.py), as the tool makes its own.
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.clients import shipped_client

LINKS = {"cognito:default": "https://example.com/terms",
         "cognito:spanish": "https://example.com/es/terms"}


def _code(raised: pytest.ExceptionInfo[ClientError]) -> str:
    return str(raised.value.response["Error"]["Code"])


@pytest.fixture
def raw_idp(sandbox_url: str) -> Any:
    """Without botocore's own checks, so the request reaches the sandbox as sent."""
    return shipped_client(sandbox_url, retries=1, validate=False)


@pytest.fixture
def pool(idp: Any) -> str:
    return str(idp.create_user_pool(PoolName="terms")["UserPool"]["Id"])


def _client(idp: Any, pool: str, name: str = "web") -> str:
    return str(idp.create_user_pool_client(UserPoolId=pool, ClientName=name)[
        "UserPoolClient"]["ClientId"])


def _terms(idp: Any, pool: str, client: str, name: str = "terms-of-use",
           links: dict[str, str] | None = None) -> dict[str, Any]:
    terms: dict[str, Any] = idp.create_terms(
        UserPoolId=pool, ClientId=client, TermsName=name, TermsSource="LINK",
        Enforcement="NONE", Links=links or LINKS)["Terms"]
    return terms


def test_terms_create_describe_by_id_and_by_client(idp: Any, pool: str) -> None:
    client = _client(idp, pool)
    made = _terms(idp, pool, client)
    assert made["ClientId"] == client and made["Links"] == LINKS
    assert {"TermsId", "CreationDate", "LastModifiedDate"} <= set(made)
    by_id = idp.describe_terms(UserPoolId=pool, TermsId=made["TermsId"])["Terms"]
    by_client = idp.describe_terms_by_client(UserPoolId=pool, ClientId=client,
                                             TermsName="terms-of-use")["Terms"]
    assert by_id == by_client == made
    with pytest.raises(ClientError) as raised:
        idp.describe_terms_by_client(UserPoolId=pool, ClientId=client,
                                     TermsName="privacy-policy")
    assert _code(raised) == "ResourceNotFoundException"


def test_terms_names_are_unique_per_client(idp: Any, pool: str) -> None:
    web, mobile = _client(idp, pool), _client(idp, pool, "mobile")
    _terms(idp, pool, web)
    _terms(idp, pool, mobile)  # another client may use the same name
    privacy = _terms(idp, pool, web, "privacy-policy")
    with pytest.raises(ClientError) as raised:
        _terms(idp, pool, web)
    assert _code(raised) == "TermsExistsException"
    with pytest.raises(ClientError) as raised:  # nor by renaming
        idp.update_terms(UserPoolId=pool, TermsId=privacy["TermsId"], TermsName="terms-of-use")
    assert _code(raised) == "TermsExistsException"


def test_terms_name_and_links_are_checked(idp: Any, pool: str) -> None:
    client = _client(idp, pool)
    with pytest.raises(ClientError) as raised:
        _terms(idp, pool, client, "cookie-policy")
    assert _code(raised) == "InvalidParameterException"
    with pytest.raises(ClientError) as raised:
        _terms(idp, pool, client, links={"cognito:klingon": "https://example.com"})
    assert _code(raised) == "InvalidParameterException"
    with pytest.raises(ClientError) as raised:
        _terms(idp, pool, client, links={"cognito:spanish": "https://example.com/es"})
    assert _code(raised) == "InvalidParameterException"
    assert idp.list_terms(UserPoolId=pool)["Terms"] == []


def test_terms_update_list_and_delete(idp: Any, pool: str) -> None:
    client = _client(idp, pool)
    made = _terms(idp, pool, client)
    new_links = {"cognito:default": "https://example.com/v2"}
    updated = idp.update_terms(UserPoolId=pool, TermsId=made["TermsId"], TermsName="terms-of-use",
                               TermsSource="LINK", Enforcement="NONE", Links=new_links)["Terms"]
    assert updated["Links"] == new_links and updated["ClientId"] == client
    listed = idp.list_terms(UserPoolId=pool, MaxResults=10)["Terms"]
    # Summaries only: no client, no links.
    assert [set(t) for t in listed] == [{"TermsId", "TermsName", "Enforcement", "CreationDate",
                                         "LastModifiedDate"}]
    idp.delete_terms(UserPoolId=pool, TermsId=made["TermsId"])
    with pytest.raises(ClientError) as raised:
        idp.describe_terms(UserPoolId=pool, TermsId=made["TermsId"])
    assert _code(raised) == "ResourceNotFoundException"


def test_terms_need_an_existing_client_and_go_with_it(idp: Any, pool: str) -> None:
    with pytest.raises(ClientError) as raised:
        _terms(idp, pool, "nosuchclient")
    assert _code(raised) == "ResourceNotFoundException"
    client = _client(idp, pool)
    made = _terms(idp, pool, client)
    idp.delete_user_pool_client(UserPoolId=pool, ClientId=client)
    with pytest.raises(ClientError) as raised:
        idp.describe_terms(UserPoolId=pool, TermsId=made["TermsId"])
    assert _code(raised) == "ResourceNotFoundException"


def _policy(idp: Any, pool: str, client: str, **extra: Any) -> dict[str, Any]:
    policy: dict[str, Any] = idp.create_cimd_policy(
        UserPoolId=pool, ClientId=client, PolicyName="partners",
        URLPatterns=["https://partners.example.com/*"], **extra)["CIMDPolicy"]
    return policy


def test_cimd_policy_defaults_and_describe(idp: Any, pool: str) -> None:
    client = _client(idp, pool)
    made = _policy(idp, pool, client)
    assert made["CacheDuration"] == 86400  # API reference: the default when unset
    assert made["ClientId"] == client and made["CIMDPolicyId"].isalnum()
    described = idp.describe_cimd_policy(UserPoolId=pool, CIMDPolicyId=made["CIMDPolicyId"])
    assert described["CIMDPolicy"] == made
    summary = idp.list_cimd_policies(UserPoolId=pool)["CIMDPolicies"]
    assert [p["PolicyName"] for p in summary] == ["partners"]
    assert "URLPatterns" not in summary[0]


def test_cimd_policy_update_keeps_an_omitted_cache_duration(idp: Any, pool: str) -> None:
    client = _client(idp, pool)
    made = _policy(idp, pool, client, CacheDuration=172800)
    updated = idp.update_cimd_policy(
        UserPoolId=pool, CIMDPolicyId=made["CIMDPolicyId"], ClientId=client,
        URLPatterns=["https://other.example.com/*"])["CIMDPolicy"]
    assert updated["CacheDuration"] == 172800
    assert updated["PolicyName"] == "partners"
    assert updated["URLPatterns"] == ["https://other.example.com/*"]


def test_cimd_policy_checks_patterns_and_range(idp: Any, raw_idp: Any, pool: str) -> None:
    client = _client(idp, pool)
    for bad in ({"URLPatterns": ["http://plain.example.com/*"]},
                {"URLPatterns": ["https://example.com/x"] * 6},
                {"URLPatterns": ["https://example.com/*"], "CacheDuration": 60}):
        with pytest.raises(ClientError) as raised:
            raw_idp.create_cimd_policy(UserPoolId=pool, ClientId=client, PolicyName="p", **bad)
        assert _code(raised) == "InvalidParameterException", bad
    assert idp.list_cimd_policies(UserPoolId=pool)["CIMDPolicies"] == []


def test_cimd_policy_outlives_its_client_without_a_client_id(idp: Any, pool: str) -> None:
    client = _client(idp, pool)
    made = _policy(idp, pool, client)
    idp.delete_user_pool_client(UserPoolId=pool, ClientId=client)
    described = idp.describe_cimd_policy(UserPoolId=pool, CIMDPolicyId=made["CIMDPolicyId"])
    assert "ClientId" not in described["CIMDPolicy"]
    idp.delete_cimd_policy(UserPoolId=pool, CIMDPolicyId=made["CIMDPolicyId"])
    assert idp.list_cimd_policies(UserPoolId=pool)["CIMDPolicies"] == []


def test_cimd_metadata_urls_are_runtime_state(idp: Any, pool: str) -> None:
    made = _policy(idp, pool, _client(idp, pool))
    policy_id = made["CIMDPolicyId"]
    assert idp.list_client_metadata_urls(UserPoolId=pool, CIMDPolicyId=policy_id)[
        "ClientMetadataURLs"] == []
    with pytest.raises(ClientError) as raised:
        idp.update_client_metadata_url_state(UserPoolId=pool, CIMDPolicyId=policy_id,
                                             URL="https://partners.example.com/app",
                                             Action="REFRESH")
    assert _code(raised) == "CachedCIMDURLDoesNotExistException"
