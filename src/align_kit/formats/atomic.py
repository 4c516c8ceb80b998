"""Atomic file writes: a temporary file beside the target, renamed when complete.

An interrupted or failed write leaves the previous file intact and no
partial file behind.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from align_kit.errors import InputError

# Inside `all_or_nothing`, the (temporary, target) pairs written but not yet renamed.
_TRANSACTION: contextvars.ContextVar[list[tuple[str, Path]] | None] = contextvars.ContextVar(
    "align_kit_atomic_transaction", default=None)


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
        pending = _TRANSACTION.get()
        if pending is None:
            os.replace(tmp, target)
        else:
            pending.append((tmp, target))  # renamed when the whole transaction succeeds
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise InputError(f"could not write: {exc.strerror or exc}", path=str(target),
                             hint="check free disk space and permissions; the previous file "
                             "is unchanged") from None
        raise


@contextlib.contextmanager
def all_or_nothing() -> Iterator[None]:
    """Every `atomic_write` inside the block lands together, or none does.

    Each file goes to its temporary first (as always); only when the block ends
    without an error are they renamed over their targets. On an error the
    temporaries are removed and every previous file stays as it was; a rename
    that fails half way puts back the files already replaced (kept as hard links).
    """
    pending: list[tuple[str, Path]] = []
    token = _TRANSACTION.set(pending)
    try:
        yield
    except BaseException:
        _discard(pending)
        raise
    finally:
        _TRANSACTION.reset(token)
    _commit(pending)


def _discard(pending: list[tuple[str, Path]]) -> None:
    for tmp, _ in pending:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _commit(pending: list[tuple[str, Path]]) -> None:
    done: list[tuple[Path, str | None]] = []  # target, hard link to its previous content
    try:
        for n, (tmp, target) in enumerate(pending):
            backup = None
            if target.exists() and not target.is_dir():
                backup = tmp[:-len(".tmp")] + "old.tmp"  # still a temporary to sweep
                os.link(target, backup)
            done.append((target, backup))
            os.replace(tmp, target)
            pending[n] = ("", target)
    except OSError as exc:
        for target, backup in reversed(done):
            with contextlib.suppress(OSError):
                if backup is not None:
                    os.replace(backup, target)
                elif target.exists():
                    os.unlink(target)
        _discard([p for p in pending if p[0]])
        raise InputError(f"could not write: {exc.strerror or exc}", path=str(target),
                         hint="check free disk space and permissions; no file was changed"
                         ) from None
    for _, backup in done:
        if backup is not None:
            with contextlib.suppress(OSError):
                os.unlink(backup)


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
