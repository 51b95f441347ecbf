"""Rules that mirror AWS Security Hub's controls for Cognito user pools.

Controls (AWS Security Hub user guide, "Security Hub controls for Amazon Cognito"):
Cognito.1 threat protection ENFORCED for standard authentication, Cognito.3 strong
password policy, Cognito.4 threat protection ENFORCED for custom authentication,
Cognito.5 MFA required, Cognito.6 deletion protection. Cognito.2 is about identity
pools (guest access), which a user-pool spec doesn't describe.
"""

from __future__ import annotations

from collections.abc import Iterator

from reconciler.review.model import Hit, Pool, Rule, Severity
from reconciler.review.values import as_int

SECURITY_HUB = "AWS Security Hub user guide, Security Hub controls for Amazon Cognito"


def threat_protection(pool: Pool) -> Iterator[Hit]:
    mode = pool.get("user_pool_add_ons", "advanced_security_mode")
    if mode == "ENFORCED":
        return
    path = (*pool.path, "user_pool_add_ons", "advanced_security_mode")
    state = "audit-only (AUDIT)" if mode == "AUDIT" else "off"
    yield Hit(
        path,
        f"threat protection is {state} for standard authentication: compromised "
        "credentials and risky sign-ins are not blocked (needs the PLUS feature plan)",
        "set user_pool_add_ons: {advanced_security_mode: ENFORCED} (and user_pool_tier: PLUS)",
    )


def threat_protection_custom(pool: Pool) -> Iterator[Hit]:
    mode = pool.get("user_pool_add_ons", "advanced_security_additional_flows", "custom_auth_mode")
    if mode == "ENFORCED":
        return
    path = (*pool.path, "user_pool_add_ons", "advanced_security_additional_flows",
            "custom_auth_mode")
    state = "audit-only (AUDIT)" if mode == "AUDIT" else "off"
    yield Hit(
        path,
        f"threat protection is {state} for custom authentication (Lambda challenges): "
        "risky custom-auth sign-ins are not blocked",
        "set user_pool_add_ons.advanced_security_additional_flows: {custom_auth_mode: ENFORCED}",
    )


# Cognito.3's baseline; a policy the spec omits gets Cognito's default, which meets it
# (8 characters, all four classes, 7-day temporary passwords: pool_defaults.py).
_CLASSES = ("require_uppercase", "require_lowercase", "require_numbers", "require_symbols")


def password_policy_baseline(pool: Pool) -> Iterator[Hit]:
    policy = pool.get("policies", "password_policy")
    if not isinstance(policy, dict):
        return
    base = (*pool.path, "policies", "password_policy")
    weak = []
    if as_int(policy.get("minimum_length"), 8) < 8:
        weak.append("minimum_length below 8")
    missing = [c for c in _CLASSES if not policy.get(c, False)]
    weak += [f"{c} is not true" for c in missing]
    if as_int(policy.get("temporary_password_validity_days"), 7) > 7:
        weak.append("temporary_password_validity_days above 7")
    if weak:
        yield Hit(
            base,
            "the password policy is below Security Hub's baseline: " + ", ".join(weak)
            + " (NIST SP 800-63B-4 prefers length to composition rules: see CR201)",
            "set minimum_length >= 8, the four require_* flags true and "
            "temporary_password_validity_days <= 7, or accept this with the NIST reasoning",
        )


def mfa_required(pool: Pool) -> Iterator[Hit]:
    mode = pool.get("mfa_configuration", default="OFF")
    if mode == "ON":
        return
    yield Hit(
        (*pool.path, "mfa_configuration"),
        f"MFA is {mode}: users can sign in with a password alone"
        + (" unless they chose to add a factor" if mode == "OPTIONAL" else ""),
        'set mfa_configuration: "ON" with software_token_mfa_configuration: {enabled: true}',
    )


def deletion_protection(pool: Pool) -> Iterator[Hit]:
    if pool.get("deletion_protection", default="INACTIVE") == "ACTIVE":
        return
    yield Hit(
        (*pool.path, "deletion_protection"),
        "deletion protection is off: one DeleteUserPool call destroys every user, and "
        "pools created through the API default to INACTIVE",
        "set deletion_protection: ACTIVE",
    )


RULES = (
    Rule("CR101", "Threat protection off or audit-only (standard authentication)",
         Severity.MEDIUM, "Cognito.1", SECURITY_HUB, threat_protection),
    Rule("CR102", "Threat protection off or audit-only (custom authentication)",
         Severity.MEDIUM, "Cognito.4", SECURITY_HUB, threat_protection_custom),
    Rule("CR103", "Password policy below Security Hub's baseline",
         Severity.LOW, "Cognito.3", SECURITY_HUB, password_policy_baseline),
    Rule("CR104", "MFA not required", Severity.MEDIUM, "Cognito.5", SECURITY_HUB, mfa_required),
    Rule("CR105", "Deletion protection off", Severity.MEDIUM, "Cognito.6",
         SECURITY_HUB + "; API reference DeletionProtectionType", deletion_protection),
)
