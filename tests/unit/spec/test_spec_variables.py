"""${env:NAME} and ${var:NAME}: sources, precedence, typing, escapes and errors."""

from __future__ import annotations

from pathlib import Path

from _spec_helpers import problems, write

from reconciler.spec import load_spec

IDP = """\
version: 1
variables:
  google_client_id: default-id
user_pools:
  - pool_name: {pool}
    identity_providers:
      - provider_name: Google
        provider_type: Google
        provider_details:
          client_id: ${{var:google_client_id}}
          client_secret: ${{env:GOOGLE_CLIENT_SECRET}}
          authorize_scopes: openid email
"""


def _spec(tmp_path: Path, pool: str = "p") -> str:
    return write(tmp_path, "spec.yaml", IDP.format(pool=pool))


def test_env_and_default_var(tmp_path: Path) -> None:
    spec = load_spec([_spec(tmp_path)], environ={"GOOGLE_CLIENT_SECRET": "s3cret"})
    details = spec.data["user_pools"][0]["identity_providers"][0]["provider_details"]
    assert details == {
        "client_id": "default-id",
        "client_secret": "s3cret",
        "authorize_scopes": "openid email",
    }
    secret_path = ("user_pools", 0, "identity_providers", 0, "provider_details", "client_secret")
    assert spec.env_paths == {secret_path}
    assert spec.warnings == []


def test_undefined_env_var_names_it(tmp_path: Path) -> None:
    f = _spec(tmp_path)
    assert problems([f], environ={}) == [
        f"{f}:11:26: error: environment variable GOOGLE_CLIENT_SECRET is not set "
        "(at user_pools[0].identity_providers[0].provider_details.client_secret)"
    ]


def test_precedence_cli_over_var_file_over_defaults(tmp_path: Path) -> None:
    f = _spec(tmp_path)
    env = {"GOOGLE_CLIENT_SECRET": "x"}
    first = write(tmp_path, "first.yaml", "google_client_id: from-first\n")
    second = write(tmp_path, "second.json", '{"google_client_id": "from-second"}')

    def client_id(**kwargs: object) -> str:
        spec = load_spec([f], environ=env, **kwargs)  # type: ignore[arg-type]
        value: str = spec.data["user_pools"][0]["identity_providers"][0]["provider_details"][
            "client_id"
        ]
        return value

    assert client_id() == "default-id"
    assert client_id(var_files=[first]) == "from-first"
    assert client_id(var_files=[first, second]) == "from-second"
    assert client_id(var_files=[second, first]) == "from-first"
    assert client_id(var_files=[first], cli_vars={"google_client_id": "cli"}) == "cli"


def test_undefined_var(tmp_path: Path) -> None:
    f = write(tmp_path, "a.yaml", "version: 1\nuser_pools:\n  - pool_name: ${var:name}\n")
    assert problems([f], environ={}) == [
        f"{f}:3:16: error: variable name is not defined: give it with --var name=VALUE, "
        "in a --var-file, or under variables: (at user_pools[0].pool_name)"
    ]


def test_unused_variables_are_warnings(tmp_path: Path) -> None:
    f = write(
        tmp_path,
        "a.yaml",
        "version: 1\nvariables:\n  used: p\n  spare: 1\nuser_pools:\n  - pool_name: ${var:used}\n",
    )
    var_file = write(tmp_path, "vars.yaml", "used: q\nleftover: true\n")
    spec = load_spec([f], cli_vars={"extra": "1"}, var_files=[var_file], environ={})
    assert spec.data["user_pools"][0]["pool_name"] == "q"
    assert [str(w) for w in spec.warnings] == [
        f"{f}:4:3: warning: variable spare is never used (set by variables:)",
        f"{var_file}:2:1: warning: variable leftover is never used (set by --var-file)",
        "<command line>:1:1: warning: variable extra is never used (set by --var)",
    ]


def test_partial_substitution_and_escape(tmp_path: Path) -> None:
    f = write(
        tmp_path,
        "a.yaml",
        "version: 1\nuser_pools:\n  - pool_name: app-${var:stage}-${env:USER_NAME}\n"
        "    user_pool_tags:\n      literal: $${var:stage} costs $5 and ${var:stage}$\n",
    )
    spec = load_spec([f], cli_vars={"stage": "dev"}, environ={"USER_NAME": "ann"})
    pool = spec.data["user_pools"][0]
    assert pool["pool_name"] == "app-dev-ann"
    assert pool["user_pool_tags"]["literal"] == "${var:stage} costs $5 and dev$"
    assert spec.env_paths == {("user_pools", 0, "pool_name")}


