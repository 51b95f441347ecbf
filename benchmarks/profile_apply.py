"""Where one run's wall time goes: the CLI's ``-v`` log with a timestamp on each line.

    python benchmarks/profile_apply.py --pools 5 --clients 10 --groups 5
    python benchmarks/profile_apply.py --pools 50 --clients 1 --groups 0 \
        --changed-clients 1 --spec-pools 1

Builds the fleet of ``benchmarks/fleet.py`` in a fresh sandbox (quotas off), switches on
the emulator's quotas (x``--scale``) and latency, then runs ``apply --auto-approve`` (or
``--command plan``) of the changed spec with ``-v`` and prints each line of its output
prefixed by the seconds since the process started, then the calls it made. The gaps
between lines (start-up before the first call, the plan's reads, the writes, the
verification) are what ``docs/performance.md`` reports under "Where one apply's time
goes". Nothing is asserted.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from tempfile import TemporaryDirectory

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import fleet  # noqa: E402


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--pools", type=int, default=5)
    parser.add_argument("--clients", type=int, default=10, help="clients per pool")
    parser.add_argument("--groups", type=int, default=5, help="groups per pool")
    parser.add_argument("--changed-clients", type=int, default=5)
    parser.add_argument("--idps", type=int, default=0)
    parser.add_argument("--servers", type=int, default=0)
    parser.add_argument("--change-parts", action="store_true")
    parser.add_argument("--spec-pools", type=int, default=0)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--latency-ms", type=float, default=100.0)
    parser.add_argument("--rate-share", type=float, default=0.9)
    parser.add_argument("--command", choices=["apply", "plan"], default="apply")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse(argv)
    shape = fleet.Shape(args.idps, args.servers, args.change_parts)
    from reconciler.sandbox.server import SandboxServer  # moto: only here

    with TemporaryDirectory(prefix="profile-apply-") as tmp, SandboxServer() as server:
        built, changed = Path(tmp) / "built.yaml", Path(tmp) / "changed.yaml"
        built.write_text(fleet.fleet_yaml(args.pools, args.clients, args.groups, shape=shape))
        changed.write_text(fleet.fleet_yaml(args.pools, args.clients, args.groups, True,
                                            args.changed_clients, shape, args.spec_pools))
        fleet.expect(fleet.run_cli(server.url, ["apply", "--auto-approve", str(built)],
                                   fleet.base_env()), [0], "build")
        fleet.control(server.url, "POST", "/_sandbox/faults",
                      {"quotas": {"scale": args.scale}, "latency_ms": args.latency_ms})
        fleet.control(server.url, "DELETE", "/_sandbox/stats")
        env = fleet.base_env()
        env.update({fleet.PACING_ENV: "on", fleet.FACTOR_ENV: repr(args.rate_share * args.scale),
                    "AWS_ENDPOINT_URL_COGNITO_IDP": server.url})
        command = [sys.executable, "-m", "reconciler", "--endpoint-url", server.url,
                   "--no-color", "-v", args.command, str(changed)]
        if args.command == "apply":
            command.insert(-1, "--auto-approve")
        started = time.perf_counter()
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, env=env, cwd=fleet.REPO) as proc:
            assert proc.stdout is not None
            for line in proc.stdout:
                print(f"{time.perf_counter() - started:7.3f} {line.rstrip()}")
        wall = time.perf_counter() - started
        stats = fleet.control(server.url, "GET", "/_sandbox/stats")
        print(f"wall {wall:.2f}s, exit {proc.returncode}, {stats['total_calls']} calls, "
              f"{stats['total_throttles']} throttles")
        for operation, count in sorted(stats["calls"].items()):
            print(f"  {operation}: {count}")


if __name__ == "__main__":
    main()
