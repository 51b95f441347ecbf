"""Identity providers: their secrets and the details Cognito derives, as it returns them.

Evidence (docs/fidelity.md, "Identity providers, secrets and replaces"):
- DescribeIdentityProvider returns ``client_secret`` in clear for OIDC, Google,
  Facebook and LoginWithAmazon, and never SignInWithApple's ``private_key`` (doc:
  CreateIdentityProviderRequest.ProviderDetails, "Describe response" examples;
  terraform-provider-aws TestAccCognitoIDPIdentityProvider_basic reads
  provider_details.client_secret back, ImportStateVerify too).
- UpdateIdentityProvider replaces ProviderDetails: a body without the secret
  erases it (issue 12.2). So a secret the spec leaves out is carried from the live
  read, and one that can't be read is never silently dropped: the update is blocked.
- SAML: ``ActiveEncryptionCertificate`` is read-only and refused by the update (TF
  PR #36311; #36912); the SSO/SLO redirect URIs are derived from the metadata, so
  re-sending the old ones beside new metadata would pin stale endpoints.

Secrets live only in ``LiveProvider.secrets`` (kept out of the document, so out of
fingerprints, saved plans and output) and in request bodies. A spec's secret is
compared with the live one by digest, in memory; neither value nor digest is kept.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from typing import Any

from reconciler.model import LivePart
from reconciler.plan.model import SENSITIVE, FieldChange

DETAILS = "ProviderDetails"
READABLE_SECRETS = frozenset({"client_secret"})
UNREADABLE_SECRETS = frozenset({"private_key"})
SECRET_KEYS = READABLE_SECRETS | UNREADABLE_SECRETS
# The secret a provider of each type can't work without.
REQUIRED_SECRET = {"Google": "client_secret", "Facebook": "client_secret",
                   "LoginWithAmazon": "client_secret", "SignInWithApple": "private_key"}
SAML_READ_ONLY = frozenset({"ActiveEncryptionCertificate"})
SAML_FROM_METADATA = frozenset({"SSORedirectBindingURI", "SLORedirectBindingURI"})
METADATA = ("MetadataFile", "MetadataURL")


@dataclass
class LiveProvider(LivePart):
    """A described provider; its readable secrets apart from its document."""

    secrets: dict[str, str] = field(default_factory=dict, repr=False)


def from_describe(provider: dict[str, Any]) -> LiveProvider:
    """Splits the secrets off a DescribeIdentityProvider result, as it arrives."""
    details = dict(provider.get(DETAILS) or {})
    secrets = {k: str(details[k]) for k in sorted(SECRET_KEYS) if details.get(k)}
    provider[DETAILS] = {k: v for k, v in details.items() if k not in SECRET_KEYS}
    return LiveProvider(document=provider, secrets=secrets)


def _secrets(live: LivePart | None) -> dict[str, str]:
    return live.secrets if isinstance(live, LiveProvider) else {}


def _same(given: Any, live: str | None) -> bool:
    if live is None:
        return False
    return hmac.compare_digest(hashlib.sha256(str(given).encode()).digest(),
                               hashlib.sha256(live.encode()).digest())


def _masked(key: str) -> FieldChange:
    return FieldChange(f"provider_details.{key}", SENSITIVE, SENSITIVE, sensitive=True)


def secret_changes(desired: dict[str, Any], live: LivePart | None,
                   force: bool = False) -> list[FieldChange]:
    """Readable secrets the spec sets to another value than the live one (masked);
    with ``force`` (--resend-secrets), every readable secret the spec sets."""
    given = desired.get(DETAILS) or {}
    secrets = _secrets(live)
    return [_masked(key) for key in sorted(READABLE_SECRETS)
            if key in given and (force or not _same(given[key], secrets.get(key)))]


def unreadable(paths: list[tuple[str | int, ...]]) -> list[tuple[str | int, ...]]:
    """Of the secret paths a spec sets, those Cognito never returns (so never compared)."""
    return [p for p in paths if len(p) < 2 or p[1] not in READABLE_SECRETS]


def update_body(body: dict[str, Any], desired: dict[str, Any],
                live: LivePart) -> dict[str, Any]:
    """The update request's details: live secrets the spec omits carried, read-only
    and metadata-derived SAML details left for Cognito."""
    details = dict(body.get(DETAILS) or {})
    given = desired.get(DETAILS) or {}
    for key, value in _secrets(live).items():
        details.setdefault(key, value)
    if live.document.get("ProviderType") == "SAML":
        for key in SAML_READ_ONLY:
            details.pop(key, None)
        if any(details.get(m) for m in METADATA):
            for key in SAML_FROM_METADATA - set(given):
                details.pop(key, None)
    return {**body, DETAILS: details}


def without_read_only(desired: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The spec's provider without details only Cognito sets (a SAML provider's
    encryption certificate, which it rotates): pinned, they'd never converge."""
    details = desired.get(DETAILS) or {}
    dropped = sorted(k for k in SAML_READ_ONLY if k in details)
    if desired.get("ProviderType") != "SAML" or not dropped:
        return desired, None
    kept = {k: v for k, v in details.items() if k not in SAML_READ_ONLY}
    note = (f"provider_details.{', provider_details.'.join(dropped)} is read-only (Cognito "
            "sets and rotates it): ignored; remove it from the spec")
    return {**desired, DETAILS: kept}, note


def erase_risk(desired: dict[str, Any], live: LivePart) -> str | None:
    """Why an update must not run: it would erase a secret nobody can give back."""
    provider_type = str(live.document.get("ProviderType", ""))
    key = REQUIRED_SECRET.get(provider_type)
    given = desired.get(DETAILS) or {}
    if key is None or key in given or key in _secrets(live):
        return None
    return (f"provider_details.{key} of this {provider_type} provider can't be read back "
            "from Cognito and the spec doesn't give it, so an update would erase it; set "
            f"provider_details.{key} in the spec (as ${{env:NAME}}) to update this provider")
