"""The stages wired together: spec -> desired, live read, plan. No rendering here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reconciler.inputs import SpecInput
from reconciler.live.read import CognitoReader, LiveReader
from reconciler.model import DesiredPool
from reconciler.plan.build import Observed, make_plan
from reconciler.plan.model import Action, Plan
from reconciler.plan.pools import KIND as POOL_KIND
from reconciler.spec.desired import desired_pools
from reconciler.spec.loader import LoadedSpec, load_spec


@dataclass
class PlanResult:
    spec: LoadedSpec
    pools: list[DesiredPool]
    observed: list[Observed]
    plan: Plan


def load(spec_input: SpecInput, strict: bool = False) -> tuple[LoadedSpec, list[DesiredPool]]:
    spec = load_spec(spec_input.paths, spec_input.variables, spec_input.var_files)
    return spec, desired_pools(spec, strict)


Progress = Callable[[int, int, str], None]


def plan(spec_input: SpecInput, api_for_region: Callable[[str | None], CognitoReader],
         progress: Progress | None = None, strict: bool = False) -> PlanResult:
    # strict: what the specs leave out is managed at Cognito's defaults (spec/strict.py).
    spec, pools = load(spec_input, strict)
    return replan(spec, pools, api_for_region, spec_input.resend_secrets, progress)


def replan(spec: LoadedSpec, pools: list[DesiredPool],
           api_for_region: Callable[[str | None], CognitoReader],
           resend_secrets: bool = False, progress: Progress | None = None) -> PlanResult:
    reader = LiveReader(api_for_region)
    lives = reader.read_pools(pools, progress)
    observed = [Observed(pool=pool, live=live, region=reader.api(pool.region).region)
                for pool, live in zip(pools, lives, strict=True)]
    plan = make_plan(observed, resend_secrets)
    replaced = _replaced_pools(plan)
    if any(item.pool.address in replaced for item in observed):
        # A replace deletes all the pool holds, managed or not: read all of it, so
        # that the plan lists each loss before anyone consents (issue 12.1). Only
        # pools being replaced pay for this read.
        observed = [Observed(pool=item.pool, region=item.region,
                             live=reader.read_pool(item.pool, everything=True))
                    if item.pool.address in replaced else item for item in observed]
        plan = make_plan(observed, resend_secrets)
    # Every plan says where it acts (issue 13): Connections knows the endpoint.
    plan.endpoint = getattr(api_for_region, "endpoint", None)
    plan.endpoint_known = hasattr(api_for_region, "endpoint")
    return PlanResult(spec=spec, pools=pools, observed=observed, plan=plan)


def _replaced_pools(plan: Plan) -> set[str]:
    return {c.address for c in plan.changes
            if c.kind == POOL_KIND and c.action == Action.REPLACE}
