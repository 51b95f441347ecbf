"""Cognito's API request-rate quotas for the operations that manage user pools: pure data.

The one place that maps operations to Cognito's quota categories and rates. The
client-side limiter (``reconciler/aws/pacing.py``) and the sandbox's emulated
quotas (``reconciler/sandbox/quotas.py``) both read it, so the tool paces itself
by exactly the rules the emulator enforces. Nothing here imports boto3 or moto.

Source (checked for every operation the tool calls, issue 15 item 6): AWS, "Quotas
in Amazon Cognito" (docs.aws.amazon.com/cognito/latest/developerguide/quotas.html),
section "Amazon Cognito user pools API operation categories and request rate
quotas", table "Amazon Cognito user pools per-category request rate quotas", in the
version that documents the provisioning API (read as the page's Markdown source
through the search tools' file index; the awsdocs/amazon-cognito-developer-guide
copy of doc_source/limits.md has the same categories, rates and footnote, with the
operation lists stripped). The page's own words:

- "each operation belongs to a category. Each category has its own pooled quota for
  all member API operations, across all user pools in one AWS Region in your
  account." "Amazon Cognito restricts operations in some categories[3] to 5 requests
  per second (RPS), per user pool. The Default quota (RPS) additionally applies to
  all user pools in an AWS account."
- footnote 3, on UserPoolResourceRead, UserPoolResourceUpdate, UserPoolClientRead and
  UserPoolClientUpdate: "Any individual operation in this category has a constraint
  that prevents the operation from being called at a rate higher than 5 RPS for a
  single user pool."
- UserPoolRead "DescribeUserPool, ListUserPools | Operations that read your user
  pools. | 15 | No"; UserPoolUpdate "CreateUserPool, UpdateUserPool, DeleteUserPool
  | 15 | No". Every other pool-level read (GetUserPoolMfaConfig, GetUICustomization,
  DescribeRiskConfiguration, GetSigningCertificate, ListTagsForResource, ...) is listed
  under UserPoolResourceRead (20, No) and every other pool-level write
  (AddCustomAttributes, SetUserPoolMfaConfig, SetUICustomization,
  SetRiskConfiguration, TagResource, UntagResource, ...) under UserPoolResourceUpdate
  (15, No). Before this check the table had those in UserPoolRead/UserPoolUpdate.
- LimitManagement "GetProvisionedLimit, UpdateProvisionedLimit | Operations that
  retrieve or update your provisioned API rate limits | 1 | No"; and under "Managing
  provisioned limits": "The LimitManagement category ... is rate-limited to 1 request
  per second per account." "Only adjustable quota categories support provisioning."

Operations the page does not list (``ASSUMED`` below: log delivery, client secrets,
terms, and whatever newer parts add) sit with the reads or writes of the kind of
thing they touch; the pool-level ones with the resource categories, as the page
puts every pool-level read and write other than the pool's own. Operations missing
here (users, authentication, ...) are not used by the tool and are not paced.

Treat the dicts as read-only.
"""

from __future__ import annotations

from typing import Final

USER_POOL_READ: Final = "UserPoolRead"
USER_POOL_UPDATE: Final = "UserPoolUpdate"
USER_POOL_CLIENT_READ: Final = "UserPoolClientRead"
USER_POOL_CLIENT_UPDATE: Final = "UserPoolClientUpdate"
USER_POOL_RESOURCE_READ: Final = "UserPoolResourceRead"
USER_POOL_RESOURCE_UPDATE: Final = "UserPoolResourceUpdate"
LIMIT_MANAGEMENT: Final = "LimitManagement"

# Requests per second allowed per account and Region, by category (all operations
# of the category together): the page's "Default quota (RPS)". The client may pace
# a category at its provisioned rate instead (``reconciler/aws/provisioned.py``).
CATEGORY_RATES: Final[dict[str, float]] = {
    USER_POOL_READ: 15.0,
    USER_POOL_UPDATE: 15.0,
    USER_POOL_CLIENT_READ: 15.0,
    USER_POOL_CLIENT_UPDATE: 15.0,
    USER_POOL_RESOURCE_READ: 20.0,
    USER_POOL_RESOURCE_UPDATE: 15.0,
    LIMIT_MANAGEMENT: 1.0,
}

