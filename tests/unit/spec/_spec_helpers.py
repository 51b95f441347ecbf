"""Shared helpers for the spec-stage tests (a plain module: no conftest clashes)."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[3]
WORKSHOP = ROOT / "specs" / "workshop.yaml"


@cache
def gen_schema() -> ModuleType:
    """tools/gen_schema.py imported as a module (tools/ is not a package)."""
    path = ROOT / "tools" / "gen_schema.py"
    spec = importlib.util.spec_from_file_location("gen_schema", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_schema"] = module
    spec.loader.exec_module(module)
    return module
