"""Fleet benchmark: plan and apply at fleet scale against the emulator's quotas, and start-up.

    python benchmarks/fleet.py --pools 20 --clients 25 --groups 10 --scale 0.2 --latency-ms 40

1. Starts a sandbox (``SandboxServer``, 127.0.0.1) and builds the fleet with the
   tool itself (``apply``, quotas and latency off): N pools x M clients x K groups,
   specs written to a temporary directory.
2. Switches on the emulator's quotas (every rate times ``--scale``) and latency,
   then times through the real CLI (``python -m reconciler --endpoint-url ...``):
   a no-op plan, a plan with changes (one field in every pool and in
   ``--changed-clients`` clients of each pool) and the apply of those changes.
   For each: wall time, calls per operation and throttles (``GET /_sandbox/stats``),
   the quota floor (per category: calls / allowed rate; per pool and operation:
   the busiest pool's calls / allowed rate; the floor is the largest), the ratio
   wall / floor, and the same run with ``COGNITO_RECONCILER_MAX_WORKERS=1``
   (sequential) for comparison.
3. Start-up: ``validate`` of specs/workshop.yaml against ``python -c "import
   yaml, jsonschema"`` (best of ``--repeat``), whether ``validate`` imports boto3,
   botocore or moto (``python -X importtime``), and ``validate`` of generated
   specs of 100, 300 and 1,000 pools.

The tool paces itself only when told the emulator's rates: the benchmark sets
``COGNITO_RECONCILER_PACING=on`` and ``COGNITO_RECONCILER_RATE_FACTOR`` =
``--rate-share`` x ``--scale`` (the share of AWS's quotas the tool may use).
Nothing here asserts a time: it measures and prints (``--json`` saves the figures).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from reconciler.quota_table import (  # noqa: E402
    CATEGORY_OF,
    CATEGORY_RATES,
    LIMIT_MANAGEMENT,
    PER_POOL_OPERATION_RATES,
)

WORKERS_ENV = "COGNITO_RECONCILER_MAX_WORKERS"
PACING_ENV = "COGNITO_RECONCILER_PACING"
FACTOR_ENV = "COGNITO_RECONCILER_RATE_FACTOR"
REGION = "us-east-1"
CLI_TIMEOUT = 3600


# --- specs -------------------------------------------------------------------

@dataclass
class Shape:
    """What each pool holds besides clients and groups, and what 'changed' changes."""

    idps: int = 0
    servers: int = 0
    change_parts: bool = False  # every group, IdP and resource server changed too


def pool_yaml(index: int, clients: int, groups: int, changed: bool,
              changed_clients: int, shape: Shape | None = None) -> str:
    """One pool of the fleet; ``changed`` alters one pool field and some clients."""
    shape = shape or Shape()
    part = "changed" if changed and shape.change_parts else "base"
    lines = [
        f"  - pool_name: fleet-{index:04d}",
        "    policies:",
        f"      password_policy: {{minimum_length: {10 if changed else 8}}}",
        "    user_pool_tags: {fleet: benchmark}",
    ]
    if clients:
        lines.append("    clients:")
        for c in range(clients):
            validity = 20 if changed and c < changed_clients else 30
            lines += [
                f"      - client_name: app-{c:03d}",
                "        explicit_auth_flows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]",
                f"        refresh_token_validity: {validity}",
                "        token_validity_units: {refresh_token: days}",
            ]
    if groups:
        lines.append("    groups:")
        lines += [f"      - {{group_name: group-{g:03d}, description: \"Group {g} {part}\", "
                  f"precedence: {g}}}" for g in range(groups)]
    if shape.servers:
        lines.append("    resource_servers:")
        lines += [f"      - {{identifier: 'https://api-{r:03d}.example.com', name: {part}, "
                  "scopes: [{scope_name: read, scope_description: read}]}"
                  for r in range(shape.servers)]
    if shape.idps:
        lines.append("    identity_providers:")
        lines += [f"      - {{provider_name: idp-{i:03d}, provider_type: OIDC, "
                  f"attribute_mapping: {{email: {part}}}, provider_details: {{client_id: c{i}, "
                  "attributes_request_method: GET, oidc_issuer: 'https://idp.example.com', "
                  "authorize_scopes: openid}}" for i in range(shape.idps)]
    return "\n".join(lines) + "\n"


def fleet_yaml(pools: int, clients: int, groups: int, changed: bool = False,
               changed_clients: int = 0, shape: Shape | None = None, first: int = 0) -> str:
    """``first``: the spec names only this many of the pools (0: all)."""
    named = min(pools, first) if first else pools
    body = "".join(pool_yaml(i, clients, groups, changed, changed_clients, shape)
                   for i in range(named))
    return f"version: 1\nuser_pools:\n{body}"


# --- the sandbox and the CLI -------------------------------------------------

def control(url: str, method: str, path: str, document: Any = None) -> Any:
    data = None if document is None else json.dumps(document).encode()
    request = urllib.request.Request(url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"null")


def base_env() -> dict[str, str]:
    """The caller's environment minus AWS settings, plus dummy credentials (never AWS)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AWS_", "COGNITO_RECONCILER_"))}
    env.update({
        "AWS_ACCESS_KEY_ID": "benchmark", "AWS_SECRET_ACCESS_KEY": "benchmark",
        "AWS_REGION": REGION, "AWS_DEFAULT_REGION": REGION,
        "AWS_CONFIG_FILE": "/nonexistent/aws-config",
        "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/aws-credentials",
        "AWS_EC2_METADATA_DISABLED": "true",
        "PYTHONPATH": str(REPO) + os.pathsep + env.get("PYTHONPATH", ""),
        "NO_COLOR": "1",
    })
    return env


