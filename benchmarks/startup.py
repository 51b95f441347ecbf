"""Start-up: `--help`, `validate` and a one-pool `plan` against a bare boto3 client.

    python benchmarks/startup.py --repeat 7

Best-of-N wall times of fresh processes (no hyperfine needed): creating a bare
boto3 cognito-idp client; `--help`; `validate specs/workshop.yaml`; and `plan` of a
one-pool spec against a sandbox on 127.0.0.1 (quotas and latency off, so what is
left is start-up plus a few loopback calls). Also lists which of boto3, botocore and
moto `validate` and `--help` import (`-X importtime`). Prints; asserts nothing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.fleet import REGION, base_env, best_of, expect, run_cli  # noqa: E402

ONE_POOL = "version: 1\nuser_pools:\n  - pool_name: startup-bench\n    clients:\n" \
           "      - client_name: web\n"


def heavy(args: list[str], env: dict[str, str]) -> list[str]:
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "reconciler", *args],
                          capture_output=True, text=True, env=env, cwd=REPO, timeout=120,
                          check=False)
    names = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in proc.stderr.splitlines()
             if line.startswith("import time:")}
    return sorted(names & {"boto3", "botocore", "moto"})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    from reconciler.sandbox.server import SandboxServer

    env = base_env()
    workshop = str(REPO / "specs" / "workshop.yaml")
    with tempfile.TemporaryDirectory() as tmp, SandboxServer() as server:
        spec = Path(tmp) / "one.yaml"
        spec.write_text(ONE_POOL)
        expect(run_cli(server.url, ["apply", "--auto-approve", str(spec)], env), [0], "build")
        client = (f"import boto3; boto3.client('cognito-idp', region_name={REGION!r}, "
                  f"endpoint_url={server.url!r})")
        plan_env = dict(env, AWS_ENDPOINT_URL_COGNITO_IDP=server.url)
        rows = {
            "bare boto3 cognito-idp client": best_of(args.repeat, [sys.executable, "-c", client],
                                                     env),
            "--help": best_of(args.repeat, [sys.executable, "-m", "reconciler", "--help"], env),
            "validate specs/workshop.yaml": best_of(
                args.repeat, [sys.executable, "-m", "reconciler", "validate", workshop], env),
            "plan, one pool (sandbox)": best_of(
                args.repeat, [sys.executable, "-m", "reconciler", "--endpoint-url", server.url,
                              "plan", str(spec)], plan_env),
        }
    base = rows["bare boto3 cognito-idp client"]
    print(f"best of {args.repeat}:")
    for name, seconds in rows.items():
        print(f"  {name:32s} {seconds * 1000:6.0f} ms  ({seconds / base:.2f}x the boto3 client)")
    print(f"  --help vs validate: {rows['--help'] / rows['validate specs/workshop.yaml']:.2f}x")
    print("  boto3/botocore/moto imported by validate: "
          + (", ".join(heavy(["validate", workshop], env)) or "none"))
    print("  boto3/botocore/moto imported by --help: " + (", ".join(heavy(["--help"], env))
                                                          or "none"))


if __name__ == "__main__":
    main()
