"""Load specs for review without the secrets they read from the environment.

A review never needs a secret's value (CR401 reads the source text), and the CI step
that reviews runs before any secret is handed out. So when the only errors are
environment variables that are not set, the spec is loaded again with a placeholder
for exactly those; if the placeholders don't validate either (say the variable is a
callback URL), the original errors stand.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence

from reconciler.errors import Diagnostic, SpecError
from reconciler.spec.loader import LoadedSpec, load_spec

_UNSET = re.compile(r"environment variable (\w+) is not set")
# Word characters only, 24 to 64 of them: what a custom client secret must be.
PLACEHOLDER = "cognitoReconcilerReviewPlaceholder"


def load_for_review(paths: Sequence[str], variables: Mapping[str, str],
                    var_files: Sequence[str],
                    environ: Mapping[str, str] | None = None) -> LoadedSpec:
    env = dict(os.environ if environ is None else environ)
    try:
        return load_spec(paths, variables, var_files, env)
    except SpecError as error:
        errors = [d for d in error.diagnostics if d.severity == "error"]
        unset = [_UNSET.fullmatch(d.message) for d in errors]
        if not errors or not all(unset):
            raise
        names = sorted({m.group(1) for m in unset if m is not None})
        try:
            spec = load_spec(paths, variables, var_files,
                             {**env, **{name: PLACEHOLDER for name in names}})
        except SpecError:
            raise error from None
    where = {m.group(1): d.location for d, m in zip(errors, unset, strict=True) if m}
    spec.warnings += [
        Diagnostic(where[name], f"environment variable {name} is not set: reviewed without "
                   "its value (review never needs a secret)", severity="warning")
        for name in names
    ]
    return spec
