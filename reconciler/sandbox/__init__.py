"""A local Cognito emulator: moto's cognito-idp backend behind a WSGI layer that
restores AWS behaviour where moto differs (see ../../shared/EMULATOR.md).

Import :mod:`reconciler.sandbox.server` for ``SandboxServer`` and ``serve_forever``.
This package is the only place (besides tests) that imports moto; importing the
package itself stays cheap so that nothing pulls moto in by accident.
"""
