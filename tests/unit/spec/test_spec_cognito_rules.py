"""Issue 10.11: Cognito's cross-field rules, known to validate before any call.

Each rule cites its evidence in reconciler/spec/cognito_rules.py and docs/fidelity.md.
Errors point at the key to change and say the fix in spec keys; where the evidence
is thin (or the key the rule reads is unmanaged), a warning instead.
"""

from __future__ import annotations

from pathlib import Path

from _spec_helpers import problems, write

from reconciler.spec import load_spec

HEAD = "version: 1\nuser_pools:\n  - pool_name: p\n"
CLIENT = HEAD + "    clients:\n      - client_name: c\n"


def _spec(tmp_path: Path, text: str) -> str:
    return write(tmp_path, "a.yaml", text)


def _warnings(path: str) -> list[str]:
    return [str(w) for w in load_spec([path], environ={}).warnings]


def test_oauth_flows_and_scopes_need_the_oauth_switch(tmp_path: Path) -> None:
    f = _spec(
        tmp_path,
        CLIENT + "        allowed_oauth_flows: [code]\n"
        "        allowed_oauth_scopes: [openid]\n"
        "      - client_name: d\n"
        "        allowed_oauth_flows_user_pool_client: false\n"
        "        allowed_oauth_flows: [implicit]\n"
        "        allowed_oauth_scopes: [openid]\n",
    )
    fix = (
        "needs allowed_oauth_flows_user_pool_client: true on this client (Cognito "
        "refuses OAuth flows and scopes without it; it defaults to false)"
    )
    assert problems([f]) == [
        f"{f}:6:9: error: allowed_oauth_flows {fix} "
        "(at user_pools[0].clients[0].allowed_oauth_flows)",
        f"{f}:7:9: error: allowed_oauth_scopes {fix} "
        "(at user_pools[0].clients[0].allowed_oauth_scopes)",
        f"{f}:10:9: error: allowed_oauth_flows {fix} "
        "(at user_pools[0].clients[1].allowed_oauth_flows)",
        f"{f}:11:9: error: allowed_oauth_scopes {fix} "
        "(at user_pools[0].clients[1].allowed_oauth_scopes)",
    ]


def test_callback_urls_need_https_except_loopback(tmp_path: Path) -> None:
    f = _spec(
        tmp_path,
        CLIENT + "        allowed_oauth_flows_user_pool_client: true\n"
        "        allowed_oauth_flows: [code]\n"
        "        allowed_oauth_scopes: [openid]\n"
        "        callback_urls:\n"
        "          - https://app.example.com/cb\n"
        "          - http://localhost:3000/cb\n"
        "          - http://127.0.0.1/cb\n"
        "          - 'http://[::1]:8080/cb'\n"
        "          - myapp://callback\n"
        "          - http://app.example.com/cb\n"
        "          - https://app.example.com/cb#top\n"
        "          - /relative/cb\n",
    )
    assert problems([f]) == [
        f"{f}:15:13: error: callback_urls[5]: 'http://app.example.com/cb' must use https "
        "(http is allowed only for localhost, 127.0.0.1 and [::1]) "
        "(at user_pools[0].clients[0].callback_urls[5])",
        f"{f}:16:13: error: callback_urls[6]: 'https://app.example.com/cb#top' must not "
        "have a fragment (#...) (at user_pools[0].clients[0].callback_urls[6])",
        f"{f}:17:13: error: callback_urls[7]: '/relative/cb' must be an absolute URL "
        "(at user_pools[0].clients[0].callback_urls[7])",
    ]


def test_logout_urls_over_http_and_urls_without_the_switch_warn(tmp_path: Path) -> None:
    f = _spec(
        tmp_path,
        CLIENT + "        logout_urls: [http://app.example.com/bye, http://localhost/bye]\n"
        "        callback_urls: [https://app.example.com/cb]\n",
    )
    switch = (
        "Cognito's API reference says allowed_oauth_flows_user_pool_client must be true "
        "before {key} can be set; set it on this client"
    )
    assert _warnings(f) == [
        f"{f}:6:9: warning: {switch.format(key='logout_urls')} "
        "(at user_pools[0].clients[0].logout_urls)",
        f"{f}:6:23: warning: logout_urls[0]: 'http://app.example.com/bye' is not https; "
        "Cognito requires https for callback URLs except on localhost and may refuse it "
        "here too (at user_pools[0].clients[0].logout_urls[0])",
        f"{f}:7:9: warning: {switch.format(key='callback_urls')} "
        "(at user_pools[0].clients[0].callback_urls)",
    ]


