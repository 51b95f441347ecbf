"""Planning the two branding parts, whose writes don't replace like the others.

Managed login styles (issue 10.6): UpdateManagedLoginBranding "preserves existing
style settings that you don't specify" (API reference) and merges assets by
(category, color mode) slot (terraform-provider-aws managed_login_branding.go
re-creates the style on any asset change for that reason). So a settings key or
an asset slot can't be removed in place: the style is re-created (a replace, with
the reason). ``UseCognitoProvidedValues: true`` is never sent beside Settings
(refused, API reference); beside Assets only at create (TF acceptance test
``_asset``), never in an update.

Hosted UI customization (issue 10.10): SetUICustomization is a full put and the
logo (ImageFile) is write-only, so an update without ``image_file`` removes a live
logo. The plan shows that removal as a field and a warning; it can't keep a logo it
can't read back.
"""

from __future__ import annotations

from typing import Any

from reconciler.model import LivePart
from reconciler.plan.documents import canonical, field_changes, leaf_changes
from reconciler.plan.model import Action, Change, FieldChange, Request
from reconciler.plan.shapes import Shape

STYLE_MEMBERS = ("UseCognitoProvidedValues", "Settings", "Assets")
Path = tuple[str | int, ...]


def _style(document: dict[str, Any]) -> dict[str, Any]:
    return {k: document[k] for k in STYLE_MEMBERS if k in document}


def _wanted(current: dict[str, Any], desired: dict[str, Any]) -> dict[str, Any]:
    """The style the spec asks for; what it leaves out (e.g. assets) keeps its live value."""
    assets = desired["Assets"] if "Assets" in desired else current.get("Assets")
    if desired.get("UseCognitoProvidedValues") is True:
        wanted: dict[str, Any] = {"UseCognitoProvidedValues": True}
    elif desired.get("Settings") is not None:
        # The spec's settings whole: a key it drops is a change, not an omission.
        wanted = {"UseCognitoProvidedValues": False, "Settings": desired["Settings"]}
    else:
        wanted = {k: v for k, v in current.items() if k != "Assets"}
        if "UseCognitoProvidedValues" in desired:
            wanted["UseCognitoProvidedValues"] = desired["UseCognitoProvidedValues"]
    if assets:
        wanted["Assets"] = assets
    return wanted


def _slots(assets: Any) -> set[tuple[str, str]]:
    return {(str(a.get("Category")), str(a.get("ColorMode"))) for a in assets or []}


def _settings_changes(current: dict[str, Any],
                      wanted: dict[str, Any]) -> list[tuple[Path, Any, Any]]:
    # Settings is a free JSON document, not a Cognito list of flags: its lists are
    # ordered (e.g. categories.auth.authMethodOrder), so it is compared as it is.
    return [(("Settings", *path), before, after) for path, before, after in leaf_changes(
        current.get("Settings") or {}, wanted.get("Settings") or {})]


def _changes(shape: Shape, current: dict[str, Any],
             wanted: dict[str, Any]) -> list[FieldChange]:
    rest = [{k: v for k, v in d.items() if k != "Settings"} for d in (current, wanted)]
    fields = field_changes(shape, canonical(rest[0], shape), canonical(rest[1], shape))
    return fields + [FieldChange(shape.spec_path(path), before, after)
                     for path, before, after in _settings_changes(current, wanted)]


def _replace_reason(shape: Shape, current: dict[str, Any], wanted: dict[str, Any]) -> str:
    reasons = []
    if wanted.get("UseCognitoProvidedValues") is True:
        if wanted.get("Assets"):
            reasons.append("Cognito takes assets beside use_cognito_provided_values only "
                           "when a style is created")
    elif wanted.get("Settings") is not None:
        removed = [path[1:] for path, _, after in _settings_changes(current, wanted)
                   if after is None]
        if removed:
            names = ", ".join(shape.spec_path(("Settings", *p)) for p in removed[:3])
            more = f" and {len(removed) - 3} more" if len(removed) > 3 else ""
            reasons.append(f"{names}{more} removed: Cognito keeps style settings an update "
                           "leaves out")
    gone = _slots(current.get("Assets")) - _slots(wanted.get("Assets"))
    if gone:
        slots = ", ".join(f"{c}/{m}" for c, m in sorted(gone))
        reasons.append(f"asset {slots} removed or moved: Cognito keeps assets an update "
                       "leaves out")
    if not reasons:
        return ""
    return "; ".join(reasons) + " (the style is deleted and created again)"


def _update_body(wanted: dict[str, Any]) -> dict[str, Any]:
    if wanted.get("UseCognitoProvidedValues") is True:
        return {"UseCognitoProvidedValues": True}  # never beside Settings or Assets
    return dict(wanted)


def plan_style(base: Change, shape: Shape, desired: dict[str, Any], live: LivePart | None,
               ids: dict[str, Any], client_id: str | None) -> Change | None:
    """A client's managed login style: create, update in place, or re-create."""
    if desired.get("UseCognitoProvidedValues") is True and desired.get("Settings") is not None:
        base.blocked = ("use_cognito_provided_values: true and settings can't be sent "
                        "together (Cognito refuses the request): keep one of them")
    if live is None:
        base.action = Action.CREATE
        base.fields = _changes(shape, {}, desired)
        base.requests = [Request("CreateManagedLoginBranding", {**ids, **desired})]
        return base
    current = _style(live.document)
    wanted = _wanted(current, desired)
    fields = _changes(shape, current, wanted)
    if not fields:
        return None
    base.fields = fields
    reason = _replace_reason(shape, current, wanted)
    if reason:
        base.action = Action.REPLACE
        base.reason = reason
        create = {"UserPoolId": ids["UserPoolId"], "ClientId": client_id, **wanted}
        if wanted.get("UseCognitoProvidedValues") is not True:
            create.pop("UseCognitoProvidedValues", None)
        base.requests = [Request("DeleteManagedLoginBranding", dict(ids)),
                         Request("CreateManagedLoginBranding", create)]
        return base
    base.requests = [Request("UpdateManagedLoginBranding", {**ids, **_update_body(wanted)})]
    return base


def logo_removal(live: LivePart, desired: dict[str, Any]) -> tuple[FieldChange, str] | None:
    """The field and warning for a UI customization update that drops the live logo."""
    url = live.document.get("ImageUrl")
    if not url or desired.get("ImageFile"):
        return None
    return (FieldChange("image_url", url, None),
            "this update removes the live logo: SetUICustomization replaces the whole "
            "customization and the logo can't be read back to send again; add image_file "
            "to keep a logo")
