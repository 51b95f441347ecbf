"""GetProvisionedLimit (moto lacks it): the account's rate for a quota category.

AWS (doc: GetProvisionedLimit, LimitDefinitionType, LimitType; "Quotas in Amazon
Cognito", "Managing provisioned limits"): the request names ``LimitClass``
``API_CATEGORY`` and ``Attributes`` ``{"Category": <the page's category name>}``; the
answer echoes that definition with ``ProvisionedLimitValue`` ("the rate that Amazon
Cognito currently enforces for your account") and ``FreeLimitValue`` (the default);
the page's example answers 120 and 120 for UserAuthentication on an account that
never provisioned more. The sandbox answers the ``quotas`` rule's ``provisioned``
rate of the category (``quotas.py``), else its default, whether or not the rule is
on. ASSUMED: a missing or unknown category is InvalidParameterException (the first
error the model lists), and a category the page marks not adjustable is answered
like any other (the page says only that such categories can't be provisioned).
An account without ``cognito-idp:GetProvisionedLimit`` is the faults'
``fail_operation`` with AccessDeniedException.
"""

from __future__ import annotations

from typing import Any

from reconciler.quota_table import DOCUMENTED_CATEGORIES

from .calls import Call, handles
from .errors import invalid_parameter
from .quotas import Quotas


def _provisioned(call: Call, category: str) -> int | None:
    for rule in list(call.state.faults.rules):
        if isinstance(rule, Quotas) and category in rule.provisioned:
            return rule.provisioned[category]
    return None


@handles("GetProvisionedLimit")
def get_provisioned_limit(call: Call) -> dict[str, Any]:
    definition = call.body.get("LimitDefinition") or {}
    category = (definition.get("Attributes") or {}).get("Category")
    if category not in DOCUMENTED_CATEGORIES:
        raise invalid_parameter(
            f"Attributes.Category must name an API category such as UserAuthentication "
            f"(got {category!r}).")
    free = DOCUMENTED_CATEGORIES[category][0]
    provisioned = _provisioned(call, category)
    return {"Limit": {
        "LimitDefinition": {"LimitClass": definition.get("LimitClass"),
                            "Attributes": {"Category": category}},
        "ProvisionedLimitValue": provisioned if provisioned is not None else free,
        "FreeLimitValue": free,
    }}
