"""Saved plans: what a plan was made from and for, so that a stale or misplaced one
is refused.

A saved plan is bound to the tool version, the endpoint, each pool's region and the
AWS account it was made for; applying it anywhere else is refused with the reason,
before anything is read. It holds nothing that helps guess a secret: the spec
digest leaves out every value that came from the environment and every secret
field (see ``spec_digest``), and the live fingerprints are of secret-free reads.
The file is checked in full before it is trusted (``read_saved_plan``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Protocol

from reconciler import __version__
from reconciler.engine import PlanResult, load, replan
from reconciler.errors import ReconcilerError
from reconciler.inputs import SpecInput
from reconciler.plan.build import Observed
from reconciler.plan.documents import fingerprint
from reconciler.plan.parts import SECRET_DETAIL_KEYS
from reconciler.saved_plan_shape import check_shape
from reconciler.spec.loader import LoadedSpec

MAGIC = "cognito-reconciler-plan"
# The saved file's own format (the JSON plan inside has its own format_version). 2: the
# file records strict mode, so that ``apply PLANFILE`` re-plans exactly as planned.
# Files of another version are refused with the reason, never read half-understood.
FILE_VERSION = 2
# Written first, so that a saved plan is known by its first bytes even when it is
# truncated; a spec can't start so (`kind` is no spec key).
_HEADER = re.compile(rb'\A\s*\{\s*"kind"\s*:\s*"cognito-reconciler-plan"\s*[,}]')
MAX_PLAN_BYTES = 256 * 1024 * 1024
# Spec keys whose value is a secret wherever they appear (a client's own secret, an
# identity provider's client secret or private key).
_SECRET_KEYS = frozenset({"client_secret", *SECRET_DETAIL_KEYS})
_MASK = "<not in the digest>"


class Connections(Protocol):
    """What ``reconciler.cli_options.Connections`` offers: one facade per region, the
    endpoint in use and the account of the credentials."""

    endpoint: str | None

    def __call__(self, region: str | None) -> Any: ...
    def caller_account(self, region: str | None) -> str | None: ...


def spec_digest(spec: LoadedSpec) -> str:
    """A digest of what the spec asks for, with no secret in it.

    Left out: every value that came from ``${env:...}`` (the loader treats those as
    possibly secret) and every secret field, whatever its source. A hash over them
    would let anyone holding the plan file and the spec test guesses offline, and a
    salt kept in the same file would not stop that. What is left out still counts
    where it matters: a changed non-secret value changes the plan itself (its
    ``after`` values), which is compared too. A changed secret alone does not make a
    plan stale; apply sends the secret it is given (docs/reliability.md)."""
    masked = _masked(spec.data, (), spec.env_paths)
    text = json.dumps(masked, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _masked(value: Any, path: tuple[str | int, ...], hidden: set[Any]) -> Any:
    if path in hidden:
        return _MASK
    if isinstance(value, dict):
        return {k: _MASK if k in _SECRET_KEYS else _masked(v, (*path, k), hidden)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_masked(v, (*path, i), hidden) for i, v in enumerate(value)]
    return value


def fingerprints(result: PlanResult) -> dict[str, str | None]:
    """Content fingerprints of every pool and client read, and of every resource the
    plan changes (parts included). A part that changed without being in the plan
    shows up as a different plan, which is refused too. Reads are secret-free."""
    prints: dict[str, str | None] = {}
    for item in result.observed:
        prints[item.pool.address] = item.live.fingerprint if item.live else None
        for client in item.live.clients if item.live else []:
            prints[f"{item.pool.address}.client.{client.name}"] = fingerprint(client.describe)
    for change in result.plan.changes:
        if change.fingerprint:
            prints[change.address] = change.fingerprint
    return prints


# --- where a plan is for ----------------------------------------------------------------


def _arn_accounts(observed: list[Observed]) -> set[str]:
    """Accounts named by the pools' ARNs (arn:aws:cognito-idp:REGION:ACCOUNT:userpool/ID):
    read with the pools, so no extra call."""
    accounts = set()
    for item in observed:
        arn = item.live.describe.get("Arn") if item.live else None
        parts = arn.split(":") if isinstance(arn, str) else []
        if len(parts) >= 6 and parts[4].isdigit():
            accounts.add(parts[4])
    return accounts


def account_of(observed: list[Observed], connections: Connections) -> str | None:
    """The account a plan acts in: from the pools' ARNs when any pool is live, else
    one STS GetCallerIdentity (None from a local emulator without STS)."""
    accounts = _arn_accounts(observed)
    if accounts:
        return ",".join(sorted(accounts))
    regions = sorted({item.region for item in observed})
    return connections.caller_account(regions[0] if regions else None)


def target(result: PlanResult, connections: Connections) -> dict[str, Any]:
    return {
        "endpoint": connections.endpoint,
        "regions": {item.pool.address: item.region for item in result.observed},
        "account": account_of(result.observed, connections),
    }


# --- writing ----------------------------------------------------------------------------


def document(result: PlanResult, spec: SpecInput, connections: Connections,
             strict: bool = False) -> dict[str, Any]:
    return {  # "kind" first: see _HEADER
        "kind": MAGIC,
        "file_version": FILE_VERSION,
        "tool_version": __version__,
        "target": target(result, connections),
        "spec_paths": [str(Path(p)) for p in spec.paths],
        "variable_names": sorted(spec.variables),
        "resend_secrets": bool(spec.resend_secrets),
        # The run's --strict; a spec's own strict: true is in the spec (and its digest).
        "strict": strict,
        "spec_digest": spec_digest(result.spec),
        "live_fingerprints": dict(sorted(fingerprints(result).items())),
        "plan": result.plan.to_json(),
    }


def check_out_path(path: str) -> None:
    """Refuse an --out path that can't be written, before any live state is read."""
    target_path = Path(path)
    folder = target_path.parent
    if not folder.is_dir():
        raise ReconcilerError(f"can't save the plan to {path}: the folder {folder} "
                              "does not exist", "create it first, or give --out another path")
    if target_path.is_dir():
        raise ReconcilerError(f"can't save the plan to {path}: it is a folder",
                              "give --out a file name, e.g. plan.json")


