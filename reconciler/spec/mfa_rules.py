"""MFA settings Cognito refuses or that can never converge, found offline (issue 10.7).

Evidence, kept to what it supports (docs/fidelity.md has the table):
- MfaConfiguration OFF with a factor block: "Invalid MFA configuration given, can't
  turn off MFA and configure an MFA together." (terraform-provider-aws user_pool.go;
  measured in go-to-k/cdkd#1923). The tool then drops the block to turn MFA off, so
  the spec's factor never appears live: a plan that never converges. A TOTP block
  with enabled: false beside OFF is refused by Cognito too (measured, sandbox
  test_mfa_off_with_a_factor_block_is_refused); whether GetUserPoolMfaConfig then
  reads it back is unknown (the sandbox: no), so it may never converge either: it is
  refused, with the fix (remove it: it has no effect while MFA is off). WebAuthn
  beside OFF is accepted (go-to-k/cdkd#1923).
- ON/OPTIONAL needs a factor: "SMS MFA, Email MFA, or Software Token MFA must be
  enabled." (go-to-k/cdkd#1920; anomalyco/sst#5177). WebAuthn is no MFA factor.
  SetUserPoolMfaConfig replaces every factor, so the spec must name one.
- SMS MFA sends through an SNS role: doc SmsMfaConfigType.SmsConfiguration, set in
  the block or on the pool.
- Email MFA: doc EmailMfaConfigType "must be in the Essentials tier or higher"; AWS
  developer guide (user-pool-email) "Requires ... Amazon SES email configuration";
  aws-amplify/amplify-js#14067 (AWS: SES must be the email provider).
"""

from __future__ import annotations

from typing import Any

from reconciler.errors import Diagnostic
from reconciler.spec.findings import Locate
from reconciler.spec.findings import error as _error
from reconciler.spec.yaml_source import SpecPath

_FACTOR_KEYS = (
    "software_token_mfa_configuration",
    "sms_mfa_configuration",
    "email_mfa_configuration",
)


def check_pool(pool: dict[str, Any], path: SpecPath, locate: Locate) -> list[Diagnostic]:
    mode = pool.get("mfa_configuration")
    enabled = [key for key in _FACTOR_KEYS if _enables(key, pool.get(key))]
    out: list[Diagnostic] = []
    if mode == "OFF":
        where = locate((*path, "mfa_configuration"))
        for key in enabled:
            out.append(
                _error(
                    locate,
                    (*path, key),
                    (
                        f"{key} enables an MFA factor but mfa_configuration is 'OFF' (at {where}); "
                        "Cognito refuses MFA off together with a factor, so this never converges: "
                        "remove it, or set mfa_configuration to OPTIONAL or ON"
                    ),
                )
            )
        totp = pool.get("software_token_mfa_configuration")
        if isinstance(totp, dict) and "software_token_mfa_configuration" not in enabled:
            out.append(
                _error(
                    locate,
                    (*path, "software_token_mfa_configuration"),
                    (
                        "software_token_mfa_configuration has no effect while "
                        f"mfa_configuration is 'OFF' (at {where}), and Cognito refuses it "
                        "beside OFF: remove it"
                    ),
                )
            )
    elif mode in ("ON", "OPTIONAL") and not enabled:
        out.append(
            _error(
                locate,
                (*path, "mfa_configuration"),
                (
                    f"mfa_configuration '{mode}' needs an enabled MFA factor: add "
                    "software_token_mfa_configuration: {enabled: true}, sms_mfa_configuration or "
                    "email_mfa_configuration (passkeys, web_authn_configuration, are not an MFA "
                    "factor)"
                ),
            )
        )
    out += _sms(pool, path, locate)
    out += _email(pool, path, locate)
    return out


def _enables(key: str, block: Any) -> bool:
    if not isinstance(block, dict):
        return False
    if key == "software_token_mfa_configuration":
        return block.get("enabled") is True
    return True  # an SMS or email block turns its factor on


def _sms(pool: dict[str, Any], path: SpecPath, locate: Locate) -> list[Diagnostic]:
    block = pool.get("sms_mfa_configuration")
    if not isinstance(block, dict) or "sms_configuration" in block:
        return []
    if "sms_configuration" in pool:
        return []
    return [
        _error(
            locate,
            (*path, "sms_mfa_configuration"),
            (
                "sms_mfa_configuration needs an sms_configuration (an SNS role), in the block or "
                "on the pool"
            ),
        )
    ]


def _email(pool: dict[str, Any], path: SpecPath, locate: Locate) -> list[Diagnostic]:
    if not isinstance(pool.get("email_mfa_configuration"), dict):
        return []
    key = (*path, "email_mfa_configuration")
    if pool.get("user_pool_tier") == "LITE":
        return [
            _error(
                locate,
                key,
                (
                    "email_mfa_configuration needs user_pool_tier ESSENTIALS or PLUS, not LITE "
                    f"(at {locate((*path, 'user_pool_tier'))})"
                ),
            )
        ]
    email = pool.get("email_configuration")
    sending = email.get("email_sending_account") if isinstance(email, dict) else None
    if sending != "DEVELOPER":
        return [
            _error(
                locate,
                key,
                (
                    "email_mfa_configuration needs Amazon SES: set email_configuration."
                    "email_sending_account: DEVELOPER with a source_arn"
                ),
            )
        ]
    return []
