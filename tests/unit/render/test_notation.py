"""The one value notation: JSON's spelling, never a Python repr (issue 13)."""

from __future__ import annotations

from reconciler.notation import before_after, notation


def test_scalars_and_lists_use_json_spelling() -> None:
    assert notation(True) == "true"
    assert notation(["email"]) == '["email"]'
    assert notation("x") == '"x"'
    assert notation(None) == "(none)"
    assert notation({"b": 1, "a": False}) == '{"a": false, "b": 1}'


def test_before_after_reads_before_and_after() -> None:
    assert before_after(["email"], ["phone_number"]) == '["email"] -> ["phone_number"]'