@dataclass
class CliRun:
    code: int
    seconds: float
    out: str
    err: str


def run_cli(url: str, args: Sequence[str], env: dict[str, str]) -> CliRun:
    env = dict(env, AWS_ENDPOINT_URL_COGNITO_IDP=url)
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "reconciler", "--endpoint-url", url, "--no-color", *args],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=CLI_TIMEOUT, check=False)
    return CliRun(proc.returncode, time.perf_counter() - started, proc.stdout, proc.stderr)


def expect(run: CliRun, codes: Sequence[int], what: str) -> None:
    if run.code not in codes:
        tail = "\n".join((run.out + run.err).splitlines()[-30:])
        raise SystemExit(f"{what}: exit {run.code}, expected {list(codes)}\n{tail}")


# --- floors ------------------------------------------------------------------

@dataclass
class Floor:
    seconds: float
    binding: str
    by_limit: dict[str, float]


def quota_floor(stats: dict[str, Any], scale: float) -> Floor:
    """The least time Cognito's quotas allow for the calls made (throttled ones excluded).

    Per category: calls / (rate x scale). Per pool and operation (client and
    resource categories): the busiest pool's calls of that operation / (5 x scale).
    LimitManagement (GetProvisionedLimit) is left out: the pacer asks it only when its
    1 request/s has room, beside the work, and never holds a call back for it.
    """
    by_limit: dict[str, float] = {}
    for category, entry in stats["categories"].items():
        if category in CATEGORY_RATES and category != LIMIT_MANAGEMENT:
            admitted = entry["calls"] - entry["throttles"]
            by_limit[category] = admitted / (CATEGORY_RATES[category] * scale)
    for operation, calls in stats["max_per_pool"].items():
        category = CATEGORY_OF.get(operation)
        if category in PER_POOL_OPERATION_RATES:
            rate = PER_POOL_OPERATION_RATES[category] * scale
            by_limit[f"{operation} per pool"] = calls / rate
    if not by_limit:
        return Floor(0.0, "-", {})
    binding = max(by_limit, key=lambda key: by_limit[key])
    return Floor(by_limit[binding], binding, by_limit)


READ_AFTER_WRITE = {
    # The read that shows what a write did: the minimum verification of that write.
    "UpdateUserPool": ("DescribeUserPool",), "SetUserPoolMfaConfig": ("GetUserPoolMfaConfig",),
    "UpdateUserPoolClient": ("DescribeUserPoolClient",),
    "CreateUserPoolClient": ("DescribeUserPoolClient",),
    "UpdateGroup": ("GetGroup",), "CreateGroup": ("GetGroup",),
    "UpdateResourceServer": ("DescribeResourceServer",),
    "CreateResourceServer": ("DescribeResourceServer",),
    "UpdateIdentityProvider": ("DescribeIdentityProvider",),
    "CreateIdentityProvider": ("DescribeIdentityProvider",),
}
READ_PREFIXES = ("Describe", "Get", "List")


