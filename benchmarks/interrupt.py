"""Interrupting an apply: what starts after the signal, how long until the report.

    python benchmarks/interrupt.py --runs 5

Starts a sandbox, applies a pool, then for each run applies a spec adding
``--groups`` groups as a subprocess (``COGNITO_RECONCILER_MAX_WORKERS=--workers``)
while the sandbox holds every write in flight (``latency_writes_ms``). Once every
worker is in a call it sends the signal, waits for the tool's acknowledgement,
releases the writes after ``--answer-ms`` and measures: writes that reached the
sandbox after the signal, the exit status, and the seconds from the signal to the
exit. A last run never releases the writes, with
``COGNITO_RECONCILER_STOP_WAIT_SECONDS=--stop-wait``: the wait must end on its own.
Each run is followed by a plain apply that must converge. Nothing asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from reconciler.sandbox.server import SandboxServer  # noqa: E402


def control(url: str, method: str, path: str, document: Any = None) -> Any:
    data = None if document is None else json.dumps(document).encode()
    request = urllib.request.Request(url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


def calls(url: str, operation: str) -> int:
    return int(control(url, "GET", "/_sandbox/stats")["calls"].get(operation, 0))


def cli(url: str, env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "reconciler", "--endpoint-url", url,
                             "--no-color", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)


def one_run(url: str, env: dict[str, str], spec: str, workers: int, signum: int,
            answer_ms: float | None) -> dict[str, Any]:
    control(url, "POST", "/_sandbox/faults", {"latency_writes_ms": 600_000})
    before = calls(url, "CreateGroup")
    proc = cli(url, env, "apply", "--auto-approve", spec)
    while calls(url, "CreateGroup") < before + workers:
        time.sleep(0.01)
    proc.send_signal(signum)
    signalled = time.monotonic()
    assert proc.stderr is not None
    while "starting no new call" not in (proc.stderr.readline() or "starting no new call"):
        pass
    if answer_ms is not None:
        time.sleep(answer_ms / 1000)
        control(url, "DELETE", "/_sandbox/faults")
    proc.communicate(timeout=600)
    stopped = time.monotonic() - signalled
    after = calls(url, "CreateGroup") - before - workers
    control(url, "DELETE", "/_sandbox/faults")
    converge = cli(url, env, "apply", "--auto-approve", spec)
    converge.communicate(timeout=600)
    return {"signal": signal.Signals(signum).name, "exit": proc.returncode,
            "in_flight": workers, "writes_after_signal": after,
            "signal_to_exit_s": round(stopped, 2), "rerun_exit": converge.returncode}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--groups", type=int, default=12)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--answer-ms", type=float, default=200.0)
    parser.add_argument("--stop-wait", type=float, default=2.0)
    args = parser.parse_args()
    with SandboxServer() as server, tempfile.TemporaryDirectory() as folder:
        url = server.url
        env = {**os.environ, "AWS_ACCESS_KEY_ID": "sandbox", "AWS_SECRET_ACCESS_KEY": "sandbox",
               "AWS_REGION": "us-east-1", "COGNITO_RECONCILER_MAX_WORKERS": str(args.workers),
               "COGNITO_RECONCILER_STOP_WAIT_SECONDS": str(args.stop_wait)}
        results = []
        for run in range(args.runs + 1):
            server.reset()
            spec = Path(folder) / f"spec{run}.yaml"
            spec.write_text("version: 1\nuser_pools:\n  - pool_name: halted\n")
            cli(url, env, "apply", "--auto-approve", str(spec)).communicate(timeout=600)
            spec.write_text(spec.read_text() + "    groups:\n" + "".join(
                f"      - group_name: g{i}\n" for i in range(args.groups)))
            last = run == args.runs
            signum = signal.SIGINT if run % 2 == 0 else signal.SIGTERM
            result = one_run(url, env, str(spec), args.workers, signum,
                             None if last else args.answer_ms)
            result["writes_answered"] = not last
            print(json.dumps(result), flush=True)
            results.append(result)


if __name__ == "__main__":
    main()