def test_required_custom_attributes_are_refused(tmp_path: Path) -> None:
    f = _spec(
        tmp_path,
        HEAD + "    schema:\n"
        "      - {name: email, attribute_data_type: String, required: true}\n"
        "      - {name: tenant, attribute_data_type: String, required: true}\n"
        "      - {name: seats, attribute_data_type: Number, required: false}\n",
    )
    assert problems([f]) == [
        f"{f}:6:53: error: custom attribute 'tenant' can't be required (Cognito: "
        '"Required custom attributes are not supported currently"); remove required: '
        "true and check the value in a pre sign-up Lambda trigger if it must be present "
        "(at user_pools[0].schema[1].required)"
    ]


def test_prefix_domains_cant_hold_reserved_words(tmp_path: Path) -> None:
    f = _spec(
        tmp_path,
        HEAD + "    domain: {domain: shop-cognito-login}\n"
        "  - pool_name: q\n"
        "    domain: {domain: myaws}\n"
        "  - pool_name: r\n"  # a custom domain is the user's own name: not checked
        "    domain:\n"
        "      domain: auth.amazon-shop.example.com\n"
        "      custom_domain_config: {certificate_arn: 'arn:aws:acm:us-east-1:123456789012:"
        "certificate/0b8a1f6e-1111-2222-3333-444455556666'}\n",
    )
    assert problems([f]) == [
        f"{f}:4:14: error: domain prefix 'shop-cognito-login' can't contain the reserved "
        "word 'cognito' (Cognito refuses aws, amazon and cognito in prefix domains); "
        "choose another prefix (at user_pools[0].domain.domain)",
        f"{f}:6:14: error: domain prefix 'myaws' can't contain the reserved word 'aws' "
        "(Cognito refuses aws, amazon and cognito in prefix domains); choose another "
        "prefix (at user_pools[1].domain.domain)",
    ]


def test_threat_protection_needs_plus_and_risk_configuration_needs_it(
    tmp_path: Path,
) -> None:
    risk = "compromised_credentials_risk_configuration: {actions: {event_action: BLOCK}}"
    f = _spec(
        tmp_path,
        HEAD + "    user_pool_tier: ESSENTIALS\n"
        "    user_pool_add_ons: {advanced_security_mode: AUDIT}\n"
        "  - pool_name: q\n"
        "    user_pool_tier: PLUS\n"
        "    user_pool_add_ons: {advanced_security_mode: 'OFF'}\n"
        f"    risk_configuration: {{{risk}}}\n"
        "    clients:\n"
        "      - client_name: c\n"
        f"        risk_configuration: {{{risk}}}\n",
    )
    needs = (
        "risk_configuration needs threat protection, but user_pool_add_ons."
        "advanced_security_mode is 'OFF'; set it to AUDIT or ENFORCED (PLUS tier)"
    )
    assert problems([f]) == [
        f"{f}:5:25: error: user_pool_add_ons.advanced_security_mode AUDIT (threat "
        "protection) needs user_pool_tier: PLUS, not ESSENTIALS "
        "(at user_pools[0].user_pool_add_ons.advanced_security_mode)",
        f"{f}:9:5: error: {needs} (at user_pools[1].risk_configuration)",
        f"{f}:12:9: error: {needs} (at user_pools[1].clients[0].risk_configuration)",
    ]


def test_threat_protection_with_unmanaged_tier_or_mode_warns(tmp_path: Path) -> None:
    f = _spec(
        tmp_path,
        HEAD + "    user_pool_add_ons: {advanced_security_mode: ENFORCED}\n"
        "  - pool_name: q\n"
        "    risk_configuration: {risk_exception_configuration: "
        "{blocked_ip_range_list: ['192.0.2.0/24']}}\n",
    )
    assert _warnings(f) == [
        f"{f}:4:25: warning: user_pool_add_ons.advanced_security_mode ENFORCED (threat "
        "protection) needs the PLUS tier; user_pool_tier isn't set, and a new pool gets "
        "ESSENTIALS: set user_pool_tier: PLUS "
        "(at user_pools[0].user_pool_add_ons.advanced_security_mode)",
        f"{f}:6:5: warning: risk_configuration needs threat protection; "
        "user_pool_add_ons isn't set, and a new pool has it OFF: set user_pool_add_ons."
        "advanced_security_mode: AUDIT or ENFORCED (PLUS tier) "
        "(at user_pools[1].risk_configuration)",
    ]


