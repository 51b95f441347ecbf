"""MFA: one store for MfaConfiguration, shared by the pool and the MFA calls.

AWS keeps a single MFA mode per pool: UpdateUserPool(MfaConfiguration=X) is
what GetUserPoolMfaConfig returns, and SetUserPoolMfaConfig's mode is what
DescribeUserPool returns. moto keeps two copies that drift apart. Here the
mode lives in the pool record's config; the factor blocks live beside it.
"""

from __future__ import annotations

from typing import Any

from moto.cognitoidp.models import CognitoIdpUserPool

from .calls import Call, handles
from .errors import ApiError, invalid_parameter
from .state import PoolRecord

FACTOR_BLOCKS = ("SmsMfaConfiguration", "SoftwareTokenMfaConfiguration", "EmailMfaConfiguration")
ALL_BLOCKS = (*FACTOR_BLOCKS, "WebAuthnConfiguration")


def _sms_ready(config: dict[str, Any], mfa: dict[str, Any]) -> bool:
    block = mfa.get("SmsMfaConfiguration") or {}
    return bool(config.get("SmsConfiguration") or block.get("SmsConfiguration"))


def _blocks_enable_a_factor(mfa: dict[str, Any]) -> bool:
    totp = (mfa.get("SoftwareTokenMfaConfiguration") or {}).get("Enabled") is True
    return totp or "EmailMfaConfiguration" in mfa or "SmsMfaConfiguration" in mfa


def _check_first_factors(config: dict[str, Any], mode: str) -> None:
    # AWS (measured, see COGNITO.md sources): with MFA ON, only PASSWORD and
    # WEB_AUTHN may be first factors.
    factors = (config.get("Policies") or {}).get("SignInPolicy", {}).get(
        "AllowedFirstAuthFactors", []
    )
    if mode == "ON" and {"EMAIL_OTP", "SMS_OTP"} & set(factors):
        raise invalid_parameter(
            "Only PASSWORD and WEB_AUTHN (if configured) can be enabled as an auth factor "
            "if MFA is enabled"
        )


def check_pool_mode(config: dict[str, Any], mfa: dict[str, Any]) -> None:
    """Create/UpdateUserPool: MFA ON/OPTIONAL needs a factor that can deliver.

    AWS: a pool can turn MFA on only with SMS configured (SmsConfiguration) or
    a factor already set through SetUserPoolMfaConfig (TOTP, email); a new pool
    has none of the latter, so it must be created with MFA OFF or SMS.
    """
    mode = config.get("MfaConfiguration", "OFF")
    if mode != "OFF" and not (config.get("SmsConfiguration") or _blocks_enable_a_factor(mfa)):
        raise invalid_parameter(
            f"MfaConfiguration {mode} needs an MFA factor: configure SmsConfiguration, or "
            "turn on software token (TOTP) or email MFA with SetUserPoolMfaConfig first."
        )
    _check_first_factors(config, mode)


def sync_moto(pool: CognitoIdpUserPool, record: PoolRecord) -> None:
    """Mirror the MFA state into moto's pool, whose sign-in code reads it."""
    pool.mfa_config = record.config.get("MfaConfiguration", "OFF")
    pool.token_mfa_config = record.mfa.get("SoftwareTokenMfaConfiguration")
    pool.sms_mfa_config = record.mfa.get("SmsMfaConfiguration")


def mfa_document(record: PoolRecord) -> dict[str, Any]:
    """GetUserPoolMfaConfig's answer. ASSUMED: blocks never set are absent."""
    return {**record.mfa, "MfaConfiguration": record.config.get("MfaConfiguration", "OFF")}


@handles("GetUserPoolMfaConfig")
def get_user_pool_mfa_config(call: Call) -> dict[str, Any]:
    return mfa_document(call.record(call.pool()))


@handles("SetUserPoolMfaConfig")
def set_user_pool_mfa_config(call: Call) -> dict[str, Any]:
    pool = call.pool()
    record = call.record(pool)
    # AWS (measured): a full replacement. Omitted blocks are dropped and an
    # omitted MfaConfiguration means OFF.
    mode = call.body.get("MfaConfiguration") or "OFF"
    blocks = {key: call.body[key] for key in ALL_BLOCKS if call.body.get(key) is not None}

    if mode == "OFF" and any(key in blocks for key in FACTOR_BLOCKS):
        # AWS (measured): even a block with Enabled=false is refused with OFF.
        # WebAuthn (passkeys) is a sign-in factor, not an MFA factor: allowed.
        # AWS's words, as quoted in terraform-provider-aws user_pool.go and
        # crossplane provider-aws (user pool setMfaConfiguration hook): the conformance snapshot
        # tests/aws/snapshots/SetUserPoolMfaConfig/off-beside-totp.json.
        raise invalid_parameter(
            "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.")
    if "SmsMfaConfiguration" in blocks and not _sms_ready(record.config, blocks):
        raise invalid_parameter(
            "SmsMfaConfiguration needs an SmsConfiguration, in the block or on the user pool."
        )
    if "EmailMfaConfiguration" in blocks:
        # AWS [M]: email MFA needs the Essentials tier or higher, and (measured)
        # a DEVELOPER email configuration: Cognito's own sender can't send it.
        if record.config.get("UserPoolTier") == "LITE":
            raise ApiError(
                "FeatureUnavailableInTierException",
                "Email MFA is not available in the LITE tier; use ESSENTIALS or PLUS.",
            )
        sending = (record.config.get("EmailConfiguration") or {}).get("EmailSendingAccount")
        if sending != "DEVELOPER":
            raise invalid_parameter(
                "Email MFA requires EmailConfiguration.EmailSendingAccount DEVELOPER (Amazon SES)."
            )
    if mode != "OFF" and not _blocks_enable_a_factor(blocks):
        raise invalid_parameter(
            f"MfaConfiguration {mode} needs at least one enabled factor: "
            "SmsMfaConfiguration, SoftwareTokenMfaConfiguration or EmailMfaConfiguration."
        )
    _check_first_factors(record.config, mode)

    record.mfa = blocks
    record.config["MfaConfiguration"] = mode
    sync_moto(pool, record)
    return mfa_document(record)
