"""What every offline spec check shares: where a key is, and a finding at it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from reconciler.errors import Diagnostic, Location
from reconciler.spec.yaml_source import SpecPath, format_path

Locate = Callable[[SpecPath], Location]


def items(value: Any, path: SpecPath) -> Iterator[tuple[SpecPath, dict[str, Any]]]:
    """The mappings of a list (others are the schema check's to report), with their paths."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield (*path, index), item


def error(locate: Locate, path: SpecPath, message: str) -> Diagnostic:
    return Diagnostic(locate(path), message, format_path(path))


def warning(locate: Locate, path: SpecPath, message: str) -> Diagnostic:
    return Diagnostic(locate(path), message, format_path(path), severity="warning")