def test_branding_uses_cognito_values_or_settings_not_both(tmp_path: Path) -> None:
    f = _spec(
        tmp_path,
        CLIENT + "        managed_login_branding:\n"
        "          use_cognito_provided_values: true\n"
        "          settings: {components: {}}\n"
        "      - client_name: d\n"
        "        managed_login_branding: {use_cognito_provided_values: false, settings: {}}\n",
    )
    assert problems([f]) == [
        f"{f}:8:11: error: managed_login_branding: settings can't be given with "
        "use_cognito_provided_values: true (Cognito's defaults replace them); remove one "
        "(at user_pools[0].clients[0].managed_login_branding.settings)"
    ]


def test_social_providers_are_named_after_their_type(tmp_path: Path) -> None:
    f = _spec(
        tmp_path,
        HEAD + "    identity_providers:\n"
        "      - provider_name: Apple\n"
        "        provider_type: SignInWithApple\n"
        "        provider_details: {client_id: com.example, team_id: T, key_id: K, "
        "private_key: '${env:APPLE_KEY}', authorize_scopes: email}\n"
        "      - provider_name: Google\n"
        "        provider_type: Google\n"
        "        provider_details: {client_id: g, client_secret: '${env:G}', "
        "authorize_scopes: openid}\n",
    )
    assert problems([f], environ={"APPLE_KEY": "k" * 30, "G": "s" * 30}) == [
        f"{f}:5:9: error: provider_name 'Apple' of a SignInWithApple provider must be "
        "'SignInWithApple' (Cognito names social providers after their type); clients "
        "list it as SignInWithApple in supported_identity_providers "
        "(at user_pools[0].identity_providers[0].provider_name)"
    ]


def test_a_client_without_refresh_token_auth_warns(tmp_path: Path) -> None:
    f = _spec(
        tmp_path,
        CLIENT + "        explicit_auth_flows: [ALLOW_USER_SRP_AUTH]\n"
        "      - client_name: d\n"  # legacy values allow refreshing implicitly
        "        explicit_auth_flows: [ADMIN_NO_SRP_AUTH]\n",
    )
    assert _warnings(f) == [
        f"{f}:6:9: warning: explicit_auth_flows leaves out ALLOW_REFRESH_TOKEN_AUTH; "
        'Cognito has answered "REFRESH_TOKEN_AUTH should always be allowed" '
        "(aws-cdk#7625) and without it sessions can't be refreshed: add it "
        "(at user_pools[0].clients[0].explicit_auth_flows)"
    ]


def test_rule_errors_come_with_the_others(tmp_path: Path) -> None:
    # Warnings ride along with errors, all in one run, sorted by position.
    f = _spec(
        tmp_path,
        CLIENT + "        explicit_auth_flows: [ALLOW_USER_SRP_AUTH]\n"
        "        allowed_oauth_flows: [code]\n",
    )
    found = problems([f])
    assert [line.split(": ")[1] for line in found] == ["warning", "error"]


def test_values_from_the_environment_are_never_echoed(tmp_path: Path) -> None:
    # ${env:...} values may be secret (loader.env_paths): the rule still fires, but
    # says "the value (hidden)" instead of the value.
    secret = "http://app.example.com/cb?token=s3cr3t-value"
    f = _spec(
        tmp_path,
        CLIENT + "        allowed_oauth_flows_user_pool_client: true\n"
        "        allowed_oauth_flows: [code]\n"
        "        allowed_oauth_scopes: [openid]\n"
        "        callback_urls: ['${env:CALLBACK}']\n"
        "        logout_urls: ['${env:CALLBACK}']\n"
        "        default_redirect_uri: ${env:CALLBACK}\n",
    )
    found = problems([f], environ={"CALLBACK": secret})
    assert found == [
        f"{f}:9:25: error: callback_urls[0]: the value (hidden) must use https (http is "
        "allowed only for localhost, 127.0.0.1 and [::1]) "
        "(at user_pools[0].clients[0].callback_urls[0])",
        f"{f}:10:23: warning: logout_urls[0]: the value (hidden) is not https; Cognito "
        "requires https for callback URLs except on localhost and may refuse it here too "
        "(at user_pools[0].clients[0].logout_urls[0])",
        f"{f}:11:9: error: default_redirect_uri the value (hidden) must use https (http is "
        "allowed only for localhost, 127.0.0.1 and [::1]) "
        "(at user_pools[0].clients[0].default_redirect_uri)",
    ]
    assert not any("s3cr3t" in line for line in found)


