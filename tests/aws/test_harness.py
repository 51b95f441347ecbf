"""The harness itself: a failing test still leaves nothing behind.

Run against AWS this creates and deletes one empty pool. The harness self-test
(tests/e2e/test_aws_suite_selftest.py) runs it with COGNITO_RECONCILER_AWS_SELFTEST_FAIL=1
against the sandbox, so that it fails after creating its pool, and checks the pool
is gone all the same.
"""

from __future__ import annotations

import os

import pytest


def test_a_failing_test_still_cleans_up(aws, prefix):
    made = aws.create_user_pool(PoolName=prefix + "doomed", DeletionProtection="ACTIVE")
    assert made["UserPool"]["Name"] == prefix + "doomed"
    if os.environ.get("COGNITO_RECONCILER_AWS_SELFTEST_FAIL") == "1":
        pytest.fail("deliberate failure (harness self-test): the finalizer must still clean up")
