"""Reading and writing the alignment file for the editor: the one place that does it.

`load_alignment` / `save_alignment` use `align_kit.formats.alignment_file`
(the project's `*.align.jsonl`), the one reader and writer of that layout.
Beside the file, `<name>.history/` keeps its states (before the first edit and
after each edit, bounded, gzip), which is what undo steps back through; saves
are crash-safe (see below).
"""

from __future__ import annotations

import contextlib
import glob
import gzip
import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

from align_kit.errors import InputError
from align_kit.formats.alignment_file import read_alignment, write_alignment
from align_kit.formats.atomic import atomic_write
from align_kit.model import Alignment

try:  # POSIX: an advisory lock so two editor processes on one file take turns
    import fcntl
except ImportError:  # pragma: no cover - Windows: the in-process lock and version check remain
    fcntl = None



def load_alignment(path: str | os.PathLike) -> Alignment:
    """Read an alignment file (raises `InputError`/`FormatError` on bad input)."""
    return read_alignment(path)


def save_alignment(alignment: Alignment, path: str | os.PathLike) -> None:
    """Write an alignment file atomically."""
    write_alignment(alignment, path)


# --- versions and history ---------------------------------------------------------------
#
# `<file>.history/` holds the states of the file, oldest first, as
# `NNNNNN-<version>.jsonl.gz` (gzip, the version is `file_version` of the
# content): the state before the first edit and the state after every edit, so
# the newest entry is the file itself and undo steps back one entry. Identical
# consecutive states are stored once. At most HISTORY_STATES states and
# max(HISTORY_MIN_BYTES, HISTORY_FILE_FACTOR x the file's size) bytes on disk are
# kept, oldest pruned first; the newest is never pruned.
#
# A save is crash-safe (kill -9 at any moment): under `.history/.lock` the new
# state is written as `NNNNNN-<version>.pending.gz`, then the file (atomically,
# through `.<file>.review-XXXX.tmp`), then the pending entry is renamed to a
# state. Undo renames the newest state to `.undone.gz` first, then writes the
# file, then deletes it. `recover` (run under the lock before every save and when
# the server starts) finishes or rolls back what a killed save left, removes our
# own temporaries (our prefix, and we hold the lock, so no live writer owns them)
# and records a file changed behind our back as a new state.

HISTORY_STATES = 50
HISTORY_MIN_BYTES = 20 * 1024 * 1024
HISTORY_FILE_FACTOR = 10
_ENTRY = re.compile(r"^(\d{6})-([0-9a-f]{16})\.(jsonl|pending|undone)\.gz$")
_OUR_TMP = ".review-"  # the prefix part that marks a temporary as the editor's


def _version_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def file_version(path: str | os.PathLike) -> str:
    """A short content hash: what the editor sends back to prove it saw the latest file."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None
    return _version_of(data)


def history_dir(path: str | os.PathLike) -> Path:
    p = Path(path)
    return p.with_name(p.name + ".history")


def _entries(path: str | os.PathLike, kind: str = "jsonl") -> list[Path]:
    folder = history_dir(path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if (m := _ENTRY.match(p.name)) and m.group(3) == kind]
    return sorted(found, key=lambda p: p.name)


def history(path: str | os.PathLike) -> list[Path]:
    """The kept states of the file (gzip), oldest first; the newest is normally the file."""
    return _entries(path)


def entry_version(entry: Path) -> str:
    match = _ENTRY.match(entry.name)
    if match is None:
        raise ValueError(f"not a history entry: {entry}")
    return match.group(2)


def read_state(entry: Path) -> bytes:
    """The file content a history entry holds."""
    try:
        return gzip.decompress(entry.read_bytes())
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(f"cannot read history entry: {exc}", path=str(entry)) from None


def undo_depth(path: str | os.PathLike) -> int:
    """How many undo steps the history allows from the file as it is now."""
    kept = history(path)
    try:
        current = file_version(path)
    except InputError:
        return 0
    return len(kept) - 1 if kept and entry_version(kept[-1]) == current else len(kept)


@contextlib.contextmanager
def locked(path: str | os.PathLike) -> Iterator[None]:
    """Hold `<file>.history/.lock`: one writer of this file's history at a time."""
    folder = history_dir(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / ".lock", "a")  # noqa: SIM115 - held across the yield
    except OSError as exc:
        raise InputError(f"cannot keep a history here: {exc.strerror or exc}",
                         path=str(folder), hint="make the folder writable") from None
    with handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_own(target: Path, data: bytes) -> None:
    """Atomic write through a temporary with the editor's own prefix (see `recover`)."""
    with atomic_write(target, "wb", prefix=f".{target.name}{_OUR_TMP}") as handle:
        handle.write(data)
    _fsync_dir(target.parent)


