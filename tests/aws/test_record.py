"""Each call the tool relies on, run against the target and recorded as a snapshot
(with COGNITO_RECONCILER_AWS_RECORD). tests/sandbox/test_snapshots.py replays them."""

from __future__ import annotations

import time

import pytest

from .cases import CASES
from .harness import record_dir, run_case
from .snapshots import check_format, write_new


@pytest.mark.parametrize("case", CASES, ids=[f"{c['operation']}/{c['case']}" for c in CASES])
def test_record(case, aws, region, prefix):
    snapshot = run_case(case, aws, prefix, region, time.sleep)
    assert check_format(snapshot) == []
    text = str(snapshot)
    assert prefix not in text, "the run's own names must be masked"
    root = record_dir()
    if root is not None:
        written = write_new(root, snapshot)
        print(f"recorded {written}")
