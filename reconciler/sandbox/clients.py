"""App client operations answered with AWS's semantics.

AWS: UpdateUserPoolClient resets every omitted field to its create default
(moto merges); DescribeUserPoolClient returns the server defaults; AWS checks
token lifetimes, OAuth settings, scopes, providers and attributes against each
other and against the pool.
"""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import urlsplit

from moto.cognitoidp.models import CognitoIdpUserPool, CognitoIdpUserPoolClient

from . import branding, client_secrets, defaults, risk, schema, sessions, terms
from .calls import Call, handles
from .errors import ApiError, invalid_parameter
from .paging import page
from .state import ClientRecord

_UNIT_SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
# AWS [M, TokenValidityUnitsType]: (default unit, lowest, highest) in seconds.
_VALIDITY = {
    "AccessTokenValidity": ("AccessToken", "hours", 5 * 60, 86400, "5 minutes and 1 day"),
    "IdTokenValidity": ("IdToken", "hours", 5 * 60, 86400, "5 minutes and 1 day"),
    "RefreshTokenValidity": ("RefreshToken", "days", 3600, 10 * 365 * 86400,
                             "60 minutes and 10 years"),
}
_LEGACY_FLOWS = {"ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH"}
# AWS: the scopes every pool has; custom scopes are "<resource server>/<scope>".
_STANDARD_SCOPES = {"phone", "email", "openid", "profile", "aws.cognito.signin.user.admin"}
_LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def _check_token_validity(config: dict[str, Any]) -> None:
    units = config.get("TokenValidityUnits") or {}
    for field, (unit_key, default_unit, low, high, words) in _VALIDITY.items():
        value = config.get(field)
        if value is None:
            continue
        unit = units.get(unit_key) or default_unit
        seconds = value * _UNIT_SECONDS[unit]
        if not low <= seconds <= high:
            # AWS: lifetimes are checked after converting with TokenValidityUnits.
            raise invalid_parameter(
                f"Invalid range for token validity: {field} {value} {unit} is not between "
                f"{words}."
            )


def _check_auth_flows(config: dict[str, Any]) -> None:
    flows = set(config.get("ExplicitAuthFlows") or [])
    if flows & _LEGACY_FLOWS and flows - _LEGACY_FLOWS:
        # AWS [M]: "You can't assign these legacy ExplicitAuthFlows values to
        # user pool clients at the same time as values that begin with ALLOW_".
        raise invalid_parameter(
            "ExplicitAuthFlows can't mix legacy values (ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY, "
            "USER_PASSWORD_AUTH) with ALLOW_ values."
        )


def _check_redirect_uri(uri: str) -> None:
    # AWS [M, CallbackURLs]: absolute, no fragment, HTTPS except for loopback
    # testing URLs; app schemes such as myapp://example are allowed.
    parts = urlsplit(uri)
    if not parts.scheme or parts.fragment or "#" in uri:
        raise invalid_parameter(f"Invalid redirect URI {uri}: must be absolute, without fragment.")
    if parts.scheme.lower() == "http" and (parts.hostname or "") not in _LOOPBACK_HOSTS:
        raise invalid_parameter(
            f"Invalid redirect URI {uri}: HTTPS is required except for http://localhost."
        )


