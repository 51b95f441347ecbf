"""The GitOps recipe of examples/ci, run for real against the sandbox.

The workflow file is the source: every `run:` line that invokes cognito-reconciler is
taken from it and run in job order (plan -> saved plan -> apply of the saved plan ->
outputs -> nightly drift check), so the recipe can't silently rot. Also: the
workflow's safety properties, the pre-commit hook and the `schema` command.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from .cli import Result, run

REPO = Path(__file__).resolve().parents[2]
WORKFLOW = REPO / "examples" / "ci" / "github-actions.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"
COMMAND = "cognito-reconciler"
SHELL_OPERATORS = {">", ">>", "||", "&&", "|", ";", "&"}

SPEC = """\
version: 1
user_pools:
  - pool_name: ci-recipe
    policies:
      password_policy:
        minimum_length: 12
    clients:
      - client_name: web
        generate_secret: false
        explicit_auth_flows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
"""


@dataclass
class Command:
    job: str
    step: str
    line: str
    args: list[str]  # after `cognito-reconciler`, variables expanded
    stdout_to: str | None  # `> FILE`

    @property
    def subcommand(self) -> str:
        return next(a for a in self.args if not a.startswith("-"))


def load_workflow() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text())
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    on: dict[str, Any] = workflow.get("on", workflow.get(True))  # YAML 1.1: `on` is true
    return on


def expand(token: str, env: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(2)
        assert name in env, f"the test doesn't know ${name}: add it to the test's env"
        return env[name]

    return re.sub(r"\$\{(\w+)\}|\$(\w+)", value, token)


def parse_line(line: str, env: dict[str, str]) -> tuple[list[str], str | None] | None:
    """The arguments and stdout file of a shell line that runs cognito-reconciler."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = "#"
    tokens = list(lexer)
    if not tokens or tokens[0] != COMMAND:
        return None
    end = next((i for i, t in enumerate(tokens) if t in SHELL_OPERATORS), len(tokens))
    stdout_to = None
    if end < len(tokens) and tokens[end] == ">":
        stdout_to = expand(tokens[end + 1], env)
    return [expand(t, env) for t in tokens[1:end]], stdout_to


def reconciler_commands(workflow: dict[Any, Any], env: dict[str, str]) -> list[Command]:
    commands = []
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            for line in str(step.get("run", "")).splitlines():
                parsed = parse_line(line, env)
                if parsed:
                    args, stdout_to = parsed
                    commands.append(Command(job_id, step.get("name", ""), line.strip(), args,
                                            stdout_to))
    return commands


def run_job(url: str, commands: list[Command], job: str) -> dict[str, list[Result]]:
    """Runs a job's cognito-reconciler lines in order; results by subcommand."""
    results: dict[str, list[Result]] = {}
    selected = [c for c in commands if c.job == job]
    assert selected, f"the workflow's {job} job runs no {COMMAND} command"
    for command in selected:
        result = run(url, *command.args)
        if command.stdout_to:
            Path(command.stdout_to).write_text(result.out)
        results.setdefault(command.subcommand, []).append(result)
    return results


def step_script(workflow: dict[Any, Any], job: str, contains: str) -> str:
    [script] = [str(s["run"]) for s in workflow["jobs"][job]["steps"]
                if contains in str(s.get("run", ""))]
    return script


# --- the recipe against the sandbox ---------------------------------------------------


