"""The rate each quota category allows this account: GetProvisionedLimit, else the default.

Cognito's request-rate quotas have two tiers (AWS, "Quotas in Amazon Cognito",
"Managing provisioned limits"): an account-level maximum set through Service Quotas,
and the provisioned limit, "The rate, in requests per second (RPS), that Amazon
Cognito currently enforces for your account", which the account raises up to that
maximum with UpdateProvisionedLimit. GetProvisionedLimit reads it:

- request (doc: LimitDefinitionType): ``LimitClass`` "For API rate limits, this is
  API_CATEGORY" (the enum's only value), ``Attributes`` "specify the Category key
  with a value like UserAuthentication" (the page's category names);
- answer (doc: LimitType): ``ProvisionedLimitValue`` "This is the rate that Amazon
  Cognito currently enforces for your account", ``FreeLimitValue`` "The default
  (free) limit value ... included at no additional cost".

So pacing uses ``ProvisionedLimitValue`` when the call answers, and the table's
default when it doesn't: without ``cognito-idp:GetProvisionedLimit`` in the policy
(AccessDeniedException), a throttle (the LimitManagement category allows 1 request/s
per account), a category the API refuses ("Only adjustable quota categories support
provisioning"; the page lists all six categories the tool uses as not adjustable, so
on AWS today the answer is the default or a refusal), or any other failure. A failed
look-up never fails the run and is not repeated. Nothing here imports boto3 except
``client_lookup``, which is handed a client.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

LIMIT_CLASS = "API_CATEGORY"
OPERATION = "GetProvisionedLimit"


class LookupFailed(Exception):
    """GetProvisionedLimit gave no usable answer; ``reason`` says why, for ``-v``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# category -> the answer's ``Limit`` member; raises LookupFailed.
Lookup = Callable[[str], Mapping[str, Any]]


@dataclass(frozen=True)
class CategoryRate:
    """The requests/s an account may send in one category, and where that came from."""

    category: str
    rate: float
    provisioned: bool  # False: the table's default
    detail: str

    def describe(self, factor: float) -> str:
        """One line for ``-v``: the paced rate, the limit and its source."""
        paced = f"{self.rate * factor:g}/s ({factor:.0%} of {self.rate:g}/s"
        if self.provisioned:
            return f"{self.category} paced at {paced}, the provisioned limit: {self.detail})"
        return f"{self.category} paced at {paced}, the default: {self.detail})"


def definition(category: str) -> dict[str, Any]:
    """GetProvisionedLimit's ``LimitDefinition`` for a request-rate category."""
    return {"LimitClass": LIMIT_CLASS, "Attributes": {"Category": category}}


def rate_from_answer(category: str, default: float, limit: Mapping[str, Any]) -> CategoryRate:
    """The rate an answer's ``Limit`` gives, or the default when it gives none usable."""
    value = limit.get("ProvisionedLimitValue")
    named = ((limit.get("LimitDefinition") or {}).get("Attributes") or {}).get("Category")
    if named not in (None, category):
        return CategoryRate(category, default, False,
                            f"{OPERATION} answered for another category ({named})")
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return CategoryRate(category, default, False,
                            f"{OPERATION} answered no usable ProvisionedLimitValue")
    free = limit.get("FreeLimitValue")
    free_note = f", free {free}/s" if isinstance(free, int) else ""
    return CategoryRate(category, float(value), True,
                        f"{OPERATION} says {value}/s{free_note}")


def fetch(category: str, default: float, lookup: Lookup | None) -> CategoryRate:
    """Ask once; any failure is the default with its reason."""
    if lookup is None:
        return CategoryRate(category, default, False, f"{OPERATION} not asked")
    try:
        limit = lookup(category)
    except LookupFailed as failed:
        return CategoryRate(category, default, False, failed.reason)
    return rate_from_answer(category, default, limit)


def client_lookup(client: Any) -> Lookup:
    """A ``Lookup`` through a cognito-idp client built from the shipped model.

    The call goes straight to the client, not through the facade: the facade paces
    every call, and this one runs inside the pacer (which spaces it to LimitManagement's
    1 request/s). session.py sends it once, without retries: a slow answer would only
    delay the run for a rate the default already covers.
    """
    import botocore.exceptions as bex

    def lookup(category: str) -> Mapping[str, Any]:
        try:
            answer = client.get_provisioned_limit(LimitDefinition=definition(category))
        except bex.ClientError as exc:
            code = exc.response.get("Error", {}).get("Code") or "an error"
            raise LookupFailed(f"{OPERATION} refused: {code}") from exc
        except (bex.BotoCoreError, OSError) as exc:
            raise LookupFailed(f"{OPERATION} failed: {type(exc).__name__}") from exc
        limit = answer.get("Limit")
        return limit if isinstance(limit, Mapping) else {}

    return lookup
