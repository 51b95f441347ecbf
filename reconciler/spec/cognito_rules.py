"""Cognito's cross-field rules, checked offline so a spec fails at validate, not mid-apply
after the pool was created (issue 10.11).

Each rule keeps to its evidence (docs/fidelity.md, "Rules `validate` checks before any
call", has the table). ``doc:`` is the botocore cognito-idp model's documentation.
Where the evidence is thin, or the rule reads a key the spec leaves unmanaged (its
live value is unknown offline), the finding is a warning rather than an error.
"""

from __future__ import annotations

from collections.abc import Callable, Set
from typing import Any
from urllib.parse import SplitResult, urlsplit

from reconciler.errors import Diagnostic
from reconciler.spec.findings import Locate
from reconciler.spec.findings import error as _error
from reconciler.spec.findings import items as _items
from reconciler.spec.findings import warning as _warning
from reconciler.spec.pool_feature_rules import check as _pool_features
from reconciler.spec.session_rules import check as _sessions
from reconciler.spec.yaml_source import SpecPath

Show = Callable[[SpecPath, Any], str]  # a value as a message may quote it

# doc: CallbackURLs "requires HTTPS over HTTP except for callback URLs to
# http://localhost, http://127.0.0.1 and http://[::1]".
_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
# "Domain cannot contain reserved word: cognito" (aws-amplify/amplify-cli#3854),
# "...: aws" (aws-solutions/content-analysis-on-aws#8), Amazon (amazon-connect/
# voicemail-for-amazon-connect#3).
_RESERVED_DOMAIN_WORDS = ("aws", "amazon", "cognito")
# "Provider NameOfGP cannot be of type Google." (aws/aws-cli#3179; terraform-provider-aws
# #4822, #4862): a social provider's name is its type. Sign in with Apple is named
# SignInWithApple in every published configuration (its type's own name).
_SOCIAL_TYPES = frozenset({"Google", "Facebook", "LoginWithAmazon", "SignInWithApple"})
_LEGACY_FLOWS = frozenset({"ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH"})


def check_pool(
    pool: dict[str, Any],
    path: SpecPath,
    locate: Locate,
    standard: frozenset[str],
    hidden: Set[SpecPath] = frozenset(),
) -> list[Diagnostic]:
    """Findings for one pool; values at ``hidden`` paths (from ${env:...}, possibly
    secret) are never echoed."""
    show = _shower(hidden)
    out = _required_custom_attributes(pool, path, locate, standard)
    out += _domain(pool, path, locate, show)
    out += _threat_protection(pool, path, locate)
    out += _identity_providers(pool, path, locate, show)
    out += _pool_features(pool, path, locate)
    out += _sessions(pool, path, locate)
    for client_path, client in _items(pool.get("clients"), (*path, "clients")):
        out += _oauth(client, client_path, locate)
        out += _urls(client, client_path, locate, show)
        out += _branding(client, client_path, locate)
        out += _refresh_token(client, client_path, locate)
    return out


def _shower(hidden: Set[SpecPath]) -> Show:
    def show(path: SpecPath, value: Any) -> str:
        return "the value (hidden)" if tuple(path) in hidden else f"'{value}'"

    return show






# --- clients ------------------------------------------------------------------------


def _oauth(client: dict[str, Any], path: SpecPath, locate: Locate) -> list[Diagnostic]:
    # doc: AllowedOAuthFlowsUserPoolClient "must have a value of true before you can
    # configure" flows, scopes, callback and logout URLs; "it defaults to false".
    # The sandbox's refusal (flows, scopes) is measured behaviour; for URLs only the
    # reference says so: a warning.
    if client.get("allowed_oauth_flows_user_pool_client") is True:
        return _oauth_switched_on(client, path, locate)
    out = []
    for key in ("allowed_oauth_flows", "allowed_oauth_scopes"):
        if isinstance(client.get(key), list) and client[key]:
            out.append(
                _error(
                    locate,
                    (*path, key),
                    (
                        f"{key} needs allowed_oauth_flows_user_pool_client: true on this client "
                        "(Cognito refuses OAuth flows and scopes without it; it defaults to false)"
                    ),
                )
            )
    for key in ("logout_urls", "callback_urls"):
        if isinstance(client.get(key), list) and client[key]:
            out.append(
                _warning(
                    locate,
                    (*path, key),
                    (
                        "Cognito's API reference says allowed_oauth_flows_user_pool_client must be "
                        f"true before {key} can be set; set it on this client"
                    ),
                )
            )
    return out