def is_work_read(operation: str) -> bool:
    """A read of the resources themselves (not the pacer's GetProvisionedLimit)."""
    return operation.startswith(READ_PREFIXES) and CATEGORY_OF.get(operation) != LIMIT_MANAGEMENT


def necessary_floor(plan_stats: dict[str, Any], apply_stats: dict[str, Any] | None,
                    scale: float) -> Floor:
    """The floor of the necessary work: the plan's reads (one per live resource the
    specs touch, pinned in tests/e2e/test_calls.py), then, for an apply, one write per
    planned change and one read of each written resource (the minimum verification).
    Per-pool counts add the busiest pool's of each part, an upper bound when the
    busiest pools differ. GetProvisionedLimit is no part of the work (see quota_floor)."""
    calls = {op: n for op, n in plan_stats["calls"].items() if is_work_read(op)}
    per_pool = {op: n for op, n in plan_stats["max_per_pool"].items() if is_work_read(op)}
    if apply_stats is not None:
        for op, n in apply_stats["calls"].items():
            if op.startswith(READ_PREFIXES) or CATEGORY_OF.get(op) == LIMIT_MANAGEMENT:
                continue
            answered = n - apply_stats["throttles"].get(op, 0)
            calls[op] = calls.get(op, 0) + answered
            per_pool[op] = per_pool.get(op, 0) + apply_stats["max_per_pool"].get(op, 0)
            for read in READ_AFTER_WRITE.get(op, ()):
                calls[read] = calls.get(read, 0) + answered
                per_pool[read] = per_pool.get(read, 0) + apply_stats["max_per_pool"].get(op, 0)
    categories: dict[str, dict[str, int]] = {}
    for op, n in calls.items():
        category = CATEGORY_OF.get(op)
        if category:
            entry = categories.setdefault(category, {"calls": 0, "throttles": 0})
            entry["calls"] += n
    return quota_floor({"categories": categories, "max_per_pool": per_pool}, scale)


@dataclass
class Phase:
    name: str
    wall: float
    calls: int
    throttles: int
    by_operation: dict[str, int]
    throttles_by_operation: dict[str, int]
    floor: float
    binding: str
    floor_by_limit: dict[str, float]
    sequential_wall: float | None = None
    sequential_calls: int | None = None
    sequential_throttles: int | None = None
    latency_sum: float = 0.0  # calls x latency: a sequential client's least wait
    necessary_floor: float = 0.0
    necessary_binding: str = "-"

    @property
    def necessary_ratio(self) -> float:
        return self.wall / self.necessary_floor if self.necessary_floor else float("nan")

    @property
    def ratio(self) -> float:
        return self.wall / self.floor if self.floor else float("nan")


@dataclass
class Startup:
    yaml_jsonschema: float
    validate_workshop: float
    heavy_imports: list[str]
    large_specs: dict[int, float] = field(default_factory=dict)


# --- the benchmark -----------------------------------------------------------

