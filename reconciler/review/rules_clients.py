"""App client rules: password-sending flows, OAuth grants and redirect URLs, user
existence errors, token revocation and lifetimes, confidential clients."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from reconciler.review.model import Hit, Pool, Rule, Severity
from reconciler.review.values import as_int, as_list, to_seconds
from reconciler.spec.yaml_source import SpecPath

# Flows in which the client sends the password itself (over TLS) instead of an SRP
# proof; the legacy names without ALLOW_ mean the same (ExplicitAuthFlowsType).
PASSWORD_FLOWS = frozenset({"ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH",
                            "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"})
# Cognito's own default for a client without a refresh-token lifetime (API reference,
# RefreshTokenValidity): longer than this is a finding.
MAX_REFRESH_SECONDS = 30 * 86400
_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
_PRODUCTION = re.compile(r"(^|[^a-z0-9])(prod|production|prd|live)([^a-z0-9]|$)")
_ENV_TAGS = frozenset({"env", "environment", "stage", "tier", "stack"})


def _clients(pool: Pool) -> Iterator[tuple[SpecPath, dict[str, Any], str]]:
    for path, client in pool.items("clients"):
        yield path, client, str(client.get("client_name", path[-1]))


def password_flows(pool: Pool) -> Iterator[Hit]:
    for path, client, name in _clients(pool):
        for index, flow in enumerate(as_list(client.get("explicit_auth_flows"))):
            if flow in PASSWORD_FLOWS:
                yield Hit(
                    (*path, "explicit_auth_flows", index),
                    f"client {name} allows {flow}: the app sends the user's password to "
                    "Cognito (inside TLS) instead of proving it with SRP, so it passes "
                    "through every proxy, log or library on the way; the trade-off is "
                    "simpler clients and user migration triggers",
                    f"remove {flow} and sign in with ALLOW_USER_SRP_AUTH (or ALLOW_USER_AUTH "
                    "with passkeys)",
                )


def implicit_grant(pool: Pool) -> Iterator[Hit]:
    for path, client, name in _clients(pool):
        flows = as_list(client.get("allowed_oauth_flows"))
        if "implicit" in flows:
            yield Hit(
                (*path, "allowed_oauth_flows", flows.index("implicit")),
                f"client {name} allows the OAuth implicit grant: tokens come back in the "
                "URL fragment (browser history, referrers) and can't be bound to the "
                "client; OAuth 2.0 Security BCP (RFC 9700) says not to use it",
                "use allowed_oauth_flows: [code] with PKCE",
            )


def _urls(client: dict[str, Any]) -> Iterator[tuple[str, int, str]]:
    for key in ("callback_urls", "logout_urls"):
        for index, url in enumerate(as_list(client.get(key))):
            if isinstance(url, str):
                yield key, index, url
    default = client.get("default_redirect_uri")
    if isinstance(default, str):
        yield "default_redirect_uri", -1, default


def _at(path: SpecPath, key: str, index: int) -> SpecPath:
    return (*path, key) if index < 0 else (*path, key, index)


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def insecure_urls(pool: Pool) -> Iterator[Hit]:
    for path, client, name in _clients(pool):
        for key, index, url in _urls(client):
            if "*" in url:
                yield Hit(_at(path, key, index),
                          f"client {name}: {key} holds a wildcard ({url}): any matching "
                          "address can receive codes and tokens",
                          "list each exact https address")
            elif url.lower().startswith("http://") and _host(url) not in _LOOPBACK:
                yield Hit(_at(path, key, index),
                          f"client {name}: {key} uses http ({url}): codes and tokens "
                          "travel in clear; Cognito allows http only for localhost",
                          "use the https address")


def is_production(pool: Pool) -> bool:
    if _PRODUCTION.search(pool.name.lower()):
        return True
    tags = pool.get("user_pool_tags")
    if not isinstance(tags, dict):
        return False
    return any(isinstance(v, str) and str(k).lower() in _ENV_TAGS
               and _PRODUCTION.search(v.lower()) for k, v in tags.items())


def localhost_in_production(pool: Pool) -> Iterator[Hit]:
    if not is_production(pool):
        return
    for path, client, name in _clients(pool):
        for key, index, url in _urls(client):
            if _host(url) in _LOOPBACK:
                yield Hit(_at(path, key, index),
                          f"client {name}: {key} points at {url} in a production pool: "
                          "any program listening on that port of a user's machine receives "
                          "the authorization code",
                          "move development addresses to a separate, non-production pool")


def user_existence(pool: Pool) -> Iterator[Hit]:
    for path, client, name in _clients(pool):
        value = client.get("prevent_user_existence_errors", "LEGACY")
        if value == "LEGACY":
            shown = "is LEGACY" if "prevent_user_existence_errors" in client else \
                "is not set (Cognito's default is LEGACY)"
            yield Hit((*path, "prevent_user_existence_errors"),
                      f"client {name}: prevent_user_existence_errors {shown}: sign-in, "
                      "confirmation and recovery answer UserNotFoundException, so anyone "
                      "can test which usernames exist",
                      "set prevent_user_existence_errors: ENABLED")


def token_revocation(pool: Pool) -> Iterator[Hit]:
    for path, client, name in _clients(pool):
        if client.get("enable_token_revocation") is False:
            yield Hit((*path, "enable_token_revocation"),
                      f"client {name}: token revocation is off: a stolen refresh token "
                      "can't be revoked (RevokeToken, global sign-out) before it expires",
                      "set enable_token_revocation: true (or remove the key: on is the "
                      "default)")


def refresh_lifetime(pool: Pool) -> Iterator[Hit]:
    for path, client, name in _clients(pool):
        amount = as_int(client.get("refresh_token_validity"), 0)
        if not amount:
            continue
        unit = client.get("token_validity_units", {}) or {}
        seconds = to_seconds(amount, unit.get("refresh_token") if isinstance(unit, dict)
                             else None, "days")
        if seconds > MAX_REFRESH_SECONDS:
            yield Hit((*path, "refresh_token_validity"),
                      f"client {name}: refresh tokens live {seconds // 86400} days: a stolen "
                      "one gives that long a session (threshold: Cognito's default, 30 days)",
                      "set refresh_token_validity: 30 (days) or less, or rotate refresh "
                      "tokens (refresh_token_rotation)")


def confidential_secretless(pool: Pool) -> Iterator[Hit]:
    for path, client, name in _clients(pool):
        if client.get("generate_secret") is not True:
            continue
        flows = as_list(client.get("allowed_oauth_flows"))
        if "implicit" in flows:
            yield Hit((*path, "allowed_oauth_flows", flows.index("implicit")),
                      f"client {name} has a secret but allows the implicit grant, which "
                      "issues tokens without it: the secret protects nothing there",
                      "use the code grant (the secret authenticates the token request)")


def open_registration(pool: Pool) -> Iterator[Hit]:
    """doc: DcrConfigurationType: "When open registration is on, applications can
    register app clients without an initial access token"; OpenDcrGrantTypes: "If you
    add client_credentials, anyone can register an app client that requests
    machine-to-machine (M2M) access tokens, and you pay for the M2M token requests"."""
    dcr = pool.get("dcr_configuration")
    if not isinstance(dcr, dict) or dcr.get("enable_status") == "Disabled":
        return  # an omitted enable_status means Enabled (doc: EnableStatus)
    if dcr.get("open_dcr_enabled") is not True:
        return
    m2m = "client_credentials" in as_list(dcr.get("open_dcr_grant_types"))
    yield Hit(
        (*pool.path, "dcr_configuration", "open_dcr_enabled"),
        "open dynamic client registration: anyone who reaches the domain's /oauth2/register "
        "endpoint registers an app client without a token, and can send your users through "
        "your sign-in pages to an app that is not yours"
        + ("; with client_credentials they also get machine-to-machine access tokens, "
           "whose requests you pay for" if m2m else ""),
        "set open_dcr_enabled: false (authenticated registration: the application sends an "
        "access token with the aws.cognito/dcr/register scope)",
        severity=Severity.HIGH if m2m else None,
    )