def test_rules_skip_values_of_the_wrong_shape() -> None:
    # They run even when the schema found errors, so a mapping where a string belongs
    # must be skipped (the schema reports it), never crash.
    from reconciler.errors import Location
    from reconciler.spec import semantics

    pool = {
        "pool_name": "p",
        "mfa_configuration": {"x": 1},
        "user_pool_tier": ["PLUS"],
        "user_pool_add_ons": {"advanced_security_mode": {"x": 1}},
        "domain": {"domain": {"x": 1}},
        "schema": [{"name": {"x": 1}, "required": True}],
        "identity_providers": [{"provider_type": {"x": 1}, "provider_name": "a"}],
        "clients": [
            {
                "client_name": "c",
                "explicit_auth_flows": [{"x": 1}, ["y"]],
                "callback_urls": [{"x": 1}],
                "logout_urls": [["x"]],
                "allowed_oauth_flows": "code",
                "managed_login_branding": ["x"],
            }
        ],
    }
    found = semantics.check({"user_pools": [pool]}, lambda path: Location("x.yaml", 1, 1))
    # Only the switch warnings: they read whether the URL lists are set, not their items.
    assert [d.path for d in found] == [
        "user_pools[0].clients[0].logout_urls",
        "user_pools[0].clients[0].callback_urls",
    ]


def test_a_malformed_url_is_an_error_not_a_crash(tmp_path: Path) -> None:
    f = _spec(
        tmp_path,
        CLIENT + "        allowed_oauth_flows_user_pool_client: true\n"
        "        allowed_oauth_flows: [code]\n"
        "        allowed_oauth_scopes: [openid]\n"
        "        callback_urls: ['http://[::1/cb']\n"
        "        logout_urls: ['https://[bad/bye']\n",
    )
    assert problems([f]) == [
        f"{f}:9:25: error: callback_urls[0]: 'http://[::1/cb' is not a valid URL "
        "(at user_pools[0].clients[0].callback_urls[0])"
    ]


def test_the_oauth_switch_needs_flows_scopes_and_callbacks(tmp_path: Path) -> None:
    # terraform-provider-aws managed_user_pool_client_test.go quotes AWS: "AllowedOAuthFlows
    # and AllowedOAuthScopes are required if user pool client is allowed to use OAuth
    # flows." and "CallbackUrls can not be empty when code flow or implicit flow is
    # selected".
    f = _spec(
        tmp_path,
        CLIENT + "        allowed_oauth_flows_user_pool_client: true\n"
        "      - client_name: d\n"
        "        allowed_oauth_flows_user_pool_client: true\n"
        "        allowed_oauth_flows: [implicit]\n"
        "        allowed_oauth_scopes: [openid]\n"
        "      - client_name: m2m\n"  # client credentials need no callback
        "        generate_secret: true\n"
        "        allowed_oauth_flows_user_pool_client: true\n"
        "        allowed_oauth_flows: [client_credentials]\n"
        "        allowed_oauth_scopes: [api/read]\n",
    )
    assert problems([f]) == [
        f"{f}:6:9: error: allowed_oauth_flows_user_pool_client: true needs "
        'allowed_oauth_flows and allowed_oauth_scopes on this client (Cognito: "AllowedOAuthFlows '
        "and AllowedOAuthScopes are required if user pool client is allowed to use OAuth "
        'flows") (at user_pools[0].clients[0].allowed_oauth_flows_user_pool_client)',
        # One quote, and the sandbox accepts it: a warning, riding with the error.
        f"{f}:9:9: warning: allowed_oauth_flows [implicit] needs callback_urls on this client "
        '(Cognito has answered "CallbackUrls can not be empty when code flow or implicit flow '
        'is selected"): add the URLs your app receives sign-ins at '
        "(at user_pools[0].clients[1].allowed_oauth_flows)",
    ]



def test_custom_prefix_on_a_standard_name_is_refused(tmp_path: Path) -> None:
    # `custom:email` (or `dev:custom:email`) can't be read as a custom attribute the tool
    # sends bare: that is the standard attribute. Sent as written Cognito would make
    # custom:custom:email. Both prefixes are refused, with the fix.
    f = _spec(
        tmp_path,
        HEAD + "    schema:\n"
        "      - {name: 'custom:email', attribute_data_type: String}\n"
        "      - {name: 'custom:tenant', attribute_data_type: String}\n"
        "      - {name: 'dev:custom:locale', attribute_data_type: String}\n",
    )
    assert problems([f]) == [
        f"{f}:5:10: error: custom attribute 'custom:email' clashes with the standard "
        "attribute 'email'; to configure the standard one, write name: email "
        "(at user_pools[0].schema[0].name)",
        f"{f}:7:10: error: custom attribute 'dev:custom:locale' clashes with the "
        "standard attribute 'locale'; to configure the standard one, write name: "
        "locale (at user_pools[0].schema[2].name)",
    ]
