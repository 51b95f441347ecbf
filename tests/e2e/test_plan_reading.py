"""The plan a reviewer reads (issue 13): every format names each pool's region and
endpoint, and the account once the pool exists; values read the same everywhere."""

from __future__ import annotations

import json
from pathlib import Path

from .cli import run


def test_every_format_shows_region_endpoint_and_account(sandbox_url, workshop_spec, tmp_path):
    planned = run(sandbox_url, "plan", workshop_spec)
    assert planned.code == 0, planned.text
    # Not created yet: region and endpoint, no account.
    assert (f"  user_pool.workshop-users: region us-east-1, endpoint {sandbox_url}\n"
            in planned.out)
    assert "+ id = (known after apply)" in planned.out
    assert "policies.password_policy" not in planned.out

    applied = run(sandbox_url, "apply", "--auto-approve", workshop_spec)
    assert applied.code == 0, applied.text
    spec = Path(workshop_spec).read_text(encoding="utf-8")
    assert "minimum_length: 8" in spec
    changed = str(tmp_path / "workshop.yaml")
    Path(changed).write_text(spec.replace("minimum_length: 8", "minimum_length: 12"),
                             encoding="utf-8")

    text = run(sandbox_url, "plan", changed)
    as_json = run(sandbox_url, "plan", "--json", changed)
    markdown = run(sandbox_url, "plan", "--format", "markdown", changed)
    for result in (text, as_json, markdown):
        assert result.code == 0, result.text
    [pool] = json.loads(as_json.out)["pools"]
    assert pool["region"] == "us-east-1" and pool["endpoint"] == sandbox_url
    assert pool["account"] and pool["account"].isdigit()
    assert f"region us-east-1, endpoint {sandbox_url}, account {pool['account']}" in text.out
    assert (f"| `user_pool.workshop-users` | `us-east-1` | `{sandbox_url}` | "
            f"`{pool['account']}` |") in markdown.out
    # The same change, nested, in the text and Markdown plans.
    assert "~ minimum_length: 8 -> 12" in text.out
    assert "~         minimum_length: 8 -> 12" in markdown.out
