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


def write(directory: Path, name: str, content: str | bytes) -> str:
    """Write a file under ``directory`` (creating folders) and return its path as text."""
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return str(path)


def problems(paths: list[str], **kwargs: object) -> list[str]:
    """Every diagnostic line ``load_spec`` reports (empty if the spec is valid)."""
    from reconciler.errors import SpecError
    from reconciler.spec import load_spec

    try:
        load_spec(paths, **kwargs)  # type: ignore[arg-type]
    except SpecError as error:
        return [str(d) for d in error.diagnostics]
    return []


POOL = """\
version: 1
user_pools:
  - pool_name: {name}
"""
