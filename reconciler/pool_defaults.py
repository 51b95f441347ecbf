"""What Cognito does with pool (and app client) settings a request leaves out or
spells twice.

One table for the planner, the exporter and the sandbox (the standard attributes
have their own, ``standard_attributes.py``). API-shaped, botocore member names.
Sources are named beside each entry; ASSUMED marks a reading the evidence leaves
open, which the tool must survive either way.
"""

from __future__ import annotations

from typing import Any

DEFAULT_PASSWORD_POLICY: dict[str, Any] = {
    # AWS (terraform-provider-aws TestAccCognitoIDPUserPool_basic): a pool created
    # without Policies gets the console's strict policy.
    "MinimumLength": 8,
    "RequireUppercase": True,
    "RequireLowercase": True,
    "RequireNumbers": True,
    "RequireSymbols": True,
    "TemporaryPasswordValidityDays": 7,
}

# A PasswordPolicy given without some members: ASSUMED the flags read back false
# (plain booleans), the length 8; [M] a TemporaryPasswordValidityDays of 0 means 7.
GIVEN_PASSWORD_POLICY: dict[str, Any] = {
    "MinimumLength": 8,
    "RequireUppercase": False,
    "RequireLowercase": False,
    "RequireNumbers": False,
    "RequireSymbols": False,
    "TemporaryPasswordValidityDays": 7,
}

DEFAULT_SIGN_IN_POLICY: dict[str, Any] = {"AllowedFirstAuthFactors": ["PASSWORD"]}

# AWS: a pool created without AccountRecoverySetting reads one back (terraform-provider-aws
# TestAccCognitoIDPUserPool_basic: account_recovery_setting.# = 1). ASSUMED mechanisms:
# the documented legacy rule, "SMS is preferred over email" [M, AccountRecoverySetting].
DEFAULT_RECOVERY: dict[str, Any] = {
    "RecoveryMechanisms": [
        {"Priority": 1, "Name": "verified_phone_number"},
        {"Priority": 2, "Name": "verified_email"},
    ]
}

# doc: IssuerType "ORIGINAL  The original issuer configuration for user pools" (the
# region's cognito-idp host); UPDATED is opt-in ("Recommended for all user pools").
DEFAULT_ISSUER_CONFIGURATION: dict[str, Any] = {"Type": "ORIGINAL"}
# doc: KeyConfigurationType.KmsKeyArn "If not specified, Amazon Web Services managed keys
# are used"; aws/aws-cdk#38291 names AWS_OWNED_KEY the default.
DEFAULT_KEY_CONFIGURATION: dict[str, Any] = {"KeyType": "AWS_OWNED_KEY"}
# doc: CreateUserPool.AcrConfiguration "By default, the levels are named urn:cognito:loa:1
# through urn:cognito:loa:4".
DEFAULT_ACR_CONFIGURATION: dict[str, Any] = {
    f"Level{n}": {"AcrValue": f"urn:cognito:loa:{n}"} for n in range(1, 5)}

# Top-level pool members AWS always returns, with the value an omission gets.
POOL_DEFAULTS: dict[str, Any] = {
    "Policies": {
        "PasswordPolicy": DEFAULT_PASSWORD_POLICY,
        "SignInPolicy": DEFAULT_SIGN_IN_POLICY,
    },
    # AWS: API-created pools have deletion protection off (the console's default is on).
    "DeletionProtection": "INACTIVE",
    "LambdaConfig": {},
    "VerificationMessageTemplate": {"DefaultEmailOption": "CONFIRM_WITH_CODE"},
    "UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": []},
    "MfaConfiguration": "OFF",
    # AWS [M]: without an EmailConfiguration, Cognito sends with its own account.
    "EmailConfiguration": {"EmailSendingAccount": "COGNITO_DEFAULT"},
    "UserPoolTags": {},
    # UnusedAccountValidityDays is a read-only mirror now (LEGACY_VALIDITY below).
    "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False},
    # AWS [M]: UserPoolTier "Defaults to ESSENTIALS".
    "UserPoolTier": "ESSENTIALS",
    "AccountRecoverySetting": DEFAULT_RECOVERY,
    # The members botocore 1.44 added (reconciler/pool_features.py reads them).
    # ASSUMED: DescribeUserPool shows the issuer and key types of a pool that never set
    # them as their defaults, and DCR as Disabled; the planner reads absence the same way.
    "IssuerConfiguration": DEFAULT_ISSUER_CONFIGURATION,
    "KeyConfiguration": DEFAULT_KEY_CONFIGURATION,
    # doc: UserPoolType.AcrConfiguration "Amazon Cognito always returns the effective
    # configuration, with default names merged in".
    "AcrConfiguration": DEFAULT_ACR_CONFIGURATION,
    "DcrConfiguration": {"EnableStatus": "Disabled"},
}

