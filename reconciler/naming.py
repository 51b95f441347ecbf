"""The one rule that turns Cognito API member names into spec keys.

The rule is botocore's ``xform_name`` (copied: this module must not import
botocore, and the rule is three regexes), plus a short override list for names
the rule mangles. Only ``tools/gen_schema.py`` calls it: at runtime the schema's
``x-aws-name`` is the mapping, so the rule can never drift from the schema.
"""

from __future__ import annotations

import re

# Same regexes, same order as botocore.xform_name (botocore 1.43).
_FIRST_CAP = re.compile("(.)([A-Z][a-z]+)")
_END_CAP = re.compile("([a-z0-9])([A-Z])")
# A pluralised acronym at the end (CallbackURLs) becomes one word: callback_urls.
_PLURAL_ACRONYM = re.compile("[A-Z]{2,}s$")

# Names the rule splits inside an acronym ("OAuth" -> "o_auth"). Checked against
# every member name of the schema's operations: these are the only ugly ones.
OVERRIDES: dict[str, str] = {
    "AllowedOAuthFlows": "allowed_oauth_flows",
    "AllowedOAuthScopes": "allowed_oauth_scopes",
    "AllowedOAuthFlowsUserPoolClient": "allowed_oauth_flows_user_pool_client",
}


def xform_name(name: str) -> str:
    """botocore's rule, without its cache of special operation names."""
    if "_" in name:
        return name
    match = _PLURAL_ACRONYM.search(name)
    if match is not None:
        name = f"{name[: -len(match.group())]}_{match.group().lower()}"
    first = _FIRST_CAP.sub(r"\1_\2", name)
    return _END_CAP.sub(r"\1_\2", first).lower()


def snake_name(member: str) -> str:
    """The spec key for an API member name, e.g. ``PoolName`` -> ``pool_name``."""
    return OVERRIDES.get(member) or xform_name(member)
