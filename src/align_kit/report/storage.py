"""Reading and writing the alignment file for the editor: the one place that does it.

`load_alignment` / `save_alignment` use `align_kit.formats.alignment_file`
(the project's `*.align.jsonl`) when it is installed; until then a small
JSON-lines persistence of our own (header line, then one line per bead)
keeps the editor working. Beside the file, `<name>.history/` keeps every
previous version (numbered), which is what undo pops from.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from align_kit.errors import FormatError, InputError
from align_kit.formats.atomic import atomic_write, write_bytes_atomic
from align_kit.model import Alignment, Bead, Document, Finding, Paragraph, Segment

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

def file_version(path: str | os.PathLike) -> str:
    """A short content hash: what the editor sends back to prove it saw the latest file."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None
    return hashlib.sha256(data).hexdigest()[:16]


def history_dir(path: str | os.PathLike) -> Path:
    p = Path(path)
    return p.with_name(p.name + ".history")


def history(path: str | os.PathLike) -> list[Path]:
    """Previous versions of the file, oldest first."""
    folder = history_dir(path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("[0-9][0-9][0-9][0-9][0-9][0-9].jsonl"))


def keep_previous(path: str | os.PathLike) -> Path:
    """Copy the file as it is now into its history (before it is overwritten)."""
    data = Path(path).read_bytes()
    done = history(path)
    number = int(done[-1].name[:6]) + 1 if done else 1
    target = history_dir(path) / f"{number:06d}.jsonl"
    write_bytes_atomic(target, data)
    return target


def restore_previous(path: str | os.PathLike) -> bool:
    """Undo: put the newest history version back as the file. False when none is left."""
    done = history(path)
    if not done:
        return False
    write_bytes_atomic(path, done[-1].read_bytes())
    done[-1].unlink()
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
