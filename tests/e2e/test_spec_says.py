"""Issue 13: what a spec can say, end to end against the sandbox."""

from __future__ import annotations

import json

import pytest

from .cli import clear_requests, run, write_spec, writes

POOL = """\
version: 1
user_pools:
  - pool_name: pin-users
    clients:
      - client_name: {name}
{pin}        callback_urls: [https://app.example.com/cb]
        access_token_validity: 60
        token_validity_units: {{access_token: {unit}}}
"""


def _spec(tmp_path, name="web", pin="", unit="minutes"):
    return write_spec(tmp_path, POOL.format(name=name, pin=pin, unit=unit))


def _clients(cognito):
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    pool_id = summary["Id"]
    found = cognito.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)["UserPoolClients"]
    return pool_id, {c["ClientName"]: c["ClientId"] for c in found}


def test_renaming_a_pinned_client_updates_it_in_place(sandbox_url, cognito, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", _spec(tmp_path)).code == 0
    pool_id, before = _clients(cognito)
    client_id = before["web"]
    renamed = _spec(tmp_path, name="portal", pin=f"        id: {client_id}\n")
    plan = run(sandbox_url, "plan", "--json", renamed)
    assert plan.code == 0, plan.err
    assert json.loads(plan.out)["summary"] == {
        "create": 0, "update": 1, "replace": 0, "delete": 0}
    clear_requests(sandbox_url)
    assert run(sandbox_url, "apply", "--auto-approve", renamed).code == 0
    assert writes(sandbox_url) == ["UpdateUserPoolClient"]
    _, after = _clients(cognito)
    assert after == {"portal": client_id}
    live = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    assert live["UserPoolClient"]["CallbackURLs"] == ["https://app.example.com/cb"]
    assert run(sandbox_url, "plan", "--detailed-exitcode", renamed).code == 0


def test_a_pinned_client_id_that_does_not_exist_is_refused(sandbox_url, cognito, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", _spec(tmp_path)).code == 0
    _, before = _clients(cognito)
    clear_requests(sandbox_url)
    result = run(sandbox_url, "apply", "--auto-approve",
                 _spec(tmp_path, pin="        id: nosuchclient\n"))
    assert result.code == 1
    assert "nosuchclient" in result.err and "id:" in result.err
    assert writes(sandbox_url) == []
    assert _clients(cognito)[1] == before


def test_changing_only_the_unit_changes_the_live_unit(sandbox_url, cognito, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", _spec(tmp_path)).code == 0
    pool_id, ids = _clients(cognito)
    # The same hour, now said in hours: the units are managed, so the live unit follows.
    spec = write_spec(tmp_path, POOL.format(name="web", pin="", unit="hours").replace(
        "access_token_validity: 60", "access_token_validity: 1"))
    assert run(sandbox_url, "plan", "--detailed-exitcode", spec).code == 2
    assert run(sandbox_url, "apply", "--auto-approve", spec).code == 0
    live = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=ids["web"])
    assert live["UserPoolClient"]["TokenValidityUnits"]["AccessToken"] == "hours"
    assert live["UserPoolClient"]["AccessTokenValidity"] == 1
    assert run(sandbox_url, "plan", "--detailed-exitcode", spec).code == 0


PARTS = """\
version: 1
user_pools:
  - pool_name: parts-users
    user_pool_tier: PLUS
    user_pool_add_ons: {{advanced_security_mode: AUDIT}}
{pool_parts}    clients:
      - client_name: web
{client_parts}"""

POOL_PARTS = """\
    domain: {domain: parts-users-login}
    ui_customization: {css: ".banner-customizable {background-color: black;}"}
    risk_configuration:
      risk_exception_configuration: {blocked_ip_range_list: [192.0.2.0/24]}
    log_delivery_configuration:
      log_configurations:
        - log_level: ERROR
          event_source: userNotification
          cloud_watch_logs_configuration:
            log_group_arn: arn:aws:logs:us-east-1:111122223333:log-group:/cognito/parts
"""

CLIENT_PARTS = """\
        analytics_configuration:
          application_id: 0123456789abcdef0123456789abcdef
          role_arn: arn:aws:iam::111122223333:role/cognito-pinpoint
          external_id: parts-analytics
        risk_configuration:
          risk_exception_configuration: {skipped_ip_range_list: [198.51.100.0/24]}
        managed_login_branding: {use_cognito_provided_values: true}
"""

REMOVED_POOL = """\
    remove: [domain, ui_customization, risk_configuration, log_delivery_configuration]
"""

REMOVED_CLIENT = """\
        remove: [analytics_configuration, risk_configuration, managed_login_branding]
"""


def test_every_part_can_be_removed_by_the_spec(sandbox_url, cognito, tmp_path):
    full = write_spec(tmp_path, PARTS.format(pool_parts=POOL_PARTS, client_parts=CLIENT_PARTS))
    applied = run(sandbox_url, "apply", "--auto-approve", full)
    assert applied.code == 0, applied.text
    pool_id, ids = _clients(cognito)
    client_id = ids["web"]
    assert cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"].get("Domain")

    removed = write_spec(tmp_path, PARTS.format(pool_parts=REMOVED_POOL,
                                                client_parts=REMOVED_CLIENT))
    plan = run(sandbox_url, "plan", "--json", removed)
    assert plan.code == 0, plan.text
    summary = json.loads(plan.out)["summary"]
    # domain, UI customization, pool and client risk, log delivery, branding; and the
    # client update that drops its analytics configuration
    assert summary == {"create": 0, "update": 1, "replace": 0, "delete": 6}, plan.out
    applied = run(sandbox_url, "apply", "--auto-approve", removed)
    assert applied.code == 0, applied.text

    pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert not pool.get("Domain")
    logs = cognito.get_log_delivery_configuration(UserPoolId=pool_id)
    assert logs["LogDeliveryConfiguration"].get("LogConfigurations") in (None, [])
    risk = cognito.describe_risk_configuration(UserPoolId=pool_id)["RiskConfiguration"]
    assert not risk.get("RiskExceptionConfiguration")
    client = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    assert "AnalyticsConfiguration" not in client["UserPoolClient"]
    with pytest.raises(cognito.exceptions.ResourceNotFoundException):
        cognito.describe_managed_login_branding_by_client(UserPoolId=pool_id, ClientId=client_id)
    assert run(sandbox_url, "plan", "--detailed-exitcode", removed).code == 0
    # Removing what is already gone plans nothing.
    assert run(sandbox_url, "plan", "--detailed-exitcode", removed).code == 0


def test_a_part_both_set_and_removed_is_refused(sandbox_url, tmp_path):
    both = write_spec(tmp_path, PARTS.format(
        pool_parts=POOL_PARTS + "    remove: [domain]\n", client_parts=""))
    result = run(sandbox_url, "validate", both)
    assert result.code == 1
    assert "remove: names domain, which is also set here" in result.text


def test_a_saved_plan_of_a_removal_applies(sandbox_url, cognito, tmp_path):
    with_domain = write_spec(tmp_path, PARTS.format(
        pool_parts="    domain: {domain: saved-removal-login}\n", client_parts=""))
    assert run(sandbox_url, "apply", "--auto-approve", with_domain).code == 0
    removed = write_spec(tmp_path, PARTS.format(pool_parts="    remove: [domain]\n",
                                                client_parts=""))
    saved = str(tmp_path / "removal.plan")
    assert run(sandbox_url, "plan", "--out", saved, removed).code == 0
    applied = run(sandbox_url, "apply", "--auto-approve", saved)
    assert applied.code == 0, applied.text
    [pool] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    assert not cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"].get("Domain")
