"""One spelling for pool members Cognito keeps under two names, and API defaults for
create-only members, so that equal settings compare equal (``pool_defaults.py``).

``unify`` reads a document (live or desired) in the modern spelling only;
``with_twins`` writes a request that spells mirrored members both ways with one
value, which is right whether or not AWS mirrors them itself.
"""

from __future__ import annotations

import copy
from typing import Any

from reconciler import pool_defaults as facts


def unify(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` without the legacy spellings: their values move to the modern
    member unless that is set (AWS keeps the template's text when both are given)."""
    doc = copy.deepcopy(document)
    block, member = facts.LEGACY_VALIDITY
    if isinstance(doc.get(block), dict):
        # Read-only now: AWS refuses requests that carry it; never compare or send it.
        doc[block].pop(member, None)
    for legacy, modern in facts.VERIFICATION_MIRRORS.items():
        value = doc.pop(legacy, None)
        template = doc.get("VerificationMessageTemplate")
        if value and not (template or {}).get(modern):
            template = dict(template or {})
            template[modern] = value
            doc["VerificationMessageTemplate"] = template
    triggers = doc.get("LambdaConfig")
    if isinstance(triggers, dict) and facts.PRE_TOKEN_LEGACY in triggers:
        arn = triggers.pop(facts.PRE_TOKEN_LEGACY)
        if arn and not (triggers.get(facts.PRE_TOKEN_CONFIG) or {}).get("LambdaArn"):
            triggers[facts.PRE_TOKEN_CONFIG] = {
                "LambdaVersion": facts.PRE_TOKEN_LEGACY_VERSION, "LambdaArn": arn}
    return doc


def with_twins(request: dict[str, Any]) -> dict[str, Any]:
    """A unified request body with each mirrored member written under both names, and
    without members managed as absent (None, strict mode): Cognito resets what a
    request omits, and None is no value it takes."""
    body = _without_none(copy.deepcopy(request))
    template = body.get("VerificationMessageTemplate") or {}
    for legacy, modern in facts.VERIFICATION_MIRRORS.items():
        if template.get(modern):
            body[legacy] = template[modern]
    triggers = body.get("LambdaConfig")
    if isinstance(triggers, dict):
        arn = (triggers.get(facts.PRE_TOKEN_CONFIG) or {}).get("LambdaArn")
        if arn:
            triggers[facts.PRE_TOKEN_LEGACY] = arn
    return body


def _without_none(document: dict[str, Any]) -> dict[str, Any]:
    return {k: _without_none(v) if isinstance(v, dict) else v
            for k, v in document.items() if v is not None}


def with_create_only_defaults(document: dict[str, Any]) -> dict[str, Any]:
    """A live document where create-only members it doesn't show read as their API
    default: a spec that sets the default asks for nothing (no false replace)."""
    doc = dict(document)
    for member, default in facts.CREATE_ONLY_DEFAULTS.items():
        if not doc.get(member):
            doc[member] = copy.deepcopy(default)
    return doc
