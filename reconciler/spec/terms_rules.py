"""A client's terms documents, checked offline where the schema can't.

Links "A selection of cognito:default displays for all languages that don't have a
language-specific URL" (doc: CreateTermsRequest.Links), and terraform-provider-aws
refuses links without it before calling AWS (managed_login_terms.go,
resourceManagedLoginTermsLinksValidator). Whether AWS itself refuses them isn't
documented, so a missing cognito:default is a warning, not an error.
"""

from __future__ import annotations

from typing import Any

from reconciler.errors import Diagnostic
from reconciler.spec.findings import Locate, items
from reconciler.spec.findings import warning as _warning
from reconciler.spec.yaml_source import SpecPath

DEFAULT_LANGUAGE = "cognito:default"


def check_client(client: dict[str, Any], path: SpecPath, locate: Locate) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for item_path, terms in items(client.get("terms"), (*path, "terms")):
        links = terms.get("links")
        if isinstance(links, dict) and links and DEFAULT_LANGUAGE not in links:
            out.append(_warning(locate, (*item_path, "links"), (
                f"links has no {DEFAULT_LANGUAGE!r}: languages without a link of their own "
                "show none, and terraform-provider-aws refuses such links (AWS may too)")))
    return out
