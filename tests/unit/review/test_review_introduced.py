"""Which findings a plan introduces (the section `plan --format markdown` appends)."""

from __future__ import annotations

from _review_helpers import WORKSHOP

from reconciler.plan.model import Action, Change, FieldChange, Plan
from reconciler.review.introduced import introduced, review_section
from reconciler.spec.loader import load_spec

POOL = "user_pool.workshop-users"
CLIENT = f"{POOL}.client.workshop-web"


def _change(address: str, action: Action, *paths: str) -> Change:
    return Change(address=address, kind="client" if ".client." in address else "user_pool",
                  name=address.rsplit(".", 1)[-1], action=action, region="us-east-1",
                  pool_address=POOL, fields=[FieldChange(p, "before", "after") for p in paths])


def _ids(*changes: Change) -> list[str]:
    spec = load_spec([str(WORKSHOP)], environ={})
    return sorted(f.rule.id for f in introduced(spec, Plan(changes=list(changes))))


def test_a_created_pool_brings_all_its_findings() -> None:
    assert _ids(_change(POOL, Action.CREATE), _change(CLIENT, Action.CREATE)) == [
        "CR101", "CR102", "CR104", "CR201", "CR301"]


def test_an_update_brings_the_findings_at_the_keys_it_touches() -> None:
    assert _ids(_change(CLIENT, Action.UPDATE, "explicit_auth_flows")) == ["CR301"]
    assert _ids(_change(CLIENT, Action.UPDATE, "access_token_validity")) == []
    assert _ids(_change(POOL, Action.UPDATE, "policies.password_policy.minimum_length")) == [
        "CR201"]
    assert _ids(_change(POOL, Action.UPDATE, "user_pool_add_ons")) == ["CR101", "CR102"]


def test_a_finding_comes_with_a_change_to_a_key_its_rule_reads() -> None:
    # Turning MFA off makes an 8-character password too short (CR201 points at the length).
    assert _ids(_change(POOL, Action.UPDATE, "mfa_configuration")) == ["CR104", "CR201"]


def test_no_change_no_section() -> None:
    spec = load_spec([str(WORKSHOP)], environ={})
    assert review_section(spec, Plan()) == ""
    text = review_section(spec, Plan(changes=[_change(CLIENT, Action.UPDATE, "id_token_validity")]))
    assert "None: the review finds nothing in what this plan changes." in text
