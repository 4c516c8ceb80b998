"""Atomic file writes: a temporary file beside the target, renamed when complete.

An interrupted or failed write leaves the previous file intact and no
partial file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from align_kit.errors import InputError


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8",
                 newline: str | None = None) -> Iterator[IO]:
    """Open a temporary file for writing; move it over `path` only on success."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", path=str(target),
                         hint="choose an output folder you can write to") from None
    binary = "b" in mode
    try:
        with os.fdopen(fd, mode, encoding=None if binary else encoding,
                       newline=None if binary else newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise InputError(f"could not write: {exc.strerror or exc}", path=str(target),
                             hint="check free disk space and permissions; the previous file "
                             "is unchanged") from None
        raise


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, or the usual ones for a new file (mkstemp uses 0600)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_text_atomic(path: str | os.PathLike, text: str) -> None:
    with atomic_write(path) as handle:
        handle.write(text)


def write_bytes_atomic(path: str | os.PathLike, data: bytes) -> None:
    with atomic_write(path, "wb") as handle:
        handle.write(data)


def remove_stale_temporaries(folder: str | os.PathLike) -> list[Path]:
    """Delete the hidden `.NAME.XXXX.tmp` files a killed writer left under `folder`.

    A process killed by SIGKILL cannot unlink its temporary file; the target
    itself is untouched, so only these leftovers need removing. Call it at the
    start of a run that owns `folder` (one writer at a time).
    """
    removed = []
    root = Path(folder)
    if not root.is_dir():
        return removed
    for path in root.rglob(".*.tmp"):
        if path.is_file() and _is_atomic_temporary(path.name):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def _is_atomic_temporary(name: str) -> bool:
    """`.NAME.XXXXXXXX.tmp`, as `atomic_write` makes them with mkstemp."""
    parts = name[1:-len(".tmp")].rsplit(".", 1)
    return len(parts) == 2 and bool(parts[0]) and len(parts[1]) >= 6
