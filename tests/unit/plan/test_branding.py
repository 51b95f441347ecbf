"""Planning managed login styles and UI customization (issues 10.6, 10.10), pure."""

from __future__ import annotations

from typing import Any

from reconciler.model import LivePart
from reconciler.plan.model import Action
from reconciler.plan.parts import (
    CLIENT_SINGLETONS,
    MANAGED_LOGIN_BRANDING,
    UI_CUSTOMIZATION,
    Owner,
    plan_part,
)

OWNER = Owner("user_pool.users", "us-east-1", "us-east-1_abc", client_name="web",
              client_id="client1")
IDS = {"UserPoolId": "us-east-1_abc", "ManagedLoginBrandingId": "brand-1"}
LOGO = {"Category": "FORM_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": "AAAA"}


def live_style(**style: Any) -> LivePart:
    return LivePart(document={**IDS, "CreationDate": "2026-01-01", **style},
                    ids={"ManagedLoginBrandingId": "brand-1"})


def test_a_settings_change_is_an_update_without_provided_values() -> None:
    live = live_style(UseCognitoProvidedValues=False, Settings={"c": {"a": 1, "b": 2}})
    change = plan_part(MANAGED_LOGIN_BRANDING, OWNER, {"Settings": {"c": {"a": 1, "b": 3}}},
                       live)
    assert change is not None and change.action == Action.UPDATE
    [request] = change.requests
    assert request.operation == "UpdateManagedLoginBranding"
    assert request.params == {**IDS, "UseCognitoProvidedValues": False,
                              "Settings": {"c": {"a": 1, "b": 3}}}


def test_a_removed_settings_key_is_a_change_that_re_creates_the_style() -> None:
    live = live_style(UseCognitoProvidedValues=False, Settings={"c": {"a": 1, "b": 2}},
                      Assets=[LOGO])
    change = plan_part(MANAGED_LOGIN_BRANDING, OWNER, {"Settings": {"c": {"a": 1}}}, live)
    assert change is not None and change.action == Action.REPLACE
    assert "settings.c.b removed" in (change.reason or "")
    assert [f.path for f in change.fields] == ["settings.c.b"]
    delete, create = change.requests
    assert delete.operation == "DeleteManagedLoginBranding" and delete.params == IDS
    # Assets the spec doesn't manage are created again as they are.
    assert create.params == {"UserPoolId": "us-east-1_abc", "ClientId": "client1",
                             "Settings": {"c": {"a": 1}}, "Assets": [LOGO]}


def test_provided_values_replace_settings_in_one_update_that_carries_nothing_else() -> None:
    live = live_style(UseCognitoProvidedValues=False, Settings={"c": {"a": 1}})
    change = plan_part(MANAGED_LOGIN_BRANDING, OWNER, {"UseCognitoProvidedValues": True}, live)
    assert change is not None and change.action == Action.UPDATE
    assert change.requests[0].params == {**IDS, "UseCognitoProvidedValues": True}


def test_provided_values_with_assets_are_sent_only_at_create() -> None:
    live = live_style(UseCognitoProvidedValues=False, Settings={"c": {"a": 1}})
    desired = {"UseCognitoProvidedValues": True, "Assets": [LOGO]}
    change = plan_part(MANAGED_LOGIN_BRANDING, OWNER, desired, live)
    assert change is not None and change.action == Action.REPLACE
    assert change.requests[1].params == {"UserPoolId": "us-east-1_abc", "ClientId": "client1",
                                         **desired}
    created = plan_part(MANAGED_LOGIN_BRANDING, OWNER, desired, None)
    assert created is not None and created.action == Action.CREATE and not created.blocked


def test_an_asset_in_a_new_slot_is_an_update_a_moved_one_a_replace() -> None:
    live = live_style(UseCognitoProvidedValues=False, Settings={"c": {}}, Assets=[LOGO])
    dark = {**LOGO, "ColorMode": "DARK"}
    added = plan_part(MANAGED_LOGIN_BRANDING, OWNER, {"Assets": [LOGO, dark]}, live)
    assert added is not None and added.action == Action.UPDATE
    assert added.requests[0].params["Assets"] == [LOGO, dark]
    moved = plan_part(MANAGED_LOGIN_BRANDING, OWNER, {"Assets": [dark]}, live)
    assert moved is not None and moved.action == Action.REPLACE
    assert "FORM_LOGO/LIGHT removed or moved" in (moved.reason or "")


def test_provided_values_and_settings_together_are_refused() -> None:
    desired = {"UseCognitoProvidedValues": True, "Settings": {"c": {}}}
    change = plan_part(MANAGED_LOGIN_BRANDING, OWNER, desired, None)
    assert change is not None and "can't be sent together" in (change.blocked or "")


def test_an_unchanged_style_is_no_change() -> None:
    live = live_style(UseCognitoProvidedValues=True)
    assert plan_part(MANAGED_LOGIN_BRANDING, OWNER, {"UseCognitoProvidedValues": True},
                     live) is None


def test_a_ui_update_without_image_file_shows_the_logo_removal() -> None:
    pool_owner = Owner("user_pool.users", "us-east-1", "us-east-1_abc")
    live = LivePart(document={"UserPoolId": "us-east-1_abc", "ClientId": "ALL", "CSS": ".a{}",
                              "ImageUrl": "https://x/image.jpg", "CSSVersion": "1"})
    change = plan_part(UI_CUSTOMIZATION, pool_owner, {"CSS": ".b{}"}, live)
    assert change is not None
    assert [(f.path, f.before, f.after) for f in change.fields] == [
        ("css", ".a{}", ".b{}"), ("image_url", "https://x/image.jpg", None)]
    assert "removes the live logo" in change.warnings[0]
    assert "ImageFile" not in change.requests[0].params
    # With image_file, the logo is sent again: nothing is removed.
    kept = plan_part(UI_CUSTOMIZATION, pool_owner, {"CSS": ".b{}", "ImageFile": "AAAA"}, live)
    assert kept is not None and [f.path for f in kept.fields] == ["css"]
    # The same CSS: no update, so the logo stays.
    assert plan_part(CLIENT_SINGLETONS["ui_customization"], OWNER, {"CSS": ".a{}"},
                     LivePart(document={**live.document, "ClientId": "client1"})) is None


def test_the_order_of_a_list_in_settings_is_a_change() -> None:
    order = [{"type": "FEDERATED"}, {"type": "USERNAME_PASSWORD"}]
    live = live_style(UseCognitoProvidedValues=False,
                      Settings={"categories": {"auth": {"authMethodOrder": [order]}}})
    swapped = {"Settings": {"categories": {"auth": {"authMethodOrder": [order[::-1]]}}}}
    change = plan_part(MANAGED_LOGIN_BRANDING, OWNER, swapped, live)
    assert change is not None and change.action == Action.UPDATE
    assert [f.path for f in change.fields] == ["settings.categories.auth.authMethodOrder"]
