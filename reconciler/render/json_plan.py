"""The plan as the JSON of CONTRACT.md (format_version 1), with the added keys of
reconciler/render/plan_data.py (pools and where they are, list items, ...)."""

from __future__ import annotations

import json

from reconciler.plan.model import Plan
from reconciler.render.plan_data import plan_data


def render_json(plan: Plan) -> str:
    return json.dumps(plan_data(plan), indent=2, sort_keys=True, default=str) + "\n"
