"""Domains settle asynchronously (issue 10.5): apply waits for each domain write.

10.5 "Domains are asynchronous (CREATING, UPDATING, DELETING). Wait, with progress,
until a domain is ACTIVE or gone before what depends on it (a pool delete in a
replace, re-creating the same domain name, branding and UI after a create). A status
change is not a concurrent edit."
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

from .cli import clear_requests, run, sandbox_requests, write_spec


def domain_seconds(url: str, seconds: float) -> None:
    """How long the sandbox keeps a domain CREATING, UPDATING or DELETING."""
    request = urllib.request.Request(
        f"{url}/_sandbox/faults", method="POST",
        data=json.dumps({"domain_seconds": seconds}).encode())
    urllib.request.urlopen(request, timeout=10).close()


def pool_id(cognito: Any) -> str:
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    return str(summary["Id"])


MOVING = """\
version: 1
user_pools:
  - pool_name: moving
    username_attributes: [{attribute}]
    domain: {{domain: moving-login}}
"""


def test_a_pool_replace_waits_until_its_domain_is_gone_and_the_new_one_active(
        sandbox_url: str, cognito: Any, tmp_path: Path) -> None:
    domain_seconds(sandbox_url, 1.0)
    created = run(sandbox_url, "apply", "--auto-approve",
                  write_spec(tmp_path, MOVING.format(attribute="email")))
    assert created.code == 0, created.text

    changed = write_spec(tmp_path, MOVING.format(attribute="phone_number"))
    clear_requests(sandbox_url)
    result = run(sandbox_url, "apply", "--auto-approve", "--allow-replace", changed)
    # Without the wait, the re-created name races the DELETING domain:
    # "Domain already associated with another user pool."
    assert result.code == 0, result.text
    sent = [r["operation"] for r in sandbox_requests(sandbox_url)
            if r["operation"] != "ListUserPools"]
    deleted = sent.index("DeleteUserPoolDomain")
    # apply read the domain until it was gone before it deleted the pool.
    assert "DescribeUserPoolDomain" in sent[deleted:sent.index("DeleteUserPool")]
    domain = cognito.describe_user_pool_domain(Domain="moving-login")["DomainDescription"]
    assert domain["UserPoolId"] == pool_id(cognito) and domain["Status"] == "ACTIVE"


def test_ui_customization_waits_for_a_new_domain(sandbox_url: str, tmp_path: Path) -> None:
    domain_seconds(sandbox_url, 2.0)  # long beside one call, so the wait is seen
    spec = write_spec(tmp_path, """\
version: 1
user_pools:
  - pool_name: styled
    domain: {domain: styled-login}
    ui_customization: {css: ".banner-customizable {padding: 2px}"}
""")
    result = run(sandbox_url, "apply", "--auto-approve", spec)
    assert result.code == 0, result.text
    out = result.text
    assert "waiting for domain styled-login to be ACTIVE: CREATING" in out
    assert out.index("domain styled-login is ACTIVE") < out.index("SetUICustomization ...")
    sent = [r["operation"] for r in sandbox_requests(sandbox_url)]
    between = sent[sent.index("CreateUserPoolDomain"):sent.index("SetUICustomization")]
    assert "DescribeUserPoolDomain" in between


def test_a_domain_settling_after_the_plan_is_not_someone_elses_edit(
        sandbox_url: str, cognito: Any, tmp_path: Path) -> None:
    spec = """\
version: 1
user_pools:
  - pool_name: settling
    user_pool_tier: ESSENTIALS
    domain: {{domain: settling-login, managed_login_version: {version}}}
"""
    domain_seconds(sandbox_url, 0)
    assert run(sandbox_url, "apply", "--auto-approve",
               write_spec(tmp_path, spec.format(version=1))).code == 0
    # Someone else's change is still UPDATING when the plan is saved ...
    domain_seconds(sandbox_url, 600)
    cognito.update_user_pool_domain(UserPoolId=pool_id(cognito), Domain="settling-login",
                                    ManagedLoginVersion=1)
    plan_file = tmp_path / "plan.json"
    saved = run(sandbox_url, "plan", "--out", str(plan_file),
                write_spec(tmp_path, spec.format(version=2)))
    assert saved.code == 0, saved.text
    # ... and ACTIVE when it is applied: only the Status moved.
    domain_seconds(sandbox_url, 0)
    applied = run(sandbox_url, "apply", "--auto-approve", str(plan_file))
    assert applied.code == 0, applied.text
    domain = cognito.describe_user_pool_domain(Domain="settling-login")["DomainDescription"]
    assert domain["ManagedLoginVersion"] == 2