# Every category of the page's table: (default quota in requests/s, adjustable). The
# sandbox answers GetProvisionedLimit for any of them; only the ones above are paced.
DOCUMENTED_CATEGORIES: Final[dict[str, tuple[int, bool]]] = {
    "UserAuthentication": (120, True),
    "UserCreation": (50, True),
    "UserFederation": (25, True),
    "UserAccountRecovery": (30, False),
    "UserRead": (120, True),
    "UserUpdate": (25, False),
    "UserToken": (120, True),
    "UserResourceRead": (50, True),
    "UserResourceUpdate": (25, False),
    "UserList": (30, False),
    USER_POOL_READ: (15, False),
    USER_POOL_UPDATE: (15, False),
    USER_POOL_RESOURCE_READ: (20, False),
    USER_POOL_RESOURCE_UPDATE: (15, False),
    USER_POOL_CLIENT_READ: (15, False),
    USER_POOL_CLIENT_UPDATE: (15, False),
    "ClientAuthentication": (150, False),
    LIMIT_MANAGEMENT: (1, False),
}

# Requests per second allowed for any one operation of the category on one user
# pool (on top of the category's account-wide rate). Categories absent here have
# no per-pool limit.
PER_POOL_OPERATION_RATES: Final[dict[str, float]] = {
    USER_POOL_CLIENT_READ: 5.0,
    USER_POOL_CLIENT_UPDATE: 5.0,
    USER_POOL_RESOURCE_READ: 5.0,
    USER_POOL_RESOURCE_UPDATE: 5.0,
}

# Whether the per-pool limit above is per operation or per category: per operation.
# Footnote 3 (checked word for word, see the docstring) says so ("Any individual
# operation in this category has a constraint that prevents the operation from being
# called at a rate higher than 5 RPS for a single user pool"); the section's "restricts
# operations in some categories to 5 requests per second (RPS), per user pool" doesn't
# contradict it, and no public source found says otherwise (issue threads quoting
# Cognito throttles name only the account-wide categories). So the client paces what
# the sandbox enforces. Were AWS stricter (one 5/s budget per category per pool), a
# run with many calls of one category on one pool would meet throttles: botocore's
# standard retry (the tool's mode) backs off and resends them and the limiter halves
# that category's rate, and the conformance suite in tests/aws would show them
# (docs/fidelity.md, "Quotas and pacing").
# The per-pool limit is not part of a provisioned limit: "Provisioned limits are
# account-level resources. They apply to the aggregate rate of all requests from all
# user pools", so it stays 5 whatever GetProvisionedLimit answers.
PACED_PER_POOL_SCOPE: Final = "operation"
ENFORCED_PER_POOL_SCOPE: Final = "operation"

