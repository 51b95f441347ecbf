"""The snapshot format's one masking function and its comparison (tests/aws/snapshots.py)."""

from __future__ import annotations

import json

from aws.snapshots import check_format, differences, mask, token, write_new

RUN = "crtest-0412ab9f-3-"
REPL = {RUN: "crtest-run-", "eu-west-1": "<region>"}


def test_ids_dates_secrets_accounts_and_run_names_are_masked():
    answer = {"UserPoolClient": {
        "UserPoolId": "eu-west-1_zeN7E8U11", "ClientId": "38fjsnc484p94kpqsnet7mpld0",
        "ClientSecret": "s3cr3t-value", "ClientName": RUN + "app",
        "CreationDate": 1548108676.163, "LastModifiedDate": 1548108676,
        "ClientSecretArn": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:x",
        "AnalyticsConfiguration": {"RoleArn": "arn:aws:iam::123456789012:role/r"},
        "RefreshTokenValidity": 30}}
    masked = mask(answer, REPL)["UserPoolClient"]
    assert masked == {
        "UserPoolId": token("pool-id"), "ClientId": token("client-id"),
        "ClientSecret": token("secret"), "ClientName": "crtest-run-app",
        "CreationDate": token("date"), "LastModifiedDate": token("date"),
        "ClientSecretArn": token("arn"),
        "AnalyticsConfiguration": {"RoleArn": f"arn:aws:iam::{token('account')}:role/r"},
        "RefreshTokenValidity": 30}
    text = json.dumps(masked)
    for leaked in ("zeN7E8U11", "38fjsnc", "s3cr3t", "123456789012", RUN, "eu-west-1"):
        assert leaked not in text


def test_ids_inside_text_and_arns_are_masked_and_other_values_kept():
    pool = {"Arn": "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_abcDEF123",
            "Name": "plain", "MfaConfiguration": "OFF", "EstimatedNumberOfUsers": 0,
            "message": "No such domain x in user pool eu-west-1_abcDEF123.",
            "error": "No managed login branding exists for client 6p3bs000no6a4ue1idruvd05ad.",
            "ManagedLoginBrandingId": "0f5a3c2e-1b2c-4d5e-8f90-123456789abc"}
    masked = mask(pool, REPL)
    assert masked["Arn"] == (f"arn:aws:cognito-idp:<region>:{token('account')}:userpool/"
                             f"{token('pool-id')}")
    assert masked["message"] == f"No such domain x in user pool {token('pool-id')}."
    assert masked["error"] == f"No managed login branding exists for client {token('client-id')}."
    assert masked["ManagedLoginBrandingId"] == token("uuid")
    assert (masked["Name"], masked["MfaConfiguration"], masked["EstimatedNumberOfUsers"]) == \
        ("plain", "OFF", 0)


def test_listed_client_secrets_are_masked():
    listed = {"ClientSecrets": [{"ClientSecretId": "x-1", "ClientSecretValue": "v4lue",
                                 "ClientSecretCreateDate": 1.5}]}
    assert mask(listed) == {"ClientSecrets": [{
        "ClientSecretId": token("secret-id"), "ClientSecretValue": token("secret"),
        "ClientSecretCreateDate": token("date")}]}


def test_a_date_is_masked_only_when_it_is_a_number():
    # A masked date still says its type: a string where AWS sends a number stays visible.
    assert mask({"CreationDate": "yesterday"}) == {"CreationDate": "yesterday"}
    assert mask({"CreationDate": 1}) == {"CreationDate": token("date")}


def test_differences_name_each_missing_extra_retyped_and_changed_field():
    snapshot = {"A": 1, "B": "x", "C": [1, 2], "D": {"E": True}}
    sandbox = {"A": "1", "C": [2, 1], "D": {"E": False}, "F": None}
    found = differences(snapshot, sandbox)
    assert set(found) == {"A", "B", "D.E", "F"}
    assert found["A"].startswith("type: snapshot number")
    assert found["B"] == "missing in the sandbox's answer"
    assert differences(snapshot, snapshot) == {}


def test_named_list_items_are_paired_by_name():
    mine = {"S": [{"Name": "email", "Required": True}, {"Name": "sub", "Mutable": False}]}
    theirs = {"S": [{"Name": "sub", "Mutable": False}, {"Name": "email", "Required": False}]}
    assert set(differences(mine, theirs)) == {"S[Name].email.Required"}


def test_unnamed_list_items_compare_as_a_multiset():
    assert differences({"L": ["a", "b"]}, {"L": ["b", "a"]}) == {}
    assert set(differences({"L": ["a", "b"]}, {"L": ["a", "c"]})) == {"L[]"}


def _snapshot(**extra):
    data = {"operation": "GetGroup", "case": "c", "setup": [], "request": {},
            "response": {"Group": {}},
            "provenance": {"kind": "recorded", "date": "2026-11-30", "region": "eu-west-1",
                           "botocore": "1.44.8", "endpoint": "AWS"}}
    data.update(extra)
    return data


def test_a_recorded_snapshot_is_never_silently_overwritten(tmp_path):
    first = write_new(tmp_path, _snapshot())
    assert first.name == "c.json"
    # The same answer on another day: nothing new to look at.
    again = _snapshot()
    again["provenance"] = {**again["provenance"], "date": "2026-12-01"}
    assert write_new(tmp_path, again) == first
    changed = write_new(tmp_path, _snapshot(response={"Group": {"Description": "new"}}))
    assert changed.name == "c.new.json"
    assert json.loads(first.read_text())["response"] == {"Group": {}}


def test_the_format_check_names_what_is_missing():
    assert check_format(_snapshot()) == []
    documented = _snapshot(provenance={"kind": "documented"})
    assert check_format(documented) == ["a documented snapshot names its source"]
    both = _snapshot(error={"code": "X", "message": "y"})
    assert "needs exactly one of 'response' and 'error'" in check_format(both)
    assert "every known difference gives its reason" in check_format(
        _snapshot(known_differences={"A": " "}))
