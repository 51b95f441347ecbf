"""`outputs` gives what an app needs (issue 13, trap 8): per pool the region, id,
ARN, issuer and JWKS URLs, domain and hosted sign-in URL, client ids.

URL shapes, from the AWS docs: the issuer is
https://cognito-idp.{region}.amazonaws.com/{userPoolId} (API reference,
IssuerConfigurationType ORIGINAL; API Gateway JwtConfiguration.issuer), or
https://issuer-cognito-idp.{region}.amazonaws.com/{userPoolId} for an UPDATED
issuer; the JWKS is {issuer}/.well-known/jwks.json (developer guide, verifying a
JWT); a prefix domain is {prefix}.auth.{region}.amazoncognito.com (API reference,
CreateUserPoolDomain) and the sign-in page is https://{domain}/login?...
(developer guide, "Using the Amazon Cognito domain").
"""

from __future__ import annotations

import json

from reconciler.commands.outputs_cmd import PoolOutputs, env_lines, issuer_url

from .cli import run, write_spec

SPEC = """\
version: 1
user_pools:
  - pool_name: app-users
    domain:
      domain: app-users-login
    clients:
      - client_name: web
        generate_secret: true
"""


def test_json_has_arn_issuer_jwks_and_sign_in_url(sandbox_url, cognito, tmp_path):
    spec = write_spec(tmp_path, SPEC)
    assert run(sandbox_url, "apply", "--auto-approve", spec).code == 0
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    pool_id = summary["Id"]
    arn = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Arn"]
    [client] = cognito.list_user_pool_clients(UserPoolId=pool_id)["UserPoolClients"]
    secret = cognito.describe_user_pool_client(
        UserPoolId=pool_id, ClientId=client["ClientId"])["UserPoolClient"]["ClientSecret"]
    result = run(sandbox_url, "outputs", spec)
    assert result.code == 0, result.text
    issuer = f"https://cognito-idp.us-east-1.amazonaws.com/{pool_id}"
    assert json.loads(result.out) == {"pools": {"app-users": {
        "region": "us-east-1",
        "user_pool_id": pool_id,
        "user_pool_arn": arn,
        "issuer_url": issuer,
        "jwks_url": f"{issuer}/.well-known/jwks.json",
        "domain": "app-users-login.auth.us-east-1.amazoncognito.com",
        "sign_in_url": "https://app-users-login.auth.us-east-1.amazoncognito.com",
        "clients": {"web": client["ClientId"]},
    }}}
    env = run(sandbox_url, "outputs", "--format", "env", spec)
    assert env.code == 0, env.text
    lines = env.out.splitlines()
    assert f"APP_USERS_USER_POOL_ARN={arn}" in lines
    assert f"APP_USERS_ISSUER_URL={issuer}" in lines
    assert f"APP_USERS_JWKS_URL={issuer}/.well-known/jwks.json" in lines
    assert ("APP_USERS_SIGN_IN_URL=https://app-users-login.auth.us-east-1.amazoncognito.com"
            in lines)
    assert secret not in result.text + env.text


def test_a_pool_without_a_domain_has_no_sign_in_url(sandbox_url, tmp_path):
    spec = write_spec(tmp_path, "version: 1\nuser_pools:\n  - pool_name: bare\n")
    assert run(sandbox_url, "apply", "--auto-approve", spec).code == 0
    pool = json.loads(run(sandbox_url, "outputs", spec).out)["pools"]["bare"]
    assert "sign_in_url" not in pool and "domain" not in pool
    assert pool["jwks_url"] == pool["issuer_url"] + "/.well-known/jwks.json"


def test_an_updated_issuer_has_the_issuer_host():
    assert issuer_url({"Id": "eu-west-1_abc", "IssuerConfiguration": {"Type": "UPDATED"}},
                      "eu-west-1") == "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc"
    assert issuer_url({"Id": "eu-west-1_abc"}, "eu-west-1") == (
        "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc")


def test_a_custom_domain_is_its_own_sign_in_host():
    pool = PoolOutputs(name="p", region="eu-west-1", user_pool_id="eu-west-1_abc",
                       user_pool_arn="arn", issuer_url="https://i", domain="auth.example.com")
    assert "P_SIGN_IN_URL=https://auth.example.com" in env_lines([pool])
