"""Sign-in rules: password length (NIST SP 800-63B-4), MFA factors, sign-up and
verification."""

from __future__ import annotations

from collections.abc import Iterator

from reconciler.review.model import Hit, Pool, Rule, Severity
from reconciler.review.values import as_int, as_list

NIST = ("NIST SP 800-63B-4 section 3.1.1.2 (password verifiers): at least 15 characters "
        "when the password is the only factor, at least 8 when it is part of MFA; "
        "no composition rules required")


def password_length(pool: Pool) -> Iterator[Hit]:
    policy = pool.get("policies", "password_policy")
    # Cognito's default (a pool created without a policy) is 8 characters.
    length = as_int(policy.get("minimum_length"), 8) if isinstance(policy, dict) else 8
    path = (*pool.path, "policies", "password_policy", "minimum_length")
    mfa_on = pool.get("mfa_configuration", default="OFF") == "ON"
    if length < 8:
        yield Hit(path, f"passwords may be {length} characters: NIST SP 800-63B-4 asks for "
                  "at least 8 even with MFA", "set minimum_length: 15 (or 8 with MFA ON)",
                  Severity.HIGH)
    elif length < 15 and not mfa_on:
        yield Hit(path, f"passwords may be {length} characters and MFA is not required: "
                  "as the only factor, NIST SP 800-63B-4 asks for at least 15",
                  'set minimum_length: 15, or mfa_configuration: "ON"')


def mfa_factor(pool: Pool) -> Iterator[Hit]:
    mode = pool.get("mfa_configuration", default="OFF")
    if mode not in ("ON", "OPTIONAL"):
        return
    totp = pool.get("software_token_mfa_configuration", "enabled") is True
    if totp:
        return
    sms = isinstance(pool.get("sms_mfa_configuration"), dict) or isinstance(
        pool.get("sms_configuration"), dict)
    email = isinstance(pool.get("email_mfa_configuration"), dict)
    weak = [name for name, on in (("SMS", sms), ("email", email)) if on] or ["no factor"]
    yield Hit(
        (*pool.path, "mfa_configuration"),
        f"MFA is {mode} but its only factors are {' and '.join(weak)}, no authenticator "
        "app (TOTP): NIST SP 800-63B makes SMS a restricted authenticator (SIM swap, "
        "number porting) and does not accept email, which proves no device, for "
        "out-of-band codes",
        "add software_token_mfa_configuration: {enabled: true}",
    )


def self_signup_unverified(pool: Pool) -> Iterator[Hit]:
    admin_only = pool.get("admin_create_user_config", "allow_admin_create_user_only")
    if admin_only is True:
        return
    if as_list(pool.get("auto_verified_attributes")):
        return
    yield Hit(
        (*pool.path, "auto_verified_attributes"),
        "anyone can sign up (allow_admin_create_user_only is not true) and no contact "
        "attribute is verified: accounts can be made for addresses their makers don't own",
        "set auto_verified_attributes: [email] (or admin_create_user_config: "
        "{allow_admin_create_user_only: true})",
    )


def email_username_unverified(pool: Pool) -> Iterator[Hit]:
    for key in ("username_attributes", "alias_attributes"):
        if "email" not in as_list(pool.get(key)):
            continue
        if "email" in as_list(pool.get("auto_verified_attributes")):
            return
        yield Hit(
            (*pool.path, key),
            f"users sign in with their email ({key}) but email is not auto-verified: "
            "an unverified address is a sign-in name whose owner nobody checked, and "
            "password recovery can't reach it",
            "add email to auto_verified_attributes",
        )
        return


RULES = (
    Rule("CR201", "Password length below NIST SP 800-63B-4", Severity.MEDIUM, None, NIST,
         password_length, reads=("mfa_configuration",)),
    Rule("CR202", "MFA without a strong factor", Severity.MEDIUM, None,
         "NIST SP 800-63B section 5.1.3 (out-of-band: PSTN restricted, email not "
         "accepted); Cognito developer guide, Adding MFA to a user pool", mfa_factor,
         reads=("software_token_mfa_configuration", "sms_mfa_configuration",
                "email_mfa_configuration", "sms_configuration")),
    Rule("CR203", "Self sign-up without verification", Severity.MEDIUM, None,
         "Cognito developer guide, Signing up and confirming user accounts; API reference "
         "AdminCreateUserConfigType.AllowAdminCreateUserOnly", self_signup_unverified,
         reads=("admin_create_user_config",)),
    Rule("CR204", "Email as username without auto-verification", Severity.MEDIUM, None,
         "Cognito developer guide, Verifying contact information at sign-up; API reference "
         "UsernameAttributes / AutoVerifiedAttributes", email_username_unverified,
         reads=("auto_verified_attributes",)),
)
