"""The Markdown plan (a pull-request comment), from hand-built plans.

The golden file is rewritten only when UPDATE_GOLDEN=1 is set:
    UPDATE_GOLDEN=1 pytest tests/unit/render/test_markdown.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from reconciler.plan.model import Action, Change, FieldChange, Plan, PlanWarning, Request
from reconciler.render.markdown import (
    MARKER,
    code,
    html_code,
    prose,
    render_markdown,
    render_markdown_data,
)

GOLDEN = Path(__file__).parent / "golden" / "plan.md"
SECRET = "s3cr3t-client-secret-value"
POOL = "user_pool.workshop-users"


def sample_plan() -> Plan:
    """One of everything: a pool replace (blocked), creates, an update, a delete."""
    pool_replace = Change(
        address=POOL, kind="user_pool", name="workshop-users", action=Action.REPLACE,
        region="eu-west-1", pool_address=POOL, live_id="eu-west-1_AbC123",
        fields=[
            FieldChange("username_attributes", ["email"], ["phone_number"]),
            FieldChange("policies.password_policy.minimum_length", 8, 12),
            FieldChange("schema[tenant_id].mutable", True, False),
        ],
        reason="username_attributes can't change after the pool is created "
               "(['email'] -> ['phone_number'])",
        requests=[Request("DeleteUserPool", {"UserPoolId": "eu-west-1_AbC123"}),
                  Request("CreateUserPool", {"PoolName": "workshop-users"})],
        blocked="deletion protection is ACTIVE on the live pool, so it can't be replaced",
    )
    web_create = Change(
        address=f"{POOL}.client.workshop-web", kind="client", name="workshop-web",
        action=Action.CREATE, region="eu-west-1", pool_address=POOL,
        fields=[
            FieldChange("client_name", None, "workshop-web"),
            FieldChange("client_secret", None, SECRET, sensitive=True),
            FieldChange("explicit_auth_flows", None,
                        ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH"]),
        ],
        reason="re-created in the replacement pool (new client id)",
        requests=[Request("CreateUserPoolClient", {"ClientSecret": SECRET})],
    )
    tricky_update = Change(
        address=f"{POOL}.client.a|b <i>`x`</i>", kind="client", name="a|b <i>`x`</i>",
        action=Action.UPDATE, region="eu-west-1", pool_address=POOL, live_id="1abc|2def",
        fields=[
            FieldChange("callback_urls", ["https://a.example/cb"],
                        ["https://a.example/cb?x=1|2", "<script>alert(1)</script>"]),
            FieldChange("logout_urls", None, ["``` fenced ```", "*bold* _em_ [l](u) ~s~ $x$"]),
            FieldChange("access_token_validity", 60, None),
            FieldChange("client_secret", SECRET, SECRET + "2", sensitive=True),
        ],
        warnings=["a | pipe, a <tag> and a `tick` in a warning"],
        requests=[Request("UpdateUserPoolClient", {})],
    )
    old_delete = Change(
        address=f"{POOL}.client.old", kind="client", name="old", action=Action.DELETE,
        region="eu-west-1", pool_address=POOL, live_id="6oldclientid",
        reason="deleted with the pool it belongs to",
    )
    group_create = Change(
        address=f"{POOL}.group.admins", kind="group", name="admins", action=Action.CREATE,
        region="eu-west-1", pool_address=POOL,
        fields=[FieldChange("precedence", None, 1)],
        requests=[Request("CreateGroup", {})],
    )
    return Plan(
        changes=[pool_replace, web_create, tricky_update, group_create, old_delete],
        warnings=[PlanWarning(POOL, "custom attribute custom:legacy exists in the live pool "
                                    "but not in the spec; Cognito can never remove it")],
    )


def test_golden() -> None:
    text = render_markdown(sample_plan())
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.exists(), "no golden file: run with UPDATE_GOLDEN=1 once, then review it"
    assert text == GOLDEN.read_text(encoding="utf-8"), (
        "the Markdown plan changed: review the difference, then run with UPDATE_GOLDEN=1")


def test_rerendering_gives_the_same_bytes() -> None:
    assert render_markdown(sample_plan()) == render_markdown(sample_plan())


def test_empty_plan_says_no_changes() -> None:
    text = render_markdown(Plan())
    assert text.startswith(MARKER + "\n")
    assert "**No changes.**" in text
    assert "<details>" not in text and "Plan:" not in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_empty_plan_still_shows_warnings() -> None:
    text = render_markdown(Plan(warnings=[PlanWarning(POOL, "something to know")]))
    assert "**No changes.**" in text
    assert "#### Warnings" in text and "something to know" in text


def test_summary_line_comes_first() -> None:
    lines = render_markdown(sample_plan()).splitlines()
    first_text = next(line for line in lines[1:] if line and not line.startswith("#"))
    assert first_text == "**Plan: 2 to create, 1 to update, 1 to replace, 1 to delete.**"


def test_pool_replace_is_called_out_loudly_before_any_detail() -> None:
    text = render_markdown(sample_plan())
    alert = text.index("> [!CAUTION]")
    assert alert < text.index("#### Replacements and deletions") < text.index("<details>")
    assert "Every user in it is lost" in text[alert:text.index("<details>")]
    assert "Reason: username_attributes can" in text
    assert "every client gets a new id" not in text


def test_pool_replace_alert_names_the_users_and_each_resource_lost() -> None:
    plan = sample_plan()
    plan.changes[0].users_lost = 7
    plan.changes[0].destroys = [f"{POOL}.group.ops", f"{POOL}.client.old"]
    plan.changes[0].recreates = [f"{POOL}.client.workshop-web"]
    text = render_markdown(plan)
    alert = text[text.index("> [!CAUTION]"):text.index("#### Replacements and deletions")]
    assert "Users lost: 7" in alert
    assert f"> - {code(POOL + '.group.ops')}" in alert
    assert f"> - {code(POOL + '.client.old')}" in alert
    assert alert.index("Destroyed and not re-created") < alert.index("Re-created in the new")
    assert f"> - {code(POOL + '.client.workshop-web')}" in alert
    # The same facts as the JSON plan: the Markdown is rendered from it.
    assert render_markdown_data(plan.to_json()).count("Users lost: 7") == 1


def test_client_replace_gets_no_pool_alert() -> None:
    client = Change(address=f"{POOL}.client.web", kind="client", name="web",
                    action=Action.REPLACE, region="r", pool_address=POOL,
                    reason="generate_secret can't change")
    text = render_markdown(Plan(changes=[client]))
    assert "[!CAUTION]" not in text
    assert f"- **replace** {code(client.address)}: generate_secret can" in text


def test_replaces_and_deletes_are_listed_in_order_replaces_first() -> None:
    text = render_markdown(sample_plan())
    section = text[text.index("#### Replacements and deletions"):text.index("#### Blocked")]
    items = [line for line in section.splitlines() if line.startswith("- ")]
    assert [item.split("**")[1] for item in items] == ["replace", "delete"]


def test_blocked_changes_are_listed() -> None:
    text = render_markdown(sample_plan())
    assert "#### Blocked: apply will refuse these" in text
    assert "deletion protection is ACTIVE" in text


def test_sensitive_values_are_masked() -> None:
    text = render_markdown(sample_plan())
    assert SECRET not in text
    assert text.count("_(sensitive)_") == 3  # one create value, one before and after


def test_no_raw_special_characters_escape_into_markup() -> None:
    text = render_markdown(sample_plan())
    outside_code = re.sub(r"(`+)(?!`).+?(?<!`)\1(?!`)", "", text)
    assert "<script>" not in outside_code and "<i>" not in outside_code
    assert "<script>" in text  # only as literal code
    for line in text.splitlines():
        if line.startswith("|"):
            # Every row of a table has exactly its columns: no unescaped `|` inside cells.
            unescaped = len(re.findall(r"(?<!\\)\|", line))
            assert unescaped in (3, 4), line


def test_every_change_of_the_json_plan_is_shown_in_order() -> None:
    plan = sample_plan()
    text = render_markdown(plan)
    start = text.index("#### Changes")
    positions = [text.index(html_code(c["address"]), start) for c in plan.to_json()["changes"]]
    assert positions == sorted(positions)


def test_a_saved_json_plan_renders_the_same() -> None:
    # Without the kind/sensitive hints: derived from calls and the masked values.
    plan = sample_plan()
    assert render_markdown_data(plan.to_json()) == render_markdown(plan)


@pytest.mark.parametrize(("text", "expected"), [
    ("user_pool.a", "`user_pool.a`"),
    ("a`b", "``a`b``"),
    ("`a``", "``` `a`` ```"),
    (" a", "`  a `"),
    ("two\nlines", "`two lines`"),
])
def test_code_spans(text: str, expected: str) -> None:
    assert code(text) == expected


def test_code_in_a_table_escapes_pipes() -> None:
    assert code('["a|b"]', in_table=True) == '`["a\\|b"]`'


def test_html_code_escapes_html() -> None:
    assert html_code("a<b>&`c`") == "<code>a&lt;b&gt;&amp;`c`</code>"


def test_prose_escapes_markup_but_not_intraword_underscores() -> None:
    assert prose("user_pool _em_ *b* [l](u) <t> a|b `c` $x$ ~s~ &amp;") == (
        "user_pool \\_em\\_ \\*b\\* \\[l\\](u) \\<t\\> a\\|b \\`c\\` \\$x\\$ \\~s\\~ \\&amp;")


def gfm_html(markdown: str) -> str:
    import cmarkgfm  # a test dependency: the comment must render on GitHub
    from cmarkgfm.cmark import Options

    html: str = cmarkgfm.github_flavored_markdown_to_html(
        markdown, options=Options.CMARK_OPT_UNSAFE)
    return html


def test_renders_as_intended_by_a_gfm_parser() -> None:
    html = gfm_html(render_markdown(sample_plan()))
    assert "<script>" not in html and "<i>" not in html and "<a " not in html
    assert html.count("<details>") == 5
    for row in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S):
        assert row.count("<td") + row.count("<th") in (2, 3), row
    emphasised = re.findall(r"<em>(.*?)</em>", html)
    assert set(emphasised) == {"(sensitive)", "(none)"}
    assert "<code>[&quot;https://a.example/cb?x=1|2&quot;, &quot;&lt;script&gt;" in html
    assert ("<code>[&quot;``` fenced ```&quot;, &quot;*bold* _em_ [l](u) ~s~ $x$&quot;]</code>"
            in html)
    assert "<code>user_pool.workshop-users.client.a|b &lt;i&gt;`x`&lt;/i&gt;</code>" in html
    assert "a | pipe, a &lt;tag&gt; and a `tick` in a warning" in html


def test_backslash_before_a_pipe_survives_a_table_cell() -> None:
    plan = Plan(changes=[Change(address=f"{POOL}.client.c", kind="client", name="c",
                                action=Action.UPDATE, region="r", pool_address=POOL,
                                fields=[FieldChange("x", "a\\|b", "c")])])
    html = gfm_html(render_markdown(plan))
    assert "<td><code>&quot;a\\\\|b&quot;</code></td>" in html


def test_an_id_that_is_the_name_is_not_repeated() -> None:
    group = Change(address=f"{POOL}.group.admins", kind="group", name="admins",
                   action=Action.UPDATE, region="r", pool_address=POOL, live_id="admins",
                   fields=[FieldChange("precedence", 1, 2)])
    client = Change(address=f"{POOL}.client.web", kind="client", name="web",
                    action=Action.UPDATE, region="r", pool_address=POOL, live_id="4abc",
                    fields=[FieldChange("access_token_validity", 60, 30)])
    text = render_markdown(Plan(changes=[group, client]))
    assert "<code>user_pool.workshop-users.group.admins</code> (1 field)" in text
    assert "<code>user_pool.workshop-users.client.web</code> <code>4abc</code> (1 field)" in text
