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

try:  # POSIX; elsewhere there is no run lock and `run` never deletes temporaries
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

# Every temporary file align-kit writes is `.align-kit-NAME.XXXXXXXX.tmp`: the prefix is how
# `remove_stale_temporaries` tells its own leftovers from other programs' `.NAME.XXXXXX.tmp`.
TEMP_PREFIX = ".align-kit-"
TEMP_SUFFIX = ".tmp"
LOCK_NAME = ".align-kit.lock"

# Inside `all_or_nothing`, the files written but not yet renamed: temporary, target, and the
# descriptor that holds the temporary's lock.
_Pending = list[tuple[str, Path, int | None]]
_TRANSACTION: contextvars.ContextVar[_Pending | None] = contextvars.ContextVar(
    "align_kit_atomic_transaction", default=None)


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8",
                 newline: str | None = None, prefix: str | None = None) -> Iterator[IO]:
    """Open a temporary file for writing; move it over `path` only on success.

    `prefix` names the temporary for a writer that recovers its own (the review editor);
    by default it is `.align-kit-NAME.`, the prefix `run` cleans up."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=prefix or f"{TEMP_PREFIX}{target.name}.",
                                   suffix=TEMP_SUFFIX, dir=directory)
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", path=str(target),
                         hint="choose an output folder you can write to") from None
    binary = "b" in mode
    held = _hold(fd)  # while it is held, `remove_stale_temporaries` leaves the file alone
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
            _release(held)
        else:
            pending.append((tmp, target, held))  # renamed when the whole transaction succeeds
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        _release(held)
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
    pending: _Pending = []
    token = _TRANSACTION.set(pending)
    try:
        yield
    except BaseException:
        _discard(pending)
        raise
    finally:
        _TRANSACTION.reset(token)
    _commit(pending)


def _hold(fd: int) -> int | None:
    """An exclusive flock on a new temporary, kept by a duplicate of `fd` so that it lasts
    until the file is renamed (closing the write handle alone would drop it)."""
    if fcntl is None:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return os.dup(fd)
    except OSError:  # a file system without locks: the name alone tells it apart
        return None


def _release(held: int | None) -> None:
    if held is not None:
        with contextlib.suppress(OSError):
            os.close(held)


def _in_use(path: Path) -> bool:
    """Whether a live writer holds `path` (its lock from `_hold`)."""
    if fcntl is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError:
        return True  # cannot look: leave it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _discard(pending: _Pending) -> None:
    for tmp, _, held in pending:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        _release(held)


def _commit(pending: _Pending) -> None:
    done: list[tuple[Path, str | None]] = []  # target, hard link to its previous content
    try:
        for n, (tmp, target, held) in enumerate(pending):
            backup = None
            if target.exists() and not target.is_dir():
                backup = tmp[:-len(".tmp")] + "old.tmp"  # still a temporary to sweep
                os.link(target, backup)
            done.append((target, backup))
            os.replace(tmp, target)
            pending[n] = ("", target, held)
    except OSError as exc:
        for target, backup in reversed(done):
            with contextlib.suppress(OSError):
                if backup is not None:
                    os.replace(backup, target)
                elif target.exists():
                    os.unlink(target)
        _discard(pending)
        raise InputError(f"could not write: {exc.strerror or exc}", path=str(target),
                         hint="check free disk space and permissions; no file was changed"
                         ) from None
    for _, backup in done:
        if backup is not None:
            with contextlib.suppress(OSError):
                os.unlink(backup)
    for _, _, held in pending:
        _release(held)


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
    """Delete the `.align-kit-NAME.XXXXXXXX.tmp` files a killed writer left under `folder`.

    A process killed by SIGKILL cannot unlink its temporary file; the target
    itself is untouched, so only these leftovers need removing. Other programs'
    hidden temporaries are left alone. Call it only while no other align-kit
    process writes under `folder` (`run_lock` says when).
    """
    removed = []
    root = Path(folder)
    if not root.is_dir():
        return removed
    for path in root.rglob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
        if (path.is_file() and not path.is_symlink() and _is_atomic_temporary(path.name)
                and not _in_use(path)):  # a live writer's (export, import, the editor) stays
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def _is_atomic_temporary(name: str) -> bool:
    """`.align-kit-NAME.XXXXXXXX.tmp`, as `atomic_write` makes them with mkstemp."""
    if not (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)):
        return False
    parts = name[len(TEMP_PREFIX):-len(TEMP_SUFFIX)].rsplit(".", 1)
    return len(parts) == 2 and bool(parts[0]) and len(parts[1]) >= 6


@contextlib.contextmanager
def run_lock(folder: str | os.PathLike) -> Iterator[bool]:
    """Hold `folder/.align-kit.lock` (shared) for a run's whole duration; yield "alone".

    Every run holds the lock shared, so concurrent runs still proceed side by side
    (their atomic writes keep each file whole). Only a run that can take it
    exclusively, i.e. no other run is writing there, is told it is alone and may
    delete stale temporaries; it then keeps it shared like the others.
    """
    root = Path(folder)
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd = os.open(root / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", path=str(root),
                         hint="choose an output folder you can write to") from None
    try:
        alone = False
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                alone = True
            except OSError:  # another run holds it (or no locks here): not alone
                alone = False
            with contextlib.suppress(OSError):
                # Blocks only while another run holds it exclusively, i.e. while it cleans.
                fcntl.flock(fd, fcntl.LOCK_SH)
        yield alone
    finally:
        os.close(fd)
