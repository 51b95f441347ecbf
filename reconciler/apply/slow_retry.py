"""Errors that clear within seconds to minutes: which to retry, and for how long.

botocore retries throttling and 5xx answers within one call (``aws/session.py``).
Two refusals need a longer, bounded patience, as terraform-provider-aws gives them
(2 minutes each):

- ConcurrentModificationException: Cognito processes one update of a pool's clients
  at a time ("Only one request to update user pool client can be processed at a
  time", terraform-provider-aws#19794; TF ``user_pool_client.go`` retries
  UpdateUserPoolClient on it for 2 minutes). The executor never overlaps these
  writes itself, so the error means another process is writing the same pool.
- IAM propagation right after an SMS role is made: InvalidSmsRoleTrustRelationship-
  Exception / InvalidSmsRoleAccessPolicyException on Create/UpdateUserPool and
  SetUserPoolMfaConfig (TF ``userPoolErrorRetryable``, retried 2 minutes). As TF
  does, only with AWS's propagation wording: the same codes with another message
  (a wrong external id) are a misconfiguration that waiting won't fix.

LimitExceededException is neither: it is a resource quota (doc:
LimitExceededException, "exceeds the limit for a requested Amazon Web Services
resource") and is never retried (see ``aws/errors.py``).
"""

from __future__ import annotations

import os
import random

WINDOW_ENV = "COGNITO_RECONCILER_RETRY_SECONDS"
DEFAULT_WINDOW = 120.0  # terraform-provider-aws's timeout for both errors
_RNG = random.Random()
FIRST_DELAY = 0.5
MAX_DELAY = 10.0

CONCURRENT = "ConcurrentModificationException"
# code -> the words of AWS's message that TF's userPoolErrorRetryable retries on
IAM_PROPAGATION = {
    "InvalidSmsRoleTrustRelationshipException":
        "Role does not have a trust relationship allowing Cognito to assume the role",
    "InvalidSmsRoleAccessPolicyException": "Role does not have permission to publish with SNS",
}
IAM_OPERATIONS = frozenset({"CreateUserPool", "UpdateUserPool", "SetUserPoolMfaConfig"})

# The management writes whose model (the one the tool ships, reconciler/data/models)
# lists ConcurrentModificationException, among the operations the tool calls (those
# with a quota category); a unit test compares this with that model (AssociateSoftwareToken,
# a user's own call, is left out). The executor runs at
# most one of them per pool at a time: AWS's message names client updates, the
# model lists the rest, and one lock per pool is safe under either reading.
SERIALISED = frozenset({
    "UpdateUserPool", "SetUserPoolMfaConfig",
    "UpdateUserPoolClient", "DeleteUserPoolClient",
    "UpdateIdentityProvider", "DeleteIdentityProvider",
    "CreateUserPoolDomain", "UpdateUserPoolDomain", "DeleteUserPoolDomain",
    "CreateManagedLoginBranding", "UpdateManagedLoginBranding", "DeleteManagedLoginBranding",
    "CreateTerms", "UpdateTerms", "DeleteTerms",
    "SetUserPoolSessionConfiguration", "SetUserPoolClientSessionConfiguration",
    "CreateCIMDPolicy", "UpdateCIMDPolicy", "DeleteCIMDPolicy",
})


def reason_to_retry(operation: str, code: str, message: str = "") -> str | None:
    """Why ``code`` answered to ``operation`` is worth sending again later, or None."""
    if code == CONCURRENT and operation in SERIALISED:
        return "another write to this pool was in progress"
    if (code in IAM_PROPAGATION and operation in IAM_OPERATIONS
            and IAM_PROPAGATION[code] in message):
        return "the SMS role's IAM changes may still be propagating"
    return None


def window() -> float:
    """``COGNITO_RECONCILER_RETRY_SECONDS`` (default 120): how long to keep retrying."""
    try:
        value = float(os.environ.get(WINDOW_ENV, DEFAULT_WINDOW))
    except ValueError:
        return DEFAULT_WINDOW
    return value if value >= 0 else DEFAULT_WINDOW


def delay(attempt: int, rng: random.Random | None = None) -> float:
    """Exponential backoff with jitter: about 0.5, 1, 2, 4, 8, 10, 10 ... seconds."""
    ceiling = min(MAX_DELAY, FIRST_DELAY * 2 ** attempt)
    draw: float = (rng or _RNG).random()
    return float(ceiling * (0.5 + 0.5 * draw))
