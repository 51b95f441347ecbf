"""Issue 11.4: a field a newer API returns that the model doesn't know blocks an update of
the part that holds it (domain, IdP, group, resource server, UI customization, threat
protection, log delivery, branding), with the same explanation as for pools.

The sandbox answers through a small proxy that adds the unknown field to one read's
answer, as AWS would once its API has moved past the shipped model.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from .cli import clear_requests, run, write_spec, writes

FIELD = "FutureSetting"
SECRET = "oidc-secret-never-printed"

BASE = """\
version: 1
user_pools:
  - pool_name: guarded
    user_pool_tier: PLUS
    user_pool_add_ons: {{advanced_security_mode: AUDIT}}
{part}"""

# kind -> (the read whose answer gets the field, its resource member, spec text, changed).
CASES: dict[str, tuple[str, str, str, str]] = {
    "group": ("ListGroups", "Groups",
              "    groups:\n      - {group_name: admins, description: A}\n",
              "    groups:\n      - {group_name: admins, description: B}\n"),
    "resource_server": (
        "ListResourceServers", "ResourceServers",
        "    resource_servers:\n      - {identifier: 'https://api.example.com', name: a}\n",
        "    resource_servers:\n      - {identifier: 'https://api.example.com', name: b}\n"),
    "identity_provider": (
        "DescribeIdentityProvider", "IdentityProvider",
        "    identity_providers:\n      - provider_name: Corp\n        provider_type: OIDC\n"
        "        provider_details: {client_id: c, client_secret: '${env:OIDC_SECRET}',"
        " attributes_request_method: GET, oidc_issuer: 'https://login.example.com',"
        " authorize_scopes: openid}\n        attribute_mapping: {email: email}\n",
        "    identity_providers:\n      - provider_name: Corp\n        provider_type: OIDC\n"
        "        provider_details: {client_id: c, client_secret: '${env:OIDC_SECRET}',"
        " attributes_request_method: GET, oidc_issuer: 'https://login.example.com',"
        " authorize_scopes: openid}\n        attribute_mapping: {email: mail}\n"),
    "domain": ("DescribeUserPoolDomain", "DomainDescription",
               "    domain: {domain: guarded-auth-1, managed_login_version: 1}\n",
               "    domain: {domain: guarded-auth-1, managed_login_version: 2}\n"),
    "ui_customization": (
        "GetUICustomization", "UICustomization",
        "    domain: {domain: guarded-auth-2}\n"
        "    ui_customization: {css: '.banner-customizable { background-color: red; }'}\n",
        "    domain: {domain: guarded-auth-2}\n"
        "    ui_customization: {css: '.banner-customizable { background-color: blue; }'}\n"),
    "risk_configuration": (
        "DescribeRiskConfiguration", "RiskConfiguration",
        "    risk_configuration:\n      risk_exception_configuration:\n"
        "        blocked_ip_range_list: ['192.0.2.0/24']\n",
        "    risk_configuration:\n      risk_exception_configuration:\n"
        "        blocked_ip_range_list: ['198.51.100.0/24']\n"),
    "log_delivery_configuration": (
        "GetLogDeliveryConfiguration", "LogDeliveryConfiguration",
        "    log_delivery_configuration:\n      log_configurations:\n"
        "        - log_level: ERROR\n          event_source: userNotification\n"
        "          cloud_watch_logs_configuration: {log_group_arn: "
        "'arn:aws:logs:us-east-1:123456789012:log-group:/a'}\n",
        "    log_delivery_configuration:\n      log_configurations:\n"
        "        - log_level: ERROR\n          event_source: userNotification\n"
        "          cloud_watch_logs_configuration: {log_group_arn: "
        "'arn:aws:logs:us-east-1:123456789012:log-group:/b'}\n"),
    "managed_login_branding": (
        "DescribeManagedLoginBrandingByClient", "ManagedLoginBranding",
        "    domain: {domain: guarded-auth-3, managed_login_version: 2}\n"
        "    clients:\n      - client_name: web\n        managed_login_branding:\n"
        "          settings: {components: {pageBackground: {image: {enabled: false}}}}\n",
        "    domain: {domain: guarded-auth-3, managed_login_version: 2}\n"
        "    clients:\n      - client_name: web\n        managed_login_branding:\n"
        "          settings: {components: {pageBackground: {image: {enabled: true}}}}\n"),
}


class Injector:
    """A proxy in front of the sandbox adding FIELD to one operation's resource(s)."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.operation = ""
        self.member = ""
        self.injected = 0
        injector = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # http.server's name for the handler
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("host", "content-length", "connection")}
                request = urllib.request.Request(injector.upstream + self.path, data=body,
                                                 headers=headers, method="POST")
                try:
                    with urllib.request.urlopen(request, timeout=30) as answer:
                        status, payload = answer.status, answer.read()
                        kind = answer.headers.get("Content-Type", "application/json")
                except urllib.error.HTTPError as error:
                    status, payload = error.code, error.read()
                    kind = error.headers.get("Content-Type", "application/json")
                target = self.headers.get("X-Amz-Target", "")
                if status == 200 and target.endswith("." + injector.operation):
                    payload = injector.inject(payload)
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def inject(self, payload: bytes) -> bytes:
        document = json.loads(payload)
        found = document.get(self.member)
        for item in found if isinstance(found, list) else [found]:
            if isinstance(item, dict):
                item[FIELD] = {"Mode": "ON"}
                self.injected += 1
        return json.dumps(document).encode()