def test_the_recipe_plans_applies_the_saved_plan_and_catches_drift(
        sandbox_url, cognito, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    specs = tmp_path / "cognito"
    specs.mkdir()
    (specs / "pools.yaml").write_text(SPEC)
    workflow = load_workflow()
    commands = reconciler_commands(workflow, {**workflow["env"], "SPECS": str(specs)})

    # Pull request (and push to main): validate, plan with a saved plan and Markdown.
    planned = run_job(sandbox_url, commands, "plan")
    [validated] = planned["validate"]
    assert validated.code == 0, validated.text
    [plan] = planned["plan"]
    assert plan.code == 2, plan.text  # --detailed-exitcode: changes
    assert (tmp_path / "plan.json").is_file()
    markdown = (tmp_path / "plan.md").read_text()
    assert markdown.startswith("<!-- cognito-reconciler-plan -->")
    assert "Plan: 2 to create, 0 to update, 0 to replace, 0 to delete." in markdown
    assert cognito.list_user_pools(MaxResults=60)["UserPools"] == []  # plan writes nothing

    # Push to main, after approval: apply exactly the saved plan, then the outputs.
    applied = run_job(sandbox_url, commands, "apply")
    [apply] = applied["apply"]
    assert apply.code == 0, apply.text
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    pool_id = summary["Id"]
    [client] = cognito.list_user_pool_clients(UserPoolId=pool_id)["UserPoolClients"]
    for result in applied["outputs"]:
        assert result.code == 0, result.text
    outputs = json.loads((tmp_path / "cognito-outputs.json").read_text())
    issuer = f"https://cognito-idp.us-east-1.amazonaws.com/{pool_id}"
    assert outputs == {"pools": {"ci-recipe": {
        "region": "us-east-1", "user_pool_id": pool_id,
        "user_pool_arn": cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Arn"],
        "issuer_url": issuer, "jwks_url": f"{issuer}/.well-known/jwks.json",
        "clients": {"web": client["ClientId"]}}}}
    env_lines = (tmp_path / "cognito-outputs.env").read_text().splitlines()
    assert f"CI_RECIPE_USER_POOL_ID={pool_id}" in env_lines
    assert f"CI_RECIPE_CLIENT_WEB_ID={client['ClientId']}" in env_lines

    # Nightly: no drift right after the apply.
    [clean] = run_job(sandbox_url, commands, "drift")["plan"]
    assert clean.code == 0, clean.text
    assert "**No changes.**" in (tmp_path / "drift.md").read_text()

    # Someone adds a client in the console: the drift check exits 2 and shows it.
    cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="made-by-hand")
    [drifted] = run_job(sandbox_url, commands, "drift")["plan"]
    assert drifted.code == 2, drifted.text
    drift = (tmp_path / "drift.md").read_text()
    assert "- **delete** `user_pool.ci-recipe.client.made-by-hand`: not in the spec" in drift


def test_a_stale_saved_plan_is_refused_by_the_apply_step(sandbox_url, cognito, tmp_path,
                                                          monkeypatch):
    monkeypatch.chdir(tmp_path)
    spec = tmp_path / "pools.yaml"
    spec.write_text(SPEC)
    workflow = load_workflow()
    commands = reconciler_commands(workflow, {**workflow["env"], "SPECS": str(spec)})
    assert run(sandbox_url, "apply", "--auto-approve", str(spec)).code == 0
    spec.write_text(SPEC.replace("minimum_length: 12", "minimum_length: 14"))
    [plan] = run_job(sandbox_url, commands, "plan")["plan"]
    assert plan.code == 2, plan.text

    # While the approval is pending, someone changes the pool in the console.
    [summary] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    cognito.update_user_pool(UserPoolId=summary["Id"],
                             Policies={"PasswordPolicy": {"MinimumLength": 10}})
    [apply] = run_job(sandbox_url, commands, "apply")["apply"]
    assert apply.code == 1
    assert "stale" in apply.err
    policy = cognito.describe_user_pool(UserPoolId=summary["Id"])["UserPool"]["Policies"]
    assert policy["PasswordPolicy"]["MinimumLength"] == 10  # nothing was written


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_drift_step_fails_the_job_with_a_clear_message(sandbox_url, cognito, tmp_path):
    """The drift step's whole script, in bash as GitHub runs it, with the real command."""
    spec = tmp_path / "pools.yaml"
    spec.write_text(SPEC)
    assert run(sandbox_url, "apply", "--auto-approve", str(spec)).code == 0
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / COMMAND
    shim.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m reconciler '
                    f'--endpoint-url {shlex.quote(sandbox_url)} --no-color "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    summary = tmp_path / "summary.md"
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "SPECS": str(spec), "GITHUB_STEP_SUMMARY": str(summary),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO),
                                                       os.environ.get("PYTHONPATH")]))}
    script = step_script(load_workflow(), "drift", "--detailed-exitcode")

    def drift_step() -> subprocess.CompletedProcess[str]:
        # GitHub's default shell for run: `bash --noprofile --norc -eo pipefail {0}`.
        return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                              cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=120, check=False)

    clean = drift_step()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "**No changes.**" in summary.read_text()

    [pool] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    cognito.create_user_pool_client(UserPoolId=pool["Id"], ClientName="made-by-hand")
    drifted = drift_step()
    assert drifted.returncode == 1, drifted.stdout + drifted.stderr
    assert "::error title=Cognito drift::" in drifted.stdout
    assert "made-by-hand" in summary.read_text()


