from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def workshop_spec() -> str:
    return str(REPO / "specs" / "workshop.yaml")


@pytest.fixture
def kitchen_sink_spec() -> str:
    return str(REPO / "specs" / "kitchen-sink.yaml")
