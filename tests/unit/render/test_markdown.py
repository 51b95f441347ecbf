"""The Markdown plan (a pull-request comment), from hand-built plans.

The golden file is rewritten only when UPDATE_GOLDEN=1 is set:
    UPDATE_GOLDEN=1 pytest tests/unit/render/test_markdown.py
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from reconciler.plan.model import (
    Action,
    Change,
    FieldChange,
    Plan,
    PlanWarning,
    PoolTarget,
    Request,
)
from reconciler.render.json_plan import render_json
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
               '(["email"] -> ["phone_number"])',
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
        pools=[PoolTarget(POOL, "eu-west-1", "eu-west-1_AbC123", "123456789012")],
        endpoint_known=True,
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
    assert alert < text.index("#### Replacements and deletions") < text.index("<details")
    assert "Every user in it is lost" in text[alert:text.index("<details")]
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
    assert "+ client_secret = (sensitive)" in text
    assert "~ client_secret: (sensitive) -> (sensitive)" in text


def test_no_raw_special_characters_escape_into_markup() -> None:
    text = render_markdown(sample_plan())
    outside_code = re.sub(r"(?ms)^(`{3,})diff$.*?^\1$", "", text)
    outside_code = re.sub(r"(`+)(?!`).+?(?<!`)\1(?!`)", "", outside_code)
    assert "<script>" not in outside_code and "<i>" not in outside_code
    assert "<script>" in text  # only as literal code
    for line in text.splitlines():
        if line.startswith("|"):
            # Every row of a table has exactly its columns: no unescaped `|` inside cells.
            unescaped = len(re.findall(r"(?<!\\)\|", line))
            assert unescaped in (3, 4, 5), line


def _shown_order(text: str, changes: list[dict[str, object]]) -> list[str]:
    start = text.index("#### Changes")
    return [str(c["address"]) for c in sorted(
        changes, key=lambda c: text.index(f"{html_code(str(c['address']))}", start))]


def test_every_change_is_shown_destructive_first_then_in_apply_order() -> None:
    plan = sample_plan()
    text = render_markdown(plan)
    changes = plan.to_json()["changes"]
    destructive = [c["address"] for c in changes if c["action"] in ("replace", "delete")]
    others = [c["address"] for c in changes if c["action"] not in ("replace", "delete")]
    assert _shown_order(text, changes) == destructive + others


def test_the_json_plan_renders_the_same() -> None:
    plan = sample_plan()
    assert render_markdown_data(json.loads(render_json(plan))) == render_markdown(plan)


def test_a_plan_saved_without_the_added_keys_still_renders() -> None:
    # Without kind/sensitive/items: derived from calls, masked values and before/after.
    text = render_markdown_data(sample_plan().to_json())
    assert SECRET not in text and '+     "phone_number"' in text


def test_short_changes_are_open_and_long_ones_folded() -> None:
    text = render_markdown(sample_plan())
    assert "<details open><summary><b>create</b> <code>user_pool.workshop-users.group" in text
    many = [FieldChange(f"f{i}", i, i + 1) for i in range(30)]
    long = Change(address=f"{POOL}.client.long", kind="client", name="long",
                  action=Action.UPDATE, region="r", pool_address=POOL, fields=many)
    assert "<details><summary><b>update in place</b>" in render_markdown(Plan(changes=[long]))


def test_each_pool_shows_region_endpoint_and_account() -> None:
    plan = sample_plan()
    plan.endpoint = "http://127.0.0.1:4599"
    text = render_markdown(plan)
    assert ("| `user_pool.workshop-users` | `eu-west-1` | `http://127.0.0.1:4599` | "
            "`123456789012` |") in text
    aws = render_markdown(sample_plan())
    assert "`https://cognito-idp.eu-west-1.amazonaws.com`" in aws


def test_fields_are_nested_blocks_and_lists_show_items() -> None:
    text = render_markdown(sample_plan())
    block = text[text.index("```diff"):]
    assert "~ policies {\n~     password_policy {\n~         minimum_length: 8 -> 12\n" in block
    assert '+     "phone_number"\n-     "email"' in block
    assert "policies.password_policy" not in text
    assert "+ id = (known after apply)" in text
    assert "+ client_id = (known after apply)" in text


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
    assert html.count("<details") == 5
    for row in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S):
        assert row.count("<td") + row.count("<th") == 4, row
    assert set(re.findall(r"<em>(.*?)</em>", html)) == {"(known once the pool exists)"} or \
        not re.findall(r"<em>(.*?)</em>", html)
    # Every value stays inside its code block, fences and all.
    assert html.count('<pre lang="diff"><code>') == 4
    assert "+     &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;" in html
    assert ('+ logout_urls = [&quot;``` fenced ```&quot;, &quot;*bold* _em_ [l](u) ~s~ '
            '$x$&quot;]') in html
    assert "<code>user_pool.workshop-users.client.a|b &lt;i&gt;`x`&lt;/i&gt;</code>" in html
    assert "a | pipe, a &lt;tag&gt; and a `tick` in a warning" in html


def test_backslash_before_a_pipe_survives_a_table_cell() -> None:
    plan = Plan(changes=[Change(address=f"{POOL}.client.c", kind="client", name="c",
                                action=Action.UPDATE, region="r", pool_address=POOL,
                                fields=[FieldChange("x", "a\\|b", "c")])],
                pools=[PoolTarget(POOL, "r", None, "a\\|b")])
    html = gfm_html(render_markdown(plan))
    assert "<td><code>a\\|b</code></td>" in html


def test_an_id_that_is_the_name_is_not_repeated() -> None:
    group = Change(address=f"{POOL}.group.admins", kind="group", name="admins",
                   action=Action.UPDATE, region="r", pool_address=POOL, live_id="admins",
                   fields=[FieldChange("precedence", 1, 2)])
    client = Change(address=f"{POOL}.client.web", kind="client", name="web",
                    action=Action.UPDATE, region="r", pool_address=POOL, live_id="4abc",
                    fields=[FieldChange("access_token_validity", 60, 30)])
    text = render_markdown(Plan(changes=[group, client]))
    assert "<code>user_pool.workshop-users.group.admins</code> in <code>r</code> (1 field)" in text
    assert ("<code>user_pool.workshop-users.client.web</code> <code>4abc</code> in <code>r</code>"
            " (1 field)") in text


def test_a_plan_without_changes_still_names_where_it_looked() -> None:
    text = render_markdown(Plan(pools=[PoolTarget(POOL, "us-west-2", "us-west-2_X", "111")],
                                endpoint_known=True))
    assert "**No changes.**" in text
    assert ("| `user_pool.workshop-users` | `us-west-2` | "
            "`https://cognito-idp.us-west-2.amazonaws.com` | `111` |") in text