def _check_oauth(call: Call, pool: CognitoIdpUserPool, config: dict[str, Any],
                 has_secret: bool) -> None:
    flows = config.get("AllowedOAuthFlows") or []
    scopes = config.get("AllowedOAuthScopes") or []
    callbacks = config.get("CallbackURLs") or []
    enabled = config.get("AllowedOAuthFlowsUserPoolClient") is True
    # AWS [M]: AllowedOAuthFlowsUserPoolClient "must have a value of true before
    # you can configure" OAuth flows and scopes.
    if (flows or scopes) and not enabled:
        raise invalid_parameter(
            "AllowedOAuthFlowsUserPoolClient must be true to set AllowedOAuthFlows or "
            "AllowedOAuthScopes."
        )
    if enabled and not (flows and scopes):
        raise invalid_parameter(
            "AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is "
            "allowed to use OAuth flows."
        )
    if "client_credentials" in flows:
        if len(set(flows)) > 1:
            # AWS: client_credentials can't be combined with code or implicit.
            raise ApiError(
                "InvalidOAuthFlowException",
                "client_credentials flow can not be selected along with code flow or "
                "implicit flow.",
            )
        if not has_secret:
            raise ApiError(
                "InvalidOAuthFlowException",
                "client_credentials flow can not be selected if client does not have a "
                "client secret.",
            )
        for scope in scopes:
            if scope in _STANDARD_SCOPES:
                raise ApiError(
                    "InvalidOAuthFlowException",
                    f"{scope} is not supported with client_credentials flow",
                )
    for scope in scopes:
        if scope in _STANDARD_SCOPES:
            continue
        identifier, _, name = scope.rpartition("/")
        server = pool.resource_servers.get(identifier)
        if server is None or name not in {s["ScopeName"] for s in server.scopes or []}:
            # AWS: custom scopes must exist (create resource servers first).
            raise ApiError("ScopeDoesNotExistException", f"Invalid scope requested: {scope}")
    for uri in callbacks:
        _check_redirect_uri(uri)
    default_uri = config.get("DefaultRedirectURI")
    if default_uri is not None:
        _check_redirect_uri(default_uri)
        if default_uri not in callbacks:
            # AWS [M]: the default redirect URI "Must be in the CallbackURLs list."
            raise invalid_parameter("DefaultRedirectURI must be one of the CallbackURLs.")


def _check_providers(pool: CognitoIdpUserPool, config: dict[str, Any]) -> None:
    for provider in config.get("SupportedIdentityProviders") or []:
        # AWS: providers other than COGNITO must exist in the pool (create IdPs first).
        if provider != "COGNITO" and provider not in pool.identity_providers:
            raise invalid_parameter(
                f"The provider {provider} does not exist for User Pool {pool.id}"
            )


def _check_attributes(call: Call, pool: CognitoIdpUserPool, config: dict[str, Any],
                      verb: str) -> None:
    known = schema.attribute_names(call.record(pool).schema)
    for key, kind in (("ReadAttributes", "read"), ("WriteAttributes", "write")):
        names = set(config.get(key) or [])
        bad = names - known
        if key == "WriteAttributes":
            bad |= names & {"sub"}  # AWS: sub is never writable
        if bad:
            # AWS: "Invalid read attributes specified while creating a client".
            raise invalid_parameter(f"Invalid {kind} attributes specified while {verb} a client")


def _check_client(call: Call, pool: CognitoIdpUserPool, config: dict[str, Any],
                  has_secret: bool, verb: str) -> None:
    _check_token_validity(config)
    _check_auth_flows(config)
    _check_providers(pool, config)
    _check_oauth(call, pool, config, has_secret)
    _check_attributes(call, pool, config, verb)


def describe(client: CognitoIdpUserPoolClient, record: ClientRecord,
             secret: dict[str, Any]) -> dict[str, Any]:
    """UserPoolClientType as AWS's DescribeUserPoolClient answers it; ``secret`` is
    ClientSecret (in clear text, only for clients with one) or ClientSecretArn
    (client_secrets.describe_fields)."""
    described: dict[str, Any] = {
        "UserPoolId": client.user_pool_id,
        "ClientName": record.config.get("ClientName"),
        "ClientId": client.id,
        **secret,
        # doc UserPoolClientType.ClientType: REGULAR is a client "created with
        # CreateUserPoolClient" (the sandbox has no dynamic client registration).
        "ClientType": "REGULAR",
    }
    described["LastModifiedDate"] = record.modified
    described["CreationDate"] = record.created
    shown = defaults.client_describe_fields(record.config)
    shown.pop("ClientName", None)
    described.update(shown)
    return described


