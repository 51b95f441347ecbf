"""Resource servers: UpdateResourceServer and DeleteResourceServer (moto lacks them).

AWS [M]: UpdateResourceServer "If you don't provide a value for an attribute,
it is set to the default value": Name is required and Scopes not sent means
no scopes. ResourceServerType always shows its Scopes list.
"""

from __future__ import annotations

import copy
from typing import Any

from moto.cognitoidp.models import CognitoIdpUserPool, CognitoResourceServer

from .calls import Call, handles
from .errors import invalid_parameter, not_found
from .paging import page


def _shape(server: CognitoResourceServer) -> dict[str, Any]:
    return {
        "UserPoolId": server.user_pool_id,
        "Identifier": server.identifier,
        "Name": server.name,
        "Scopes": copy.deepcopy(server.scopes or []),
    }


def _check_scopes(scopes: list[dict[str, str]]) -> None:
    names = [scope["ScopeName"] for scope in scopes]
    if len(names) != len(set(names)):
        raise invalid_parameter("Scope names must be unique within a resource server.")


def _server(call: Call, pool: CognitoIdpUserPool) -> CognitoResourceServer:
    identifier = call.body["Identifier"]
    server = pool.resource_servers.get(identifier)
    if server is None:
        raise not_found(f"Resource server {identifier} does not exist.")
    return server


@handles("CreateResourceServer")
def create_resource_server(call: Call) -> dict[str, Any]:
    pool = call.pool()
    scopes = call.body.get("Scopes") or []
    _check_scopes(scopes)
    server = call.backend.create_resource_server(
        pool.id, call.body["Identifier"], call.body["Name"], copy.deepcopy(scopes)
    )
    return {"ResourceServer": _shape(server)}


@handles("DescribeResourceServer")
def describe_resource_server(call: Call) -> dict[str, Any]:
    return {"ResourceServer": _shape(_server(call, call.pool()))}


@handles("ListResourceServers")
def list_resource_servers(call: Call) -> dict[str, Any]:
    pool = call.pool()
    selected, next_token = page(list(pool.resource_servers.values()), call.body, "MaxResults",
                                default_limit=50)
    answer: dict[str, Any] = {"ResourceServers": [_shape(server) for server in selected]}
    if next_token:
        answer["NextToken"] = next_token
    return answer


@handles("UpdateResourceServer")
def update_resource_server(call: Call) -> dict[str, Any]:
    server = _server(call, call.pool())
    scopes = call.body.get("Scopes") or []
    _check_scopes(scopes)
    server.name = call.body["Name"]
    server.scopes = copy.deepcopy(scopes)
    return {"ResourceServer": _shape(server)}


@handles("DeleteResourceServer")
def delete_resource_server(call: Call) -> dict[str, Any]:
    pool = call.pool()
    server = _server(call, pool)
    del pool.resource_servers[server.identifier]
    return {}
