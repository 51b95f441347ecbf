"""Whatever the bytes, load_spec returns or raises SpecError: never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

from _spec_helpers import WORKSHOP
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reconciler.errors import SpecError
from reconciler.spec import load_spec

_WORKSHOP_TEXT = WORKSHOP.read_text(encoding="utf-8")
_YAML_BITS = st.sampled_from(
    [
        "\n",
        " ",
        "  ",
        "\t",
        "- ",
        ": ",
        "{",
        "}",
        "[",
        "]",
        ",",
        "&a ",
        "*a",
        "<<: ",
        "!!",
        "'",
        '"',
        "#",
        "---",
        "...",
        "?",
        "|",
        ">",
        "OFF",
        "yes",
        "~",
        "0x1F",
        "1e9",
        "${var:x}",
        "${env:HOME}",
        "$${",
        "${",
        "version: 1",
        "user_pools:",
        "pool_name: p",
        "clients:",
        "client_name: c",
        "\ufeff",
        "é",
        "\x85",
        "\u2028",
    ]
)


def _load(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "spec.yaml"
        path.write_bytes(content)
        try:
            load_spec([str(path)], environ={"HOME": "/root"})
        except SpecError as error:
            assert error.diagnostics
            assert all(d.location.line >= 1 and d.location.col >= 1 for d in error.diagnostics)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_random_bytes(content: bytes) -> None:
    _load(content)


@settings(max_examples=150, deadline=None)
@given(st.lists(_YAML_BITS, max_size=60))
def test_random_yaml_fragments(bits: list[str]) -> None:
    _load("".join(bits).encode("utf-8"))


@settings(max_examples=100, deadline=None)
@given(st.integers(0, len(_WORKSHOP_TEXT) - 1), st.integers(1, 20), st.text(max_size=5))
def test_mangled_workshop(start: int, length: int, insert: str) -> None:
    mangled = _WORKSHOP_TEXT[:start] + insert + _WORKSHOP_TEXT[start + length :]
    _load(mangled.encode("utf-8", errors="surrogatepass"))