@pytest.fixture
def injector(sandbox_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Injector]:
    proxy = Injector(sandbox_url)
    monkeypatch.setenv("AWS_ENDPOINT_URL_COGNITO_IDP", proxy.url)
    monkeypatch.setenv("OIDC_SECRET", SECRET)
    thread = threading.Thread(target=proxy.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        proxy.server.shutdown()
        proxy.server.server_close()


@pytest.mark.parametrize("kind", sorted(CASES))
def test_an_unmodeled_field_blocks_the_update_of_its_part(kind: str, injector: Injector,
                                                          sandbox_url: str, tmp_path) -> None:
    operation, member, before, after = CASES[kind]
    applied = run(sandbox_url, "apply", "--auto-approve",
                  write_spec(tmp_path, BASE.format(part=before)))
    assert applied.code == 0, applied.text
    changed = write_spec(tmp_path, BASE.format(part=after), "changed.yaml")
    injector.operation, injector.member = operation, member
    clear_requests(sandbox_url)

    planned = run(injector.url, "plan", "--json", changed)
    assert planned.code == 0, planned.text
    assert injector.injected > 0
    [change] = json.loads(planned.out)["changes"]
    assert change["action"] == "update"
    assert change["blocked"].startswith(
        f"the live resource has fields this version doesn't model ({FIELD}); "
        "a full update would reset them")

    refused = run(injector.url, "apply", "--auto-approve", changed)
    assert refused.code == 1, refused.text
    assert FIELD in refused.err
    assert writes(sandbox_url) == []
    assert SECRET not in planned.text + refused.text


def test_without_the_field_the_same_update_goes_through(injector: Injector, sandbox_url: str,
                                                        tmp_path) -> None:
    _, _, before, after = CASES["group"]
    assert run(sandbox_url, "apply", "--auto-approve",
               write_spec(tmp_path, BASE.format(part=before))).code == 0
    injector.operation, injector.member = "ListUserPools", "Nothing"  # injects nothing
    clear_requests(sandbox_url)
    result = run(injector.url, "apply", "--auto-approve",
                 write_spec(tmp_path, BASE.format(part=after), "changed.yaml"))
    assert result.code == 0, result.text
    assert writes(sandbox_url) == ["UpdateGroup"]


def test_an_unmodeled_field_is_not_part_of_the_document(injector: Injector, sandbox_url: str,
                                                        tmp_path) -> None:
    # A field only a newer model knows is reported, never compared or shown as a change.
    operation, member, before, _ = CASES["group"]
    path = write_spec(tmp_path, BASE.format(part=before))
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    injector.operation, injector.member = operation, member
    planned = run(injector.url, "plan", "--detailed-exitcode", path)
    assert planned.code == 0, planned.text
    assert injector.injected > 0
