"""A client's secret in Secrets Manager: what Cognito can't do, found offline.

PublishSecretsInAWSSecretsManager "Applies only when GenerateSecret is true" at create,
and "only to app clients that already have a generated secret" at update (doc:
Create/UpdateUserPoolClientRequest.PublishSecretsInAWSSecretsManager). So true needs
generate_secret: true in the spec (a client's secret can't be added later: a
generate_secret change is a replace), and a custom client_secret, which is no
generated secret, can't be published.
"""

from __future__ import annotations

from typing import Any

from reconciler.errors import Diagnostic
from reconciler.spec.findings import Locate
from reconciler.spec.findings import error as _error
from reconciler.spec.yaml_source import SpecPath

PUBLISH = "publish_secrets_in_aws_secrets_manager"


def check_client(client: dict[str, Any], path: SpecPath, locate: Locate) -> list[Diagnostic]:
    if client.get(PUBLISH) is not True:
        return []
    if "client_secret" in client:
        return [_error(locate, (*path, PUBLISH),
                       f"{PUBLISH}: true keeps a generated secret in Secrets Manager; a "
                       "custom client_secret can't be published: remove one of them")]
    if client.get("generate_secret") is not True:
        return [_error(locate, (*path, PUBLISH),
                       f"{PUBLISH}: true needs a client secret: set generate_secret: true "
                       "(Cognito publishes only a secret it generated)")]
    return []