# --- the workflow's safety properties (no sandbox) ------------------------------------


def test_the_workflow_runs_on_pull_requests_pushes_to_main_and_nightly():
    on = triggers(load_workflow())
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]
    assert on["schedule"][0]["cron"]


def test_aws_credentials_come_from_oidc_never_from_stored_keys():
    workflow = load_workflow()
    text = WORKFLOW.read_text()
    assert "aws-access-key-id" not in text and "aws-secret-access-key" not in text
    assert "AWS_ACCESS_KEY_ID" not in text and "AWS_SECRET_ACCESS_KEY" not in text
    for job_id, job in workflow["jobs"].items():
        aws_steps = [s for s in job["steps"]
                     if str(s.get("uses", "")).startswith("aws-actions/configure-aws-credentials")]
        assert aws_steps, f"job {job_id} gets no AWS credentials"
        assert job["permissions"]["id-token"] == "write", job_id
        for step in aws_steps:
            assert step["with"]["role-to-assume"], job_id


def test_apply_waits_for_approval_and_applies_only_the_saved_plan():
    workflow = load_workflow()
    apply_job = workflow["jobs"]["apply"]
    assert apply_job["environment"] == "production"
    assert apply_job["needs"] == "plan"
    commands = reconciler_commands(workflow, {**workflow["env"], "SPECS": "cognito/"})
    plans = [c for c in commands if c.job == "plan" and c.subcommand == "plan"]
    applies = [c for c in commands if c.subcommand == "apply"]
    assert [c.job for c in applies] == ["apply"]
    [plan] = plans
    saved = plan.args[plan.args.index("--out") + 1]
    assert applies[0].args == ["apply", saved, "--auto-approve"]  # never --allow-replace
    [download] = [s for s in apply_job["steps"]
                  if str(s.get("uses", "")).startswith("actions/download-artifact")]
    [upload] = [s for s in workflow["jobs"]["plan"]["steps"]
                if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    assert download["with"]["name"] == upload["with"]["name"]
    assert saved in upload["with"]["path"].split()


def test_plan_and_apply_jobs_target_the_same_region_and_endpoint():
    # A saved plan is refused in another region, account or endpoint (issue 12.8):
    # the two jobs must configure the same ones, from the workflow's env.
    workflow = load_workflow()
    regions = {}
    for job_id in ("plan", "apply"):
        job = workflow["jobs"][job_id]
        assert not {"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL"} & set(
            job.get("env", {})), job_id
        [aws] = [s for s in job["steps"]
                 if str(s.get("uses", "")).startswith("aws-actions/configure-aws-credentials")]
        regions[job_id] = aws["with"]["aws-region"]
        for step in job["steps"]:
            assert "AWS_REGION" not in step.get("env", {}), (job_id, step)
    assert regions == {"plan": "${{ env.AWS_REGION }}", "apply": "${{ env.AWS_REGION }}"}
    commands = reconciler_commands(workflow, {**workflow["env"], "SPECS": "cognito/"})
    for command in commands:
        assert "--region" not in command.args and "--endpoint-url" not in command.args


def test_the_drift_check_uses_the_detailed_exit_code():
    workflow = load_workflow()
    assert workflow["jobs"]["drift"]["if"] == "github.event_name == 'schedule'"
    commands = reconciler_commands(workflow, {**workflow["env"], "SPECS": "cognito/"})
    [drift] = [c for c in commands if c.job == "drift"]
    assert drift.subcommand == "plan" and "--detailed-exitcode" in drift.args


# --- editors and pre-commit -----------------------------------------------------------


def test_the_pre_commit_hook_validates_yaml_files():
    [hook] = [h for h in yaml.safe_load(HOOKS.read_text())
              if h["id"] == "cognito-reconciler-validate"]
    assert hook["entry"] == "cognito-reconciler validate"
    assert hook["language"] == "python"
    assert hook.get("pass_filenames", True) is True
    pattern = re.compile(hook["files"])
    assert pattern.search("cognito/pools.yaml") and pattern.search("a.yml")
    assert not pattern.search("pools.json") and not pattern.search("yaml.txt")


def test_the_schema_command_prints_the_schema_without_importing_boto3():
    code = ("import sys\n"
            "from reconciler.cli import main\n"
            "try:\n    main(['schema'])\n"
            "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
            "loaded = sorted(m for m in ('boto3', 'botocore') if m in sys.modules)\n"
            "assert not loaded, loaded\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False, cwd=REPO, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (REPO / "schema" / "cognito-reconciler.schema.json").read_text(
        encoding="utf-8")
    assert json.loads(proc.stdout)["title"] == "cognito-reconciler spec"


def test_outputs_refuses_what_does_not_exist_yet(sandbox_url, tmp_path):
    spec = tmp_path / "pools.yaml"
    spec.write_text(SPEC)
    result = run(sandbox_url, "outputs", str(spec))
    assert result.code == 1
    assert result.out == ""
    assert "not created yet: user_pool.ci-recipe" in result.err
    assert "apply" in result.err


def test_outputs_names_a_missing_client(sandbox_url, cognito, tmp_path):
    spec = tmp_path / "pools.yaml"
    spec.write_text(SPEC)
    assert run(sandbox_url, "apply", "--auto-approve", str(spec)).code == 0
    spec.write_text(SPEC + "      - client_name: mobile\n")
    result = run(sandbox_url, "outputs", "--format", "env", str(spec))
    assert result.code == 1
    assert "not created yet: user_pool.ci-recipe.client.mobile" in result.err


def test_outputs_never_prints_a_client_secret(sandbox_url, cognito, tmp_path):
    spec = tmp_path / "pools.yaml"
    spec.write_text(SPEC.replace("generate_secret: false", "generate_secret: true"))
    assert run(sandbox_url, "apply", "--auto-approve", str(spec)).code == 0
    [pool] = cognito.list_user_pools(MaxResults=60)["UserPools"]
    [client] = cognito.list_user_pool_clients(UserPoolId=pool["Id"])["UserPoolClients"]
    secret = cognito.describe_user_pool_client(
        UserPoolId=pool["Id"], ClientId=client["ClientId"])["UserPoolClient"]["ClientSecret"]
    for fmt in ("json", "env"):
        result = run(sandbox_url, "outputs", "--format", fmt, str(spec))
        assert result.code == 0, result.text
        assert client["ClientId"] in result.out
        assert secret not in result.text


def test_outputs_gives_the_live_domain_host_name(sandbox_url, tmp_path):
    spec = tmp_path / "pools.yaml"
    spec.write_text(SPEC + "    domain:\n      domain: ci-recipe-login\n")
    assert run(sandbox_url, "apply", "--auto-approve", str(spec)).code == 0
    result = run(sandbox_url, "outputs", str(spec))
    assert result.code == 0, result.text
    host = "ci-recipe-login.auth.us-east-1.amazoncognito.com"
    assert json.loads(result.out)["pools"]["ci-recipe"]["domain"] == host
    env = run(sandbox_url, "outputs", "--format", "env", str(spec))
    assert f"CI_RECIPE_DOMAIN={host}" in env.out.splitlines()
