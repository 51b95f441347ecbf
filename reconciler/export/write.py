"""Writing an exported spec to a file without surprises.

Never through a symbolic link (one planted in the --out folder would send the
export anywhere the user can write), and never over an existing file unless asked
(``overwrite``). An overwrite puts a new file in place (a temporary file renamed
over the old name), so the old file's other names (hard links) keep their content
and an interrupted write leaves the old file whole.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from reconciler.errors import ReconcilerError
from reconciler.export.emit import printable

_MODE = 0o644  # a spec is no secret (secrets are ${env:} references); the umask applies


def _refuse(path: Path, problem: str, hint: str) -> ReconcilerError:
    return ReconcilerError(f"{printable(str(path))} {problem}", hint)


def _check_existing(path: Path, overwrite: bool) -> None:
    try:
        mode = os.lstat(path).st_mode  # lstat: the link itself, never what it points to
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _refuse(path, f"can't be checked: {exc.strerror or exc}", "check --out") from exc
    if stat.S_ISLNK(mode):
        raise _refuse(path, "is a symbolic link: refusing to write through it",
                      "remove the link, or choose another --out")
    if not stat.S_ISREG(mode):
        raise _refuse(path, "exists and is not a regular file", "choose another --out")
    if not overwrite:
        raise _refuse(path, "already exists: refusing to overwrite it",
                      "pass --overwrite to replace it, or choose another --out")


def _create(path: Path, text: str) -> None:
    """A new file: O_EXCL fails on any existing name, a dangling link included."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        handle = os.open(path, flags, _MODE)
    except FileExistsError:
        _check_existing(path, overwrite=False)  # says what is there
        raise
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _replace(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, stat.S_IMODE(os.lstat(path).st_mode))  # keep the old file's
        _check_existing(path, overwrite=True)  # just before: a link planted meanwhile
        os.replace(temporary, path)  # renames over the name: a link there is replaced, not followed
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_file(path: Path, text: str, overwrite: bool = False) -> None:
    """Write ``text`` to ``path``: refused if it is a symbolic link, or exists and
    ``overwrite`` is false. Errors are one ``ReconcilerError`` naming the path."""
    _check_existing(path, overwrite)
    try:
        if path.exists() or path.is_symlink():
            _replace(path, text)
        else:
            _create(path, text)
    except ReconcilerError:
        raise
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _refuse(path, "is a symbolic link: refusing to write through it",
                          "remove the link, or choose another --out") from exc
        raise ReconcilerError(f"can't write {printable(str(path))}: {exc.strerror or exc}",
                              "check the path and its folder") from exc
