"""Options and helpers that every command shares (no boto3 until AWS is needed)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import click

from reconciler.errors import Diagnostic, ReconcilerError
from reconciler.inputs import SpecInput


@dataclass
class Options:
    region: str | None
    profile: str | None
    endpoint_url: str | None
    no_color: bool
    verbose: bool


def _settings(opts: Options) -> Any:
    from reconciler.aws.session import AwsSettings  # boto3 only when AWS is needed

    return AwsSettings(region=opts.region, profile=opts.profile, endpoint_url=opts.endpoint_url)


class Connections:
    """``connections(region)``: the Cognito facade for a region (one client each), plus
    what a saved plan is bound to: the endpoint and the AWS account."""

    def __init__(self, opts: Options) -> None:
        from reconciler.aws.session import ClientFactory

        self._factory = ClientFactory(_settings(opts))
        self.endpoint: str | None = self._factory.endpoint
        self._cache: dict[str | None, Any] = {}
        self._pacers: dict[str, Any] = {}  # quotas are per account and region

    def __call__(self, region: str | None) -> Any:
        from reconciler.aws.facade import Cognito
        from reconciler.aws.pacing import Pacer, pacing_enabled
        from reconciler.aws.provisioned import client_lookup

        if region not in self._cache:
            client: Any = self._factory.client(region)
            pacer = None
            if pacing_enabled(self.endpoint):
                region_name = client.meta.region_name
                if region_name not in self._pacers:
                    # Each category's provisioned rate, asked of this region's client.
                    self._pacers[region_name] = Pacer(lookup=client_lookup(client))
                pacer = self._pacers[region_name]
            self._cache[region] = Cognito(client, self.endpoint, pacer=pacer)
        return self._cache[region]

    def caller_account(self, region: str | None) -> str | None:
        """The AWS account of the credentials (STS); None from a local emulator without STS."""
        return self._factory.caller_account(region)


def api_factory(opts: Options) -> Connections:
    return Connections(opts)


def spec_arguments(func: Callable[..., Any]) -> Callable[..., Any]:
    """SPEC... and the variables: what every command that reads specs takes."""
    func = click.argument("specs", nargs=-1, required=True, type=click.Path())(func)
    func = click.option("--var", "variables", multiple=True, metavar="NAME=VALUE",
                        help="Set ${var:NAME}.")(func)
    func = click.option("--var-file", "var_files", multiple=True, type=click.Path(),
                        help="A YAML/JSON file of variables.")(func)
    return func


def spec_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``spec_arguments`` plus --resend-secrets: only for commands that plan writes
    (a command that sends nothing would show a flag that means nothing there)."""
    func = spec_arguments(func)
    func = click.option("--resend-secrets", is_flag=True,
                        help="Send write-only secrets (IdP client secrets) again.")(func)
    return func


def spec_input(specs: Sequence[str], variables: Sequence[str],
               var_files: Sequence[str], resend_secrets: bool = False) -> SpecInput:

    parsed = {}
    for pair in variables:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise ReconcilerError(f"--var {pair!r}: expected NAME=VALUE")
        parsed[name] = value
    return SpecInput(paths=list(specs), variables=parsed, var_files=list(var_files),
                     resend_secrets=resend_secrets)


def echo_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        click.echo(str(diagnostic), err=True)


def options(ctx: click.Context) -> Options:
    opts = ctx.find_object(Options)
    assert opts is not None
    return opts
