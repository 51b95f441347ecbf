"""Specs shared by the reliability tests, and reading an apply's done/not-done report."""

from __future__ import annotations

import json
import re
from pathlib import Path

from e2e.cli import run

# A pool with a bit of everything that makes calls: policies, MFA, tags, groups,
# a resource server, and four clients (one confidential, one using the scope).
V1 = """\
version: 1
user_pools:
  - pool_name: shop
    policies:
      password_policy: {minimum_length: 10, require_numbers: true}
    mfa_configuration: "OFF"
    user_pool_tags: {team: shop}
    groups:
      - {group_name: admins, precedence: 1}
      - {group_name: staff, precedence: 5}
    resource_servers:
      - identifier: "https://api.shop.example.com"
        name: shop-api
        scopes: [{scope_name: orders.read, scope_description: Read orders}]
    clients:
      - client_name: web
        explicit_auth_flows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
        access_token_validity: 60
        token_validity_units: {access_token: minutes}
      - client_name: mobile
        refresh_token_validity: 60
      - client_name: backend
        generate_secret: true
        allowed_oauth_flows_user_pool_client: true
        allowed_oauth_flows: [client_credentials]
        allowed_oauth_scopes: ["https://api.shop.example.com/orders.read"]
      - client_name: admin-tool
        prevent_user_existence_errors: ENABLED
"""

# V1 changed everywhere: pool settings, every client, a group; a client and a
# group added; admin-tool deleted.
V2 = """\
version: 1
user_pools:
  - pool_name: shop
    policies:
      password_policy: {minimum_length: 12, require_numbers: true, require_symbols: true}
    mfa_configuration: "OFF"
    user_pool_tags: {team: shop, tier: gold}
    groups:
      - {group_name: admins, precedence: 2, description: Admins}
      - {group_name: staff, precedence: 5}
      - {group_name: auditors, precedence: 9}
    resource_servers:
      - identifier: "https://api.shop.example.com"
        name: shop-api
        scopes:
          - {scope_name: orders.read, scope_description: Read orders}
          - {scope_name: orders.write, scope_description: Change orders}
    clients:
      - client_name: web
        explicit_auth_flows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
        access_token_validity: 30
        token_validity_units: {access_token: minutes}
      - client_name: mobile
        refresh_token_validity: 90
      - client_name: backend
        generate_secret: true
        allowed_oauth_flows_user_pool_client: true
        allowed_oauth_flows: [client_credentials]
        allowed_oauth_scopes:
          - "https://api.shop.example.com/orders.read"
          - "https://api.shop.example.com/orders.write"
      - client_name: partner
        explicit_auth_flows: [ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_SRP_AUTH]
"""

_REPORT = re.compile(r"^  (done|not done|unknown):\s+(.+?): (\w+)(?: \(sent, .*\))?$")


def write(directory: Path, text: str, name: str = "spec.yaml") -> str:
    path = directory / name
    path.write_text(text)
    return str(path)


def report(err: str) -> dict[str, list[tuple[str, str]]]:
    """The (address, operation) pairs an apply reported done, not done and unknown."""
    found: dict[str, list[tuple[str, str]]] = {"done": [], "not done": [], "unknown": []}
    for line in err.splitlines():
        match = _REPORT.match(line)
        if match:
            found[match.group(1)].append((match.group(2), match.group(3)))
    return found


def pending(url: str, spec: str) -> set[str]:
    """The addresses a fresh plan still has changes for."""
    result = run(url, "plan", "--json", spec)
    assert result.code == 0, result.text
    return {change["address"] for change in json.loads(result.out)["changes"]}


def assert_report_is_accurate(url: str, spec: str, err: str) -> tuple[int, int]:
    """What the report says was done is done; what it says was not done is still pending.

    A call reported ``unknown`` (sent, no answer) may be either. Returns the
    numbers of calls reported done and not done.
    """
    found = report(err)
    done, not_done, unknown = found["done"], found["not done"], found["unknown"]
    assert done or not_done or unknown, f"no done/not-done report in:\n{err}"
    left = pending(url, spec)
    unfinished = {address for address, _ in not_done}
    unsure = {address for address, _ in unknown}
    for address in unfinished:
        assert address in left, f"reported not done, but nothing is left to do: {address}"
    for address in {address for address, _ in done} - unfinished - unsure:
        assert address not in left, f"reported done, but still pending: {address}"
    return len(done), len(not_done)