# Members filled inside a block a request does give (shallow, per block).
BLOCK_DEFAULTS: dict[str, dict[str, Any]] = {
    "EmailConfiguration": {"EmailSendingAccount": "COGNITO_DEFAULT"},
    "VerificationMessageTemplate": {"DefaultEmailOption": "CONFIRM_WITH_CODE"},
    "UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": []},
    "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False},
    # ASSUMED: the two device flags read back as false when the block omits them.
    "DeviceConfiguration": {
        "ChallengeRequiredOnNewDevice": False,
        "DeviceOnlyRememberedOnUserPrompt": False,
    },
}

# Create-only members: the API default of each, which equals leaving it out. AWS
# doesn't return UsernameConfiguration for a pool that never set it; the API default
# is CaseSensitive true [M, UsernameConfigurationType.CaseSensitive].
CREATE_ONLY_DEFAULTS: dict[str, Any] = {
    "UsernameConfiguration": {"CaseSensitive": True},
    "UsernameAttributes": [],
    "AliasAttributes": [],
}

# AdminCreateUserConfig.UnusedAccountValidityDays: DescribeUserPool still returns it
# (API reference example: both 7), but AWS refuses Create/UpdateUserPool requests that
# carry it once TemporaryPasswordValidityDays is set ("Please use
# TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays":
# terraform-provider-aws resourceUserPoolUpdate, hashicorp/terraform#21561,
# pulumi-aws-native#1256). [M]: "This parameter is no longer in use."
LEGACY_VALIDITY = ("AdminCreateUserConfig", "UnusedAccountValidityDays")

# Legacy pool members and the VerificationMessageTemplate members they mirror
# (terraform-provider-aws acceptance test withVerificationMessageTemplate: setting
# either sets the other; #2423: given both, AWS keeps the template's text).
VERIFICATION_MIRRORS: dict[str, str] = {
    "EmailVerificationMessage": "EmailMessage",
    "EmailVerificationSubject": "EmailSubject",
    "SmsVerificationMessage": "SmsMessage",
}

# LambdaConfig.PreTokenGeneration equals PreTokenGenerationConfig.LambdaArn
# [M, PreTokenGenerationVersionConfigType.LambdaArn]. ASSUMED: the legacy member alone
# means the legacy trigger version, V1_0.
PRE_TOKEN_LEGACY = "PreTokenGeneration"
PRE_TOKEN_CONFIG = "PreTokenGenerationConfig"
PRE_TOKEN_LEGACY_VERSION = "V1_0"


# Session configuration: what GetUserPoolSessionConfiguration answers for a pool that never
# called SetUserPoolSessionConfiguration [M], and GetUserPoolClientSessionConfiguration for a
# client [M: "the default SSO session maximum validity of 60 minutes"].
POOL_SESSION_DEFAULT: dict[str, Any] = {"UserSessionTracking": "DISABLED",
                                        "TokenSession": {"MaxPerUser": 20}}
CLIENT_SESSION_DEFAULT: dict[str, Any] = {"SSOSession": {"MaxValidityMinutes": 60}}


# --- app clients ------------------------------------------------------------------------

DEFAULT_AUTH_FLOWS = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"]

# What DescribeUserPoolClient shows for a client created with nothing but a name.
CLIENT_DEFAULTS: dict[str, Any] = {
    # AWS [M]: "your refresh tokens are valid for 30 days".
    "RefreshTokenValidity": 30,
    # AWS returns an empty TokenValidityUnits when none were set (Terraform's
    # provider documents "tokenValidityConfig is never nil").
    "TokenValidityUnits": {},
    # AWS [M]: the flows a client gets when the request names none.
    "ExplicitAuthFlows": DEFAULT_AUTH_FLOWS,
    "AllowedOAuthFlowsUserPoolClient": False,
    # PreventUserExistenceErrors: absent when never set (terraform-provider-aws client
    # basic test expects ""), though [M] says it behaves as LEGACY then.
    # AWS [M]: token revocation is activated for every new client.
    "EnableTokenRevocation": True,
    "EnablePropagateAdditionalUserContextData": False,
    # ASSUMED (Terraform/Pulumi docs): the authentication session lasts 3 minutes.
    "AuthSessionValidity": 3,
}
