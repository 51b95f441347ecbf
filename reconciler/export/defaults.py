"""What Cognito fills in for settings a request leaves out, API-shaped.

Export leaves out settings equal to these, as a person writing the spec would.
The values are what CreateUserPool / CreateUserPoolClient give for a request that
omits the setting (the sandbox mirrors AWS here: ``tests/unit/export`` checks this
table against the sandbox's answers to empty requests). ``given`` holds the values
that the members of a block get when the block is given without them: a block is
only trimmed to what recreates it exactly.

``absent`` may list more than one value: AWS shows some never-set settings as a
value that means the same as leaving them out (``UserPoolAddOns`` with
``AdvancedSecurityMode: OFF``, TOTP ``Enabled: false``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from reconciler.standard_attributes import STANDARD_ATTRIBUTES as _STANDARD


@dataclass(frozen=True)
class Default:
    """The defaults of one member: values that equal leaving it out, and for a
    structure, the defaults of its own members when it is given."""

    absent: tuple[Any, ...] = ()
    given: Mapping[str, Default] = field(default_factory=dict)


def _leaves(values: Mapping[str, Any]) -> dict[str, Default]:
    return {name: Default((value,)) for name, value in values.items()}


# A PasswordPolicy given without some of its members (flags read back false).
_PASSWORD_POLICY_GIVEN = {
    "MinimumLength": 8,
    "RequireUppercase": False,
    "RequireLowercase": False,
    "RequireNumbers": False,
    "RequireSymbols": False,
    "TemporaryPasswordValidityDays": 7,
}
# A pool created without Policies gets the console's strict password policy.
PASSWORD_POLICY: dict[str, Any] = {
    "MinimumLength": 8,
    "RequireUppercase": True,
    "RequireLowercase": True,
    "RequireNumbers": True,
    "RequireSymbols": True,
    "TemporaryPasswordValidityDays": 7,
}
SIGN_IN_POLICY: dict[str, Any] = {"AllowedFirstAuthFactors": ["PASSWORD"]}

_ADMIN_CREATE_USER = {"AllowAdminCreateUserOnly": False, "UnusedAccountValidityDays": 7}
_EMAIL = {"EmailSendingAccount": "COGNITO_DEFAULT"}
_VERIFICATION = {"DefaultEmailOption": "CONFIRM_WITH_CODE"}
_DEVICES = {"ChallengeRequiredOnNewDevice": False, "DeviceOnlyRememberedOnUserPrompt": False}

# CreateUserPool members (and SetUserPoolMfaConfig's, which sit on the pool in a spec).
POOL: dict[str, Default] = {
    "Policies": Default(
        ({"PasswordPolicy": PASSWORD_POLICY, "SignInPolicy": SIGN_IN_POLICY},),
        {
            "PasswordPolicy": Default((PASSWORD_POLICY,), _leaves(_PASSWORD_POLICY_GIVEN)),
            "SignInPolicy": Default((SIGN_IN_POLICY,)),
        },
    ),
    "DeletionProtection": Default(("INACTIVE",)),
    "LambdaConfig": Default(({},)),
    "VerificationMessageTemplate": Default((_VERIFICATION,), _leaves(_VERIFICATION)),
    "UserAttributeUpdateSettings": Default(
        ({"AttributesRequireVerificationBeforeUpdate": []},)),
    "MfaConfiguration": Default(("OFF",)),
    "EmailConfiguration": Default((_EMAIL,), _leaves(_EMAIL)),
    "UserPoolTags": Default(({},)),
    "AdminCreateUserConfig": Default((_ADMIN_CREATE_USER,), _leaves(_ADMIN_CREATE_USER)),
    "UserPoolTier": Default(("ESSENTIALS",)),
    "DeviceConfiguration": Default((), _leaves(_DEVICES)),
    # The API's default (the console makes pools case-insensitive).
    "UsernameConfiguration": Default(({"CaseSensitive": True},)),
    "UserPoolAddOns": Default(({"AdvancedSecurityMode": "OFF"},)),
    # GetUserPoolMfaConfig's never-set factors.
    "SoftwareTokenMfaConfiguration": Default(({"Enabled": False},)),
    "WebAuthnConfiguration": Default(({"UserVerification": "preferred"},)),
}

DEFAULT_AUTH_FLOWS = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"]

# CreateUserPoolClient members; token lifetimes are compared as durations elsewhere.
CLIENT: dict[str, Default] = {
    "GenerateSecret": Default((False,)),
    "ExplicitAuthFlows": Default((DEFAULT_AUTH_FLOWS,)),
    "AllowedOAuthFlowsUserPoolClient": Default((False,)),
    "PreventUserExistenceErrors": Default(("LEGACY",)),
    "EnableTokenRevocation": Default((True,)),
    "EnablePropagateAdditionalUserContextData": Default((False,)),
    "AuthSessionValidity": Default((3,)),
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