def write_saved_plan(path: str, result: PlanResult, spec: SpecInput,
                     connections: Connections, strict: bool = False) -> None:
    """Write the plan whole or not at all: a temporary file renamed into place, so an
    interrupted write never leaves a truncated plan behind."""
    check_out_path(path)
    text = json.dumps(document(result, spec, connections, strict), indent=2) + "\n"
    folder = str(Path(path).parent)
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".plan-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ReconcilerError(f"can't save the plan to {path}: {exc.strerror or exc}",
                              "check the path and its folder") from exc


# --- reading ----------------------------------------------------------------------------


def is_saved_plan(path: str) -> bool:
    """Whether ``path`` is meant as a saved plan: a JSON object whose first key is
    ``"kind": "cognito-reconciler-plan"`` (even if the rest is damaged), or a JSON
    object of an older version with that ``kind``. A spec merely mentioning the word
    is a spec."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
            if _HEADER.match(head):
                return True
            if not head.lstrip().startswith(b"{") or MAGIC.encode() not in head:
                return False
            data = json.loads(head + handle.read(MAX_PLAN_BYTES))
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(data, dict) and data.get("kind") == MAGIC


def _unusable(path: str, problem: str) -> ReconcilerError:
    return ReconcilerError(f"{path} is not a usable saved plan: {problem}",
                           "make it again with `cognito-reconciler plan --out FILE`")


def read_saved_plan(path: str) -> dict[str, Any]:
    """The saved plan at ``path``, checked in full: a damaged file is one clear line."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_PLAN_BYTES + 1)
    except OSError as exc:
        raise ReconcilerError(f"can't read the saved plan {path}: {exc.strerror or exc}") from exc
    if len(raw) > MAX_PLAN_BYTES:
        raise _unusable(path, f"it is larger than {MAX_PLAN_BYTES // (1024 * 1024)} MiB")
    try:
        saved = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise _unusable(path, f"it is truncated or damaged (not UTF-8 at byte {exc.start})"
                        ) from None
    except json.JSONDecodeError as exc:
        raise _unusable(path, f"it is truncated or damaged ({exc.msg} at line {exc.lineno} "
                        f"column {exc.colno})") from None
    except RecursionError:
        raise _unusable(path, "it is truncated or damaged (nested too deeply)") from None
    if not isinstance(saved, dict) or saved.get("kind") != MAGIC:
        raise _unusable(path, "it is truncated or damaged (not a saved plan object)")
    version = saved.get("tool_version")
    if isinstance(version, str) and version != __version__:
        raise ReconcilerError(f"{path} was made by cognito-reconciler {version}, "
                              f"this is {__version__}", "make a new plan with this version")
    _check_file_version(path, saved.get("file_version"))
    problem = check_shape(saved)
    if problem:
        raise _unusable(path, problem)
    return saved


