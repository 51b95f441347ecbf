"""Fixtures of the reliability tests (the sandbox ones come from tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .helpers import Figures
from .netfaults import DroppingProxy


@pytest.fixture(scope="session")
def figures() -> Iterator[Figures]:
    recorder = Figures()
    yield recorder
    recorder.flush()


@pytest.fixture
def proxy(sandbox_url: str) -> Iterator[DroppingProxy]:
    """A dropping proxy in front of the (freshly reset) sandbox."""
    server = DroppingProxy(sandbox_url)
    try:
        yield server
    finally:
        server.close()