RULES = (
    Rule("CR301", "Password-sending auth flow enabled", Severity.MEDIUM, None,
         "API reference ExplicitAuthFlowsType; Cognito developer guide, Authentication flows "
         "(SRP vs USER_PASSWORD_AUTH)", password_flows),
    Rule("CR302", "OAuth implicit grant", Severity.MEDIUM, None,
         "RFC 9700 (OAuth 2.0 Security Best Current Practice) section 2.1.2", implicit_grant),
    Rule("CR303", "http or wildcard callback/logout URL", Severity.HIGH, None,
         "API reference CreateUserPoolClient.CallbackURLs (https required, http only for "
         "localhost, no wildcards); RFC 9700 section 2.1 (exact redirect URI matching)",
         insecure_urls),
    Rule("CR304", "localhost callback in a production pool", Severity.HIGH, None,
         "RFC 8252 section 8.3 (loopback redirects are for native apps on the user's "
         "machine); Cognito API reference CallbackURLs", localhost_in_production,
         reads=("user_pool_tags", "pool_name")),
    Rule("CR305", "User existence errors (LEGACY)", Severity.MEDIUM, None,
         "API reference CreateUserPoolClient.PreventUserExistenceErrors (defaults to LEGACY)",
         user_existence),
    Rule("CR306", "Token revocation off", Severity.MEDIUM, None,
         "API reference CreateUserPoolClient.EnableTokenRevocation; Cognito developer guide, "
         "Revoking tokens", token_revocation),
    Rule("CR307", "Refresh tokens longer than 30 days", Severity.LOW, None,
         "API reference CreateUserPoolClient.RefreshTokenValidity (default 30 days)",
         refresh_lifetime),
    Rule("CR308", "Confidential client with secret-less flows", Severity.MEDIUM, None,
         "RFC 6749 section 4.2 (the implicit grant has no client authentication); "
         "RFC 9700 section 2.1.2", confidential_secretless),
    Rule("CR309", "Open dynamic client registration", Severity.MEDIUM, None,
         "API reference DcrConfigurationType (OpenDcrEnabled, OpenDcrGrantTypes); RFC 7591 "
         "section 3 (open registration)", open_registration),
)
