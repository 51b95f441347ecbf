"""The plan as the data every renderer reads: the JSON plan plus added keys.

Terraform's way: the text, JSON and Markdown plans are all drawn from this one
document, so they can't disagree. ``Plan.to_json()`` is the contract's core
(format_version 1: ``fields`` path/before/after keep their meaning); this adds
keys only (CONTRACT.md allows it):

- ``pools``: each pool of the spec with its ``region``, ``endpoint``, where a
  live pool's ARN tells it, ``account``, and ``strict`` (planned in strict mode:
  what the spec leaves out is managed at Cognito's defaults, so live parts it
  doesn't name are deleted);
- per change: ``kind``, ``region``, ``known_after_apply`` (what Cognito assigns);
- per field: ``sensitive``, and for a list that changes, ``items`` ``added`` and
  ``removed`` (lists in the Cognito APIs are sets, so order is no change).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reconciler.plan.model import Action, Change, FieldChange, Plan, PoolTarget

POOL_KIND = "user_pool"
CLIENT_KIND = "client"


def aws_endpoint(region: str) -> str:
    """The regional endpoint botocore uses when no endpoint is configured: its
    endpoints.json gives ``{service}.{region}.{dnsSuffix}`` for every partition that
    offers cognito-idp (aws, aws-us-gov: amazonaws.com; aws-eusc: amazonaws.eu)."""
    suffix = "amazonaws.eu" if region.startswith("eusc-") else "amazonaws.com"
    return f"https://cognito-idp.{region}.{suffix}"


def list_items(before: Any, after: Any) -> dict[str, list[Any]] | None:
    """Items added to and removed from a list, whatever their order (deepdiff).

    deepdiff pairs similar items of lists of structures and would report a changed
    member inside one; with pairing off (distance 0) an item is simply removed and
    another added, which is how a reviewer reads a set of recovery options or assets.
    """
    if not (isinstance(before, list) and isinstance(after, list)):
        return None
    from deepdiff import DeepDiff  # only when a list changes: plans without one skip it

    diff = DeepDiff(before, after, ignore_order=True, cutoff_distance_for_pairs=0,
                    cutoff_intersection_for_pairs=0, view="tree")
    added = [item.t2 for item in diff.get("iterable_item_added", [])]
    removed = [item.t1 for item in diff.get("iterable_item_removed", [])]
    for item in [*diff.get("values_changed", []), *diff.get("type_changes", [])]:
        # A whole item replaced by another; deeper paths can't occur with pairing off,
        # but if one did, the enclosing item is what changed.
        node = item
        while node.up is not None and node.up.up is not None:
            node = node.up
        removed.append(node.t1)
        added.append(node.t2)
    return {"added": _unique(added), "removed": _unique(removed)}


def _unique(values: list[Any]) -> list[Any]:
    out: list[Any] = []
    for value in values:
        if value not in out:
            out.append(value)
    return out


def known_after_apply(change: Change) -> list[str]:
    """What Cognito assigns only when the resource is made (a new id, a secret)."""
    if change.action not in (Action.CREATE, Action.REPLACE):
        return []
    if change.kind == POOL_KIND:
        return ["id", "arn"]
    if change.kind == CLIENT_KIND:
        generates = any(f.path == "generate_secret" and f.after is True for f in change.fields)
        return ["client_id", "client_secret"] if generates else ["client_id"]
    return []


def _field(field: FieldChange, doc: dict[str, Any]) -> dict[str, Any]:
    doc["sensitive"] = field.sensitive
    items = None if field.sensitive else list_items(field.before, field.after)
    if items is not None:
        doc["items"] = items
    return doc


def pool_targets(plan: Plan) -> list[PoolTarget]:
    """The plan's pools; for a plan built without them, the pools its changes name."""
    if plan.pools:
        return list(plan.pools)
    seen: dict[str, PoolTarget] = {}
    for change in plan.changes:
        if change.pool_address not in seen:
            pool_id = change.live_id if change.kind == POOL_KIND else None
            seen[change.pool_address] = PoolTarget(change.pool_address, change.region, pool_id)
    return list(seen.values())


def endpoint_of(plan: Plan, region: str) -> str | None:
    """The endpoint a pool is reached at; None where the plan's maker didn't say
    (a plan is never shown claiming AWS when it may have been a local emulator)."""
    if plan.endpoint:
        return plan.endpoint
    return aws_endpoint(region) if plan.endpoint_known else None


def pools_doc(plan: Plan) -> list[dict[str, Any]]:
    return [{"address": t.address, "region": t.region, "id": t.live_id,
             "endpoint": endpoint_of(plan, t.region), "account": t.account,
             "strict": t.strict}
            for t in pool_targets(plan)]


# What strict mode means for a reviewer, said wherever a plan names strict pools.
STRICT_MEANING = ("what the spec leaves out is managed at Cognito's defaults: settings "
                  "drifted from them are reset, and live parts the spec doesn't name are "
                  "deleted")


def strict_pools(pools: list[dict[str, Any]] | Any) -> list[str]:
    """The addresses of the pools planned in strict mode."""
    return [str(p["address"]) for p in pools or [] if p.get("strict")]


def plan_data(plan: Plan) -> dict[str, Any]:
    """``plan.to_json()`` with the added keys above."""
    data = plan.to_json()
    data["pools"] = pools_doc(plan)
    for change, doc in zip(plan.changes, data["changes"], strict=True):
        doc["kind"] = change.kind
        doc["region"] = change.region
        doc["known_after_apply"] = known_after_apply(change)
        for field, field_doc in zip(change.fields, doc["fields"], strict=True):
            _field(field, field_doc)
    return data


def field_items(field: Mapping[str, Any]) -> dict[str, list[Any]] | None:
    """A field's list diff, from the data or (a plan saved without it) computed."""
    items = field.get("items")
    if isinstance(items, dict):
        return items
    return list_items(field.get("before"), field.get("after"))
