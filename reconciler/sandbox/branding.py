"""Branding: classic hosted-UI customization and managed-login styles (moto lacks both)."""

from __future__ import annotations

import base64
import copy
import uuid
from typing import Any

from moto.cognitoidp.models import CognitoIdpUserPool

from . import domains
from .calls import Call, handles
from .errors import ApiError, invalid_parameter, not_found
from .state import PoolRecord

ALL_CLIENTS = "ALL"

# --- classic hosted UI: SetUICustomization / GetUICustomization ----------------


def _ui(record: PoolRecord) -> dict[str, Any]:
    return record.part("ui_customization")  # "ALL" or client id -> UICustomization


def _client_key(call: Call, pool: CognitoIdpUserPool) -> str:
    client_id = call.body.get("ClientId") or ALL_CLIENTS
    if client_id != ALL_CLIENTS:
        call.client(pool, client_id)  # AWS: the app client must exist
    return str(client_id)


def _check_image(encoded: str) -> None:
    # AWS: the logo must be a PNG or JPEG file.
    data = base64.b64decode(encoded)
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        raise invalid_parameter("The image file must be in PNG or JPEG format.")


@handles("SetUICustomization")
def set_ui_customization(call: Call) -> dict[str, Any]:
    pool = call.pool()
    record = call.record(pool)
    if not domains.has_domain(call, pool):
        # AWS [M]: "Your user pool must have a domain."
        raise invalid_parameter("There has to be an existing domain associated with this user pool")
    key = _client_key(call, pool)
    now = call.now()
    previous = _ui(record).get(key)
    customization: dict[str, Any] = {"UserPoolId": pool.id, "ClientId": key}
    if call.body.get("ImageFile"):
        _check_image(call.body["ImageFile"])
        # AWS: ImageFile is write-only; reads show where the image is served from.
        stamp = int(now.timestamp() * 1000)
        customization["ImageUrl"] = (
            f"https://{pool.id.lower()}.auth.{call.region}.amazoncognito.com/"
            f"{pool.id}/{key}/{stamp}/assets/images/image.jpg"
        )
    if call.body.get("CSS") is not None:
        customization["CSS"] = call.body["CSS"]
    # AWS: each set replaces the whole customization and versions the CSS.
    customization["CSSVersion"] = str(int(now.timestamp() * 1000))
    customization["LastModifiedDate"] = now
    customization["CreationDate"] = previous["CreationDate"] if previous else now
    if "CSS" not in customization and "ImageUrl" not in customization:
        _ui(record).pop(key, None)  # ASSUMED: an empty set removes the customization
    else:
        _ui(record)[key] = customization
    return {"UICustomization": copy.deepcopy(customization)}


@handles("GetUICustomization")
def get_ui_customization(call: Call) -> dict[str, Any]:
    pool = call.pool()
    key = _client_key(call, pool)
    saved = _ui(call.record(pool))
    # AWS [M]: "Returns user-pool level branding information if no app client
    # branding is applied ... Returns an empty object if you haven't applied
    # hosted UI branding to either the client or the user pool."
    found = saved.get(key) or saved.get(ALL_CLIENTS) or {}
    return {"UICustomization": copy.deepcopy(found)}


# --- managed login (v2) styles ---------------------------------------------------


def _styles(record: PoolRecord) -> dict[str, Any]:
    return record.part("managed_login_branding")  # id -> {"ClientId": ..., "Style": {...}}


def _check_values(call: Call, creating: bool) -> None:
    provided = call.body.get("UseCognitoProvidedValues")
    # AWS [M]: "When you specify true for this option, you must also omit values for
    # Settings and Assets in the request." Yet terraform-provider-aws's acceptance test
    # ManagedLoginBranding_asset creates a style with true and an asset, and AWS takes
    # it: assets beside true are accepted at create. ASSUMED: still refused in an update.
    if provided and (call.body.get("Settings") is not None
                     or (call.body.get("Assets") and not creating)):
        raise invalid_parameter(
            "Settings and Assets must be omitted when UseCognitoProvidedValues is true."
        )
    seen: set[tuple[str, str]] = set()
    for asset in call.body.get("Assets") or []:
        slot = (asset["Category"], asset["ColorMode"])
        if slot in seen:
            raise invalid_parameter(f"Duplicate asset for {slot[0]} in {slot[1]} mode.")
        seen.add(slot)


def _merge(base: Any, change: Any) -> Any:
    """AWS [M]: updates keep "existing style settings that you don't specify"."""
    if isinstance(base, dict) and isinstance(change, dict):
        merged = dict(base)
        for key, value in change.items():
            merged[key] = _merge(base.get(key), value)
        return merged
    return copy.deepcopy(change)


