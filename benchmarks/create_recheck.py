"""The re-check before creates: ListUserPools pages with and without shared listings.

    python benchmarks/create_recheck.py --existing 130 --new 16

Starts a sandbox, makes ``--existing`` pools (so each listing is several pages of
60), then applies a spec of ``--new`` new pools twice from the same stale plan
shape: once re-checking each create with its own listing
(``live.recheck.existing_for_create``), once with ``apply.create_check.CreateCheck``
(what apply uses). Prints ListUserPools calls made by the executor and the wall
time of each. Nothing asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import boto3  # noqa: E402

from reconciler.apply.create_check import CreateCheck  # noqa: E402
from reconciler.apply.executor import Execution  # noqa: E402
from reconciler.cli_options import Options, api_factory  # noqa: E402
from reconciler.engine import plan  # noqa: E402
from reconciler.inputs import SpecInput  # noqa: E402
from reconciler.live.recheck import existing_for_create  # noqa: E402
from reconciler.sandbox.server import SandboxServer  # noqa: E402


def listings(url: str) -> int:
    with urllib.request.urlopen(f"{url}/_sandbox/requests", timeout=10) as response:
        log = json.loads(response.read())
    return sum(1 for entry in log if entry["operation"] == "ListUserPools")


def clear(url: str) -> None:
    request = urllib.request.Request(f"{url}/_sandbox/requests", method="DELETE")
    urllib.request.urlopen(request, timeout=10).close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--existing", type=int, default=130)
    parser.add_argument("--new", type=int, default=16)
    args = parser.parse_args()
    os.environ.update(AWS_ACCESS_KEY_ID="sandbox", AWS_SECRET_ACCESS_KEY="sandbox",
                      AWS_REGION="us-east-1")
    with SandboxServer() as server, tempfile.TemporaryDirectory() as folder:
        cognito: Any = boto3.client("cognito-idp", endpoint_url=server.url,
                                    region_name="us-east-1")
        for way, check in (("own listing per create", existing_for_create),
                           ("shared listings (CreateCheck)", CreateCheck())):
            server.reset()
            for index in range(args.existing):
                cognito.create_user_pool(PoolName=f"existing-{index}")
            spec = Path(folder) / "new.yaml"
            spec.write_text("version: 1\nuser_pools:\n" + "".join(
                f"  - pool_name: new-{index}\n" for index in range(args.new)))
            api = api_factory(Options(None, None, server.url, True, False))
            planned = plan(SpecInput([str(spec)]), api)
            clear(server.url)
            started = time.monotonic()
            report = Execution(planned.plan, api, lambda _: None, create_check=check).run()
            wall = time.monotonic() - started
            assert report.ok, report.failure
            pages = -(-(args.existing + args.new) // 60)
            print(f"{way}: {args.new} creates, {listings(server.url)} ListUserPools calls "
                  f"(a listing is {pages} pages or fewer), {wall:.1f}s", flush=True)


if __name__ == "__main__":
    main()
