"""Issue 10.7: MFA specs that can't converge are refused by validate, in spec keys.

Evidence (see docs/fidelity.md, "Rules `validate` checks before any call"):
- OFF beside a factor block: "Invalid MFA configuration given, can't turn off MFA and
  configure an MFA together." (terraform-provider-aws user_pool.go comment; measured in
  go-to-k/cdkd#1923). WebAuthn is no MFA factor and is accepted beside OFF (same).
- ON/OPTIONAL without a factor: "SMS MFA, Email MFA, or Software Token MFA must be
  enabled." (go-to-k/cdkd#1920, anomalyco/sst#5177).
- email MFA: doc: EmailMfaConfigType "your user pool must be in the Essentials tier or
  higher"; AWS developer guide (user-pool-email): "Requires ... Amazon SES email
  configuration"; aws-amplify/amplify-js#14067.
- SMS MFA: doc: SmsMfaConfigType.SmsConfiguration, set in the block or on the pool.
"""

from __future__ import annotations

from pathlib import Path

from _spec_helpers import problems, write

from reconciler.spec import load_spec

HEAD = "version: 1\nuser_pools:\n  - pool_name: p\n"
SMS = (
    "    sms_configuration:\n"
    "      sns_caller_arn: arn:aws:iam::123456789012:role/sms\n"
    "      external_id: x\n"
)
DEVELOPER_EMAIL = (
    "    email_configuration:\n"
    "      email_sending_account: DEVELOPER\n"
    "      source_arn: arn:aws:ses:us-east-1:123456789012:identity/a@example.com\n"
)


def _pool(tmp_path: Path, body: str) -> str:
    return write(tmp_path, "a.yaml", HEAD + body)


def test_off_beside_an_enabled_factor_is_refused_at_the_block(tmp_path: Path) -> None:
    f = _pool(
        tmp_path,
        "    mfa_configuration: 'OFF'\n"
        "    software_token_mfa_configuration: {enabled: true}\n"
        "    email_mfa_configuration: {subject: Code}\n" + DEVELOPER_EMAIL,
    )
    fix = "remove it, or set mfa_configuration to OPTIONAL or ON"
    assert problems([f]) == [
        f"{f}:5:5: error: software_token_mfa_configuration enables an MFA factor but "
        f"mfa_configuration is 'OFF' (at {f}:4:5); Cognito refuses MFA off together with a "
        f"factor, so this never converges: {fix} "
        "(at user_pools[0].software_token_mfa_configuration)",
        f"{f}:6:5: error: email_mfa_configuration enables an MFA factor but "
        f"mfa_configuration is 'OFF' (at {f}:4:5); Cognito refuses MFA off together with a "
        f"factor, so this never converges: {fix} "
        "(at user_pools[0].email_mfa_configuration)",
    ]


def test_off_beside_passkeys_is_valid_and_beside_disabled_totp_refused(
    tmp_path: Path,
) -> None:
    # Passkeys are no MFA factor: accepted beside OFF. A disabled TOTP block is refused
    # by Cognito beside OFF and, dropped by the tool, never reads back: no effect, so out.
    f = _pool(
        tmp_path,
        "    mfa_configuration: 'OFF'\n"
        "    web_authn_configuration: {relying_party_id: auth.example.com}\n"
        "  - pool_name: q\n"
        "    mfa_configuration: 'OFF'\n"
        "    software_token_mfa_configuration: {enabled: false}\n",
    )
    assert problems([f]) == [
        f"{f}:8:5: error: software_token_mfa_configuration has no effect while "
        f"mfa_configuration is 'OFF' (at {f}:7:5), and Cognito refuses it beside OFF: "
        "remove it (at user_pools[1].software_token_mfa_configuration)"
    ]


def test_on_or_optional_without_an_enabled_factor(tmp_path: Path) -> None:
    f = _pool(
        tmp_path,
        "    mfa_configuration: 'ON'\n"
        "    web_authn_configuration: {relying_party_id: auth.example.com}\n"
        "  - pool_name: q\n"
        "    mfa_configuration: OPTIONAL\n"
        "    software_token_mfa_configuration: {enabled: false}\n" + SMS,
    )
    fix = (
        "needs an enabled MFA factor: add software_token_mfa_configuration: "
        "{enabled: true}, sms_mfa_configuration or email_mfa_configuration (passkeys, "
        "web_authn_configuration, are not an MFA factor)"
    )
    assert problems([f]) == [
        f"{f}:4:5: error: mfa_configuration 'ON' {fix} (at user_pools[0].mfa_configuration)",
        f"{f}:7:5: error: mfa_configuration 'OPTIONAL' {fix} (at user_pools[1].mfa_configuration)",
    ]


def test_sms_mfa_needs_an_sms_configuration(tmp_path: Path) -> None:
    f = _pool(
        tmp_path,
        "    mfa_configuration: 'ON'\n"
        "    sms_mfa_configuration: {sms_authentication_message: 'Code {####}'}\n"
        "  - pool_name: q\n"  # the pool's own sms_configuration serves the block
        "    mfa_configuration: 'ON'\n"
        "    sms_mfa_configuration: {}\n" + SMS,
    )
    assert problems([f]) == [
        f"{f}:5:5: error: sms_mfa_configuration needs an sms_configuration (an SNS role), "
        "in the block or on the pool (at user_pools[0].sms_mfa_configuration)"
    ]


def test_email_mfa_needs_essentials_and_developer_email(tmp_path: Path) -> None:
    f = _pool(
        tmp_path,
        "    user_pool_tier: LITE\n"
        "    mfa_configuration: OPTIONAL\n"
        "    email_mfa_configuration: {subject: Code}\n" + DEVELOPER_EMAIL + "  - pool_name: q\n"
        "    mfa_configuration: OPTIONAL\n"
        "    email_mfa_configuration: {subject: Code}\n"
        "    email_configuration: {email_sending_account: COGNITO_DEFAULT}\n"
        "  - pool_name: r\n"
        "    mfa_configuration: OPTIONAL\n"
        "    email_mfa_configuration: {subject: Code}\n",
    )
    ses = (
        "email_mfa_configuration needs Amazon SES: set email_configuration."
        "email_sending_account: DEVELOPER with a source_arn"
    )
    assert problems([f]) == [
        f"{f}:6:5: error: email_mfa_configuration needs user_pool_tier ESSENTIALS or PLUS, "
        f"not LITE (at {f}:4:5) (at user_pools[0].email_mfa_configuration)",
        f"{f}:12:5: error: {ses} (at user_pools[1].email_mfa_configuration)",
        f"{f}:16:5: error: {ses} (at user_pools[2].email_mfa_configuration)",
    ]


def test_shipped_specs_have_convergent_mfa() -> None:
    root = Path(__file__).resolve().parents[3]
    for name in ("workshop.yaml", "kitchen-sink.yaml", "saas-app.yaml"):
        load_spec(
            [str(root / "specs" / name)],
            environ={
                "KITCHEN_SINK_OIDC_SECRET": "s" * 30,
                "KITCHEN_SINK_BACKEND_SECRET": "s" * 30,
                "GOOGLE_CLIENT_SECRET": "s" * 30,
            },
        )
