"""Groups answered with AWS's shape, and UpdateGroup as a full replacement.

moto's UpdateGroup keeps every omitted field; AWS's older docs say omitted
attributes are "set to the default value" (COGNITO.md), so Description,
RoleArn and Precedence not sent are cleared. moto also returns nulls and an
empty Description where AWS leaves the keys out.
"""

from __future__ import annotations

from typing import Any

from moto.cognitoidp.models import CognitoIdpGroup

from .calls import Call, handles
from .paging import page


def _shape(group: CognitoIdpGroup) -> dict[str, Any]:
    shaped: dict[str, Any] = {"GroupName": group.group_name, "UserPoolId": group.user_pool_id}
    if group.description:
        shaped["Description"] = group.description
    if group.role_arn:
        shaped["RoleArn"] = group.role_arn
    if group.precedence is not None:
        shaped["Precedence"] = group.precedence
    shaped["LastModifiedDate"] = group.last_modified_date
    shaped["CreationDate"] = group.creation_date
    return shaped


@handles("CreateGroup")
def create_group(call: Call) -> dict[str, Any]:
    pool = call.pool()
    # moto annotates these as str/int but stores None for "not set", as AWS means.
    role_arn: Any = call.body.get("RoleArn")
    precedence: Any = call.body.get("Precedence")
    group = call.backend.create_group(
        pool.id, call.body["GroupName"], call.body.get("Description") or "", role_arn, precedence
    )
    return {"Group": _shape(group)}


@handles("GetGroup")
def get_group(call: Call) -> dict[str, Any]:
    return {"Group": _shape(call.backend.get_group(call.pool().id, call.body["GroupName"]))}


@handles("ListGroups")
def list_groups(call: Call) -> dict[str, Any]:
    pool = call.pool()
    selected, next_token = page(list(pool.groups.values()), call.body, "Limit")
    answer: dict[str, Any] = {"Groups": [_shape(group) for group in selected]}
    if next_token:
        answer["NextToken"] = next_token
    return answer


@handles("UpdateGroup")
def update_group(call: Call) -> dict[str, Any]:
    group = call.backend.get_group(call.pool().id, call.body["GroupName"])
    group.description = call.body.get("Description") or ""
    role_arn: Any = call.body.get("RoleArn")
    precedence: Any = call.body.get("Precedence")
    group.role_arn = role_arn
    group.precedence = precedence
    group.last_modified_date = call.now()
    return {"Group": _shape(group)}