def _oauth_switched_on(client: dict[str, Any], path: SpecPath, locate: Locate) -> list[Diagnostic]:
    # AWS, quoted in terraform-provider-aws managed_user_pool_client_test.go (an
    # acceptance test): "AllowedOAuthFlows and AllowedOAuthScopes are required if user
    # pool client is allowed to use OAuth flows." and "CallbackUrls can not be empty
    # when code flow or implicit flow is selected".
    flows, scopes = client.get("allowed_oauth_flows"), client.get("allowed_oauth_scopes")
    if not flows or not scopes:
        return [
            _error(
                locate,
                (*path, "allowed_oauth_flows_user_pool_client"),
                "allowed_oauth_flows_user_pool_client: true needs allowed_oauth_flows and "
                'allowed_oauth_scopes on this client (Cognito: "AllowedOAuthFlows and '
                "AllowedOAuthScopes are required if user pool client is allowed to use OAuth "
                'flows")',
            )
        ]
    listed = flows if isinstance(flows, list) else []
    browser = sorted(f for f in listed if isinstance(f, str) and f in ("code", "implicit"))
    if browser and not client.get("callback_urls"):
        # Only that one quote, and the sandbox doesn't refuse it: a warning.
        return [
            _warning(
                locate,
                (*path, "allowed_oauth_flows"),
                f"allowed_oauth_flows [{', '.join(browser)}] needs callback_urls on this "
                'client (Cognito has answered "CallbackUrls can not be empty when code flow '
                'or implicit flow is selected"): add the URLs your app receives sign-ins at',
            )
        ]
    return []


def _urls(client: dict[str, Any], path: SpecPath, locate: Locate, show: Show) -> list[Diagnostic]:
    out = []
    callbacks = client.get("callback_urls")
    for index, url in enumerate(callbacks if isinstance(callbacks, list) else []):
        problem = _redirect_problem(url)
        if problem:
            key = (*path, "callback_urls", index)
            out.append(_error(locate, key, f"callback_urls[{index}]: {show(key, url)} {problem}"))
    redirect = client.get("default_redirect_uri")
    problem = _redirect_problem(redirect)
    if problem:
        key = (*path, "default_redirect_uri")
        out.append(_error(locate, key, f"default_redirect_uri {show(key, redirect)} {problem}"))
    # The https rule is documented for callback URLs only; sign-out URLs are
    # redirect targets too, so http there is flagged, not refused.
    logouts = client.get("logout_urls")
    for index, url in enumerate(logouts if isinstance(logouts, list) else []):
        key = (*path, "logout_urls", index)
        if isinstance(url, str) and _plain_http(url):
            out.append(
                _warning(
                    locate,
                    key,
                    (
                        f"logout_urls[{index}]: {show(key, url)} is not https; "
                        "Cognito requires https for callback URLs except on localhost and may "
                        "refuse it here too"
                    ),
                )
            )
    return out


def _redirect_problem(url: Any) -> str:
    # doc: CallbackURLs "Be an absolute URI ... Not include a fragment component";
    # app schemes such as myapp://example are supported.
    if not isinstance(url, str):
        return ""
    parts = _split(url)
    if parts is None:
        return "is not a valid URL"
    if not parts.scheme:
        return "must be an absolute URL"
    if "#" in url:
        return "must not have a fragment (#...)"
    if _plain_http(url):
        return "must use https (http is allowed only for localhost, 127.0.0.1 and [::1])"
    return ""


def _split(url: str) -> SplitResult | None:
    """``url``'s parts, or None when it can't be parsed (an unclosed ``[`` host...)."""
    try:
        parts = urlsplit(url)
        parts.hostname  # noqa: B018 - parsing the host is what raises
    except ValueError:
        return None
    return parts


def _plain_http(url: str) -> bool:
    """http to a host other than loopback; an unparsable URL is reported elsewhere."""
    parts = _split(url)
    if parts is None:
        return False
    return parts.scheme.lower() == "http" and (parts.hostname or "") not in _LOOPBACK


def _branding(client: dict[str, Any], path: SpecPath, locate: Locate) -> list[Diagnostic]:
    # doc: Create/UpdateManagedLoginBranding.UseCognitoProvidedValues "When you specify
    # true for this option, you must also omit values for Settings and Assets". Assets
    # beside it are accepted at create (TF acceptance test managed_login_branding
    # _asset), so only settings are refused.
    branding = client.get("managed_login_branding")
    if not isinstance(branding, dict):
        return []
    if branding.get("use_cognito_provided_values") is True and "settings" in branding:
        return [
            _error(
                locate,
                (*path, "managed_login_branding", "settings"),
                (
                    "managed_login_branding: settings can't be given with "
                    "use_cognito_provided_values: true (Cognito's defaults replace them); "
                    "remove one"
                ),
            )
        ]
    return []


def _refresh_token(client: dict[str, Any], path: SpecPath, locate: Locate) -> list[Diagnostic]:
    # aws-cdk#7625 (2020) quotes Cognito refusing a client without it; today's model
    # doc lists it as an ordinary flow, so a warning. Legacy values (no ALLOW_ prefix)
    # refresh implicitly.
    flows = client.get("explicit_auth_flows")
    if not isinstance(flows, list) or not flows:
        return []
    if not all(isinstance(f, str) for f in flows):
        return []  # the schema reports it
    if any(f in _LEGACY_FLOWS for f in flows) or "ALLOW_REFRESH_TOKEN_AUTH" in flows:
        return []
    return [
        _warning(
            locate,
            (*path, "explicit_auth_flows"),
            (
                "explicit_auth_flows leaves out ALLOW_REFRESH_TOKEN_AUTH; Cognito has answered "
                '"REFRESH_TOKEN_AUTH should always be allowed" (aws-cdk#7625) and without it '
                "sessions can't be refreshed: add it"
            ),
        )
    ]


