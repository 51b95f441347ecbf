"""Updates: complete bodies, nothing unmanaged lost, drift reverted, one write per change."""

from __future__ import annotations

from reconciler import pool_features

from .cli import clear_requests, client_update_body, run, sandbox_requests, write_spec, writes

POOL = """\
version: 1
user_pools:
  - pool_name: app-users
    policies:
      password_policy:
        minimum_length: {length}
    auto_verified_attributes: [email]
    user_pool_tags: {{team: identity}}
    clients:
      - client_name: web
        explicit_auth_flows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
        access_token_validity: {access}
        token_validity_units: {{access_token: minutes}}
"""


def spec(tmp_path, length=10, access=60):
    return write_spec(tmp_path, POOL.format(length=length, access=access))


def pool_and_client(cognito):
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    pool_id = summary["Id"]
    [client] = cognito.list_user_pool_clients(UserPoolId=pool_id)["UserPoolClients"]
    return pool_id, client["ClientId"]


def pool_update_body(cognito, pool_id, **changes):
    """What a careful console user would send: the full live config plus changes."""
    pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    skip = {"Id", "Name", "Arn", "CreationDate", "LastModifiedDate", "Status", "SchemaAttributes",
            "EstimatedNumberOfUsers", "Domain", "CustomDomain", "AliasAttributes",
            "UsernameAttributes", "UsernameConfiguration", "SmsConfigurationFailure",
            "EmailConfigurationFailure"}
    body = {k: v for k, v in pool.items() if k not in skip}
    # AWS refuses the legacy UnusedAccountValidityDays that describe still shows.
    body["AdminCreateUserConfig"].pop("UnusedAccountValidityDays", None)
    body.update(changes)
    return body


def test_update_keeps_settings_the_spec_does_not_manage(sandbox_url, cognito, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", spec(tmp_path)).code == 0
    pool_id, client_id = pool_and_client(cognito)
    # Out of band: settings the spec never mentions.
    cognito.update_user_pool(UserPoolId=pool_id, **pool_update_body(
        cognito, pool_id, SmsAuthenticationMessage="Your code: {####}",
        DeviceConfiguration={"ChallengeRequiredOnNewDevice": True}))
    client = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    body = client_update_body(client["UserPoolClient"])
    body["CallbackURLs"] = ["https://app.example.com/callback"]
    body["LogoutURLs"] = ["https://app.example.com/bye"]
    cognito.update_user_pool_client(**body)

    result = run(sandbox_url, "apply", "--auto-approve", spec(tmp_path, length=12, access=30))
    assert result.code == 0, result.text

    pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 12
    assert pool["SmsAuthenticationMessage"] == "Your code: {####}"
    assert pool["DeviceConfiguration"]["ChallengeRequiredOnNewDevice"] is True
    assert pool["AutoVerifiedAttributes"] == ["email"]
    assert pool["UserPoolTags"] == {"team": "identity"}
    client = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    assert client["UserPoolClient"]["AccessTokenValidity"] == 30
    assert client["UserPoolClient"]["CallbackURLs"] == ["https://app.example.com/callback"]
    assert client["UserPoolClient"]["LogoutURLs"] == ["https://app.example.com/bye"]


def test_every_update_request_carries_the_complete_updatable_set(sandbox_url, cognito,
                                                                 tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", spec(tmp_path)).code == 0
    pool_id, client_id = pool_and_client(cognito)
    live_pool = pool_update_body(cognito, pool_id)
    live_client = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    clear_requests(sandbox_url)

    assert run(sandbox_url, "apply", "--auto-approve",
               spec(tmp_path, length=14, access=45)).code == 0
    sent = {r["operation"]: r["body"] for r in sandbox_requests(sandbox_url)}
    pool_body = sent["UpdateUserPool"]
    for member, value in live_pool.items():
        if member in pool_features.MEMBERS:
            # Carried in their fewest words (only custom ACR levels, DCR members at
            # their documented defaults left out; a member all at its defaults left out,
            # which an update resets to those defaults): the same meaning.
            sent_form = {member: pool_body[member]} if member in pool_body else {}
            assert (pool_features.effective(sent_form, True)[member]
                    == pool_features.effective({member: value}, True)[member]), member
            continue
        assert member in pool_body, f"UpdateUserPool omitted {member}: Cognito would reset it"
        if member != "Policies":
            assert pool_body[member] == value, member
    client_body = sent["UpdateUserPoolClient"]
    for member in client_update_body(live_client["UserPoolClient"]):
        assert member in client_body, f"UpdateUserPoolClient omitted {member}"


def test_one_field_change_makes_one_write(sandbox_url, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", spec(tmp_path)).code == 0
    clear_requests(sandbox_url)
    assert run(sandbox_url, "apply", "--auto-approve", spec(tmp_path, length=11)).code == 0
    assert writes(sandbox_url) == ["UpdateUserPool"]


def test_drift_shows_in_the_plan_and_apply_reverts_it(sandbox_url, cognito, tmp_path):
    path = spec(tmp_path)
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    pool_id, _ = pool_and_client(cognito)
    body = pool_update_body(cognito, pool_id)
    body["Policies"]["PasswordPolicy"]["MinimumLength"] = 6
    body["UserPoolTags"] = {"team": "identity", "added": "by-hand"}
    cognito.update_user_pool(UserPoolId=pool_id, **body)

    drift = run(sandbox_url, "plan", "--detailed-exitcode", path)
    assert drift.code == 2, drift.text
    # Nested blocks, not dotted paths (issue 13).
    assert ("~ policies {\n          ~ password_policy {\n              "
            "~ minimum_length: 6 -> 10\n") in drift.out
    assert "~ user_pool_tags {\n          - added = \"by-hand\"\n" in drift.out

    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 10
    assert pool["UserPoolTags"] == {"team": "identity"}
    assert run(sandbox_url, "plan", "--detailed-exitcode", path).code == 0


def test_new_custom_attribute_is_added_in_place_keeping_users(sandbox_url, cognito, tmp_path):
    path = spec(tmp_path)
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    pool_id, _ = pool_and_client(cognito)
    cognito.admin_create_user(UserPoolId=pool_id, Username="alice")
    text = POOL.format(length=10, access=60).replace(
        "    auto_verified_attributes", "    schema:\n      - {name: plan, attribute_data_type: "
        "String, mutable: true}\n    auto_verified_attributes")
    path = write_spec(tmp_path, text)
    planned = run(sandbox_url, "plan", path)
    assert "~ user_pool \"app-users\"" in planned.out, planned.text
    assert "AddCustomAttributes" in planned.out
    assert run(sandbox_url, "apply", "--auto-approve", path).code == 0
    pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert "custom:plan" in {a["Name"] for a in pool["SchemaAttributes"]}
    assert [u["Username"] for u in cognito.list_users(UserPoolId=pool_id)["Users"]] == ["alice"]


def test_client_absent_from_spec_is_deleted(sandbox_url, cognito, tmp_path):
    assert run(sandbox_url, "apply", "--auto-approve", spec(tmp_path)).code == 0
    pool_id, _ = pool_and_client(cognito)
    cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="stray")
    planned = run(sandbox_url, "plan", spec(tmp_path))
    assert "- client \"stray\"" in planned.out
    assert run(sandbox_url, "apply", "--auto-approve", spec(tmp_path)).code == 0
    names = [c["ClientName"] for c in
             cognito.list_user_pool_clients(UserPoolId=pool_id)["UserPoolClients"]]
    assert names == ["web"]