def _merge_assets(base: list[dict[str, Any]], change: list[dict[str, Any]]) -> list[dict[str, Any]]:
    slots = {(a["Category"], a["ColorMode"]): a for a in base}
    for asset in change:
        slots[(asset["Category"], asset["ColorMode"])] = copy.deepcopy(asset)
    return list(slots.values())


def _by_id(call: Call, pool: CognitoIdpUserPool) -> dict[str, Any]:
    brand_id = call.body.get("ManagedLoginBrandingId")
    entry = _styles(call.record(pool)).get(brand_id or "")
    if entry is None:
        raise not_found(f"Managed login branding {brand_id} does not exist.")
    return dict(entry)


def _answer(entry: dict[str, Any]) -> dict[str, Any]:
    # ClientId is write-only: the style is found by client, never shows it.
    return {"ManagedLoginBranding": copy.deepcopy(entry["Style"])}


@handles("CreateManagedLoginBranding")
def create_managed_login_branding(call: Call) -> dict[str, Any]:
    pool = call.pool()
    record = call.record(pool)
    client, _ = call.client(pool)
    if record.config.get("UserPoolTier") == "LITE":
        raise ApiError("FeatureUnavailableInTierException",
                       "Managed login branding is not available in the LITE tier.")
    _check_values(call, creating=True)
    if any(entry["ClientId"] == client.id for entry in _styles(record).values()):
        # AWS: one style per app client.
        raise ApiError("ManagedLoginBrandingExistsException",
                       f"A managed login branding style already exists for client {client.id}.")
    now = call.now()
    style: dict[str, Any] = {
        "ManagedLoginBrandingId": str(uuid.uuid4()),
        "UserPoolId": pool.id,
        "UseCognitoProvidedValues": bool(call.body.get("UseCognitoProvidedValues")),
        "CreationDate": now,
        "LastModifiedDate": now,
    }
    if call.body.get("Settings") is not None:
        style["Settings"] = copy.deepcopy(call.body["Settings"])
    if call.body.get("Assets"):
        style["Assets"] = copy.deepcopy(call.body["Assets"])
    entry = {"ClientId": client.id, "Style": style}
    _styles(record)[style["ManagedLoginBrandingId"]] = entry
    return _answer(entry)


@handles("UpdateManagedLoginBranding")
def update_managed_login_branding(call: Call) -> dict[str, Any]:
    if not call.body.get("UserPoolId") or not call.body.get("ManagedLoginBrandingId"):
        raise invalid_parameter("UserPoolId and ManagedLoginBrandingId are required.")
    pool = call.pool()
    entry = _by_id(call, pool)
    _check_values(call, creating=False)
    style = dict(entry["Style"])
    if call.body.get("UseCognitoProvidedValues"):
        # AWS: back to Cognito's defaults; the customizations are dropped.
        style.pop("Settings", None)
        style.pop("Assets", None)
        style["UseCognitoProvidedValues"] = True
    else:
        if call.body.get("Settings") is not None:
            style["Settings"] = _merge(style.get("Settings") or {}, call.body["Settings"])
        if call.body.get("Assets"):
            style["Assets"] = _merge_assets(style.get("Assets") or [], call.body["Assets"])
        if call.body.get("Settings") is not None or call.body.get("Assets"):
            style["UseCognitoProvidedValues"] = False
    style["LastModifiedDate"] = call.now()
    entry["Style"] = style
    _styles(call.record(pool))[style["ManagedLoginBrandingId"]] = entry
    return _answer(entry)


@handles("DescribeManagedLoginBranding")
def describe_managed_login_branding(call: Call) -> dict[str, Any]:
    # ReturnMergedResources: the sandbox has no Cognito default style to merge in.
    return _answer(_by_id(call, call.pool()))


@handles("DescribeManagedLoginBrandingByClient")
def describe_managed_login_branding_by_client(call: Call) -> dict[str, Any]:
    pool = call.pool()
    client, _ = call.client(pool)
    for entry in _styles(call.record(pool)).values():
        if entry["ClientId"] == client.id:
            return _answer(entry)
    raise not_found(f"No managed login branding exists for client {client.id}.")


@handles("DeleteManagedLoginBranding")
def delete_managed_login_branding(call: Call) -> dict[str, Any]:
    pool = call.pool()
    entry = _by_id(call, pool)
    _styles(call.record(pool)).pop(entry["Style"]["ManagedLoginBrandingId"], None)
    return {}


def forget_client(record: PoolRecord, client_id: str) -> None:
    """A deleted app client takes its UI customization and style with it."""
    _ui(record).pop(client_id, None)
    styles = _styles(record)
    for brand_id in [b for b, entry in styles.items() if entry["ClientId"] == client_id]:
        del styles[brand_id]