def test_whole_value_references_keep_or_take_the_expected_type(tmp_path: Path) -> None:
    f = write(
        tmp_path,
        "a.yaml",
        """\
version: 1
variables:
  access: 30
  secretless: false
user_pools:
  - pool_name: p
    clients:
      - client_name: c
        access_token_validity: ${var:access}
        id_token_validity: ${var:id_minutes}
        generate_secret: ${var:secretless}
        enable_token_revocation: ${env:REVOKE}
        token_validity_units: {access_token: minutes, id_token: minutes}
        write_attributes: ["${var:access}"]
""",
    )
    spec = load_spec([f], cli_vars={"id_minutes": "45"}, environ={"REVOKE": "True"})
    client = spec.data["user_pools"][0]["clients"][0]
    assert client["access_token_validity"] == 30
    assert client["id_token_validity"] == 45
    assert client["generate_secret"] is False
    assert client["enable_token_revocation"] is True
    assert client["write_attributes"] == ["30"]


def test_substituted_values_are_validated_at_the_same_location(tmp_path: Path) -> None:
    f = write(
        tmp_path,
        "a.yaml",
        "version: 1\nuser_pools:\n  - pool_name: p\n    mfa_configuration: ${var:mfa}\n"
        "    clients:\n      - client_name: c\n        client_secret: ${env:SECRET}\n",
    )
    assert problems([f], cli_vars={"mfa": "of"}, environ={"SECRET": "short"}) == [
        f'{f}:4:24: error: mfa_configuration: "of" is not one of OFF, ON, OPTIONAL '
        "(did you mean 'OFF'?) (at user_pools[0].mfa_configuration)",
        f"{f}:7:24: error: client_secret: must be at least 24 characters long "
        "(at user_pools[0].clients[0].client_secret)",
    ]


def test_env_values_are_never_echoed(tmp_path: Path) -> None:
    f = write(
        tmp_path,
        "a.yaml",
        "version: 1\nuser_pools:\n  - pool_name: ${env:NAME}\n    deletion_protection: ${env:DP}\n",
    )
    lines = problems([f], environ={"NAME": "bad/name", "DP": "hunter2"})
    assert lines == [
        f"{f}:3:16: error: pool_name: the value (hidden) does not match the pattern AWS "
        "requires: [\\w\\s+=,.@-]+ (at user_pools[0].pool_name)",
        f"{f}:4:26: error: deletion_protection: the value (hidden) is not one of ACTIVE, "
        "INACTIVE (at user_pools[0].deletion_protection)",
    ]
    assert not any("hunter2" in line or "bad/name" in line for line in lines)


def test_malformed_references(tmp_path: Path) -> None:
    f = write(
        tmp_path,
        "a.yaml",
        "version: 1\nuser_pools:\n  - pool_name: ${stage}\n  - pool_name: x${var:open\n",
    )
    assert problems([f], environ={}) == [
        f"{f}:3:16: error: '${{stage}}' is not a variable reference: write ${{env:NAME}} or "
        "${var:NAME} (or $${ for a literal ${) (at user_pools[0].pool_name)",
        f"{f}:4:16: error: '${{var:open' has no closing '}}' (write $${{ for a literal ${{) "
        "(at user_pools[1].pool_name)",
    ]


def test_var_file_errors(tmp_path: Path) -> None:
    f = write(tmp_path, "a.yaml", "version: 1\nuser_pools: []\n")
    listed = write(tmp_path, "list.yaml", "- a\n")
    nested = write(tmp_path, "nested.yaml", "ok: 1\nbad: {x: 1}\nbad-name: 2\n")
    missing = str(tmp_path / "nope.yaml")
    assert problems([f], var_files=[listed, nested, missing], environ={}) == [
        f"{listed}:1:1: error: a var file must be a mapping of NAME: value",
        f"{nested}:1:1: warning: variable ok is never used (set by --var-file)",
        f"{nested}:2:1: error: bad: a variable is a string, number or boolean",
        f"{nested}:3:1: error: 'bad-name' is not a variable name",
        f"{missing}:1:1: error: no such file",
    ]


def test_bad_cli_var_name_and_referencing_default(tmp_path: Path) -> None:
    f = write(
        tmp_path,
        "a.yaml",
        "version: 1\nvariables:\n  a: ${env:HOME}\nuser_pools:\n  - pool_name: ${var:a}\n",
    )
    assert problems([f], cli_vars={"no good": "1"}, environ={}) == [
        f"{f}:3:3: error: variable a: a default can't refer to other variables (at variables.a)",
        "<command line>:1:1: error: --var 'no good': not a variable name",
    ]


def test_keys_are_not_substituted(tmp_path: Path) -> None:
    f = write(
        tmp_path,
        "a.yaml",
        "version: 1\nuser_pools:\n  - pool_name: p\n    user_pool_tags:\n      ${var:k}: v\n",
    )
    spec = load_spec([f], environ={})
    assert spec.data["user_pools"][0]["user_pool_tags"] == {"${var:k}": "v"}
