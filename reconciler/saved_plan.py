"""Saved plans: what a plan was made from, so that a stale one is refused."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reconciler import __version__
from reconciler.engine import PlanResult, plan
from reconciler.errors import ReconcilerError
from reconciler.inputs import SpecInput
from reconciler.plan.documents import fingerprint

MAGIC = "cognito-reconciler-plan"


def fingerprints(result: PlanResult) -> dict[str, str | None]:
    """Content fingerprints of every pool and client read, and of every resource the
    plan changes (parts included). A part that changed without being in the plan
    shows up as a different plan, which is refused too."""
    prints: dict[str, str | None] = {}
    for item in result.observed:
        prints[item.pool.address] = item.live.fingerprint if item.live else None
        for client in item.live.clients if item.live else []:
            prints[f"{item.pool.address}.client.{client.name}"] = fingerprint(client.describe)
    for change in result.plan.changes:
        if change.fingerprint:
            prints[change.address] = change.fingerprint
    return prints


def document(result: PlanResult, spec: SpecInput | None = None) -> dict[str, Any]:
    return {
        "kind": MAGIC,
        "tool_version": __version__,
        "spec_paths": [str(Path(p)) for p in (spec.paths if spec else [])],
        "variable_names": sorted(spec.variables) if spec else [],
        "resend_secrets": bool(spec and spec.resend_secrets),
        "spec_digest": result.spec.digest,
        "live_fingerprints": fingerprints(result),
        "plan": result.plan.to_json(),
    }


def write_saved_plan(path: str, result: PlanResult, spec: SpecInput | None = None) -> None:
    # Holds no secret: the plan JSON masks sensitive fields and carries no request bodies.
    Path(path).write_text(json.dumps(document(result, spec), indent=2, sort_keys=True) + "\n")


def is_saved_plan(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    # Bytes, not text: a spec that isn't UTF-8 must reach the spec loader, which
    # reports where it goes wrong.
    return MAGIC.encode() in head and head.lstrip().startswith(b"{")


def load_checked(path: str, spec: SpecInput,
                 api_for_region: Callable[[str | None], Any]) -> PlanResult:
    saved = json.loads(Path(path).read_text())
    if saved.get("tool_version") != __version__:
        raise ReconcilerError(f"{path} was made by cognito-reconciler "
                              f"{saved.get('tool_version')}, this is {__version__}",
                              "make a new plan with this version")
    spec = SpecInput(paths=saved["spec_paths"], variables=spec.variables,
                     var_files=spec.var_files,
                     resend_secrets=bool(saved.get("resend_secrets")) or spec.resend_secrets)
    fresh = plan(spec, api_for_region)
    problems = []
    if fresh.spec.digest != saved["spec_digest"]:
        problems.append("the specs (or the variables) changed since the plan was made")
    now = fingerprints(fresh)
    for address in sorted(set(now) | set(saved["live_fingerprints"])):
        if now.get(address) != saved["live_fingerprints"].get(address):
            problems.append(f"{address} changed in Cognito since the plan was made")
    if not problems and fresh.plan.to_json() != saved["plan"]:
        problems.append("the plan computed now differs from the saved one")
    if problems:
        raise ReconcilerError(f"{path} is stale: " + "; ".join(problems),
                              "run plan again, review it, and apply the new plan")
    return fresh
