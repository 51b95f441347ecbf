"""The plan as the JSON of CONTRACT.md (format_version 1)."""

from __future__ import annotations

import json

from reconciler.plan.model import Plan


def render_json(plan: Plan) -> str:
    return json.dumps(plan.to_json(), indent=2, sort_keys=True, default=str) + "\n"
