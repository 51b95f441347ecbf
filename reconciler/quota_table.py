"""Cognito's API request-rate quotas for the operations that manage user pools: pure data.

The one place that maps operations to Cognito's quota categories and rates. The
client-side limiter (``reconciler/aws/pacing.py``) and the sandbox's emulated
quotas (``reconciler/sandbox/quotas.py``) both read it, so the tool paces itself
by exactly the rules the emulator enforces. Nothing here imports boto3 or moto.

Source: AWS, "Quotas in Amazon Cognito", section "Amazon Cognito user pools API
operation categories and request rate quotas", and the Service Quotas entries of
cognito-idp ("Rate of UserPoolClientRead requests per account" 15, "... per user
pool" 5, and so on). All six categories are per account and Region, shared by
every app in the account, and not adjustable. In the four client and resource
categories, footnote 1 adds: "Any individual operation in this category has a
constraint that prevents the operation from being called at a rate higher than
5 RPS for a single user pool."

Operations newer than that table (managed login branding, terms, client secrets)
are ASSUMED to sit with their kind's reads and writes. Operations missing here
(users, authentication, ...) are not used by the tool and are not paced.

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

# Requests per second allowed per account and Region, by category (all operations
# of the category together).
CATEGORY_RATES: Final[dict[str, float]] = {
    USER_POOL_READ: 15.0,
    USER_POOL_UPDATE: 15.0,
    USER_POOL_CLIENT_READ: 15.0,
    USER_POOL_CLIENT_UPDATE: 15.0,
    USER_POOL_RESOURCE_READ: 20.0,
    USER_POOL_RESOURCE_UPDATE: 15.0,
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

# Whether the per-pool limit above is per operation (as footnote 1 is quoted) or per
# category. The quote could not be re-verified against AWS's page with the search
# tools (issue 15), so the client paces per category (the stricter reading: every
# operation of the category on one pool shares one budget) while the sandbox
# enforces the quoted per-operation reading: a paced run is within both.
PACED_PER_POOL_SCOPE: Final = "category"
ENFORCED_PER_POOL_SCOPE: Final = "operation"

# The operations of each category.
OPERATIONS: Final[dict[str, tuple[str, ...]]] = {
    USER_POOL_READ: (
        "DescribeUserPool",
        "ListUserPools",
        "GetUserPoolMfaConfig",
        "GetUICustomization",
        "DescribeRiskConfiguration",
        "GetLogDeliveryConfiguration",
        "GetSigningCertificate",
        "GetCSVHeader",
        "DescribeUserImportJob",
        "ListUserImportJobs",
        "ListTagsForResource",
    ),
    USER_POOL_UPDATE: (
        "CreateUserPool",
        "UpdateUserPool",
        "DeleteUserPool",
        "AddCustomAttributes",
        "SetUserPoolMfaConfig",
        "SetUICustomization",
        "SetRiskConfiguration",
        "SetLogDeliveryConfiguration",
        "CreateUserImportJob",
        "StartUserImportJob",
        "StopUserImportJob",
        "TagResource",
        "UntagResource",
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
        "DescribeManagedLoginBranding",  # ASSUMED
        "DescribeManagedLoginBrandingByClient",  # ASSUMED
        "DescribeTerms",  # ASSUMED
        "ListTerms",  # ASSUMED
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
        "CreateManagedLoginBranding",  # ASSUMED
        "UpdateManagedLoginBranding",  # ASSUMED
        "DeleteManagedLoginBranding",  # ASSUMED
        "CreateTerms",  # ASSUMED
        "UpdateTerms",  # ASSUMED
        "DeleteTerms",  # ASSUMED
    ),
}

# Operation -> its category (the inverse of OPERATIONS).
CATEGORY_OF: Final[dict[str, str]] = {
    operation: category for category, operations in OPERATIONS.items()
    for operation in operations
}
