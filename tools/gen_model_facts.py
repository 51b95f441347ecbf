"""Generate reconciler/data/model_facts.json from the cognito-idp model the package ships.

The pure core (plan, apply) needs a few facts about the API: which members each
create/update/describe operation has. They are generated, never hand-copied, so
a newer shipped model shows up as a stale-file test failure.

    python tools/gen_model_facts.py          # write
    python tools/gen_model_facts.py --check  # exit 1 if stale
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reconciler.aws.service_model import SHIPPED_BOTOCORE, service_model  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "reconciler" / "data" / "model_facts.json"

KINDS: dict[str, dict[str, str]] = {
    "user_pool": {"create": "CreateUserPool", "update": "UpdateUserPool",
                  "describe_shape": "UserPoolType"},
    "client": {"create": "CreateUserPoolClient", "update": "UpdateUserPoolClient",
               "describe_shape": "UserPoolClientType"},
    "mfa": {"update": "SetUserPoolMfaConfig", "describe_output": "GetUserPoolMfaConfig"},
    "group": {"create": "CreateGroup", "update": "UpdateGroup", "describe_shape": "GroupType"},
    "resource_server": {"create": "CreateResourceServer", "update": "UpdateResourceServer",
                        "describe_shape": "ResourceServerType"},
    "identity_provider": {"create": "CreateIdentityProvider", "update": "UpdateIdentityProvider",
                          "describe_shape": "IdentityProviderType"},
    "domain": {"create": "CreateUserPoolDomain", "update": "UpdateUserPoolDomain",
               "describe_shape": "DomainDescriptionType"},
    "ui_customization": {"update": "SetUICustomization", "describe_shape": "UICustomizationType"},
    "risk_configuration": {"update": "SetRiskConfiguration",
                           "describe_shape": "RiskConfigurationType"},
    "log_delivery_configuration": {"update": "SetLogDeliveryConfiguration",
                                   "describe_shape": "LogDeliveryConfigurationType"},
    "session_configuration": {"update": "SetUserPoolSessionConfiguration",
                              "describe_output": "GetUserPoolSessionConfiguration"},
    "client_session_configuration": {"update": "SetUserPoolClientSessionConfiguration",
                                     "describe_output": "GetUserPoolClientSessionConfiguration"},
    "managed_login_branding": {"create": "CreateManagedLoginBranding",
                               "update": "UpdateManagedLoginBranding",
                               "describe_shape": "ManagedLoginBrandingType"},
    "terms": {"create": "CreateTerms", "update": "UpdateTerms", "describe_shape": "TermsType"},
    "cimd_policy": {"create": "CreateCIMDPolicy", "update": "UpdateCIMDPolicy",
                    "describe_shape": "CIMDPolicyType"},
    "replica": {"create": "CreateUserPoolReplica", "update": "UpdateUserPoolReplica",
                "describe_shape": "UserPoolReplicaType"},
}


def build() -> dict[str, Any]:
    model = service_model()

    def members(op: str, side: str = "input") -> list[str]:
        operation = model.operation_model(op)
        shape = operation.input_shape if side == "input" else operation.output_shape
        return sorted(shape.members)

    kinds: dict[str, Any] = {}
    for kind, spec in KINDS.items():
        facts: dict[str, Any] = {}
        if "create" in spec:
            facts["create_operation"] = spec["create"]
            facts["create_members"] = members(spec["create"])
        facts["update_operation"] = spec["update"]
        facts["update_members"] = members(spec["update"])
        if "describe_shape" in spec:
            facts["describe_members"] = sorted(model.shape_for(spec["describe_shape"]).members)
        else:
            facts["describe_members"] = members(spec["describe_output"], "output")
        kinds[kind] = facts
    # The botocore release the shipped model comes from (not the installed one).
    return {"botocore_version": SHIPPED_BOTOCORE, "kinds": kinds}


def render() -> str:
    return json.dumps(build(), indent=2, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not OUT.exists() or OUT.read_text() != text:
            print(f"{OUT} is stale: run python tools/gen_model_facts.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
