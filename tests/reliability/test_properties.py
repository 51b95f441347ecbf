"""Convergence as a property (hypothesis), against the sandbox.

1. For a random valid spec, apply then plan is empty, and the live pool holds
   the spec's values (checked with boto3, not with the tool's own reader).
2. For random out-of-band drift, plan then apply converges; drift of settings
   the spec leaves out is kept (the tool never touches what it doesn't manage);
   users survive.
3. For a failure injected at a random write (5xx, 4xx, persistent, expired
   credentials, a dropped connection before or after Cognito acted), the apply
   exits 0 or 1 without a traceback, and a re-run converges with no duplicate
   pool or client and every user kept.

Example counts are modest (``RELIABILITY_EXAMPLES``, default 10 each); with
``CI`` set the examples are derandomized so a CI run is repeatable. Failing
examples are not shrunk unless ``RELIABILITY_SHRINK=1`` (each is several CLI runs).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from e2e.cli import run
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from reconciler.sandbox.server import SandboxServer

from .helpers import (
    Figures,
    add_users,
    clear_faults,
    client_names,
    inject,
    pool_ids,
    users_by_pool,
)
from .netfaults import DroppingProxy
from .specs import write
from .strategies import POOL_NAME, apply_drift, drift, fixed, spec_data, to_yaml

EXAMPLES = int(os.environ.get("RELIABILITY_EXAMPLES", "10"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    # Each example is a few CLI runs: shrinking can take many minutes. Opt in.
    phases=[p for p in Phase if p != Phase.shrink or os.environ.get("RELIABILITY_SHRINK")],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large],
)
USERS = 5


def apply_ok(url: str, path: str) -> None:
    result = run(url, "apply", "--auto-approve", path)
    assert result.code == 0, f"{result.text}\n--- spec ---\n{Path(path).read_text()}"


def plan_is_empty(url: str, path: str) -> None:
    result = run(url, "plan", "--detailed-exitcode", path)
    assert result.code == 0, f"{result.text}\n--- spec ---\n{Path(path).read_text()}"


def the_pool(cognito: Any) -> str:
    ids = pool_ids(cognito, POOL_NAME)
    assert len(ids) == 1, f"expected one pool named {POOL_NAME}, found {ids}"
    return ids[0]


def check_live_matches(cognito: Any, spec: dict[str, Any]) -> None:
    """An oracle independent of the tool's reader: boto3's view of what the spec set."""
    [pool] = spec["user_pools"]
    pool_id = the_pool(cognito)
    live = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    if "policies" in pool:
        assert live["Policies"]["PasswordPolicy"]["MinimumLength"] == (
            pool["policies"]["password_policy"]["minimum_length"])
    if "user_pool_tags" in pool:
        assert live.get("UserPoolTags", {}) == pool["user_pool_tags"]
    if "deletion_protection" in pool:
        assert live["DeletionProtection"] == pool["deletion_protection"]
    if "username_attributes" in pool:
        assert sorted(live.get("UsernameAttributes", [])) == sorted(pool["username_attributes"])
    # Without a `clients:` / `groups:` key those aren't managed (docs/semantics.md).
    clients = {c["client_name"]: c for c in pool.get("clients", [])}
    if clients:
        assert client_names(cognito, pool_id) == sorted(clients)
    listed = cognito.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)
    for summary in listed["UserPoolClients"]:
        want = clients.get(summary["ClientName"])
        if want is None:
            continue
        got = cognito.describe_user_pool_client(
            UserPoolId=pool_id, ClientId=summary["ClientId"])["UserPoolClient"]
        assert bool(got.get("ClientSecret")) == want["generate_secret"]
        for key, member in (("access_token_validity", "AccessTokenValidity"),
                            ("id_token_validity", "IdTokenValidity"),
                            ("refresh_token_validity", "RefreshTokenValidity"),
                            ("auth_session_validity", "AuthSessionValidity")):
            if key in want:
                assert got[member] == want[key], (key, got)
        if "explicit_auth_flows" in want:
            assert sorted(got["ExplicitAuthFlows"]) == sorted(want["explicit_auth_flows"])
    groups = {g["group_name"]: g for g in pool.get("groups", [])}
    live_groups = cognito.list_groups(UserPoolId=pool_id)["Groups"]
    if groups:
        assert sorted(g["GroupName"] for g in live_groups) == sorted(groups)
    for group in live_groups:
        if group["GroupName"] in groups:
            assert group["Precedence"] == groups[group["GroupName"]]["precedence"]


@PROPERTY
@given(data=st.data())
def test_apply_then_plan_is_empty(data: st.DataObject, sandbox: SandboxServer, sandbox_url: str,
                                  cognito: Any, tmp_path: Path, figures: Figures) -> None:
    spec = data.draw(fixed.flatmap(spec_data), label="spec")
    path = write(tmp_path, to_yaml(spec))
    sandbox.reset()
    checked = run(sandbox_url, "validate", path)
    assert checked.code == 0, checked.text
    apply_ok(sandbox_url, path)
    plan_is_empty(sandbox_url, path)
    check_live_matches(cognito, spec)
    figures.record("properties", random_specs_converged=1)


@PROPERTY
@given(data=st.data())
def test_drift_is_planned_and_undone_and_unmanaged_drift_is_kept(
        data: st.DataObject, sandbox: SandboxServer, sandbox_url: str, cognito: Any,
        tmp_path: Path, figures: Figures) -> None:
    spec = data.draw(fixed.flatmap(spec_data), label="spec")
    [pool] = spec["user_pools"]
    path = write(tmp_path, to_yaml(spec))
    sandbox.reset()
    apply_ok(sandbox_url, path)
    pool_id = the_pool(cognito)
    add_users(cognito, pool_id, USERS)
    users = users_by_pool(cognito)
    changes = data.draw(st.lists(drift, min_size=1, max_size=3), label="drift")
    made = [d for d in changes if apply_drift(cognito, pool_id, d)]
    planned = run(sandbox_url, "plan", "--detailed-exitcode", path)
    assert planned.code in (0, 2), planned.text
    apply_ok(sandbox_url, path)
    plan_is_empty(sandbox_url, path)
    check_live_matches(cognito, spec)
    assert users_by_pool(cognito) == users
    live = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    for change in made:  # drift of what the spec leaves out stays as it was made
        if change.kind == "pool_unmanaged":
            subjects = [d.value for d in made if d.kind == "pool_unmanaged"]
            assert live.get("EmailVerificationSubject") == subjects[-1]
        elif change.kind == "pool_tags" and "user_pool_tags" not in pool:
            tags = [d.value for d in made if d.kind == "pool_tags"]
            assert live.get("UserPoolTags", {}) == tags[-1]
        elif change.kind == "pool_min_length" and "policies" not in pool:
            lengths = [d.value for d in made if d.kind == "pool_min_length"]
            assert live["Policies"]["PasswordPolicy"]["MinimumLength"] == lengths[-1]
    figures.record("properties", drift_cases=1, drift_changes=len(made))
    figures.record("users", counted_before=USERS, counted_after=USERS, lost=0)


FAULTS = ("500", "400", "persistent-503", "expired-token", "throttle-storm",
          "drop-before", "drop-after")


def inject_at_write(url: str, proxy: DroppingProxy, kind: str, number: int) -> None:
    proxy.configure()
    if kind == "500":
        inject(url, {"fail_write_number": number, "status": 500})
    elif kind == "400":
        inject(url, {"fail_write_number": number, "status": 400,
                     "code": "InvalidParameterException"})
    elif kind == "persistent-503":
        inject(url, {"fail_write_number": number, "status": 503, "times": 40})
    elif kind == "expired-token":
        inject(url, {"fail_write_number": number, "status": 400,
                     "code": "ExpiredTokenException", "times": 1000})
    elif kind == "throttle-storm":
        inject(url, {"fail_write_number": number, "status": 400,
                     "code": "TooManyRequestsException", "times": 3})
    else:
        proxy.configure(write_drops={number: kind.removeprefix("drop-")})


@PROPERTY
@given(data=st.data())
def test_a_failure_at_a_random_write_then_a_rerun_converges(
        data: st.DataObject, sandbox: SandboxServer, sandbox_url: str, cognito: Any,
        tmp_path: Path, proxy: DroppingProxy, figures: Figures) -> None:
    shape = data.draw(fixed, label="shape")
    fresh = data.draw(st.booleans(), label="fresh")
    before = None if fresh else data.draw(spec_data(shape), label="before")
    after = data.draw(spec_data(shape), label="after")
    kind = data.draw(st.sampled_from(FAULTS), label="fault")
    number = data.draw(st.integers(1, 10), label="write number")
    path = write(tmp_path, to_yaml(after), "after.yaml")
    sandbox.reset()
    users: dict[str, set[str]] = {}
    if before is not None:
        apply_ok(sandbox_url, write(tmp_path, to_yaml(before), "before.yaml"))
        add_users(cognito, the_pool(cognito), USERS)
        users = users_by_pool(cognito)
    inject_at_write(sandbox_url, proxy, kind, number)
    first = run(proxy.url, "apply", "--auto-approve", path)
    assert first.code in (0, 1), first.text
    assert "Traceback" not in first.text and "internal error" not in first.text
    if first.code == 1:
        errors = [line for line in first.err.splitlines() if line.startswith("Error: ")]
        assert len(errors) == 1, first.err
    clear_faults(sandbox_url)
    proxy.configure()
    apply_ok(sandbox_url, path)
    plan_is_empty(sandbox_url, path)
    check_live_matches(cognito, after)
    if users:
        assert users_by_pool(cognito) == users
        figures.record("users", counted_before=USERS, counted_after=USERS, lost=0)
    figures.record("properties", random_failures=1, random_failures_stopped=first.code)
    figures.record("faults_survived", **{f"random_{kind}": 1})
