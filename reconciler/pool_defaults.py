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

# --- strict mode (issue 13): what a pool created from a spec has where the spec is silent -

# Top-level members a pool created without them doesn't have at all: strict mode manages
# them as none (None in a desired document: left out of every request, which resets
# them). Sources: terraform-provider-aws user_pool.go declares sms_authentication_message
# Optional, not Computed, and its basic test plans clean without it (so AWS returns none);
# TestAccCognitoIDPUserPool_withAdvancedSecurityMode: after an update without
# user_pool_add_ons, user_pool_add_ons.# = 0 (AWS returns none, not OFF).
# DeviceConfiguration: [M] DeviceConfigurationType ("when you provide a value for any
# DeviceConfiguration field, you activate the Amazon Cognito device-remembering
# feature"): a pool that never set it has none. SmsConfiguration is left out: a fresh pool
# has none (TF basic test: sms_configuration.# = 0), but Cognito can't remove one (a new
# pool is needed), so strict mode can't promise to converge on none.
STRICT_ABSENT_POOL_MEMBERS: tuple[str, ...] = (
    "DeviceConfiguration", "SmsAuthenticationMessage", "UserPoolAddOns")

# The members of a block a spec gives in part, at what Cognito gives them when the block
# is given without them (None: absent). Keyed by the block's path; a member not listed
# stays unmanaged (add it here, with its source, to manage it). The shallow values are
# BLOCK_DEFAULTS' (the sandbox's too); the absent ones: TF basic test
# (verification_message_template.# = 1 holding only default_email_option
# CONFIRM_WITH_CODE; email_configuration only COGNITO_DEFAULT; admin_create_user_config
# only allow_admin_create_user_only false).
STRICT_BLOCK_MEMBERS: dict[tuple[str, ...], dict[str, Any]] = {
    ("Policies",): {"PasswordPolicy": DEFAULT_PASSWORD_POLICY,
                    "SignInPolicy": DEFAULT_SIGN_IN_POLICY},
    ("Policies", "PasswordPolicy"): GIVEN_PASSWORD_POLICY,
    ("VerificationMessageTemplate",): {
        **BLOCK_DEFAULTS["VerificationMessageTemplate"], "EmailMessage": None,
        "EmailSubject": None, "SmsMessage": None, "EmailMessageByLink": None,
        "EmailSubjectByLink": None},
    ("EmailConfiguration",): {
        **BLOCK_DEFAULTS["EmailConfiguration"], "SourceArn": None,
        "ReplyToEmailAddress": None, "From": None, "ConfigurationSet": None},
    ("AdminCreateUserConfig",): {
        **BLOCK_DEFAULTS["AdminCreateUserConfig"], "InviteMessageTemplate": None},
    ("DeviceConfiguration",): BLOCK_DEFAULTS["DeviceConfiguration"],
}

# Parts CreateUserPool doesn't make (each has its own Create/Set call: API reference):
# in strict mode a part kind the spec doesn't name is managed as none, so a live one is
# planned for removal, by name. Lists by spec key (clients too), then single parts.
# Replicas: a pool is made without any (doc: CreateUserPoolReplica makes each one), and a
# replica's delete says it deletes that region's copy (plan/replicas.py).
STRICT_NO_POOL_LISTS: tuple[str, ...] = (
    "clients", "groups", "resource_servers", "identity_providers", "replicas")
STRICT_NO_POOL_PARTS: tuple[str, ...] = (
    "domain", "ui_customization", "risk_configuration", "log_delivery_configuration")
STRICT_NO_CLIENT_PARTS: tuple[str, ...] = (
    "ui_customization", "risk_configuration", "managed_login_branding")
# A client's listed parts, each made by its own call (CreateTerms, CreateCIMDPolicy: API
# reference): a client made from the spec has none.
STRICT_NO_CLIENT_LISTS: tuple[str, ...] = ("terms", "cimd_policies")

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

# Client members a client created without them doesn't have: strict mode leaves them out
# of every update (as `remove:` does), so a live one is a change. TF client basic test:
# analytics_configuration.# = 0 and default_redirect_uri "" for a client created with a
# name only. PreventUserExistenceErrors stays unmanaged: never set it reads back absent,
# but [M] says it then behaves as LEGACY, and which of the two an update that omits it
# reads back is not established.
STRICT_ABSENT_CLIENT_MEMBERS: tuple[str, ...] = ("AnalyticsConfiguration", "DefaultRedirectURI")

# Parts Cognito always answers for: strict mode manages them, when the spec leaves them
# out, at the answer for a resource that never set them (the values' sources are above).
STRICT_POOL_PART_DEFAULTS: dict[str, Any] = {"session_configuration": POOL_SESSION_DEFAULT}
STRICT_CLIENT_PART_DEFAULTS: dict[str, Any] = {
    "session_configuration": CLIENT_SESSION_DEFAULT}