def _moto_config(config: dict[str, Any]) -> dict[str, Any]:
    # moto's client reads ClientName and ReadAttributes (for ID token claims).
    return copy.deepcopy(config)


@handles("CreateUserPoolClient")
def create_user_pool_client(call: Call) -> dict[str, Any]:
    pool = call.pool()
    custom_secret = call.body.get("ClientSecret")
    if custom_secret is not None and call.body.get("GenerateSecret"):
        # AWS [M]: a custom ClientSecret can't be combined with GenerateSecret.
        raise invalid_parameter("ClientSecret can't be set when GenerateSecret is true.")
    has_secret = bool(call.body.get("GenerateSecret")) or custom_secret is not None
    # Not a stored setting: where the secret is kept (client_secrets.py).
    config = defaults.client_config(_without_publish(call.body))
    _check_client(call, pool, config, has_secret, "creating")
    client = call.backend.create_user_pool_client(pool.id, has_secret, _moto_config(config))
    if custom_secret is not None:
        client.secret = custom_secret
    now = call.now()
    record = ClientRecord(config=config, created=now, modified=now)
    call.record(pool).clients[client.id] = record
    if call.body.get("GenerateSecret"):
        # doc: publishing "Applies only when GenerateSecret is true".
        client_secrets.publish(call, pool, client, call.body.get(client_secrets.PUBLISH))
    return {"UserPoolClient": _described(call, pool, client, record)}


def _without_publish(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != client_secrets.PUBLISH}


def _described(call: Call, pool: CognitoIdpUserPool, client: CognitoIdpUserPoolClient,
               record: ClientRecord) -> dict[str, Any]:
    return describe(client, record, client_secrets.describe_fields(call, pool, client))


@handles("DescribeUserPoolClient")
def describe_user_pool_client(call: Call) -> dict[str, Any]:
    pool = call.pool()
    client, record = call.client(pool)
    return {"UserPoolClient": _described(call, pool, client, record)}


@handles("UpdateUserPoolClient")
def update_user_pool_client(call: Call) -> dict[str, Any]:
    pool = call.pool()
    client, record = call.client(pool)
    # AWS [M]: "If you don't provide a value for an attribute, Amazon Cognito
    # sets it to its default value." The secret (or its absence) stays.
    config = defaults.client_config(_without_publish(call.body))
    # ASSUMED: a client can't be nameless, so an update without ClientName keeps it.
    config.setdefault("ClientName", record.config.get("ClientName"))
    _check_client(call, pool, config, client.generate_secret, "updating")
    record.config = config
    record.modified = call.now()
    client.extended_config = _moto_config(config)
    # Omitted, Cognito "doesn't change how it manages the existing secret" (doc).
    client_secrets.publish(call, pool, client, call.body.get(client_secrets.PUBLISH))
    return {"UserPoolClient": _described(call, pool, client, record)}


@handles("DeleteUserPoolClient")
def delete_user_pool_client(call: Call) -> dict[str, Any]:
    pool = call.pool()
    client, _ = call.client(pool)
    del pool.clients[client.id]
    record = call.record(pool)
    record.clients.pop(client.id, None)
    branding.forget_client(record, client.id)
    risk.forget_client(record, client.id)
    client_secrets.forget_client(record, client.id)
    sessions.forget_client(record, client.id)
    terms.forget_client(record, client.id)
    return {}


@handles("ListUserPoolClients")
def list_user_pool_clients(call: Call) -> dict[str, Any]:
    pool = call.pool()
    selected, next_token = page(list(pool.clients.values()), call.body, "MaxResults")
    # AWS: UserPoolClientDescription is id, pool id and name only (moto also leaks secrets).
    answer: dict[str, Any] = {
        "UserPoolClients": [
            {
                "ClientId": client.id,
                "UserPoolId": pool.id,
                "ClientName": call.client(pool, client.id)[1].config.get("ClientName"),
            }
            for client in selected
        ]
    }
    if next_token:
        answer["NextToken"] = next_token
    return answer
