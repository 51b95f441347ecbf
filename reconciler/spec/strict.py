"""Strict mode (issue 13, trap 7): what a spec leaves out is managed at Cognito's default.

A normal spec manages only what it sets, so a console edit of a setting the spec leaves
out (an exported spec leaves every default out) never shows in a plan. In strict mode
(`strict: true` at the top of a spec file or on a pool, or `plan --strict` /
`apply --strict`) the spec describes the whole pool: everything it leaves out is managed
at what a pool (or client) created from the spec has, from the one defaults table
(``reconciler/pool_defaults.py``), so drift in any covered setting is a change:

- the pool's top-level settings (``POOL_DEFAULTS``), its lists (none when left out), and
  the members a pool created without them doesn't have (``STRICT_ABSENT_POOL_MEMBERS``:
  device configuration, SMS authentication message, threat protection add-ons);
- the members of a block the spec gives in part (``STRICT_BLOCK_MEMBERS``), the legacy
  verification messages included (they are the template's messages);
- each client's defaults, lists, token lifetimes and absent members;
- the parts: a part kind the spec doesn't name is managed as none (``STRICT_NO_*``), so a
  live domain, group, client, ... that the spec doesn't declare is planned for removal,
  by name, like a part the spec's ``remove:`` names (replicas, a client's terms and
  CIMD policies too); parts Cognito always answers for (session configurations) at
  that answer (``STRICT_*_PART_DEFAULTS``).

A value of None means "managed, and absent": it is compared as absent and never sent
(Cognito resets what an update omits). What stays unmanaged even here, and why, is in
docs/semantics.md ("Strict mode"). The tables are data: a newer part or setting is
covered by adding its default (with its source) to pool_defaults.py.
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


def _fill_blocks(settings: dict[str, Any],
                 blocks: dict[tuple[str, ...], dict[str, Any]]) -> None:
    """Each listed block the settings hold, completed with its members' defaults (outer
    blocks first, so that a member block filled in is completed in turn)."""
    for path in sorted(blocks, key=len):
        block: Any = settings
        for member in path:
            block = block.get(member) if isinstance(block, dict) else None
        if isinstance(block, dict):
            _fill(block, blocks[path])


def strict_client(client: DesiredClient) -> None:
    settings = client.settings
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
    # Left out of every update, as the spec's remove: does: Cognito then clears them.
    client.removed = client.removed | {
        m for m in pool_defaults.STRICT_ABSENT_CLIENT_MEMBERS if m not in settings}
    for key in pool_defaults.STRICT_NO_CLIENT_PARTS:
        client.parts.setdefault(key, None)
    for key in pool_defaults.STRICT_NO_CLIENT_LISTS:
        client.parts.setdefault(key, [])
    # (`remove:` may have put None there: that stays.)
    _fill(client.parts, pool_defaults.STRICT_CLIENT_PART_DEFAULTS)


def strict_pool(pool: DesiredPool) -> None:
    """``pool`` (and its clients) with every unset covered setting at its default, and
    every part kind the spec doesn't name managed as none."""
    pool.strict = True  # shown in every plan: unnamed live parts are deleted
    settings = pool.settings
    _fill(settings, pool_defaults.POOL_DEFAULTS)
    _fill(settings, {member: [] for member in POOL_LISTS})
    _fill(settings, dict.fromkeys(pool_defaults.STRICT_ABSENT_POOL_MEMBERS))
    _fill_blocks(settings, pool_defaults.STRICT_BLOCK_MEMBERS)
    for key in pool_defaults.STRICT_NO_POOL_LISTS:
        if key == "clients":
            if pool.clients is None:
                pool.clients = []
        else:
            pool.parts.setdefault(key, [])
    for key in pool_defaults.STRICT_NO_POOL_PARTS:
        pool.parts.setdefault(key, None)
    _fill(pool.parts, pool_defaults.STRICT_POOL_PART_DEFAULTS)
    for client in pool.clients or []:
        strict_client(client)
