"""The operation -> quota category table against AWS's page (issue 15 item 6).

Source: "Quotas in Amazon Cognito", section "Amazon Cognito user pools API operation
categories and request rate quotas" (docs.aws.amazon.com/cognito/latest/developerguide/
quotas.html, the version that documents the provisioning API), quoted in
``reconciler/quota_table.py``. Each correction of the table has a test here.
"""

from __future__ import annotations

import pytest

from reconciler import quota_table
from reconciler.aws import pacing

# Every operation the page lists in the four categories the tool's calls fall in,
# and the two of the provisioning API.
PAGE = {
    "UserPoolRead": {"DescribeUserPool", "ListUserPools"},
    "UserPoolUpdate": {"CreateUserPool", "UpdateUserPool", "DeleteUserPool"},
    "UserPoolResourceRead": {
        "DescribeIdentityProvider", "DescribeResourceServer", "DescribeUserImportJob",
        "DescribeUserPoolDomain", "GetCSVHeader", "GetGroup", "GetSigningCertificate",
        "GetIdentityProviderByIdentifier", "GetUserPoolMfaConfig", "ListGroups",
        "ListIdentityProviders", "ListResourceServers", "ListTagsForResource",
        "ListUserImportJobs", "DescribeRiskConfiguration", "GetUICustomization",
        "DescribeManagedLoginBranding", "DescribeManagedLoginBrandingByClient"},
    "UserPoolResourceUpdate": {
        "AddCustomAttributes", "CreateGroup", "CreateIdentityProvider",
        "CreateResourceServer", "CreateUserImportJob", "CreateUserPoolDomain",
        "DeleteGroup", "DeleteIdentityProvider", "DeleteResourceServer",
        "DeleteUserPoolDomain", "SetUserPoolMfaConfig", "StartUserImportJob",
        "StopUserImportJob", "UpdateGroup", "UpdateIdentityProvider",
        "UpdateResourceServer", "UpdateUserPoolDomain", "SetRiskConfiguration",
        "SetUICustomization", "TagResource", "UntagResource",
        "CreateManagedLoginBranding", "UpdateManagedLoginBranding",
        "DeleteManagedLoginBranding"},
    "UserPoolClientRead": {"DescribeUserPoolClient", "ListUserPoolClients"},
    "UserPoolClientUpdate": {"CreateUserPoolClient", "DeleteUserPoolClient",
                             "UpdateUserPoolClient"},
    "LimitManagement": {"GetProvisionedLimit", "UpdateProvisionedLimit"},
}


@pytest.mark.parametrize("category", sorted(PAGE))
def test_every_operation_the_page_lists_is_in_its_category(category: str) -> None:
    wrong = {op: quota_table.CATEGORY_OF.get(op) for op in PAGE[category]
             if quota_table.CATEGORY_OF.get(op) != category}
    assert wrong == {}


@pytest.mark.parametrize("operation", [
    # Corrections (the table had these in UserPoolRead): the page lists them under
    # UserPoolResourceRead, whose per-pool limit they therefore share.
    "GetUserPoolMfaConfig", "GetUICustomization", "DescribeRiskConfiguration",
    "GetSigningCertificate", "GetCSVHeader", "DescribeUserImportJob",
    "ListUserImportJobs", "ListTagsForResource",
])
def test_pool_singleton_reads_are_resource_reads(operation: str) -> None:
    assert quota_table.CATEGORY_OF[operation] == quota_table.USER_POOL_RESOURCE_READ
    assert pacing.category_of(operation) == "resource_read"


@pytest.mark.parametrize("operation", [
    # Corrections (the table had these in UserPoolUpdate).
    "AddCustomAttributes", "SetUserPoolMfaConfig", "SetUICustomization",
    "SetRiskConfiguration", "CreateUserImportJob", "StartUserImportJob",
    "StopUserImportJob", "TagResource", "UntagResource",
])
def test_pool_singleton_writes_are_resource_writes(operation: str) -> None:
    assert quota_table.CATEGORY_OF[operation] == quota_table.USER_POOL_RESOURCE_UPDATE
    assert pacing.category_of(operation) == "resource_write"


def test_branding_is_no_longer_assumed() -> None:
    # The page lists managed login branding: the entries are sourced now.
    for operation in ("DescribeManagedLoginBranding", "DescribeManagedLoginBrandingByClient",
                      "CreateManagedLoginBranding", "UpdateManagedLoginBranding",
                      "DeleteManagedLoginBranding"):
        assert operation not in quota_table.ASSUMED


def test_limit_management_is_one_request_per_second_without_a_per_pool_limit() -> None:
    assert quota_table.CATEGORY_RATES[quota_table.LIMIT_MANAGEMENT] == 1.0
    assert quota_table.LIMIT_MANAGEMENT not in quota_table.PER_POOL_OPERATION_RATES
    assert pacing.category_of("GetProvisionedLimit") == "limit_management"


def test_the_four_footnoted_categories_have_the_per_pool_limit() -> None:
    assert set(quota_table.PER_POOL_OPERATION_RATES) == {
        "UserPoolResourceRead", "UserPoolResourceUpdate",
        "UserPoolClientRead", "UserPoolClientUpdate"}
    assert set(quota_table.PER_POOL_OPERATION_RATES.values()) == {5.0}


def test_defaults_and_adjustability_as_on_the_page() -> None:
    defaults = quota_table.DOCUMENTED_CATEGORIES
    assert defaults["UserAuthentication"] == (120, True)
    assert defaults["LimitManagement"] == (1, False)
    for category, rate in quota_table.CATEGORY_RATES.items():
        assert defaults[category] == (rate, False), category  # none adjustable today
    assert len(defaults) == 18


def test_assumed_entries_are_exactly_the_operations_the_page_does_not_list() -> None:
    listed = set().union(*PAGE.values())
    unlisted = set(quota_table.CATEGORY_OF) - listed
    assert unlisted == set(quota_table.ASSUMED)
    assert {"GetLogDeliveryConfiguration", "SetLogDeliveryConfiguration"} <= unlisted
