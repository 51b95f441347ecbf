"""Shared by the review tests: the per-rule cases and a loader that runs in a case folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reconciler.review.engine import Review, review_spec
from reconciler.spec.loader import load_spec

HERE = Path(__file__).parent
CASES = HERE / "cases"
ROOT = HERE.parents[2]
# The walkthrough spec (a copy of ../shared/examples/workshop.yaml, comments aside).
WORKSHOP = ROOT / "specs" / "workshop.yaml"
# The cases' identity provider reads its secret the proper way, from the environment.
ENVIRON = {"CORP_SECRET": "from-the-environment"}


def review_file(folder: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> Review:
    """Review ``folder/name`` with paths shown relative to the folder (stable goldens)."""
    monkeypatch.chdir(folder)
    return review_spec(load_spec([name], environ=ENVIRON))


def update_golden() -> bool:
    return os.environ.get("UPDATE_GOLDEN") == "1"
