"""What Cognito fills in for settings a request leaves out, API-shaped.

Export leaves out settings equal to these, as a person writing the spec would.
The values are what CreateUserPool / CreateUserPoolClient give for a request that
omits the setting (the sandbox mirrors AWS here: ``tests/unit/export`` checks this
table against the sandbox's answers to empty requests). ``given`` holds the values
that the members of a block get when the block is given without them: a block is
only trimmed to what recreates it exactly.

``absent`` may list more than one value: AWS shows some never-set settings as a
value that means the same as leaving them out (TOTP ``Enabled: false``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from reconciler import pool_defaults as shared
from reconciler.standard_attributes import STANDARD_ATTRIBUTES as _STANDARD


@dataclass(frozen=True)
class Default:
    """The defaults of one member: values that equal leaving it out, and for a
    structure, the defaults of its own members when it is given."""

    absent: tuple[Any, ...] = ()
    given: Mapping[str, Default] = field(default_factory=dict)


def _leaves(values: Mapping[str, Any]) -> dict[str, Default]:
    return {name: Default((value,)) for name, value in values.items()}


# The values come from the table the planner and the sandbox use too.
_PASSWORD_POLICY_GIVEN = shared.GIVEN_PASSWORD_POLICY
PASSWORD_POLICY: dict[str, Any] = shared.DEFAULT_PASSWORD_POLICY
SIGN_IN_POLICY: dict[str, Any] = shared.DEFAULT_SIGN_IN_POLICY

_ADMIN_CREATE_USER = shared.BLOCK_DEFAULTS["AdminCreateUserConfig"]
_EMAIL = shared.BLOCK_DEFAULTS["EmailConfiguration"]
_VERIFICATION = shared.BLOCK_DEFAULTS["VerificationMessageTemplate"]
_DEVICES = shared.BLOCK_DEFAULTS["DeviceConfiguration"]
_DEFAULT = shared.POOL_DEFAULTS

# CreateUserPool members (and SetUserPoolMfaConfig's, which sit on the pool in a spec).
POOL: dict[str, Default] = {
    "Policies": Default(
        ({"PasswordPolicy": PASSWORD_POLICY, "SignInPolicy": SIGN_IN_POLICY},),
        {
            "PasswordPolicy": Default((PASSWORD_POLICY,), _leaves(_PASSWORD_POLICY_GIVEN)),
            "SignInPolicy": Default((SIGN_IN_POLICY,)),
        },
    ),
    "DeletionProtection": Default((_DEFAULT["DeletionProtection"],)),
    "LambdaConfig": Default((_DEFAULT["LambdaConfig"],)),
    "VerificationMessageTemplate": Default((_VERIFICATION,), _leaves(_VERIFICATION)),
    "UserAttributeUpdateSettings": Default((_DEFAULT["UserAttributeUpdateSettings"],)),
    "MfaConfiguration": Default((_DEFAULT["MfaConfiguration"],)),
    "EmailConfiguration": Default((_EMAIL,), _leaves(_EMAIL)),
    "UserPoolTags": Default((_DEFAULT["UserPoolTags"],)),
    "AdminCreateUserConfig": Default((_ADMIN_CREATE_USER,), _leaves(_ADMIN_CREATE_USER)),
    "UserPoolTier": Default((_DEFAULT["UserPoolTier"],)),
    "AccountRecoverySetting": Default((_DEFAULT["AccountRecoverySetting"],)),
    "DeviceConfiguration": Default((), _leaves(_DEVICES)),
    # The API's default (the console makes pools case-insensitive).
    "UsernameConfiguration": Default((shared.CREATE_ONLY_DEFAULTS["UsernameConfiguration"],)),
    # Not a default: a pool that never set it shows none (terraform-provider-aws
    # withAdvancedSecurityMode: user_pool_add_ons.# = 0 after an update without it), so
    # OFF set by hand is written out (strict mode would otherwise plan it away).
    # GetUserPoolMfaConfig's never-set factors.
    "SoftwareTokenMfaConfiguration": Default(({"Enabled": False},)),
    "WebAuthnConfiguration": Default(({"UserVerification": "preferred"},)),
}

DEFAULT_AUTH_FLOWS = shared.DEFAULT_AUTH_FLOWS
_CLIENT = shared.CLIENT_DEFAULTS

# CreateUserPoolClient members; token lifetimes are compared as durations elsewhere.
CLIENT: dict[str, Default] = {
    "GenerateSecret": Default((False,)),
    "ExplicitAuthFlows": Default((_CLIENT["ExplicitAuthFlows"],)),
    "AllowedOAuthFlowsUserPoolClient": Default((_CLIENT["AllowedOAuthFlowsUserPoolClient"],)),
    # Absent when never set; [M]: that behaves as LEGACY, so LEGACY is left out too.
    "PreventUserExistenceErrors": Default(("LEGACY",)),
    "EnableTokenRevocation": Default((_CLIENT["EnableTokenRevocation"],)),
    "EnablePropagateAdditionalUserContextData": Default(
        (_CLIENT["EnablePropagateAdditionalUserContextData"],)),
    "AuthSessionValidity": Default((_CLIENT["AuthSessionValidity"],)),
    "RefreshTokenRotation": Default(({"Feature": "DISABLED"},
                                     {"Feature": "DISABLED", "RetryGracePeriodSeconds": 0})),
}

DOMAIN: dict[str, Default] = {"ManagedLoginVersion": Default((1,))}
MANAGED_LOGIN_BRANDING: dict[str, Default] = {"UseCognitoProvidedValues": Default((False,))}


# The standard attributes as DescribeUserPool lists them for a pool that didn't set them.
STANDARD_ATTRIBUTES = _STANDARD

# ProviderDetails keys a request may set, by provider type. Describe adds keys the
# service derives (endpoints, token method, SAML certificates); those are left out.
# OIDC isn't listed: every key it returns may have been set (or discovered), so all stay.
SETTABLE_PROVIDER_DETAILS: dict[str, frozenset[str]] = {
    "Google": frozenset({"client_id", "client_secret", "authorize_scopes"}),
    "Facebook": frozenset({"client_id", "client_secret", "authorize_scopes", "api_version"}),
    "LoginWithAmazon": frozenset({"client_id", "client_secret", "authorize_scopes"}),
    "SignInWithApple": frozenset({"client_id", "team_id", "key_id", "private_key",
                                  "authorize_scopes"}),
    "SAML": frozenset({"MetadataFile", "MetadataURL", "IDPSignout", "IDPInit",
                       "EncryptedResponses", "RequestSigningAlgorithm"}),
}
# Secrets a provider type can't work without: referenced even when describe hides them.
REQUIRED_SECRETS: dict[str, tuple[str, ...]] = {
    "Google": ("client_secret",),
    "Facebook": ("client_secret",),
    "LoginWithAmazon": ("client_secret",),
    "SignInWithApple": ("private_key",),
}
# AWS maps the provider's subject to the username unless the mapping says otherwise.
SERVER_FILLED_MAPPING = {"username": "sub"}
