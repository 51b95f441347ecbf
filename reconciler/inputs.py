"""What a command was asked to work on: spec paths and variables (cheap to import)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class SpecInput:
    paths: Sequence[str]
    variables: dict[str, str] = field(default_factory=dict)
    var_files: Sequence[str] = ()
    # Send write-only secrets again even though the plan can't see them differ.
    resend_secrets: bool = False
