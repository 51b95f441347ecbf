"""Spec stage: YAML files -> validated data with source locations.

Public interface (used by the CLI and by ``reconciler.spec.desired``):

``load_spec(paths, cli_vars=None, var_files=None, environ=None) -> LoadedSpec``
    Reads files and folders (``*.yaml``/``*.yml``, sorted, recursively), rejects
    duplicate keys, substitutes ``${env:NAME}``/``${var:NAME}``, validates the
    merged document against the JSON Schema and raises ``SpecError`` with every
    finding at once (``FILE:LINE:COL``). Never touches AWS.
"""

from reconciler.spec.loader import LoadedSpec, load_spec

__all__ = ["LoadedSpec", "load_spec"]
