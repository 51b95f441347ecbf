"""The e2e specs, renamed into a test's throwaway prefix and cut to what AWS can take
without outside resources."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
WORKSHOP = REPO.parent / "shared" / "examples" / "workshop.yaml"
if not WORKSHOP.exists():  # outside this checkout's layout: the copy in specs/
    WORKSHOP = REPO / "specs" / "workshop.yaml"
KITCHEN_SINK = REPO / "specs" / "kitchen-sink.yaml"

# What specs/kitchen-sink.yaml sets that needs resources outside Cognito (or money):
# left out against AWS, each with the reason. Paths are pool keys; "clients[]." and
# "groups[]." apply to every item.
OUTSIDE: dict[str, str] = {
    "lambda_config": "needs Lambda functions (and a KMS key for the custom senders) "
                     "that Cognito may invoke",
    "email_configuration": "DEVELOPER sending needs a verified SES identity",
    "email_mfa_configuration": "email MFA needs DEVELOPER sending (SES)",
    "sms_configuration": "needs an IAM role Cognito may assume for SNS; SMS costs money",
    "sms_mfa_configuration": "needs the SNS role above; SMS costs money",
    "web_authn_configuration": "the relying party must be a domain the pool serves "
                               "(auth.example.com is not)",
    "log_delivery_configuration": "needs a CloudWatch Logs group and a Firehose stream",
    "risk_configuration.account_takeover_risk_configuration.notify_configuration":
        "notification emails need a verified SES identity",
    "groups[].role_arn": "needs an IAM role",
    "clients[].analytics_configuration": "needs a Pinpoint project and an IAM role",
    "replicas": "replicas live in other regions (cost, and a sweeper that works in one "
                "region would not see them)",
    "key_configuration": "a customer managed key must be a real multi-Region KMS key "
                         "Cognito may use (without it, the pool keeps the AWS-owned key)",
    "domain.custom_domain_config": "a custom domain needs an ACM certificate and DNS; "
                                   "a prefix domain in the test's name stands in",
    "domain.routing": "failover routing needs a custom domain, a replica and a Route 53 "
                      "health check",
}


def _drop(document: Any, path: list[str]) -> None:
    head, rest = path[0], path[1:]
    if head.endswith("[]"):
        for item in document.get(head[:-2], []):
            _drop(item, rest)
        return
    if not rest:
        document.pop(head, None)
    elif isinstance(document.get(head), dict):
        _drop(document[head], rest)


def kitchen_sink(prefix: str) -> dict[str, Any]:
    """specs/kitchen-sink.yaml minus OUTSIDE, in the test's names.

    Kept although it costs a little attention: the PLUS tier (threat protection and
    risk configuration need it; billed per monthly active user, and these pools have
    none)."""
    spec = yaml.safe_load(KITCHEN_SINK.read_text())
    [pool] = spec["user_pools"]
    for dotted in OUTSIDE:
        _drop(pool, dotted.split("."))
    pool["pool_name"] = prefix + pool["pool_name"]
    pool["domain"]["domain"] = prefix + "ks"
    # EMAIL_OTP as a first factor needs SES like email MFA.
    pool["policies"]["sign_in_policy"]["allowed_first_auth_factors"] = ["PASSWORD"]
    for provider in pool.get("identity_providers", []):
        if provider["provider_type"] == "OIDC":
            # Given every endpoint, Cognito has no discovery document to fetch.
            provider["provider_details"].update({
                "authorize_url": "https://login.example.com/authorize",
                "token_url": "https://login.example.com/token",
                "attributes_url": "https://login.example.com/userinfo",
                "jwks_uri": "https://login.example.com/.well-known/jwks.json"})
    return spec


def workshop(prefix: str) -> dict[str, Any]:
    spec = yaml.safe_load(WORKSHOP.read_text())
    for pool in spec["user_pools"]:
        pool["pool_name"] = prefix + pool["pool_name"]
    return spec


def small(prefix: str, client: dict[str, Any] | None = None) -> dict[str, Any]:
    """One pool and one client: for replace, drift and export round trips."""
    app = {"client_name": "app", "generate_secret": False, "access_token_validity": 60,
           "token_validity_units": {"access_token": "minutes"},
           "explicit_auth_flows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}
    app.update(client or {})
    return {"version": 1, "user_pools": [{
        "pool_name": prefix + "small", "deletion_protection": "INACTIVE",
        "username_attributes": ["email"], "auto_verified_attributes": ["email"],
        "clients": [app]}]}


def write(directory: Path, spec: dict[str, Any], name: str = "spec.yaml") -> str:
    path = directory / name
    path.write_text(yaml.safe_dump(copy.deepcopy(spec), sort_keys=False))
    return str(path)
