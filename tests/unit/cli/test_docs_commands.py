"""The README's command table is complete, and the first-run docs say true things
(issue 13: "the README omits export"; the sandbox's port)."""

from __future__ import annotations

import re
from pathlib import Path

from reconciler.cli import COMMANDS
from reconciler.commands.sandbox_cmd import DEFAULT_PORT

REPO = Path(__file__).resolve().parents[3]


def test_readme_lists_every_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Commands"):readme.index("## Safety")]
    listed = set(re.findall(r"^\| `([a-z]+)", table, flags=re.MULTILINE))
    assert listed == set(COMMANDS)


def test_docs_name_the_sandboxs_real_port() -> None:
    for name in ("README.md", "docs/getting-started.md"):
        text = (REPO / name).read_text(encoding="utf-8")
        ports = set(re.findall(r"127\.0\.0\.1:(\d+)", text))
        assert ports <= {str(DEFAULT_PORT)}, (name, ports)
    assert f"127.0.0.1:{DEFAULT_PORT}" in (REPO / "docs/getting-started.md").read_text(
        encoding="utf-8")


def test_iam_names_destroys_calls() -> None:
    iam = (REPO / "docs/iam.md").read_text(encoding="utf-8")
    destroy = iam[iam.index("## Destroy"):]
    assert "cognito-idp:DeleteUserPool\"" in destroy
    assert "cognito-idp:DeleteUserPoolDomain" in destroy
