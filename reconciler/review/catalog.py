"""Every review rule, in id order: the one list the engine, the docs and SARIF read."""

from __future__ import annotations

from reconciler.review import rules_clients, rules_controls, rules_secrets, rules_signin
from reconciler.review.model import Rule

RULES: tuple[Rule, ...] = tuple(sorted(
    (*rules_controls.RULES, *rules_signin.RULES, *rules_clients.RULES, *rules_secrets.RULES),
    key=lambda rule: rule.id,
))
BY_ID = {rule.id: rule for rule in RULES}
