"""Reading and writing the alignment file for the editor: the one place that does it.

`load_alignment` / `save_alignment` use `align_kit.formats.alignment_file`
(the project's `*.align.jsonl`) when it is installed; until then a small
JSON-lines persistence of our own (header line, then one line per bead)
keeps the editor working. Beside the file, `<name>.history/` keeps its
states (before the first edit and after each edit, bounded, gzip), which is
what undo steps back through; saves are crash-safe (see below).
"""

from __future__ import annotations

import contextlib
import glob
import gzip
import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

from align_kit.errors import FormatError, InputError
from align_kit.formats.atomic import atomic_write
from align_kit.model import Alignment, Bead, Document, Finding, Paragraph, Segment

try:  # POSIX: an advisory lock so two editor processes on one file take turns
    import fcntl
except ImportError:  # pragma: no cover - Windows: the in-process lock and version check remain
    fcntl = None

try:  # the project's own alignment file, once formats/alignment_file.py is there
    from align_kit.formats.alignment_file import read_alignment as _read_format
    from align_kit.formats.alignment_file import write_alignment as _write_format
except ModuleNotFoundError as exc:  # pragma: no cover - depends on which branches are merged
    if exc.name != "align_kit.formats.alignment_file":
        raise  # the module is there but broken: never fall back to another format silently
    _read_format = None
    _write_format = None

FALLBACK_FORMAT = "align-kit-review-alignment"


def load_alignment(path: str | os.PathLike) -> Alignment:
    """Read an alignment file (raises `InputError`/`FormatError` on bad input)."""
    if _read_format is not None:
        return _read_format(path)
    return _read_jsonl(Path(path))


def save_alignment(alignment: Alignment, path: str | os.PathLike) -> None:
    """Write an alignment file atomically."""
    if _write_format is not None:
        _write_format(alignment, path)
        return
    _write_jsonl(alignment, Path(path))


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


# --- fallback JSON lines ----------------------------------------------------------------

def _jsonable(value: object) -> object:
    if hasattr(value, "tolist"):  # numpy arrays in parameters (similarity matrices)
        return value.tolist()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def _write_jsonl(alignment: Alignment, path: Path) -> None:
    header = {
        "format": FALLBACK_FORMAT,
        "id": alignment.id,
        "original": alignment.original,
        "languages": list(alignment.languages),
        "parameters": dict(alignment.parameters),
        "documents": [
            {"id": d.id, "language": d.language, "text": d.text, "source": d.source,
             "metadata": dict(d.metadata),
             "paragraphs": [[p.start, p.end, p.kind] for p in d.paragraphs],
             "segments": [[s.start, s.end, s.paragraph, s.kind, s.text] for s in d.segments]}
            for d in alignment.documents
        ],
        "findings": [
            {"check": f.check, "severity": f.severity, "message": f.message,
             "document": f.document, "bead": f.bead, "language": f.language,
             "span": list(f.span) if f.span else None, "entry": f.entry, "term": f.term,
             "expected": list(f.expected)}
            for f in alignment.findings
        ],
    }
    with atomic_write(path) as out:
        out.write(json.dumps(header, ensure_ascii=False, default=_jsonable) + "\n")
        for bead in alignment.beads:
            out.write(json.dumps({"indexes": [list(s) for s in bead.indexes],
                                  "score": bead.score, "flags": sorted(bead.flags),
                                  "drafts": dict(bead.drafts),
                                  "texts": list(alignment.texts(bead))},
                                 ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> Alignment:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read alignment file: {exc}", path=str(path)) from None
    if not lines:
        raise FormatError("empty alignment file", path=str(path), line=1)
    try:
        header = json.loads(lines[0])
        if header.get("format") != FALLBACK_FORMAT:
            raise FormatError("not an alignment file (header line has no known format)",
                              path=str(path), line=1)
        documents = tuple(
            Document(id=d["id"], language=d["language"], text=d["text"], source=d.get("source"),
                     metadata=d.get("metadata") or {},
                     paragraphs=tuple(Paragraph(a, b, k) for a, b, k in d.get("paragraphs", [])),
                     segments=tuple(Segment(t, a, b, p, k) for a, b, p, k, t in d["segments"]))
            for d in header["documents"])
        findings = tuple(
            Finding(f["check"], f["severity"], f["message"], f.get("document", ""), f.get("bead"),
                    f.get("language"), tuple(f["span"]) if f.get("span") else None,
                    f.get("entry"), f.get("term"), tuple(f.get("expected") or ()))
            for f in header.get("findings", []))
    except FormatError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise FormatError(f"bad header line: {exc}", path=str(path), line=1) from None
    beads = []
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            beads.append(Bead(tuple(tuple(int(i) for i in s) for s in row["indexes"]),
                              float(row.get("score", 1.0)), frozenset(row.get("flags", ())),
                              row.get("drafts") or {}))
        except (ValueError, KeyError, TypeError) as exc:
            raise FormatError(f"bad bead line: {exc}", path=str(path), line=n) from None
    return Alignment(documents, tuple(beads), header.get("original"),
                     header.get("parameters") or {}, header.get("id", ""), findings)
