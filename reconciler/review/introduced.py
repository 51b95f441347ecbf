"""Which findings a plan introduces, for ``plan --format markdown``.

A finding is introduced when the plan creates or replaces its resource, or updates
a field at (or around) the finding's key, or a pool key its rule also reads
(``Rule.reads``: CR201 points at the length but reads MFA). Findings whose keys the
plan leaves alone were there before this change and belong to a full ``review``.
"""

from __future__ import annotations

from reconciler.plan.model import Action, Change, Plan
from reconciler.render.markdown import code
from reconciler.review.engine import review_spec
from reconciler.review.model import Finding
from reconciler.review.render import markdown_table
from reconciler.spec.loader import LoadedSpec
from reconciler.spec.yaml_source import SpecPath

# Spec list -> (address segment, name key) for resources with a change of their own.
_NESTED = {"clients": ("client", "client_name"),
           "identity_providers": ("identity_provider", "provider_name")}
TITLE = "#### Security review: findings this change introduces"


def _keys(path: str) -> tuple[str, ...]:
    """``policies.password_policy.minimum_length`` / ``schema[plan]`` -> keys, no indexes."""
    return tuple(part.split("[", 1)[0] for part in path.split(".") if part.split("[", 1)[0])


def _resource(spec: LoadedSpec, finding: Finding) -> tuple[str, tuple[str, ...]]:
    """The plan address of the finding's resource, and its key path inside it."""
    path: SpecPath = finding.path
    pool = f"user_pool.{finding.pool}"
    rest = path[2:]
    if len(rest) >= 2 and rest[0] in _NESTED and isinstance(rest[1], int):
        segment, name_key = _NESTED[str(rest[0])]
        item = spec.data["user_pools"][path[1]][rest[0]][rest[1]]
        return f"{pool}.{segment}.{item.get(name_key)}", _plain(rest[2:])
    return pool, _plain(rest)


def _plain(path: SpecPath) -> tuple[str, ...]:
    return tuple(step for step in path if isinstance(step, str))


def _touches(change: Change, keys: tuple[str, ...]) -> bool:
    if change.action in (Action.CREATE, Action.REPLACE):
        return True
    if change.action is not Action.UPDATE:
        return False
    for field in change.fields:
        changed = _keys(field.path)
        common = min(len(changed), len(keys))
        if changed[:common] == keys[:common]:
            return True
    return False


def introduced(spec: LoadedSpec, plan: Plan) -> list[Finding]:
    changes = {change.address: change for change in plan.changes}
    found = []
    for finding in review_spec(spec).findings:
        address, keys = _resource(spec, finding)
        change = changes.get(address)
        pool_change = changes.get(f"user_pool.{finding.pool}")
        if (change is not None and _touches(change, keys)) or (
                pool_change is not None and pool_change.action is Action.UPDATE
                and any(_touches(pool_change, (key,)) for key in finding.rule.reads)):
            found.append(finding)
    return found


def review_section(spec: LoadedSpec, plan: Plan) -> str:
    """Markdown to append to the plan comment; empty when the plan changes nothing."""
    if plan.empty:
        return ""
    findings = introduced(spec, plan)
    lines = ["", TITLE, ""]
    if not findings:
        lines += ["None: the review finds nothing in what this plan changes.", ""]
    else:
        lines += [*markdown_table(findings), "",
                  "Accept a finding in the spec with a comment on its key, "
                  + code("# cognito-reconciler: accept RULE-ID because ...")
                  + " (docs/rules.md).",
                  ""]
    return "\n".join(lines)
