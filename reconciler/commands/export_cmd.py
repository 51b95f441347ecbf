"""`export`: a live pool as a spec that plans with no changes.

The spec goes to stdout (or ``--out``); what people must do next (the environment
variables holding secrets, what couldn't be exported) goes to stderr.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from reconciler.cli_options import api_factory, options
from reconciler.concurrency import parallel_map
from reconciler.errors import ReconcilerError
from reconciler.export.build import Exported, build_pool, spec_document
from reconciler.export.emit import EmitError, emit, printable
from reconciler.export.read import read_pool, select_pools
from reconciler.export.write import write_file


def _header(region: str, names: list[str], full: bool) -> list[str]:
    # Names are escaped by emit: a name may hold a line break (AWS allows \s in it).
    what = ", ".join(names) if names else "no user pools"
    lines = [f"Exported by cognito-reconciler from {region}: {what}."]
    if not full:
        lines += ["Settings equal to Cognito's defaults are left out (export --full keeps them).",
                  "What a spec leaves out is not managed: plan and apply never change it."]
    return lines


def _file_name(name: str, pool_id: str, unique: bool) -> str:
    stem = re.sub(r"[^A-Za-z0-9_.@+=,-]+", "-", name).strip("-.") or "pool"
    if not unique:
        stem += f"-{re.sub(r'[^A-Za-z0-9_-]+', '-', pool_id)}"
    return f"{stem}.yaml"


def render(exported: list[Exported], region: str, full: bool) -> str:
    data, comments, inline = spec_document(exported)
    try:
        return emit(data, comments, inline, _header(region, [e.name for e in exported], full))
    except EmitError as exc:
        names = ", ".join(printable(e.name) for e in exported)
        raise ReconcilerError(f"user pool {names}: {exc}",
                              "please report it: nothing was written for this pool") from exc


def _report(exported: list[Exported]) -> None:
    for item in exported:
        for note in item.notes:
            click.echo(f"note: {printable(note)}", err=True)
    secrets = [s for item in exported for s in item.secrets]
    if secrets:
        click.echo("Secrets are never exported. Set these environment variables before "
                   "validate, plan or apply:", err=True)
        width = max(len(s.name) for s in secrets)
        for secret in secrets:
            click.echo(f"  {printable(secret.name).ljust(width)}  {printable(secret.where)}",
                       err=True)


@click.command("export")
@click.option("--pool-id", help="The pool to export, by id.")
@click.option("--pool-name", help="The pool to export, by name (must be unique in the region).")
@click.option("--all", "all_pools", is_flag=True,
              help="Every pool in the region, one file each in --out DIR.")
@click.option("--full", is_flag=True, help="Keep settings equal to Cognito's defaults.")
@click.option("--out", "out", type=click.Path(),
              help="Write to FILE (a folder with --all) instead of stdout.")
@click.option("--overwrite", is_flag=True,
              help="Replace files --out would write that exist already (never through a "
                   "symbolic link).")
@click.pass_context
def export(ctx: click.Context, pool_id: str | None, pool_name: str | None, all_pools: bool,
           full: bool, out: str | None, overwrite: bool) -> None:
    """Print a spec of a live pool and everything in it; plan on it shows no changes.

    Secrets are never read into the spec: a client with a secret gets
    `generate_secret: true`, an identity provider's secret an ${env:NAME} reference.
    """
    chosen = [flag for flag, given in (("--pool-id", pool_id), ("--pool-name", pool_name),
                                       ("--all", all_pools)) if given]
    if len(chosen) != 1:
        raise click.UsageError("give exactly one of --pool-id, --pool-name or --all")
    if all_pools and not out:
        raise click.UsageError("--all writes one file per pool: give --out DIR")

    api = api_factory(options(ctx))(None)
    ids, summaries = select_pools(api, pool_id=pool_id, pool_name=pool_name)
    if not all_pools:
        exported = [build_pool(read_pool(api, ids[0], summaries), full)]
        text = render(exported, api.region, full)
        if out:
            write_file(Path(out), text, overwrite)
            click.echo(f"Wrote {printable(out)} (user pool {printable(exported[0].name)}).",
                       err=True)
        else:
            click.echo(text, nl=False)
        _report(exported)
        return

    folder = Path(out or ".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReconcilerError(f"can't create the folder {printable(str(folder))}: "
                              f"{exc.strerror or exc}",
                              "check --out") from exc

    def attempt(each: str) -> Exported | ReconcilerError:
        try:
            return build_pool(read_pool(api, each, summaries), full)
        except ReconcilerError as exc:
            return exc

    failed: list[str] = []
    written: list[Exported] = []
    taken: set[str] = set()
    for each, item in zip(ids, parallel_map(attempt, ids), strict=True):
        # One pool's failure (a read, a file that exists) doesn't stop the others.
        try:
            if isinstance(item, ReconcilerError):
                raise item
            name = _file_name(item.name, each, unique=item.name_is_unique)
            if name.lower() in taken:  # names that differ only in case or punctuation
                name = _file_name(item.name, each, unique=False)
            taken.add(name.lower())
            path = folder / name
            write_file(path, render([item], api.region, full), overwrite)
        except ReconcilerError as exc:
            click.echo(f"Error: {each}: {exc.message}", err=True)
            if exc.hint:
                click.echo(f"  hint: {exc.hint}", err=True)
            failed.append(each)
            continue
        click.echo(f"Wrote {printable(str(path))} (user pool {printable(item.name)}).",
                   err=True)
        written.append(item)
    _report(written)
    click.echo(f"Exported {len(written)} of {len(ids)} user pool(s) in {api.region} "
               f"to {printable(str(folder))}.", err=True)
    if failed:
        raise ReconcilerError(f"{len(failed)} pool(s) could not be exported: "
                              f"{', '.join(failed)}", "see the errors above")
