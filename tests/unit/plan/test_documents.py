from reconciler.plan.documents import canonical, leaf_changes, merge
from reconciler.plan.shapes import Shape

POOL = Shape.of("UserPool")


def test_merge_keeps_unmanaged_members_of_structures():
    live = {"Policies": {"PasswordPolicy": {"MinimumLength": 8, "RequireSymbols": True}}}
    managed = {"Policies": {"PasswordPolicy": {"MinimumLength": 12}}}
    merged = merge(live, managed, POOL)
    assert merged["Policies"]["PasswordPolicy"] == {"MinimumLength": 12, "RequireSymbols": True}


def test_merge_replaces_maps_whole_so_removed_tags_are_removed():
    live = {"UserPoolTags": {"project": "a", "old": "x"}}
    merged = merge(live, {"UserPoolTags": {"project": "b"}}, POOL)
    assert merged["UserPoolTags"] == {"project": "b"}


def test_merge_replaces_whole_structures_when_told():
    live = {"LambdaConfig": {"PreSignUp": "arn:a", "PostConfirmation": "arn:b"}}
    merged = merge(live, {"LambdaConfig": {}}, POOL, frozenset({("LambdaConfig",)}))
    assert merged["LambdaConfig"] == {}


def test_canonical_treats_lists_as_sets_and_empties_as_absent():
    a = {"AutoVerifiedAttributes": ["phone_number", "email"], "LambdaConfig": {}, "X": None}
    b = {"AutoVerifiedAttributes": ["email", "phone_number"]}
    assert canonical(a) == canonical(b)


def test_leaf_changes_reports_paths():
    before = {"Policies": {"PasswordPolicy": {"MinimumLength": 8}}}
    after = {"Policies": {"PasswordPolicy": {"MinimumLength": 9}}, "MfaConfiguration": "ON"}
    assert leaf_changes(before, after) == [
        (("MfaConfiguration",), None, "ON"),
        (("Policies", "PasswordPolicy", "MinimumLength"), 8, 9),
    ]


def test_empty_string_is_absent_in_structures_but_data_in_maps():
    assert canonical({"Description": ""}, Shape.of("Group")) == {}
    tags = {"UserPoolTags": {"team": "", "project": "x"}}
    assert canonical(tags, POOL) == {"UserPoolTags": {"project": "x", "team": ""}}