# --- pool ---------------------------------------------------------------------------


def _required_custom_attributes(
    pool: dict[str, Any], path: SpecPath, locate: Locate, standard: frozenset[str]
) -> list[Diagnostic]:
    # "Required custom attributes are not supported currently." (terraform-provider-aws
    # #18430, boto/boto3#2317, trek10inc/serverless-cognito-manager#4).
    out = []
    for attribute_path, attribute in _items(pool.get("schema"), (*path, "schema")):
        name = attribute.get("name")
        if not isinstance(name, str) or name in standard or attribute.get("required") is not True:
            continue
        out.append(
            _error(
                locate,
                (*attribute_path, "required"),
                (
                    f"custom attribute '{name}' can't be required (Cognito: \"Required custom "
                    'attributes are not supported currently"); remove required: true and check '
                    "the value in a pre sign-up Lambda trigger if it must be present"
                ),
            )
        )
    return out


def _domain(pool: dict[str, Any], path: SpecPath, locate: Locate, show: Show) -> list[Diagnostic]:
    domain = pool.get("domain")
    if not isinstance(domain, dict) or "custom_domain_config" in domain:
        return []  # a custom domain is the owner's own name
    prefix = domain.get("domain")
    if not isinstance(prefix, str):
        return []
    for word in _RESERVED_DOMAIN_WORDS:
        if word in prefix.lower():
            key = (*path, "domain", "domain")
            return [
                _error(
                    locate,
                    key,
                    (
                        f"domain prefix {show(key, prefix)} can't contain the reserved word "
                        f"'{word}' (Cognito refuses aws, amazon and cognito in prefix "
                        "domains); choose another prefix"
                    ),
                )
            ]
    return []


def _threat_protection(pool: dict[str, Any], path: SpecPath, locate: Locate) -> list[Diagnostic]:
    # doc: UserPoolAddOnsType "To activate this setting, your user pool must be on the
    # Plus tier"; SetRiskConfiguration: threat protection is UserPoolAddOns, PLUS tier;
    # DescribeRiskConfiguration answers UserPoolAddOnNotEnabledException while it is
    # off (COGNITO.md). CreateUserPool: UserPoolTier "Defaults to ESSENTIALS".
    out = []
    add_ons = pool.get("user_pool_add_ons")
    mode = add_ons.get("advanced_security_mode") if isinstance(add_ons, dict) else None
    tier = pool.get("user_pool_tier")
    mode_path = (*path, "user_pool_add_ons", "advanced_security_mode")
    if mode in ("AUDIT", "ENFORCED"):
        what = f"user_pool_add_ons.advanced_security_mode {mode} (threat protection)"
        if isinstance(tier, str) and tier != "PLUS":
            out.append(_error(locate, mode_path, f"{what} needs user_pool_tier: PLUS, not {tier}"))
        elif tier is None:
            out.append(
                _warning(
                    locate,
                    mode_path,
                    (
                        f"{what} needs the PLUS tier; user_pool_tier isn't set, and a new "
                        "pool gets ESSENTIALS: set user_pool_tier: PLUS"
                    ),
                )
            )
    risks = (
        [(*path, "risk_configuration")] if isinstance(pool.get("risk_configuration"), dict) else []
    )
    for client_path, client in _items(pool.get("clients"), (*path, "clients")):
        if isinstance(client.get("risk_configuration"), dict):
            risks.append((*client_path, "risk_configuration"))
    for risk in risks:
        if mode == "OFF":
            out.append(
                _error(
                    locate,
                    risk,
                    (
                        "risk_configuration needs threat protection, but user_pool_add_ons."
                        "advanced_security_mode is 'OFF'; set it to AUDIT or ENFORCED (PLUS tier)"
                    ),
                )
            )
        elif add_ons is None:
            out.append(
                _warning(
                    locate,
                    risk,
                    (
                        "risk_configuration needs threat protection; user_pool_add_ons isn't set, "
                        "and a new pool has it OFF: set user_pool_add_ons.advanced_security_mode: "
                        "AUDIT or ENFORCED (PLUS tier)"
                    ),
                )
            )
    return out


def _identity_providers(
    pool: dict[str, Any], path: SpecPath, locate: Locate, show: Show
) -> list[Diagnostic]:
    out = []
    for item_path, provider in _items(
        pool.get("identity_providers"), (*path, "identity_providers")
    ):
        kind, name = provider.get("provider_type"), provider.get("provider_name")
        if (
            isinstance(kind, str)
            and kind in _SOCIAL_TYPES
            and isinstance(name, str)
            and name != kind
        ):
            key = (*item_path, "provider_name")
            out.append(
                _error(
                    locate,
                    key,
                    (
                        f"provider_name {show(key, name)} of a {kind} provider must be "
                        f"'{kind}' (Cognito names social providers after their type); clients "
                        f"list it as {kind} in supported_identity_providers"
                    ),
                )
            )
    return out
