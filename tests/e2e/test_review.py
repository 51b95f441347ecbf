"""`review` as users run it (issue 14): offline, exit status by threshold, every format.

The sandbox runs beside it only to prove the review makes no call at all.
"""

from __future__ import annotations

import json
from pathlib import Path

from .cli import clear_requests, run, run_process, sandbox_requests, write_spec

SECURE_ENOUGH = """version: 1
user_pools:
  - pool_name: tidy
    deletion_protection: ACTIVE
    clients:
      - client_name: web
        explicit_auth_flows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
        prevent_user_existence_errors: ENABLED
"""


def test_the_walkthrough_spec_names_its_password_flow(sandbox_url: str,
                                                       workshop_spec: str) -> None:
    clear_requests(sandbox_url)
    result = run(sandbox_url, "review", workshop_spec)
    # Its findings are medium at most: below the default threshold (high).
    assert result.code == 0, result.text
    line = next(x for x in result.out.splitlines() if "CR301" in x)
    assert line.startswith(f"{workshop_spec}:66:13: medium: CR301 ")
    assert "ALLOW_USER_PASSWORD_AUTH" in line and "SRP" in line
    assert "fix: remove ALLOW_USER_PASSWORD_AUTH" in result.out
    assert sandbox_requests(sandbox_url) == []  # offline: not one call


def test_the_threshold_sets_the_exit_status(sandbox_url: str, workshop_spec: str) -> None:
    assert run(sandbox_url, "review", "--fail-on", "medium", workshop_spec).code == 1
    assert run(sandbox_url, "review", "--fail-on", "high", workshop_spec).code == 0
    assert run(sandbox_url, "review", "--fail-on", "extreme", workshop_spec).code == 1  # usage


def test_a_high_finding_fails_by_default(sandbox_url: str, tmp_path: Path) -> None:
    spec = write_spec(tmp_path, SECURE_ENOUGH.replace(
        "prevent_user_existence_errors: ENABLED",
        "prevent_user_existence_errors: ENABLED\n"
        "        allowed_oauth_flows_user_pool_client: true\n"
        "        allowed_oauth_flows: [code]\n"
        "        allowed_oauth_scopes: [openid]\n"
        "        callback_urls: ['https://*.example.com/cb']"))
    result = run(sandbox_url, "review", "--format", "json", spec)
    assert result.code == 1, result.text
    data = json.loads(result.out)
    [wild] = [f for f in data["findings"] if f["rule"] == "CR303"]
    assert (wild["severity"], wild["line"], wild["col"]) == ("high", 12, 25)


def test_an_invalid_spec_is_an_error_not_a_review(sandbox_url: str, tmp_path: Path) -> None:
    spec = write_spec(tmp_path, SECURE_ENOUGH.replace("deletion_protection: ACTIVE",
                                                      "deletion_protection: SOMETIMES"))
    clear_requests(sandbox_url)
    result = run(sandbox_url, "review", spec)
    assert result.code == 1
    assert result.out == ""
    assert f"{spec}:4:26: error:" in result.err
    assert "the spec is invalid" in result.err
    assert sandbox_requests(sandbox_url) == []


def test_sarif_and_markdown_from_the_installed_entry_point(sandbox_url: str,
                                                            workshop_spec: str) -> None:
    sarif = run_process(sandbox_url, "review", "--format", "sarif", workshop_spec)
    assert sarif.code == 0, sarif.text
    log = json.loads(sarif.out)
    assert log["version"] == "2.1.0"
    assert "CR301" in {r["ruleId"] for r in log["runs"][0]["results"]}
    markdown = run_process(sandbox_url, "review", "--format", "markdown", workshop_spec)
    assert "| medium | CR301 Password-sending auth flow enabled |" in markdown.out


def _review_section(markdown: str) -> str:
    _head, found, section = markdown.partition("#### Security review: findings this change "
                                              "introduces")
    assert found, markdown
    return section


