"""The conformance suite runs against real Cognito only when asked to.

Like Terraform's TF_ACC: without COGNITO_RECONCILER_AWS_TESTS=1 every test here is
skipped, for one stated reason. With it, region and credentials come from the
environment (AWS_REGION, AWS_PROFILE, keys, an OIDC role in CI) and every test works
in throwaway pools named ``crtest-<run id>-<n>-...``, deleted afterwards even when
the test fails (and by ``make aws-sweep`` if a run is killed).
"""

from __future__ import annotations

import itertools
import os
import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .harness import ENABLE, factory, sweeper

HERE = Path(__file__).resolve().parent
REASON = (f"the real-AWS conformance suite runs only with {ENABLE}=1 (and AWS credentials "
          "and AWS_REGION in the environment): see docs/conformance.md")
_counter = itertools.count(1)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get(ENABLE) == "1":
        return
    skip = pytest.mark.skip(reason=REASON)
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def run_id() -> str:
    # Lowercase letters and digits: the prefix also names domains.
    return os.environ.get("COGNITO_RECONCILER_AWS_RUN_ID") or (
        time.strftime("%H%M") + secrets.token_hex(2))


@pytest.fixture(scope="session")
def aws() -> Any:
    """A cognito-idp client made as the tool makes its own (shipped model, retries)."""
    made = factory()
    region = made.default_region()
    if not region:
        pytest.fail("set AWS_REGION for the conformance suite")
    return made.client(region)


@pytest.fixture(scope="session")
def region(aws: Any) -> str:
    return str(aws.meta.region_name)


@pytest.fixture
def prefix(run_id: str, aws: Any) -> Iterator[str]:
    """This test's name prefix; every pool named with it is deleted when the test ends,
    passed or failed (domains first, deletion protection lifted)."""
    mine = f"crtest-{run_id}-{next(_counter)}-"
    try:
        yield mine
    finally:
        left = []
        for pool in sweeper.pools(aws):
            if str(pool["Name"]).startswith(mine):
                try:
                    sweeper.delete_pool(aws, str(pool["Id"]), print)
                except Exception as exc:
                    left.append(f"{pool['Id']} ({exc})")
        if left:
            pytest.fail(f"cleanup left {', '.join(left)}: run `make aws-sweep`")
