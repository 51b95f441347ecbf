"""Managed login styles and hosted UI customization through the CLI (issues 10.6, 10.10).

10.6 "Managed login branding works. Every update is refused today (the pre-write
re-read has no branding branch). use_cognito_provided_values and settings must never
be sent together; AWS merges assets on update, so removing or moving an asset
replaces the style; removing a settings key is a change, not silence."
10.10 "UI customization keeps the logo. A CSS-only SetUICustomization drops the live
image (a full put). Keep it, or say so in the plan."
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from .cli import Result, clear_requests, run, sandbox_requests, write_spec

PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"

STYLED = """\
version: 1
user_pools:
  - pool_name: styled
    user_pool_tier: ESSENTIALS
    clients:
      - client_name: web
        managed_login_branding:
{style}
"""


def apply(url: str, tmp_path: Path, style: str, *extra: str) -> Result:
    spec = write_spec(tmp_path, STYLED.format(style=style))
    return run(url, "apply", "--auto-approve", *extra, spec)


def style(cognito: Any) -> dict[str, Any]:
    [pool] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    [client] = cognito.list_user_pool_clients(UserPoolId=pool["Id"])["UserPoolClients"]
    found: dict[str, Any] = cognito.describe_managed_login_branding_by_client(
        UserPoolId=pool["Id"], ClientId=client["ClientId"])["ManagedLoginBranding"]
    return found


def sent(url: str, operation: str) -> list[dict[str, Any]]:
    return [r["body"] for r in sandbox_requests(url) if r["operation"] == operation]


def test_a_settings_change_is_applied_in_place(sandbox_url: str, cognito: Any,
                                               tmp_path: Path) -> None:
    first = apply(sandbox_url, tmp_path, "          settings: {components: {a: 1, b: 2}}")
    assert first.code == 0, first.text
    brand_id = style(cognito)["ManagedLoginBrandingId"]
    changed = apply(sandbox_url, tmp_path, "          settings: {components: {a: 1, b: 3}}")
    assert changed.code == 0, changed.text  # was: "changed in Cognito after it was read"
    assert "~ settings {\n          ~ components {\n              ~ b: 2 -> 3\n" in changed.out
    now = style(cognito)
    assert now["ManagedLoginBrandingId"] == brand_id
    assert now["Settings"] == {"components": {"a": 1, "b": 3}}


def test_removing_a_settings_key_re_creates_the_style(sandbox_url: str, cognito: Any,
                                                      tmp_path: Path) -> None:
    assert apply(sandbox_url, tmp_path, "          settings: {components: {a: 1, b: 2}}").code == 0
    brand_id = style(cognito)["ManagedLoginBrandingId"]
    removed = "          settings: {components: {a: 1}}"
    spec = write_spec(tmp_path, STYLED.format(style=removed))
    planned = run(sandbox_url, "plan", "--detailed-exitcode", spec)
    assert planned.code == 2, planned.text  # not silence: an update would keep "b"
    assert "settings.components.b" in planned.out and "removed" in planned.out
    assert "-/+ managed_login_branding" in planned.out
    refused = apply(sandbox_url, tmp_path, removed)
    assert refused.code == 1 and style(cognito)["Settings"]["components"]["b"] == 2
    done = apply(sandbox_url, tmp_path, removed, "--allow-replace")
    assert done.code == 0, done.text
    now = style(cognito)
    assert now["Settings"] == {"components": {"a": 1}}
    assert now["ManagedLoginBrandingId"] != brand_id


def test_back_to_cognito_values_never_sends_settings_beside_them(
        sandbox_url: str, cognito: Any, tmp_path: Path) -> None:
    assert apply(sandbox_url, tmp_path, "          settings: {components: {a: 1}}").code == 0
    clear_requests(sandbox_url)
    result = apply(sandbox_url, tmp_path, "          use_cognito_provided_values: true")
    assert result.code == 0, result.text
    [body] = sent(sandbox_url, "UpdateManagedLoginBranding")
    assert body["UseCognitoProvidedValues"] is True
    assert "Settings" not in body and "Assets" not in body
    now = style(cognito)
    assert now["UseCognitoProvidedValues"] is True and "Settings" not in now


def test_provided_values_with_an_asset_at_create(sandbox_url: str, cognito: Any,
                                                 tmp_path: Path) -> None:
    result = apply(sandbox_url, tmp_path, f"""\
          use_cognito_provided_values: true
          assets:
            - {{category: PAGE_FOOTER_BACKGROUND, color_mode: DARK, extension: PNG,
                bytes: "{PNG}"}}""")
    assert result.code == 0, result.text
    [asset] = style(cognito)["Assets"]
    assert asset["Category"] == "PAGE_FOOTER_BACKGROUND"
    assert base64.b64encode(asset["Bytes"]).decode() == PNG


def test_moving_an_asset_re_creates_the_style(sandbox_url: str, cognito: Any,
                                              tmp_path: Path) -> None:
    asset = """\
          settings: {{components: {{a: 1}}}}
          assets:
            - {{category: FORM_LOGO, color_mode: {mode}, extension: PNG, bytes: "{png}"}}"""
    assert apply(sandbox_url, tmp_path, asset.format(mode="LIGHT", png=PNG)).code == 0
    moved = asset.format(mode="DARK", png=PNG)
    planned = run(sandbox_url, "plan", write_spec(tmp_path, STYLED.format(style=moved)))
    assert "-/+ managed_login_branding" in planned.out
    assert "FORM_LOGO/LIGHT removed or moved" in planned.out
    done = apply(sandbox_url, tmp_path, moved, "--allow-replace")
    assert done.code == 0, done.text
    # An update would have added the DARK logo and kept the LIGHT one.
    assert [a["ColorMode"] for a in style(cognito)["Assets"]] == ["DARK"]


UI = """\
version: 1
user_pools:
  - pool_name: classic
    domain: {{domain: classic-login}}
    ui_customization:
{ui}
"""


def test_a_css_only_update_says_it_removes_the_live_logo(sandbox_url: str, cognito: Any,
                                                         tmp_path: Path) -> None:
    with_logo = f'      css: ".banner-customizable {{padding: 1px}}"\n      image_file: "{PNG}"'
    assert run(sandbox_url, "apply", "--auto-approve",
               write_spec(tmp_path, UI.format(ui=with_logo))).code == 0
    [pool] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    assert cognito.get_ui_customization(UserPoolId=pool["Id"])["UICustomization"]["ImageUrl"]

    # The same CSS without image_file: nothing to do, the logo stays.
    same_css = '      css: ".banner-customizable {padding: 1px}"'
    kept = run(sandbox_url, "plan", "--detailed-exitcode",
               write_spec(tmp_path, UI.format(ui=same_css)))
    assert kept.code == 0, kept.text

    new_css = write_spec(tmp_path, UI.format(ui='      css: ".banner-customizable {}"'))
    planned = run(sandbox_url, "plan", new_css)
    assert "- image_url" in planned.out
    assert "this update removes the live logo" in planned.text
    assert "add image_file to keep a logo" in planned.text
    applied = run(sandbox_url, "apply", "--auto-approve", new_css)
    assert applied.code == 0, applied.text
    live = cognito.get_ui_customization(UserPoolId=pool["Id"])["UICustomization"]
    assert live["CSS"] == ".banner-customizable {}" and "ImageUrl" not in live
