"""Issue 13: `remove:` is the one spelling for "this part must not exist"; `id:` pins a
client; both in the schema, validation and the desired model."""

from __future__ import annotations

from _spec_helpers import problems, write

from reconciler.model import LivePart
from reconciler.plan.model import Action
from reconciler.plan.parts import LOG_DELIVERY, RISK_CONFIGURATION, Owner, plan_part
from reconciler.spec.desired import desired_client, desired_pool

SPEC = """\
version: 1
user_pools:
  - pool_name: p
{pool}    clients:
      - client_name: web
{client}"""


def test_removed_parts_are_managed_without_a_document():
    pool = desired_pool({"pool_name": "p", "remove": ["domain", "log_delivery_configuration"]},
                        ("user_pools", 0))
    assert pool.parts == {"domain": None, "log_delivery_configuration": None}
    client = desired_client({"client_name": "web", "remove": [
        "analytics_configuration", "managed_login_branding"]}, (), pool.address)
    assert client.parts == {"managed_login_branding": None}
    assert client.removed == frozenset({"AnalyticsConfiguration"})
    assert "remove" not in client.settings


def test_a_part_left_out_is_not_managed():
    pool = desired_pool({"pool_name": "p"}, ("user_pools", 0))
    assert pool.parts == {}


def test_removing_a_set_only_part_sends_the_empty_set():
    owner = Owner("user_pool.p", "us-east-1", "us-east-1_x")
    live = LivePart({"UserPoolId": "us-east-1_x", "LogConfigurations": [
        {"EventSource": "userNotification", "LogLevel": "ERROR"}]})
    change = plan_part(LOG_DELIVERY, owner, None, live)
    assert change is not None and change.action == Action.DELETE
    assert [(r.operation, r.params) for r in change.requests] == [
        ("SetLogDeliveryConfiguration", {"UserPoolId": "us-east-1_x", "LogConfigurations": []})]
    assert plan_part(RISK_CONFIGURATION, owner, None, None) is None  # already gone


def test_remove_and_set_together_is_an_error(tmp_path):
    path = write(tmp_path, "s.yaml", SPEC.format(
        pool="    domain: {domain: p-login}\n    remove: [domain]\n",
        client="        analytics_configuration: {application_arn: arn:aws:mobiletargeting:"
               "us-east-1:111122223333:apps/x}\n        remove: [analytics_configuration]\n"))
    found = problems([path])
    assert any("remove: names domain, which is also set here" in p for p in found)
    assert any("remove: names analytics_configuration, which is also set here" in p
               for p in found)


def test_unknown_removals_and_twice_pinned_clients_are_errors(tmp_path):
    path = write(tmp_path, "s.yaml", """\
version: 1
user_pools:
  - pool_name: p
    remove: [groups]
    clients:
      - {client_name: a, id: abc}
      - {client_name: b, id: abc}
""")
    found = "\n".join(problems([path]))
    assert '"groups" is not one of' in found
    assert "id 'abc' is used twice in clients" in found