class Bench:
    def __init__(self, url: str, args: argparse.Namespace, workdir: Path) -> None:
        self.url = url
        self.args = args
        self.base = workdir / "fleet.yaml"
        self.changed = workdir / "fleet-changed.yaml"
        shape = Shape(args.idps, args.servers, args.change_parts)
        self.built = workdir / "fleet-built.yaml"
        self.built.write_text(fleet_yaml(args.pools, args.clients, args.groups, shape=shape))
        self.base.write_text(fleet_yaml(args.pools, args.clients, args.groups, shape=shape,
                                        first=args.spec_pools))
        self.changed.write_text(fleet_yaml(args.pools, args.clients, args.groups, True,
                                           args.changed_clients, shape, args.spec_pools))
        self.plan_stats: dict[str, Any] | None = None

    def env(self, workers: int | None) -> dict[str, str]:
        env = base_env()
        env[PACING_ENV] = "on"
        env[FACTOR_ENV] = repr(self.args.rate_share * self.args.scale)
        if workers is not None:
            env[WORKERS_ENV] = str(workers)
        return env

    def faults_off(self) -> None:
        control(self.url, "DELETE", "/_sandbox/faults")

    def faults_on(self) -> None:
        """Fresh rules: every bucket starts full, so each phase starts alike."""
        control(self.url, "POST", "/_sandbox/faults",
                {"quotas": {"scale": self.args.scale, "burst_seconds": self.args.burst_seconds},
                 "latency_ms": self.args.latency_ms})

    def apply_unmeasured(self, spec: Path, what: str) -> float:
        self.faults_off()
        run = run_cli(self.url, ["apply", "--auto-approve", str(spec)], base_env())
        expect(run, [0], what)
        return run.seconds

    def measured(self, args: list[str], codes: Sequence[int], workers: int | None,
                 what: str) -> tuple[CliRun, dict[str, Any]]:
        self.faults_on()
        control(self.url, "DELETE", "/_sandbox/stats")
        run = run_cli(self.url, args, self.env(workers))
        stats: dict[str, Any] = control(self.url, "GET", "/_sandbox/stats")
        self.faults_off()
        expect(run, codes, what)
        return run, stats

    def phase(self, name: str, args: list[str], codes: Sequence[int],
              before_sequential: Callable[[], object] | None = None) -> Phase:
        log(f"{name}: concurrent run ...")
        run, stats = self.measured(args, codes, None, name)
        floor = quota_floor(stats, self.args.scale)
        if name.startswith("plan (changes)"):
            self.plan_stats = stats
        necessary = necessary_floor(self.plan_stats or stats,
                                    stats if name.startswith("apply") else None,
                                    self.args.scale)
        phase = Phase(
            name=name, wall=run.seconds, calls=stats["total_calls"],
            throttles=stats["total_throttles"], by_operation=stats["calls"],
            throttles_by_operation=stats["throttles"], floor=floor.seconds,
            binding=floor.binding, floor_by_limit=floor.by_limit,
            latency_sum=stats["total_calls"] * self.args.latency_ms / 1000.0,
            necessary_floor=necessary.seconds, necessary_binding=necessary.binding)
        log(f"{name}: {run.seconds:.1f}s, {phase.calls} calls, {phase.throttles} throttles, "
            f"floor {floor.seconds:.1f}s ({floor.binding}), necessary-work floor "
            f"{necessary.seconds:.1f}s ({necessary.binding})")
        if self.args.sequential:
            if before_sequential is not None:
                before_sequential()
            log(f"{name}: sequential run ({WORKERS_ENV}=1) ...")
            seq, seq_stats = self.measured(args, codes, 1, f"{name} (sequential)")
            phase.sequential_wall = seq.seconds
            phase.sequential_calls = seq_stats["total_calls"]
            phase.sequential_throttles = seq_stats["total_throttles"]
            log(f"{name}: sequential {seq.seconds:.1f}s, {seq_stats['total_calls']} calls, "
                f"{seq_stats['total_throttles']} throttles")
        return phase

    def run(self) -> tuple[float, list[Phase]]:
        log(f"building the fleet: {self.args.pools} pools x {self.args.clients} clients x "
            f"{self.args.groups} groups (quotas off) ...")
        build = self.apply_unmeasured(self.built, "build")
        log(f"built in {build:.1f}s")
        expect(run_cli(self.url, ["plan", "--detailed-exitcode", str(self.base)], base_env()),
               [0], "the built fleet is not a no-op plan")
        phases = [
            self.phase("plan (no-op)", ["plan", "--detailed-exitcode", str(self.base)], [0]),
            self.phase("plan (changes)", ["plan", "--detailed-exitcode", str(self.changed)], [2]),
            self.phase("apply (changes)", ["apply", "--auto-approve", str(self.changed)], [0],
                       before_sequential=lambda: self.apply_unmeasured(self.built, "revert")),
        ]
        return build, phases


# --- start-up ----------------------------------------------------------------

