"""Issue 11.4 in export: a part holding fields the model doesn't know is named in a note."""

from __future__ import annotations

import sys
from pathlib import Path

from reconciler.aws_types import UNMODELED_KEY
from reconciler.export.build import build_pool
from reconciler.model import LivePart

sys.path.insert(0, str(Path(__file__).parent))
from test_build import client, pool  # the export tests' own builders


def test_unmodeled_fields_of_parts_are_noted_and_not_exported() -> None:
    group = LivePart(document={"GroupName": "admins", "Description": "A",
                               UNMODELED_KEY: ["FutureSetting"]})
    domain = LivePart(document={"Domain": "auth-1", "Status": "ACTIVE",
                                UNMODELED_KEY: ["Routing2"]})
    exported = build_pool(pool(parts={"groups": [group], "domain": domain}))
    notes = "\n".join(exported.notes)
    assert "groups admins: Cognito returned fields this version doesn't model " \
           "(FutureSetting)" in notes
    assert "domain: Cognito returned fields this version doesn't model (Routing2)" in notes
    assert "future_setting" not in str(exported.pool)


def test_a_clients_part_with_unmodeled_fields_is_noted() -> None:
    risk = LivePart(document={"ClientId": "c1", UNMODELED_KEY: ["NewRule"]})
    exported = build_pool(pool(clients=[client(risk_configuration=risk)]))
    assert any("client web: risk_configuration" in n and "NewRule" in n
               for n in exported.notes)


def test_parts_without_unmodeled_fields_add_no_note() -> None:
    group = LivePart(document={"GroupName": "admins"})
    exported = build_pool(pool(parts={"groups": [group]}))
    assert not any("doesn't model" in note for note in exported.notes)
