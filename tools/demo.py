"""Plan, apply and re-plan a spec against a throwaway local sandbox (no AWS account).

    python tools/demo.py specs/workshop.yaml
"""

from __future__ import annotations

import os
import subprocess
import sys

from reconciler.sandbox.server import SandboxServer


def run(args: list[str], env: dict[str, str]) -> int:
    print(f"\n$ cognito-reconciler {' '.join(args)}", flush=True)
    return subprocess.call([sys.executable, "-m", "reconciler", *args], env=env)


def main(spec: str) -> int:
    server = SandboxServer()
    url = server.start()
    env = {**os.environ, "AWS_ENDPOINT_URL_COGNITO_IDP": url, "AWS_REGION": "us-east-1"}
    print(f"Sandbox running at {url}")
    try:
        steps = [
            (["plan", spec], {0}),
            (["apply", "--auto-approve", spec], {0}),
            (["plan", "--detailed-exitcode", spec], {0}),
        ]
        for args, ok in steps:
            code = run(args, env)
            if code not in ok:
                print(f"demo failed: exit status {code}", file=sys.stderr)
                return 1
        print("\nDemo complete: created, applied, and a fresh plan shows no changes.")
        return 0
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "specs/workshop.yaml"))
