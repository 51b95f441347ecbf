"""Strict mode (issue 13, trap 7): what a spec leaves out is managed at Cognito's default.

A normal spec manages only what it sets, so a console edit of a setting the spec leaves
out (an exported spec leaves every default out) never shows in a plan. In strict mode
(`strict: true` on a pool in the spec, or `plan --strict` / `apply --strict`) each pool
and client setting the spec leaves out is added at the value Cognito gives a resource
created without it, from the one defaults table (``reconciler/pool_defaults.py``), so
drift in any of them is a change.

Covered: every top-level pool member of the defaults table, the pool's lists (an
omitted list means none), and each client's defaults, lists and token lifetimes.
Left unmanaged even in strict mode: settings with no default Cognito reads back
(``device_configuration``, ``sms_configuration``, ``user_pool_add_ons``, the legacy
verification messages), members inside a block the spec gives in part, create-only
settings (they can't drift), and the pool's parts (domain, groups, ...) except the
session configurations, which Cognito always answers for (their defaults are documented).
"""

from __future__ import annotations

import copy
from typing import Any

from reconciler import pool_defaults
from reconciler.model import DesiredClient, DesiredPool
from reconciler.plan import tokens

# Pool lists a pool created without them doesn't have (an omitted list means none).
POOL_LISTS = ("AutoVerifiedAttributes",)
# Client lists DescribeUserPoolClient leaves out when a client never set them.
CLIENT_LISTS = ("CallbackURLs", "LogoutURLs", "AllowedOAuthFlows", "AllowedOAuthScopes",
                "SupportedIdentityProviders", "ReadAttributes", "WriteAttributes")


def _fill(settings: dict[str, Any], defaults: dict[str, Any]) -> None:
    for member, value in defaults.items():
        if member not in settings:
            settings[member] = copy.deepcopy(value)


def strict_client(client: DesiredClient) -> None:
    settings = client.settings
    # A part Cognito always answers for: managed at the answer it gives when never set
    # (`remove:` has put None there, which stays).
    client.parts.setdefault("session_configuration",
                            copy.deepcopy(pool_defaults.CLIENT_SESSION_DEFAULT))
    if "ClientSecret" in settings:
        # A custom secret is planned as GenerateSecret true (plan/clients.py).
        settings.setdefault("GenerateSecret", False)
    _fill(settings, {m: v for m, v in pool_defaults.CLIENT_DEFAULTS.items()
                     if m != "TokenValidityUnits"})
    _fill(settings, {member: [] for member in CLIENT_LISTS})
    for member, (_, _, default_value) in tokens.TOKENS.items():
        # The default duration is managed, not its unit: 60 minutes is 1 hour, and an
        # export leaves such a lifetime out (it equals the default).
        settings.setdefault(member, default_value)


def strict_pool(pool: DesiredPool) -> None:
    """``pool`` (and its clients) with every unset covered setting at its default."""
    _fill(pool.settings, pool_defaults.POOL_DEFAULTS)
    _fill(pool.settings, {member: [] for member in POOL_LISTS})
    pool.parts.setdefault("session_configuration",
                          copy.deepcopy(pool_defaults.POOL_SESSION_DEFAULT))
    for client in pool.clients or []:
        strict_client(client)
