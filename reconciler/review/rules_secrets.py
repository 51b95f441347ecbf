"""Secrets and federation rules: literal secrets in a spec, IdP email mappings."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reconciler.review.model import Hit, Pool, Rule, Severity

# ProviderDetails keys that hold secrets (API reference, CreateIdentityProvider:
# client_secret for OIDC/Google/Facebook/Login with Amazon, private_key for Apple).
IDP_SECRET_KEYS = frozenset({"client_secret", "private_key"})
_REFERENCE = ("${env:", "${var:")
_VAR = re.compile(r"\$\{var:([A-Za-z_][A-Za-z0-9_]*)\}")


def _literal(pool: Pool, path: tuple[str | int, ...], value: object) -> str | None:
    """How a secret's value is written in the spec (None when it is not)."""
    if not isinstance(value, str) or not value:
        return None
    written = pool.written(path)
    # A ${var:NAME} whose default sits in `variables:` is written in the spec too.
    for name in _VAR.findall(written):
        if name in pool.defaults:
            return f"its ${{var:{name}}} has a default in variables: {name}"
    if any(marker in written for marker in _REFERENCE):
        return None
    return "it is written in the spec"


def literal_secrets(pool: Pool) -> Iterator[Hit]:
    for path, client in pool.items("clients"):
        secret_path = (*path, "client_secret")
        how = _literal(pool, secret_path, client.get("client_secret"))
        if how:
            yield Hit(secret_path,
                      f"client {client.get('client_name', path[-1])}: client_secret: {how}, "
                      "so it is in git history for anyone with read access",
                      "client_secret: ${env:NAME}, set from your secret store")
    for path, idp in pool.items("identity_providers"):
        details = idp.get("provider_details")
        if not isinstance(details, dict):
            continue
        for key in sorted(IDP_SECRET_KEYS & set(details)):
            key_path = (*path, "provider_details", key)
            how = _literal(pool, key_path, details[key])
            if how:
                yield Hit(key_path,
                          f"identity provider {idp.get('provider_name', path[-1])}: {key}: "
                          f"{how}, so it is in git history for anyone with read access",
                          f"{key}: ${{env:NAME}}, set from your secret store")


def email_without_verified(pool: Pool) -> Iterator[Hit]:
    for path, idp in pool.items("identity_providers"):
        mapping = idp.get("attribute_mapping")
        if not isinstance(mapping, dict) or "email" not in mapping:
            continue
        if "email_verified" in mapping:
            continue
        yield Hit(
            (*path, "attribute_mapping", "email"),
            f"identity provider {idp.get('provider_name', path[-1])} maps email but not "
            "email_verified: the address is taken as the provider sends it, whether or not "
            "the provider checked it, and an app that trusts email can be given someone "
            "else's account",
            "map email_verified too (e.g. email_verified: email_verified), or don't trust "
            "email from this provider",
        )


RULES = (
    Rule("CR401", "Literal secret in a spec", Severity.HIGH, None,
         "This tool's contract (secrets only through ${env:NAME}); API reference "
         "CreateIdentityProvider.ProviderDetails", literal_secrets),
    Rule("CR402", "IdP maps email without email_verified", Severity.HIGH, None,
         "Cognito developer guide, Specifying identity provider attribute mappings "
         "(email_verified); OpenID Connect Core 1.0 section 5.1 (email_verified)",
         email_without_verified),
)
