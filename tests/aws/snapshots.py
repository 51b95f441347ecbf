"""Snapshots of Cognito's answers: the file format, the masking, and the comparison.

A snapshot is one call the tool relies on, with the calls that set up its
preconditions, and the answer (or the error) Cognito gave. Recorded ones come from
the suite in this folder run against AWS; documented ones are transcribed from AWS's
published examples. ``tests/sandbox/test_snapshots.py`` replays each against the
sandbox and compares with ``differences``.

No pytest in here: the sweeper-free parts are imported by the sandbox test, the
masking test and the suite itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
# What a run's own prefix (``crtest-<run id>-<n>-``) becomes in a snapshot and in a replay.
RUN_PLACEHOLDER = "crtest-run-"
REGION_PLACEHOLDER = "<region>"

# --- masking ----------------------------------------------------------------------

# Values that are secrets, whatever else they look like.
_SECRET_KEYS = frozenset({"ClientSecret", "ClientSecretValue", "client_secret", "private_key",
                          "SecretString", "SecretBinary"})
# Values assigned by Cognito per resource (they differ on every run).
_ID_KEYS = {
    "ClientId": "client-id",
    "UserPoolId": "pool-id",
    "Id": "pool-id",
    "ManagedLoginBrandingId": "uuid",
    "AWSAccountId": "account",
    "CloudFrontDistribution": "host",
    "S3Bucket": "bucket",
    "Version": "version",
    "ClientSecretArn": "arn",
    "CSSVersion": "version",
    "ClientSecretId": "secret-id",
    "TermsId": "id",
    "CIMDPolicyId": "id",
}
_POOL_ID = re.compile(r"\b[a-z]{2}(?:-[a-z]+)+-\d_[0-9A-Za-z]+\b")
_ARN_ACCOUNT = re.compile(r"(arn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:)(\d{12})(?=:)")
_UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")
_ACCOUNT = re.compile(r"(?<![0-9])\d{12}(?![0-9])")
# Client ids are 26 lowercase letters and digits (API reference examples), also in messages.
_CLIENT_ID = re.compile(r"\b(?=[a-z]*\d)[a-z0-9]{26}\b")


def token(kind: str) -> str:
    return f"<masked:{kind}>"


def _mask_text(text: str, replacements: Mapping[str, str]) -> str:
    # Pool ids first: they begin with the region, which a replacement may stand for.
    text = _POOL_ID.sub(token("pool-id"), text)
    for real, placeholder in replacements.items():
        if real:
            text = text.replace(real, placeholder)
    text = _ARN_ACCOUNT.sub(lambda m: m.group(1) + token("account"), text)
    text = _UUID.sub(token("uuid"), text)
    text = _CLIENT_ID.sub(token("client-id"), text)
    return _ACCOUNT.sub(token("account"), text)


def mask(document: Any, replacements: Mapping[str, str] | None = None,
         key: str | None = None) -> Any:
    """``document`` with ids, ARNs' accounts, dates and secrets replaced by ``<masked:kind>``.

    ``replacements`` maps run-specific text (the run's name prefix, the region) to
    placeholders first, so names a test chose compare across runs. A date is masked
    only when it is a number (Cognito's JSON dates are epoch seconds), so a masked
    date still says its type; an id or secret only when it is a string.
    """
    repl = replacements or {}
    if isinstance(document, dict):
        return {k: mask(v, repl, k) for k, v in document.items()}
    if isinstance(document, list):
        return [mask(v, repl, key) for v in document]
    if key in _SECRET_KEYS and isinstance(document, str):
        return token("secret")
    if key is not None and key.endswith("Date") and isinstance(document, (int, float)) \
            and not isinstance(document, bool):
        return token("date")
    if key in _ID_KEYS and isinstance(document, str):
        return token(_ID_KEYS[key])
    if isinstance(document, str):
        return _mask_text(document, repl)
    return document


# --- the file format ----------------------------------------------------------------

@dataclass
class Snapshot:
    path: Path
    data: dict[str, Any]

    @property
    def operation(self) -> str:
        return str(self.data["operation"])

    @property
    def kind(self) -> str:
        return str(self.data["provenance"]["kind"])

    @property
    def confirms(self) -> list[str]:
        return [str(c) for c in self.data.get("confirms", [])]

    @property
    def known_differences(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in self.data.get("known_differences", {}).items()}


REQUIRED_KEYS = ("operation", "case", "setup", "request", "provenance")


def check_format(data: Mapping[str, Any]) -> list[str]:
    """What is wrong with a snapshot document (empty when it is well formed)."""
    problems = [f"missing {key!r}" for key in REQUIRED_KEYS if key not in data]
    if ("response" in data) == ("error" in data):
        problems.append("needs exactly one of 'response' and 'error'")
    provenance = data.get("provenance", {})
    kind = provenance.get("kind")
    if kind == "documented":
        if not provenance.get("source"):
            problems.append("a documented snapshot names its source")
    elif kind == "recorded":
        for key in ("date", "region", "botocore"):
            if not provenance.get(key):
                problems.append(f"a recorded snapshot gives its {key}")
    else:
        problems.append(f"provenance kind {kind!r} is neither 'documented' nor 'recorded'")
    for reason in data.get("known_differences", {}).values():
        if not str(reason).strip():
            problems.append("every known difference gives its reason")
    return problems


def load_all(root: Path = SNAPSHOTS) -> list[Snapshot]:
    return [Snapshot(path, json.loads(path.read_text()))
            for path in sorted(root.glob("*/*.json"))]


def write_new(root: Path, data: Mapping[str, Any]) -> Path:
    """Write a snapshot; one already there with other content is never overwritten:
    the new answer goes beside it as ``<case>.new.json`` for a person to compare."""
    folder = root / str(data["operation"])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{data['case']}.json"
    text = json.dumps(data, indent=2, sort_keys=True) + "\n"
    if path.exists():
        old = json.loads(path.read_text())
        if {k: v for k, v in old.items() if k != "provenance"} == \
                {k: v for k, v in json.loads(text).items() if k != "provenance"}:
            return path
        path = folder / f"{data['case']}.new.json"
    path.write_text(text)
    return path


# --- replaying ----------------------------------------------------------------------

# (status, JSON body) of one raw cognito-idp call.
Call = Callable[[str, dict[str, Any]], tuple[int, dict[str, Any]]]


def _lookup(document: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        document = document[part]
    return document


def substitute(document: Any, bound: Mapping[str, str], prefix: str) -> Any:
    """Fill ``${name}`` from ``bound`` and put the run's prefix in place of the placeholder."""
    if isinstance(document, dict):
        return {k: substitute(v, bound, prefix) for k, v in document.items()}
    if isinstance(document, list):
        return [substitute(v, bound, prefix) for v in document]
    if isinstance(document, str):
        for name, value in bound.items():
            document = document.replace("${" + name + "}", value)
        return document.replace(RUN_PLACEHOLDER, prefix)
    return document


def error_of(body: Mapping[str, Any]) -> dict[str, str]:
    code = str(body.get("__type", "")).rpartition("#")[2]
    message = body.get("message", body.get("Message", ""))
    return {"code": code, "message": str(message)}


class SetupFailed(Exception):
    pass


def replay(data: Mapping[str, Any], call: Call, prefix: str,
           wait: Callable[[float], None]) -> tuple[int, dict[str, Any]]:
    """Run a snapshot's setup calls, then its request; the raw answer to the request."""
    bound: dict[str, str] = {}
    for step in data["setup"]:
        request = substitute(step["request"], bound, prefix)
        until = step.get("until")
        for _attempt in range(240):
            status, body = call(step["operation"], request)
            if status >= 300:
                raise SetupFailed(f"{step['operation']}: {status} {body}")
            if until is None or _lookup(body, until["path"]) == until["equals"]:
                break
            wait(0.5)
        else:
            raise SetupFailed(f"{step['operation']}: {until} never held")
        for name, dotted in step.get("bind", {}).items():
            bound[name] = str(_lookup(body, dotted))
    return call(str(data["operation"]), substitute(data["request"], bound, prefix))


def answer_of(status: int, body: dict[str, Any],
              replacements: Mapping[str, str]) -> dict[str, Any]:
    """The snapshot's answer half: ``{"response": ...}`` or ``{"error": ...}``, masked."""
    if status >= 300:
        error = error_of(body)
        error["message"] = _mask_text(error["message"], replacements)
        return {"error": {**error, "match": "exact"}}
    return {"response": mask(body, replacements)}


# --- comparing ----------------------------------------------------------------------

# List items that carry their own name are paired by it, so one changed field in one
# item is reported at that item rather than as a whole list differing.
_ITEM_KEYS = ("Name", "ScopeName", "ProviderName", "GroupName", "Identifier", "ClientId",
              "EventSource", "Category")


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "list", dict: "object", type(None): "null"}[type(value)]


def _item_key(items: list[Any]) -> str | None:
    if not items or not all(isinstance(i, dict) for i in items):
        return None
    for key in _ITEM_KEYS:
        if all(key in i for i in items):
            return key
    return None


def differences(expected: Any, actual: Any, path: str = "") -> dict[str, str]:
    """``{path: what differs}`` between a snapshot's answer and the sandbox's (both masked).

    Same keys present and absent, same JSON types, same values. Lists compare as
    multisets (Cognito's lists are sets to the tool, COGNITO.md), items that carry a
    name paired by it.
    """
    here = path or "(top)"
    if _type_name(expected) != _type_name(actual):
        return {here: f"type: snapshot {_type_name(expected)} {expected!r:.80}, "
                      f"sandbox {_type_name(actual)} {actual!r:.80}"}
    if isinstance(expected, dict):
        found: dict[str, str] = {}
        for key in sorted(set(expected) | set(actual)):
            sub = f"{path}.{key}" if path else key
            if key not in actual:
                found[sub] = "missing in the sandbox's answer"
            elif key not in expected:
                found[sub] = f"only in the sandbox's answer ({actual[key]!r:.80})"
            else:
                found.update(differences(expected[key], actual[key], sub))
        return found
    if isinstance(expected, list):
        key = _item_key(expected + actual)
        if key is not None:
            mine = {str(i[key]): i for i in expected}
            theirs = {str(i[key]): i for i in actual}
            if len(mine) == len(expected) and len(theirs) == len(actual):
                return differences(mine, theirs, f"{path}[{key}]")
        canon = sorted(json.dumps(i, sort_keys=True) for i in expected)
        other = sorted(json.dumps(i, sort_keys=True) for i in actual)
        if canon == other:
            return {}
        only_mine = [c for c in canon if c not in other]
        only_theirs = [c for c in other if c not in canon]
        return {f"{path}[]": f"items only in the snapshot {only_mine}, only in the sandbox "
                             f"{only_theirs}"}
    if expected != actual:
        return {here: f"value: snapshot {expected!r:.80}, sandbox {actual!r:.80}"}
    return {}


def answer_differences(data: Mapping[str, Any], status: int, body: dict[str, Any],
                       replacements: Mapping[str, str]) -> dict[str, str]:
    """Where the sandbox's answer to a replayed snapshot differs from the snapshot."""
    if "error" in data:
        if status < 300:
            return {"error": f"the snapshot is an error, the sandbox answered {status} "
                             f"{json.dumps(mask(body, replacements))[:200]}"}
        expected, actual = data["error"], error_of(body)
        found = {}
        if expected["code"] != actual["code"]:
            found["error.code"] = f"snapshot {expected['code']}, sandbox {actual['code']}"
        message = _mask_text(actual["message"], replacements)
        if expected.get("match", "exact") == "contains":
            if expected["message"] not in message:
                found["error.message"] = (f"the sandbox's {message!r} doesn't contain "
                                          f"{expected['message']!r}")
        elif expected["message"] != message:
            found["error.message"] = f"snapshot {expected['message']!r}, sandbox {message!r}"
        return found
    if status >= 300:
        return {"response": f"the snapshot is an answer, the sandbox refused: {error_of(body)}"}
    return differences(data["response"], mask(body, replacements))
