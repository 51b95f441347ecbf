"""examples/ci/aws-conformance.yml: opt-in, OIDC, runs make aws-test, always sweeps and
uploads what it recorded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
WORKFLOW = REPO / "examples" / "ci" / "aws-conformance.yml"


def _workflow() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text())
    return data


def test_it_runs_only_by_hand_or_on_a_schedule():
    triggers = _workflow()[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"workflow_dispatch", "schedule"}


def test_it_uses_an_oidc_role_and_no_stored_keys():
    text = WORKFLOW.read_text()
    assert "secrets." not in text and "AWS_ACCESS_KEY_ID" not in text
    [job] = _workflow()["jobs"].values()
    assert job["permissions"] == {"contents": "read", "id-token": "write"}
    [creds] = [s for s in job["steps"]
               if str(s.get("uses", "")).startswith("aws-actions/configure-aws-credentials@")]
    assert creds["with"]["role-to-assume"] == "${{ vars.COGNITO_CONFORMANCE_ROLE_ARN }}"


def test_it_runs_the_suite_then_always_sweeps_and_uploads():
    [job] = _workflow()["jobs"].values()
    runs = [s.get("run", "") for s in job["steps"]]
    assert "make aws-test" in runs
    [sweep] = [s for s in job["steps"] if "make aws-sweep" in s.get("run", "")]
    assert sweep["if"] == "always()" and "--yes" in sweep["run"]
    assert "crtest-gh${{ github.run_id }}-" in sweep["run"]
    assert job["env"]["COGNITO_RECONCILER_AWS_RUN_ID"] == "gh${{ github.run_id }}"
    [upload] = [s for s in job["steps"]
                if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
    assert upload["if"] == "always()"
    assert upload["with"]["path"].rstrip("/") == "recorded-snapshots"
    assert job["env"]["COGNITO_RECONCILER_AWS_RECORD"].endswith("/recorded-snapshots")
    assert runs.index("make aws-test") < job["steps"].index(sweep)