def test_plan_markdown_appends_what_the_change_introduces(sandbox_url: str, tmp_path: Path,
                                                          workshop_spec: str) -> None:
    # Everything is new: every finding of the spec comes with the change.
    first = run(sandbox_url, "plan", "--format", "markdown", workshop_spec)
    assert first.code == 0, first.text
    section = _review_section(first.out)
    assert "CR301 Password" in section and "CR104 MFA not required" in section
    assert run(sandbox_url, "apply", "--auto-approve", workshop_spec).code == 0

    # Once applied, a change to one key brings only the findings at that key.
    text = Path(workshop_spec).read_text()
    changed = write_spec(tmp_path, text.replace("deletion_protection: ACTIVE",
                                                "deletion_protection: INACTIVE"))
    second = run(sandbox_url, "plan", "--format", "markdown", changed)
    assert second.code == 0, second.text
    section = _review_section(second.out)
    assert "CR105 Deletion protection off" in section
    assert f"`{changed}:7:5`" in section
    assert "CR301" not in section and "CR104" not in section

    # No change, no section: the plan comment stays as it was.
    unchanged = run(sandbox_url, "plan", "--format", "markdown", workshop_spec)
    assert "Security review" not in unchanged.out


# --- the CI recipe and the pre-commit hook ---------------------------------------------

REPO = Path(__file__).resolve().parents[2]


def test_the_pre_commit_hook_offers_review() -> None:
    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    hook = hooks["cognito-reconciler-review"]
    assert hook["entry"] == "cognito-reconciler review"
    assert hook["language"] == "python" and hook["pass_filenames"] is True


def test_the_workflow_uploads_the_review_sarif(sandbox_url: str, tmp_path: Path,
                                               workshop_spec: str) -> None:
    import yaml

    workflow = yaml.safe_load((REPO / "examples" / "ci" / "github-actions.yml").read_text())
    job = workflow["jobs"]["plan"]
    assert job["permissions"]["security-events"] == "write"
    [review] = [s for s in job["steps"] if s.get("id") == "review"]
    [upload] = [s for s in job["steps"]
                if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif")]
    sarif_file = upload["with"]["sarif_file"]
    [line] = [x for x in review["run"].splitlines() if "--format sarif" in x]
    assert f"> {sarif_file}" in line
    # The line as the runner would run it: SARIF on stdout, the exit status kept for later.
    args = line.split("cognito-reconciler ", 1)[1].split(" >", 1)[0].replace(
        '"$SPECS"', workshop_spec).split()
    result = run(sandbox_url, *args)
    assert result.code == 0, result.text
    assert json.loads(result.out)["version"] == "2.1.0"
    [gate] = [s for s in job["steps"] if "steps.review.outputs.code" in str(s.get("if", ""))]
    assert job["steps"].index(gate) == len(job["steps"]) - 1  # after the plan comment


def test_accepted_findings_are_listed_and_stop_failing(sandbox_url: str, tmp_path: Path,
                                                       workshop_spec: str) -> None:
    text = Path(workshop_spec).read_text().replace(
        "          - ALLOW_USER_PASSWORD_AUTH",
        "          - ALLOW_USER_PASSWORD_AUTH  # cognito-reconciler: accept CR301 because "
        "the workshop's app signs in without SRP")
    text += ("review:\n  accept:\n"
             "    - {rule: CR101, because: the workshop runs on the Essentials plan}\n"
             "    - {rule: CR102, because: no custom authentication}\n"
             "    - {rule: CR104, pool: workshop-users, because: a demo without MFA}\n"
             "    - {rule: CR201, because: a demo without MFA}\n")
    spec = write_spec(tmp_path, text)
    result = run(sandbox_url, "review", "--fail-on", "low", spec)
    assert result.code == 0, result.text
    assert "0 high, 0 medium, 0 low open; 5 accepted; 0 at or above low." in result.out
    assert "accepted because: the workshop's app signs in without SRP" in result.out
    assert result.out.count("accepted medium: ") == 5
