"""Classic UI customization and managed-login styles."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from botocore.exceptions import ClientError

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _code(raised: pytest.ExceptionInfo[ClientError]) -> str:
    return str(raised.value.response["Error"]["Code"])


@pytest.fixture
def client_id(cognito: Any, pool_id: str) -> str:
    return str(cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="web")[
        "UserPoolClient"]["ClientId"])


def test_ui_customization_needs_a_domain(cognito: Any, pool_id: str) -> None:
    with pytest.raises(ClientError) as raised:
        cognito.set_ui_customization(UserPoolId=pool_id, CSS=".banner-customizable {}")
    assert _code(raised) == "InvalidParameterException"


def test_ui_customization_pool_and_client_levels(
    cognito: Any, pool_id: str, client_id: str
) -> None:
    cognito.create_user_pool_domain(UserPoolId=pool_id, Domain="brand-login")
    assert cognito.get_ui_customization(UserPoolId=pool_id)["UICustomization"] == {}

    pool_level = cognito.set_ui_customization(
        UserPoolId=pool_id, CSS=".banner-customizable {padding: 1px}", ImageFile=PNG
    )["UICustomization"]
    assert pool_level["ClientId"] == "ALL"
    assert "ImageFile" not in pool_level and pool_level["ImageUrl"].startswith("https://")

    # A client without its own customization gets the pool's.
    inherited = cognito.get_ui_customization(UserPoolId=pool_id, ClientId=client_id)
    assert inherited["UICustomization"]["ClientId"] == "ALL"

    cognito.set_ui_customization(
        UserPoolId=pool_id, ClientId=client_id, CSS=".label-customizable {}"
    )
    own = cognito.get_ui_customization(UserPoolId=pool_id, ClientId=client_id)["UICustomization"]
    assert own["ClientId"] == client_id
    assert own["CSS"] == ".label-customizable {}"
    assert "ImageUrl" not in own  # a full replacement: no image was sent for the client

    with pytest.raises(ClientError) as raised:
        cognito.set_ui_customization(UserPoolId=pool_id, ImageFile=b"GIF89a....")
    assert _code(raised) == "InvalidParameterException"
    with pytest.raises(ClientError) as raised:
        cognito.get_ui_customization(UserPoolId=pool_id, ClientId="nosuchclient")
    assert _code(raised) == "ResourceNotFoundException"


def test_one_managed_login_style_per_client(cognito: Any, pool_id: str, client_id: str) -> None:
    created = cognito.create_managed_login_branding(
        UserPoolId=pool_id, ClientId=client_id, Settings={"components": {"pageText": {"x": 1}}},
    )["ManagedLoginBranding"]
    brand_id = created["ManagedLoginBrandingId"]
    assert created["UseCognitoProvidedValues"] is False
    assert "ClientId" not in created
    with pytest.raises(ClientError) as raised:
        cognito.create_managed_login_branding(
            UserPoolId=pool_id, ClientId=client_id, UseCognitoProvidedValues=True
        )
    assert _code(raised) == "ManagedLoginBrandingExistsException"

    by_client = cognito.describe_managed_login_branding_by_client(
        UserPoolId=pool_id, ClientId=client_id
    )["ManagedLoginBranding"]
    assert by_client["ManagedLoginBrandingId"] == brand_id


def test_managed_login_update_merges_and_resets(
    cognito: Any, pool_id: str, client_id: str
) -> None:
    asset = {"Category": "FORM_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": PNG}
    brand_id = cognito.create_managed_login_branding(
        UserPoolId=pool_id, ClientId=client_id,
        Settings={"components": {"a": 1, "b": {"c": 2}}}, Assets=[asset],
    )["ManagedLoginBranding"]["ManagedLoginBrandingId"]

    updated = cognito.update_managed_login_branding(
        UserPoolId=pool_id, ManagedLoginBrandingId=brand_id,
        Settings={"components": {"b": {"d": 3}}},
    )["ManagedLoginBranding"]
    assert updated["Settings"] == {"components": {"a": 1, "b": {"c": 2, "d": 3}}}
    assert base64.b64encode(updated["Assets"][0]["Bytes"]) == base64.b64encode(PNG)

    reset = cognito.update_managed_login_branding(
        UserPoolId=pool_id, ManagedLoginBrandingId=brand_id, UseCognitoProvidedValues=True,
    )["ManagedLoginBranding"]
    assert reset["UseCognitoProvidedValues"] is True
    assert "Settings" not in reset and "Assets" not in reset

    with pytest.raises(ClientError) as raised:
        cognito.update_managed_login_branding(
            UserPoolId=pool_id, ManagedLoginBrandingId=brand_id, UseCognitoProvidedValues=True,
            Settings={"x": 1},
        )
    assert _code(raised) == "InvalidParameterException"


def test_deleting_styles_and_clients(cognito: Any, pool_id: str, client_id: str) -> None:
    brand_id = cognito.create_managed_login_branding(
        UserPoolId=pool_id, ClientId=client_id, UseCognitoProvidedValues=True
    )["ManagedLoginBranding"]["ManagedLoginBrandingId"]
    cognito.delete_managed_login_branding(UserPoolId=pool_id, ManagedLoginBrandingId=brand_id)
    with pytest.raises(ClientError) as raised:
        cognito.describe_managed_login_branding(UserPoolId=pool_id, ManagedLoginBrandingId=brand_id)
    assert _code(raised) == "ResourceNotFoundException"

    cognito.create_managed_login_branding(
        UserPoolId=pool_id, ClientId=client_id, UseCognitoProvidedValues=True
    )
    cognito.delete_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    new_client = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="web")[
        "UserPoolClient"]["ClientId"]
    with pytest.raises(ClientError) as raised:
        cognito.describe_managed_login_branding_by_client(UserPoolId=pool_id, ClientId=new_client)
    assert _code(raised) == "ResourceNotFoundException"


def test_assets_beside_cognito_provided_values_only_at_create(
    cognito: Any, pool_id: str, client_id: str
) -> None:
    # terraform-provider-aws acceptance test ManagedLoginBranding_asset: AWS creates a
    # style from use_cognito_provided_values = true plus an asset.
    asset = {"Category": "PAGE_FOOTER_BACKGROUND", "ColorMode": "DARK", "Extension": "PNG",
             "Bytes": PNG}
    created = cognito.create_managed_login_branding(
        UserPoolId=pool_id, ClientId=client_id, UseCognitoProvidedValues=True, Assets=[asset],
    )["ManagedLoginBranding"]
    assert created["UseCognitoProvidedValues"] is True
    assert [a["Category"] for a in created["Assets"]] == ["PAGE_FOOTER_BACKGROUND"]
    brand_id = created["ManagedLoginBrandingId"]
    with pytest.raises(ClientError) as raised:  # API reference: omit them when true
        cognito.update_managed_login_branding(
            UserPoolId=pool_id, ManagedLoginBrandingId=brand_id, UseCognitoProvidedValues=True,
            Assets=[asset],
        )
    assert _code(raised) == "InvalidParameterException"
    with pytest.raises(ClientError) as raised:
        cognito.create_managed_login_branding(
            UserPoolId=pool_id,
            ClientId=cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="other")[
                "UserPoolClient"]["ClientId"],
            UseCognitoProvidedValues=True, Settings={"components": {}},
        )
    assert _code(raised) == "InvalidParameterException"


def test_an_asset_in_a_new_slot_is_added_not_moved(
    cognito: Any, pool_id: str, client_id: str
) -> None:
    # TF managed_login_branding.go: "if the (category, color) pair differs from existing
    # ones, the API treats the asset as new and adds it".
    light = {"Category": "FORM_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": PNG}
    brand_id = cognito.create_managed_login_branding(
        UserPoolId=pool_id, ClientId=client_id, Settings={"components": {}}, Assets=[light],
    )["ManagedLoginBranding"]["ManagedLoginBrandingId"]
    updated = cognito.update_managed_login_branding(
        UserPoolId=pool_id, ManagedLoginBrandingId=brand_id,
        Assets=[{**light, "ColorMode": "DARK"}],
    )["ManagedLoginBranding"]
    assert sorted(a["ColorMode"] for a in updated["Assets"]) == ["DARK", "LIGHT"]
