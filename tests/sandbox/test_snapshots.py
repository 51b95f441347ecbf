"""The sandbox answers every snapshot's call as Cognito did.

Each snapshot under tests/aws/snapshots (recorded from AWS by the conformance suite,
or transcribed from AWS's published examples and quoted errors) is replayed here: its
setup calls, then its request, sent raw to the sandbox; the answer must have the same
keys, types and unmasked values (or the same error code and message). Where the
sandbox is known to differ, the snapshot lists the field with the reason; such a
list that no longer matches fails too, so a difference is never silently accepted
or silently kept.
"""

from __future__ import annotations

import time

import pytest
from aws.snapshots import (
    REGION_PLACEHOLDER,
    RUN_PLACEHOLDER,
    SNAPSHOTS,
    Snapshot,
    answer_differences,
    check_format,
    load_all,
    replay,
)

from reconciler.sandbox.server import SandboxServer

ALL = load_all()
REGION = "us-east-1"


def test_there_are_snapshots_and_no_unreviewed_new_answers():
    assert len(ALL) >= 10
    assert not list(SNAPSHOTS.glob("*/*.new.json")), \
        "a re-recorded answer differs from the committed one: compare and keep one"


@pytest.mark.parametrize("snapshot", ALL, ids=[f"{s.operation}/{s.path.stem}" for s in ALL])
def test_snapshot_is_well_formed(snapshot: Snapshot):
    assert check_format(snapshot.data) == []
    assert snapshot.path.parent.name == snapshot.operation
    assert snapshot.path.stem == snapshot.data["case"]
    if snapshot.kind == "recorded":
        # Only answers from AWS itself are committed as recorded facts.
        assert snapshot.data["provenance"].get("endpoint") == "AWS"


@pytest.mark.parametrize("snapshot", ALL, ids=[f"{s.operation}/{s.path.stem}" for s in ALL])
def test_the_sandbox_answers_as_the_snapshot(snapshot: Snapshot, sandbox_url, post):
    status, body = replay(snapshot.data, post, RUN_PLACEHOLDER, time.sleep)
    found = answer_differences(snapshot.data, status, body,
                               {RUN_PLACEHOLDER: RUN_PLACEHOLDER, REGION: REGION_PLACEHOLDER})
    known = snapshot.known_differences
    unexpected = {k: v for k, v in found.items() if k not in known}
    stale = sorted(set(known) - set(found))
    assert not unexpected, f"the sandbox differs from {snapshot.path.name}: {unexpected}"
    assert not stale, f"listed as known differences but now the same: {stale}"


def test_replay_fails_on_a_changed_answer(sandbox: SandboxServer, sandbox_url, post):
    # The comparison can fail: a snapshot expecting another refresh lifetime differs.
    [described] = [s for s in ALL if s.operation == "CreateGroup"][:1]
    changed = dict(described.data)
    changed["response"] = {"Group": {**described.data["response"]["Group"],
                                     "Description": "something else"}}
    status, body = replay(changed, post, RUN_PLACEHOLDER, time.sleep)
    found = answer_differences(changed, status, body, {REGION: REGION_PLACEHOLDER})
    assert "Group.Description" in found
