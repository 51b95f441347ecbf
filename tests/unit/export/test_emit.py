"""The YAML writer: readable, and read back exactly by every parser we know."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reconciler.export.emit import emit, quoted, scalar

LOADERS = [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)]


def read(text: str) -> Any:
    values = [yaml.load(text, Loader=loader) for loader in LOADERS]
    assert all(v == values[0] for v in values)
    return values[0]


@pytest.mark.parametrize("text", [
    "OFF", "ON", "on", "off", "yes", "No", "y", "n", "Y", "N", "true", "False", "null", "~",
    "", "123", "0123", "0x1F", "1e3", "1_000", "12:30", "2024-01-01", ".5", "-1", "+1",
    ".inf", "#hash", "a #b", "a: b", "- dash", "[x]", "{y}", "*star", "&amp", "!bang",
    "%pct", "@at", "`tick", "|pipe", ">gt", "?q", "=", "<<", " lead", "trail ", "it's",
    'say "hi"', "back\\slash", "tab\there", "cr\rlf", "nul\0", "line\u2028sep", "nel\x85x",
    "bom\ufeffx", "\x7f", "emoji \U0001f600", "\u00e9t\u00e9",
])
def test_tricky_strings_read_back_as_strings(text: str) -> None:
    for context, wrap in (("block", "k: {}"), ("key", "{}: 0"), ("flow", "k: [{}]")):
        written = scalar(text, context)
        expected = {"k": text} if context == "block" else (
            {text: 0} if context == "key" else {"k": [text]})
        assert read(wrap.format(written)) == expected, (context, written)


@pytest.mark.parametrize("text", ["OFF", "ON", "yes", "y", "2048", "0", "true", "null"])
def test_yaml_1_1_words_and_numbers_are_quoted(text: str) -> None:
    assert scalar(text) == f'"{text}"'


def test_plain_where_it_is_safe() -> None:
    assert scalar("ALLOW_USER_SRP_AUTH") == "ALLOW_USER_SRP_AUTH"
    assert scalar("https://app.example.com/callback", "flow") == "https://app.example.com/callback"
    assert scalar("Your code is {####}.") == "Your code is {####}."
    assert scalar("${env:SECRET}") == "${env:SECRET}"
    assert scalar(True) == "true" and scalar(None) == "null" and scalar(30) == "30"
    assert scalar(0.5) == "0.5" and read(f"k: {scalar(1e-05)}") == {"k": 1e-05}


def test_quoted_escapes_what_yaml_would_fold_or_refuse() -> None:
    assert quoted('a"b\\c\n') == '"a\\"b\\\\c\\n"'
    assert quoted("\u2028") == '"\\u2028"'
    assert quoted("\x85") == '"\\x85"'


def test_layout_comments_and_literal_blocks() -> None:
    data = {
        "version": 1,
        "user_pools": [{
            "pool_name": "users",
            "username_attributes": ["email"],
            "clients": [{"client_name": "web", "generate_secret": True}],
            "ui_customization": {"css": ".a {\n  color: red;\n}\n"},
            "tags": {"yes": "OFF", "cost-center": "42"},
            "empty": {}, "none": [],
        }],
    }
    comments = {("user_pools", 0, "username_attributes"): ["", "Sign-in experience"],
                ("user_pools", 0, "clients", 0): ["the first client"]}
    inline = {("user_pools", 0, "clients", 0, "generate_secret"): "a secret"}
    text = emit(data, comments, inline, header=["Exported", ""])
    assert text == """\
# Exported
#
version: 1
user_pools:
  - pool_name: users

    # Sign-in experience
    username_attributes: [email]
    clients:
      # the first client
      - client_name: web
        generate_secret: true  # a secret
    ui_customization:
      css: |
        .a {
          color: red;
        }
    tags:
      "yes": "OFF"
      cost-center: "42"
    empty: {}
    none: []
"""
    assert read(text) == data


def test_long_lists_go_one_item_a_line() -> None:
    items = [f"https://app{i}.example.com/callback/with/a/long/path" for i in range(4)]
    text = emit({"callback_urls": items})
    assert text.splitlines()[1].startswith("  - https://app0")
    assert read(text) == {"callback_urls": items}


@pytest.mark.parametrize("text", ["a\nb", "a\nb\n", "a\nb\n\n\n", "\nfirst empty", "a\n\n  b",
                                  "  indented\nfirst", "x\n \ny", "trailing space \nx"])
def test_multi_line_text_reads_back(text: str) -> None:
    assert read(emit({"k": text, "l": [text]})) == {"k": text, "l": [text]}


scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2**40), 2**40),
                    st.floats(allow_nan=False, allow_infinity=False),
                    st.text(st.characters(blacklist_categories=("Cs",))))
keys = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=10)
documents = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)), max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(keys, documents, max_size=5), st.booleans())
def test_anything_reads_back_exactly(data: dict[str, Any], sections: bool) -> None:
    comments = {(key,): ["", "a section"] for key in data} if sections else {}
    inline = {(key,): "a note" for key in data} if sections else {}
    assert read(emit(data, comments, inline)) == data


def test_a_literal_block_does_not_swallow_the_blank_line_after_it() -> None:
    data = {"a": "x\ny\n\n", "b": "x\ny\n", "c": 1}
    comments = {("b",): ["", "section"], ("c",): ["", "section"]}
    assert read(emit(data, comments)) == data
