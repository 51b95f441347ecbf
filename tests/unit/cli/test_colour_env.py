"""Colour rules (issue 13, trap 9): no-color.org says NO_COLOR disables colour only
when it is set *and not empty*; TERM=dumb means the terminal can't show escapes;
FORCE_COLOR forces colour even when piped (the de-facto convention of
force-color.org, honoured by most CLIs); --no-color always wins."""

from __future__ import annotations

import io

import pytest

from reconciler.render.style import wants_color


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)


def test_a_terminal_gets_colour() -> None:
    assert wants_color(Tty(), no_color=False)


def test_a_pipe_gets_none() -> None:
    assert not wants_color(io.StringIO(), no_color=False)


def test_no_color_set_and_not_empty_disables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert not wants_color(Tty(), no_color=False)


def test_no_color_set_but_empty_does_not_disable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "")
    assert wants_color(Tty(), no_color=False)


def test_term_dumb_disables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    assert not wants_color(Tty(), no_color=False)


def test_force_color_forces_on_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert wants_color(io.StringIO(), no_color=False)


@pytest.mark.parametrize("value", ["", "0", "false"])
def test_force_color_empty_or_zero_does_not_force(monkeypatch: pytest.MonkeyPatch,
                                                  value: str) -> None:
    monkeypatch.setenv("FORCE_COLOR", value)
    assert not wants_color(io.StringIO(), no_color=False)


def test_no_color_flag_beats_force_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert not wants_color(Tty(), no_color=True)


def test_no_color_env_beats_force_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    assert not wants_color(io.StringIO(), no_color=False)
