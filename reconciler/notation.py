"""The one way a value is written in plans, reasons and warnings.

JSON's spelling, as in the spec's own YAML flow style and in Terraform's plans:
strings quoted, ``true``/``false``, ``null`` shown as ``(none)``, lists as
``["email"]``, maps with sorted keys. Never Python's ``True`` or ``['email']``
(issue 13), so a reviewer reads one notation in the text, JSON and Markdown plans.
Pure and import-light: ``validate`` may use it.
"""

from __future__ import annotations

import json
from typing import Any

NONE = "(none)"


def notation(value: Any) -> str:
    """``value`` in the plan's notation, on one line."""
    if value is None:
        return NONE
    return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)


def before_after(before: Any, after: Any) -> str:
    """``before -> after`` in the plan's notation, for reasons."""
    return f"{notation(before)} -> {notation(after)}"