def _add_entry(path: Path, data: bytes, kind: str = "jsonl") -> Path:
    kept = _entries(path) + _entries(path, "pending") + _entries(path, "undone")
    number = max((int(p.name[:6]) for p in kept), default=0) + 1
    entry = history_dir(path) / f"{number:06d}-{_version_of(data)}.{kind}.gz"
    _write_own(entry, gzip.compress(data, compresslevel=6, mtime=0))
    return entry


def _committed(entry: Path) -> Path:
    return entry.with_name(entry.name.rsplit(".", 2)[0] + ".jsonl.gz")


def recover(path: str | os.PathLike) -> list[str]:
    """Finish or roll back an interrupted save or undo; call it holding `locked(path)`.

    Returns what it did, for a notice. Afterwards no temporary of ours is left
    and the newest history entry is the file.
    """
    p = Path(path)
    folder = history_dir(p)
    done: list[str] = []
    stale = list(p.parent.glob(f".{glob.escape(p.name)}{_OUR_TMP}*.tmp"))
    stale += [t for t in folder.glob(".*.tmp")] if folder.is_dir() else []
    for tmp in stale:
        with contextlib.suppress(OSError):
            tmp.unlink()
            done.append(f"removed the stale temporary {tmp.name}")
    current = file_version(p)
    # An entry the file still matches is committed; one the file never got is dropped.
    for kind, if_kept, if_dropped in (
            ("pending", "completed an interrupted save",  # the new state was kept first
             "rolled back an interrupted save (the file kept the previous edit)"),
            ("undone", "rolled back an interrupted undo", "completed an interrupted undo")):
        for entry in _entries(p, kind):
            if entry_version(entry) == current:
                os.replace(entry, _committed(entry))
                done.append(if_kept)
            else:
                entry.unlink()
                done.append(if_dropped)
    kept = _entries(p)
    if not kept or entry_version(kept[-1]) != current:
        # the state before the first edit, or a change made by a script: keep it too
        _add_entry(p, p.read_bytes())
    prune(p)
    return done


def prune(path: str | os.PathLike, max_states: int = HISTORY_STATES,
          max_bytes: int | None = None) -> list[Path]:
    """Drop the oldest states beyond the bounds (never the newest one)."""
    p = Path(path)
    if max_bytes is None:
        size = p.stat().st_size if p.exists() else 0
        max_bytes = max(HISTORY_MIN_BYTES, HISTORY_FILE_FACTOR * size)
    kept = _entries(p)
    sizes = [e.stat().st_size for e in kept]
    dropped = []
    while len(kept) > 1 and (len(kept) > max_states or sum(sizes) > max_bytes):
        kept[0].unlink(missing_ok=True)
        dropped.append(kept.pop(0))
        sizes.pop(0)
    return dropped


def render(alignment: Alignment, path: str | os.PathLike) -> bytes:
    """The bytes `save_alignment` writes for `alignment` (rendered inside `.history/`)."""
    scratch = history_dir(path) / f".render{_OUR_TMP}{os.getpid()}.tmp"
    try:
        save_alignment(alignment, scratch)
        return scratch.read_bytes()
    finally:
        scratch.unlink(missing_ok=True)


def save_edit(alignment: Alignment, path: str | os.PathLike) -> None:
    """Save an edited alignment with its history; call it holding `locked(path)`."""
    commit_bytes(path, render(alignment, path))


def commit_bytes(path: str | os.PathLike, data: bytes) -> None:
    """History first, then the file, both atomic (see the comment above)."""
    p = Path(path)
    recover(p)
    if _version_of(data) != file_version(p):  # an edit that changes nothing keeps no state
        pending = _add_entry(p, data, "pending")
        _write_own(p, data)
        os.replace(pending, _committed(pending))
        _fsync_dir(pending.parent)
    prune(p)


def undo(path: str | os.PathLike) -> bool:
    """Put the previous state back as the file; False when there is none. Hold the lock."""
    p = Path(path)
    recover(p)
    kept = _entries(p)
    if len(kept) < 2:
        return False
    newest, previous = kept[-1], kept[-2]
    data = read_state(previous)
    undone = newest.with_name(newest.name.replace(".jsonl.gz", ".undone.gz"))
    os.replace(newest, undone)
    _write_own(p, data)
    undone.unlink()
    _fsync_dir(p.parent)
    return True