def _check_file_version(path: str, version: Any) -> None:
    if version == FILE_VERSION:
        return
    if version is None:
        raise _unusable(path, "file_version is missing: it is in an older saved-plan format, "
                        "which doesn't record whether it was planned with --strict")
    raise _unusable(path, f"file_version is {json.dumps(version)}, this version of "
                    f"cognito-reconciler reads saved-plan files of version {FILE_VERSION}")


def _endpoint_key(endpoint: str | None) -> str | None:
    """The same endpoint however written: scheme and host in any case, a trailing /."""
    if endpoint is None:
        return None
    scheme, _, rest = endpoint.partition("://")
    authority, slash, path = rest.partition("/")
    return f"{scheme.lower()}://{authority.lower()}{slash}{path}".rstrip("/")


def _endpoint_name(endpoint: str | None) -> str:
    return f"the endpoint {endpoint}" if endpoint else "AWS's own endpoint"


def _check_place(path: str, saved: dict[str, Any], connections: Connections,
                 regions: dict[str, str]) -> None:
    made_for = saved["target"]
    if _endpoint_key(made_for["endpoint"]) != _endpoint_key(connections.endpoint):
        raise ReconcilerError(
            f"{path} was made for {_endpoint_name(made_for['endpoint'])}, this apply "
            f"would use {_endpoint_name(connections.endpoint)}",
            "apply it with the --endpoint-url it was made with, or make a new plan")
    for address, region in sorted(regions.items()):
        was = made_for["regions"].get(address)
        if was is not None and was != region:
            raise ReconcilerError(
                f"{path} was made for region {was} ({address}), this apply would act "
                f"on {region}", "apply it with the --region / AWS_REGION it was made "
                "with, or make a new plan")


def _check_account(path: str, saved: dict[str, Any], account: str | None) -> None:
    # None only from a local emulator without STS (``caller_account``): nothing to bind.
    was = saved["target"]["account"]
    if was is not None and account is not None and was != account:
        raise ReconcilerError(
            f"{path} was made for AWS account {was}, these credentials act in "
            f"account {account}", "apply it with the credentials (profile, role) it "
            "was made with, or make a new plan")


def load_checked(path: str, spec: SpecInput, connections: Connections) -> PlanResult:
    """Re-plan what ``path`` was made from; refuse unless it is the same plan, for the
    same place, from the same specs and live state."""
    saved = read_saved_plan(path)
    spec = SpecInput(paths=saved["spec_paths"], variables=spec.variables,
                     var_files=spec.var_files,
                     resend_secrets=saved["resend_secrets"] or spec.resend_secrets)
    # Planned as it was made: with --strict when the plan was (issue 13).
    loaded, pools = load(spec, strict=saved["strict"])
    # Offline first: nothing is read from a place the plan wasn't made for.
    _check_place(path, saved, connections,
                 {pool.address: connections(pool.region).region for pool in pools})
    if spec_digest(loaded) != saved["spec_digest"]:
        raise _stale(path, ["the specs (or the variables) changed since the plan was made"])
    fresh = replan(loaded, pools, connections, spec.resend_secrets)
    _check_account(path, saved, account_of(fresh.observed, connections))
    now = fingerprints(fresh)
    problems = [f"{address} changed in Cognito since the plan was made"
                for address in sorted(set(now) | set(saved["live_fingerprints"]))
                if now.get(address) != saved["live_fingerprints"].get(address)]
    if not problems and fresh.plan.to_json() != saved["plan"]:
        problems.append("the plan computed now differs from the saved one")
    if problems:
        raise _stale(path, problems)
    return fresh


def _stale(path: str, problems: list[str]) -> ReconcilerError:
    return ReconcilerError(f"{path} is stale: " + "; ".join(problems),
                           "run plan again, review it, and apply the new plan")