def best_of(times: int, command: list[str], env: dict[str, str]) -> float:
    best = float("inf")
    for _ in range(times):
        started = time.perf_counter()
        proc = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO,
                              timeout=600, check=False)
        elapsed = time.perf_counter() - started
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(command)}: exit {proc.returncode}\n{proc.stderr}")
        best = min(best, elapsed)
    return best


def heavy_imports(spec: Path, env: dict[str, str]) -> list[str]:
    """Which of boto3, botocore, moto ``validate`` imports (from ``-X importtime``)."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "reconciler", "validate", str(spec)],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=600, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"validate failed: {proc.stderr[-2000:]}")
    names = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines()
             if line.startswith("import time:")}
    roots = {name.split(".")[0] for name in names}
    return sorted(roots & {"boto3", "botocore", "moto", "s3transfer"})


def startup(args: argparse.Namespace, workdir: Path) -> Startup:
    env = base_env()
    workshop = REPO / "specs" / "workshop.yaml"
    log("start-up: import yaml, jsonschema vs validate ...")
    result = Startup(
        yaml_jsonschema=best_of(args.repeat, [sys.executable, "-c", "import yaml, jsonschema"],
                                env),
        validate_workshop=best_of(args.repeat, [sys.executable, "-m", "reconciler", "validate",
                                                str(workshop)], env),
        heavy_imports=heavy_imports(workshop, env),
    )
    for pools in args.large_pools:
        spec = workdir / f"large-{pools}.yaml"
        spec.write_text(fleet_yaml(pools, args.large_clients, args.large_groups))
        log(f"start-up: validate {pools} pools ...")
        result.large_specs[pools] = best_of(
            max(1, args.repeat // 2), [sys.executable, "-m", "reconciler", "validate", str(spec)],
            env)
    return result


# --- report ------------------------------------------------------------------

def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |"
             for row in rows]
    lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
    return "\n".join(lines)


def report(args: argparse.Namespace, build: float | None, phases: list[Phase],
           start: Startup | None) -> str:
    out = [f"Fleet: {args.pools} pools x {args.clients} clients x {args.groups} groups; "
           f"changes: every pool + {args.changed_clients} clients per pool; quotas x{args.scale} "
           f"(burst {args.burst_seconds}s), latency {args.latency_ms} ms, tool rate share "
           f"{args.rate_share}"]
    if build is not None:
        out.append(f"Build (apply, quotas off): {build:.1f}s")
    if phases:
        rows = [["phase", "wall s", "calls", "throttles", "floor s", "binding limit",
                 "wall/floor", "necessary floor s", "binding", "wall/necessary",
                 "sequential s", "seq/wall", "calls x latency s"]]
        for p in phases:
            seq = f"{p.sequential_wall:.1f}" if p.sequential_wall is not None else "-"
            speedup = (f"{p.sequential_wall / p.wall:.2f}x"
                       if p.sequential_wall is not None else "-")
            if p.sequential_throttles:
                seq += f" ({p.sequential_throttles} thr)"
            rows.append([p.name, f"{p.wall:.1f}", str(p.calls), str(p.throttles),
                         f"{p.floor:.1f}", p.binding, f"{p.ratio:.2f}",
                         f"{p.necessary_floor:.1f}", p.necessary_binding,
                         f"{p.necessary_ratio:.2f}", seq, speedup,
                         f"{p.latency_sum:.1f}"])
        out += ["", table(rows), "", "Calls by operation:"]
        operations = sorted({op for p in phases for op in p.by_operation})
        rows = [["operation", "category", *[p.name for p in phases]]]
        for op in operations:
            rows.append([op, CATEGORY_OF.get(op, "-"),
                         *[str(p.by_operation.get(op, 0)) +
                           (f" ({p.throttles_by_operation[op]} thr)"
                            if p.throttles_by_operation.get(op) else "") for p in phases]])
        out += [table(rows), "", "Floor by limit (s):"]
        limits = sorted({k for p in phases for k in p.floor_by_limit})
        rows = [["limit", *[p.name for p in phases]]]
        for limit in limits:
            rows.append([limit, *[f"{p.floor_by_limit[limit]:.1f}" if limit in p.floor_by_limit
                                  else "-" for p in phases]])
        out.append(table(rows))
    if start is not None:
        ratio = start.validate_workshop / start.yaml_jsonschema
        out += ["", f"Start-up (best of {args.repeat}):",
                f"  python -c 'import yaml, jsonschema': {start.yaml_jsonschema * 1000:.0f} ms",
                f"  validate specs/workshop.yaml:       {start.validate_workshop * 1000:.0f} ms "
                f"({ratio:.2f}x)",
                "  validate imports boto3/botocore/moto: "
                + (", ".join(start.heavy_imports) if start.heavy_imports else "none")]
        if start.large_specs:
            rows = [["pools", "validate s", "minus import floor s", "ms per pool"]]
            for pools, seconds in sorted(start.large_specs.items()):
                net = seconds - start.yaml_jsonschema
                rows.append([str(pools), f"{seconds:.2f}", f"{net:.2f}",
                             f"{net / pools * 1000:.2f}"])
            out += [f"  generated specs ({args.large_clients} clients, {args.large_groups} "
                    "groups per pool):", table(rows)]
    return "\n".join(out)


def machine() -> dict[str, str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True,
                            text=True, cwd=REPO, check=False).stdout.strip()
    return {"cpus": str(os.cpu_count()), "cpu_model": model,
            "python": platform.python_version(), "platform": platform.platform(),
            "commit": commit or "unknown"}


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--pools", type=int, default=20)
    parser.add_argument("--clients", type=int, default=25, help="clients per pool")
    parser.add_argument("--groups", type=int, default=10, help="groups per pool")
    parser.add_argument("--changed-clients", type=int, default=5,
                        help="clients changed per pool in the 'changes' runs")
    parser.add_argument("--idps", type=int, default=0, help="OIDC IdPs per pool")
    parser.add_argument("--servers", type=int, default=0, help="resource servers per pool")
    parser.add_argument("--change-parts", action="store_true",
                        help="the 'changes' runs also change every group, IdP and server")
    parser.add_argument("--spec-pools", type=int, default=0,
                        help="the measured specs name only this many of the built pools")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="the emulator's quotas are AWS's times this")
    parser.add_argument("--latency-ms", type=float, default=100.0,
                        help="the emulator's per-call latency")
    parser.add_argument("--burst-seconds", type=float, default=1.0,
                        help="the emulator's buckets hold this many seconds of tokens")
    parser.add_argument("--rate-share", type=float, default=0.9,
                        help="share of the (scaled) quotas the tool may use")
    parser.add_argument("--no-sequential", dest="sequential", action="store_false",
                        help="skip the runs with one worker")
    parser.add_argument("--repeat", type=int, default=7, help="start-up: best of this many")
    parser.add_argument("--large-pools", type=int, nargs="*", default=[100, 300, 1000])
    parser.add_argument("--large-clients", type=int, default=3)
    parser.add_argument("--large-groups", type=int, default=2)
    parser.add_argument("--skip-fleet", action="store_true", help="start-up figures only")
    parser.add_argument("--skip-startup", action="store_true", help="fleet figures only")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse(argv)
    build: float | None = None
    phases: list[Phase] = []
    start: Startup | None = None
    with tempfile.TemporaryDirectory(prefix="fleet-bench-") as tmp:
        workdir = Path(tmp)
        if not args.skip_fleet:
            from reconciler.sandbox.server import SandboxServer  # moto: only when needed

            with SandboxServer() as server:
                build, phases = Bench(server.url, args, workdir).run()
        if not args.skip_startup:
            start = startup(args, workdir)
    text = report(args, build, phases, start)
    print(text)
    if args.json:
        document = {
            "machine": machine(), "command": [sys.executable, *sys.argv],
            "options": {k: (str(v) if isinstance(v, Path) else v)
                        for k, v in vars(args).items()},
            "build_seconds": build,
            "phases": [dict(asdict(p), ratio=p.ratio, necessary_ratio=p.necessary_ratio)
                       for p in phases],
            "startup": asdict(start) if start else None,
        }
        args.json.write_text(json.dumps(document, indent=2))


if __name__ == "__main__":
    main()