# The operations of each category: the page's lists (for the operations the tool can
# call), then the ones the page doesn't list, marked ASSUMED (see the docstring).
OPERATIONS: Final[dict[str, tuple[str, ...]]] = {
    USER_POOL_READ: (
        "DescribeUserPool",
        "ListUserPools",
        # Replicas act on the whole pool (a copy of it in another region), as these do.
        "ListUserPoolReplicas",  # ASSUMED
    ),
    USER_POOL_UPDATE: (
        "CreateUserPool",
        "UpdateUserPool",
        "DeleteUserPool",
        "CreateUserPoolReplica",  # ASSUMED
        "UpdateUserPoolReplica",  # ASSUMED
        "DeleteUserPoolReplica",  # ASSUMED
    ),
    USER_POOL_CLIENT_READ: (
        "DescribeUserPoolClient",
        "ListUserPoolClients",
        "ListUserPoolClientSecrets",  # ASSUMED
    ),
    USER_POOL_CLIENT_UPDATE: (
        "CreateUserPoolClient",
        "UpdateUserPoolClient",
        "DeleteUserPoolClient",
        "AddUserPoolClientSecret",  # ASSUMED
        "DeleteUserPoolClientSecret",  # ASSUMED
    ),
    USER_POOL_RESOURCE_READ: (
        "GetGroup",
        "ListGroups",
        "DescribeResourceServer",
        "ListResourceServers",
        "DescribeIdentityProvider",
        "GetIdentityProviderByIdentifier",
        "ListIdentityProviders",
        "DescribeUserPoolDomain",
        "GetUserPoolMfaConfig",
        "GetUICustomization",
        "DescribeRiskConfiguration",
        "GetSigningCertificate",
        "GetCSVHeader",
        "DescribeUserImportJob",
        "ListUserImportJobs",
        "ListTagsForResource",
        "DescribeManagedLoginBranding",
        "DescribeManagedLoginBrandingByClient",
        "GetLogDeliveryConfiguration",  # ASSUMED
        "GetUserPoolSessionConfiguration",  # ASSUMED
        "GetUserPoolClientSessionConfiguration",  # ASSUMED
        "DescribeTerms",  # ASSUMED
        "ListTerms",  # ASSUMED
        "DescribeTermsByClient",  # ASSUMED
        "DescribeCIMDPolicy",  # ASSUMED
        "ListCIMDPolicies",  # ASSUMED
    ),
    USER_POOL_RESOURCE_UPDATE: (
        "CreateGroup",
        "UpdateGroup",
        "DeleteGroup",
        "CreateResourceServer",
        "UpdateResourceServer",
        "DeleteResourceServer",
        "CreateIdentityProvider",
        "UpdateIdentityProvider",
        "DeleteIdentityProvider",
        "CreateUserPoolDomain",
        "UpdateUserPoolDomain",
        "DeleteUserPoolDomain",
        "AddCustomAttributes",
        "SetUserPoolMfaConfig",
        "SetUICustomization",
        "SetRiskConfiguration",
        "CreateUserImportJob",
        "StartUserImportJob",
        "StopUserImportJob",
        "TagResource",
        "UntagResource",
        "CreateManagedLoginBranding",
        "UpdateManagedLoginBranding",
        "DeleteManagedLoginBranding",
        "SetLogDeliveryConfiguration",  # ASSUMED
        "SetUserPoolSessionConfiguration",  # ASSUMED
        "SetUserPoolClientSessionConfiguration",  # ASSUMED
        "CreateTerms",  # ASSUMED
        "UpdateTerms",  # ASSUMED
        "DeleteTerms",  # ASSUMED
        "CreateCIMDPolicy",  # ASSUMED
        "UpdateCIMDPolicy",  # ASSUMED
        "DeleteCIMDPolicy",  # ASSUMED
    ),
    LIMIT_MANAGEMENT: (
        "GetProvisionedLimit",
        "UpdateProvisionedLimit",
    ),
}

# The operations the page lists by name (all of its UserPool*, UserPoolClient*,
# UserPoolResource* and LimitManagement rows): every other entry above is ASSUMED.
PAGE_LISTED: Final[frozenset[str]] = frozenset({
    "DescribeUserPool", "ListUserPools", "CreateUserPool", "UpdateUserPool",
    "DeleteUserPool", "DescribeIdentityProvider", "DescribeResourceServer",
    "DescribeUserImportJob", "DescribeUserPoolDomain", "GetCSVHeader", "GetGroup",
    "GetSigningCertificate", "GetIdentityProviderByIdentifier", "GetUserPoolMfaConfig",
    "ListGroups", "ListIdentityProviders", "ListResourceServers", "ListTagsForResource",
    "ListUserImportJobs", "DescribeRiskConfiguration", "GetUICustomization",
    "DescribeManagedLoginBranding", "DescribeManagedLoginBrandingByClient",
    "AddCustomAttributes", "CreateGroup", "CreateIdentityProvider", "CreateResourceServer",
    "CreateUserImportJob", "CreateUserPoolDomain", "DeleteGroup", "DeleteIdentityProvider",
    "DeleteResourceServer", "DeleteUserPoolDomain", "SetUserPoolMfaConfig",
    "StartUserImportJob", "StopUserImportJob", "UpdateGroup", "UpdateIdentityProvider",
    "UpdateResourceServer", "UpdateUserPoolDomain", "SetRiskConfiguration",
    "SetUICustomization", "TagResource", "UntagResource", "CreateManagedLoginBranding",
    "UpdateManagedLoginBranding", "DeleteManagedLoginBranding", "DescribeUserPoolClient",
    "ListUserPoolClients", "CreateUserPoolClient", "DeleteUserPoolClient",
    "UpdateUserPoolClient", "GetProvisionedLimit", "UpdateProvisionedLimit",
})

# Operation -> its category (the inverse of OPERATIONS).
CATEGORY_OF: Final[dict[str, str]] = {
    operation: category for category, operations in OPERATIONS.items()
    for operation in operations
}

# The table's entries that the page does not list (their category is our inference).
ASSUMED: Final[frozenset[str]] = frozenset(set(CATEGORY_OF) - PAGE_LISTED)
