"""TagResource / UntagResource / ListTagsForResource (moto lacks them).

AWS: the tags of a user pool are one set, seen both as DescribeUserPool's
UserPoolTags and through ListTagsForResource; TagResource adds or overwrites
keys, UntagResource removes them, and UpdateUserPool replaces the whole set.
So the tags live in the pool record's config, beside every other setting.
"""

from __future__ import annotations

from typing import Any

from moto.cognitoidp.models import CognitoIdpUserPool

from .calls import Call, handles
from .errors import invalid_parameter, not_found

MAX_TAGS = 50  # AWS [M]: "A user pool can have as many as 50 tags"


def _pool_by_arn(call: Call) -> CognitoIdpUserPool:
    arn = call.body.get("ResourceArn", "")
    for pool in call.backend.user_pools.values():
        if pool.arn == arn:
            return pool
    raise not_found(f"Resource {arn} does not exist.")


def _tags(call: Call, pool: CognitoIdpUserPool) -> dict[str, str]:
    tags: dict[str, str] = call.record(pool).config.setdefault("UserPoolTags", {})
    return tags


@handles("TagResource")
def tag_resource(call: Call) -> dict[str, Any]:
    pool = _pool_by_arn(call)
    new = call.body.get("Tags") or {}
    if any(key.lower().startswith("aws:") for key in new):
        # AWS: the aws: prefix is reserved for tags AWS itself applies.
        raise invalid_parameter("Tag keys starting with aws: are reserved.")
    tags = _tags(call, pool)
    if len({**tags, **new}) > MAX_TAGS:
        raise invalid_parameter(f"A user pool can have at most {MAX_TAGS} tags.")
    tags.update(new)
    return {}


@handles("UntagResource")
def untag_resource(call: Call) -> dict[str, Any]:
    tags = _tags(call, _pool_by_arn(call))
    for key in call.body.get("TagKeys") or []:
        tags.pop(key, None)
    return {}


@handles("ListTagsForResource")
def list_tags_for_resource(call: Call) -> dict[str, Any]:
    return {"Tags": dict(_tags(call, _pool_by_arn(call)))}
