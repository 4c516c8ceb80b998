"""The project's own alignment file, `*.align.jsonl`: lossless, line by line.

Line 1 is a header (format version, tool version, alignment id, original
language, languages, parameters, documents with their full text, paragraphs
and segments, findings that name no bead). Then one line per bead: its
indexes, the texts per language (for people and `jq`; checked on reading),
score, type, flags, machine drafts, and the findings of that bead.
`read_alignment(write_alignment(a))` equals `a` field for field.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import regex

from align_kit import __version__
from align_kit.errors import FormatError
from align_kit.formats._json import loads_strict, valid_score
from align_kit.formats.atomic import atomic_write
from align_kit.model import Alignment, Bead, Document, Finding, Notice, Paragraph, Segment

FORMAT_NAME = "align-kit-alignment"
FORMAT_VERSION = 1


def text_checksum(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


_SURROGATE = regex.compile("[\ud800-\udfff]")


def _dumps(value: Any) -> str:
    # Readable UTF-8; json escapes control characters, lone surrogates (not UTF-8) escaped here.
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _notice(n: Notice) -> dict:
    return {"code": n.code, "message": n.message, "level": n.level, "path": n.path,
            "line": n.line}


def _document(doc: Document) -> dict:
    return {
        "id": doc.id, "language": doc.language, "source": doc.source,
        "encoding": doc.encoding, "checksum": doc.checksum,
        "declared_language": doc.declared_language,
        "language_confidence": doc.language_confidence,
        "metadata": dict(doc.metadata),
        "text_sha256": text_checksum(doc.text),
        "text": doc.text,
        "paragraphs": [[p.start, p.end, p.kind] for p in doc.paragraphs],
        "segments": [[s.start, s.end, s.paragraph, s.kind, s.text] for s in doc.segments],
        "notices": [_notice(n) for n in doc.notices],
    }


def _finding(f: Finding, position: int) -> dict:
    return {"n": position, "check": f.check, "severity": f.severity, "message": f.message,
            "document": f.document, "bead": f.bead, "language": f.language,
            "span": list(f.span) if f.span is not None else None, "entry": f.entry,
            "term": f.term, "expected": list(f.expected)}


def header_record(alignment: Alignment) -> dict:
    loose = [_finding(f, n) for n, f in enumerate(alignment.findings)
             if f.bead is None or not 0 <= f.bead < len(alignment.beads)]
    return {
        "format": FORMAT_NAME, "version": FORMAT_VERSION,
        "tool": {"name": "align-kit", "version": __version__},
        "id": alignment.id, "original": alignment.original,
        "languages": list(alignment.languages),
        "parameters": dict(alignment.parameters),
        "documents": [_document(d) for d in alignment.documents],
        "findings": loose,
        "beads": len(alignment.beads),
    }


def bead_record(alignment: Alignment, index: int, findings: list[dict]) -> dict:
    bead = alignment.beads[index]
    return {
        "bead": index,
        "indexes": [list(side) for side in bead.indexes],
        "texts": list(alignment.texts(bead)),
        "score": bead.score,
        "type": bead.kind,
        "flags": sorted(bead.flags),
        "drafts": dict(bead.drafts),
        "findings": findings,
    }


def alignment_lines(alignment: Alignment, path: str | None = None) -> list[str]:
    """The lines of `alignment` as an alignment file: the header, then one line per bead.

    `path` only names the file in an error."""
    per_bead: dict[int, list[dict]] = {}
    for n, f in enumerate(alignment.findings):
        if f.bead is not None and 0 <= f.bead < len(alignment.beads):
            per_bead.setdefault(f.bead, []).append(_finding(f, n))
    for bead in alignment.beads:
        if not valid_score(bead.score):
            raise FormatError(f"bead score {bead.score!r} is not a number between 0 and 1",
                              path=path)
    try:
        header = _dumps(header_record(alignment))
    except (TypeError, ValueError) as exc:
        raise FormatError(f"alignment parameters cannot be stored as JSON: {exc}",
                          path=path, hint="use strings, numbers, lists and dicts") from None
    return [header] + [_dumps(bead_record(alignment, i, per_bead.get(i, [])))
                       for i in range(len(alignment.beads))]


def write_alignment(alignment: Alignment, path: str | os.PathLike) -> None:
    """Write `alignment` to `path` (`*.align.jsonl`), atomically."""
    lines = alignment_lines(alignment, str(path))
    with atomic_write(path, "w", newline="\n") as out:
        for line in lines:
            out.write(line + "\n")


# --- reading ---------------------------------------------------------------------------------


class _Reader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.line = 0

    def fail(self, message: str, hint: str | None = None) -> FormatError:
        return FormatError(message, path=self.path, line=self.line or None, hint=hint)

    def get(self, record: Mapping, key: str, kind: type | tuple[type, ...],
            optional: bool = False) -> Any:
        if key not in record:
            if optional:
                return None
            raise self.fail(f"missing field {key!r}")
        value = record[key]
        if value is None and optional:
            return None
        if isinstance(value, bool) and kind in (int, float, (int, float)):
            raise self.fail(f"field {key!r} must be a number, not {value!r}")
        if not isinstance(value, kind):
            raise self.fail(f"field {key!r} has the wrong type ({type(value).__name__})")
        return value

    def notice(self, rec: Any) -> Notice:
        if not isinstance(rec, dict):
            raise self.fail("a notice must be an object")
        return Notice(code=self.get(rec, "code", str), message=self.get(rec, "message", str),
                      level=self.get(rec, "level", str), path=self.get(rec, "path", str, True),
                      line=self.get(rec, "line", int, True))

    def document(self, rec: Any) -> Document:
        if not isinstance(rec, dict):
            raise self.fail("a document must be an object")
        text = self.get(rec, "text", str)
        expected = self.get(rec, "text_sha256", str, True)
        doc_id = self.get(rec, "id", str)
        if expected is not None and expected != text_checksum(text):
            raise self.fail(f"document {doc_id!r}: its text does not match its checksum",
                            hint="the file was edited by hand; spans would point at the wrong "
                            "characters. Re-create it with align-kit")
        paragraphs, segments = [], []
        try:
            for start, end, kind in self.get(rec, "paragraphs", list):
                paragraphs.append(Paragraph(int(start), int(end), kind))
            for start, end, para, kind, seg_text in self.get(rec, "segments", list):
                if not (isinstance(start, int) and isinstance(end, int)
                        and 0 <= start <= end <= len(text)):
                    raise self.fail(f"document {doc_id!r}: segment span {start}..{end} lies "
                                    f"outside its text ({len(text)} characters)")
                segments.append(Segment(seg_text, start, end, int(para), kind))
        except (TypeError, ValueError):
            raise self.fail(f"document {doc_id!r}: malformed paragraphs or segments") from None
        metadata = self.get(rec, "metadata", dict)
        conf = self.get(rec, "language_confidence", (int, float), True)
        return Document(
            id=doc_id, language=self.get(rec, "language", str), text=text,
            paragraphs=tuple(paragraphs), segments=tuple(segments), metadata=metadata,
            source=self.get(rec, "source", str, True),
            encoding=self.get(rec, "encoding", str, True),
            declared_language=self.get(rec, "declared_language", str, True),
            language_confidence=1.0 if conf is None else conf,
            checksum=self.get(rec, "checksum", str, True),
            notices=tuple(self.notice(n) for n in self.get(rec, "notices", list, True) or ()),
        )

    def finding(self, rec: Any) -> tuple[int, Finding]:
        if not isinstance(rec, dict):
            raise self.fail("a finding must be an object")
        span = self.get(rec, "span", list, True)
        if span is not None and (len(span) != 2 or not all(isinstance(x, int) for x in span)):
            raise self.fail("a finding span must be two integers")
        return self.get(rec, "n", int), Finding(
            check=self.get(rec, "check", str), severity=self.get(rec, "severity", str),
            message=self.get(rec, "message", str), document=self.get(rec, "document", str),
            bead=self.get(rec, "bead", int, True), language=self.get(rec, "language", str, True),
            span=tuple(span) if span is not None else None,
            entry=self.get(rec, "entry", str, True), term=self.get(rec, "term", str, True),
            expected=tuple(self.get(rec, "expected", list, True) or ()),
        )


def _load(reader: _Reader, raw: str) -> dict:
    try:
        record = loads_strict(raw)
    except json.JSONDecodeError as exc:
        raise reader.fail(f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    except ValueError as exc:  # too deep, NaN or Infinity
        raise reader.fail(f"not valid JSON: {exc}",
                          hint="the file was edited by hand or crafted; re-create it "
                          "with align-kit") from None
    if not isinstance(record, dict):
        raise reader.fail("each line must be a JSON object")
    return record


def read_alignment(path: str | os.PathLike) -> Alignment:
    """Read an `*.align.jsonl` file; FormatError (with the line) if it is malformed."""
    source = str(path)
    reader = _Reader(source)
    if Path(source).is_dir():
        raise reader.fail("expected an alignment file, found a folder")
    try:
        handle = open(source, encoding="utf-8", newline="\n")  # noqa: SIM115
    except OSError as exc:
        raise reader.fail(f"cannot read: {exc.strerror or exc}") from None
    with handle:
        try:
            lines = iter(handle)
            first = next(lines, None)
            reader.line = 1
            if first is None or not first.strip():
                raise reader.fail("empty alignment file",
                                  hint="create one with `align-kit align` or `align-kit import`")
            header = _load(reader, first)
            if header.get("format") != FORMAT_NAME:
                raise reader.fail("not an align-kit alignment file (no header line)")
            version = header.get("version")
            if not isinstance(version, int) or version > FORMAT_VERSION:
                raise reader.fail(f"alignment file version {version!r} is newer than this "
                                  f"align-kit reads ({FORMAT_VERSION})",
                                  hint="upgrade align-kit")
            documents = tuple(reader.document(d) for d in reader.get(header, "documents", list))
            findings = [reader.finding(f) for f in reader.get(header, "findings", list)]
            expected_beads = reader.get(header, "beads", int)
            beads: list[Bead] = []
            for raw in lines:
                reader.line += 1
                if not raw.strip():
                    continue
                rec = _load(reader, raw)
                beads.append(_bead(reader, rec, documents, len(beads)))
                findings.extend(reader.finding(f) for f in reader.get(rec, "findings", list))
        except UnicodeDecodeError:
            raise reader.fail("the file is not UTF-8") from None
    reader.line = 0
    if len(beads) != expected_beads:
        raise reader.fail(f"the header announces {expected_beads} beads but the file holds "
                          f"{len(beads)}", hint="the file is truncated; write it again")
    findings.sort(key=lambda pair: pair[0])
    return Alignment(
        documents=documents, beads=tuple(beads), original=header.get("original"),
        parameters=reader.get(header, "parameters", dict), id=reader.get(header, "id", str),
        findings=tuple(f for _, f in findings),
    )


def _bead(reader: _Reader, rec: dict, documents: tuple[Document, ...], position: int) -> Bead:
    if reader.get(rec, "bead", int) != position:
        raise reader.fail(f"expected bead {position}, found bead {rec['bead']}")
    indexes = reader.get(rec, "indexes", list)
    if len(indexes) != len(documents):
        raise reader.fail(f"bead has {len(indexes)} sides but the alignment has "
                          f"{len(documents)} documents")
    for doc, side in zip(documents, indexes, strict=True):
        if not isinstance(side, list) or not all(
                isinstance(i, int) and not isinstance(i, bool) and 0 <= i < len(doc.segments)
                for i in side):
            raise reader.fail(f"bead indexes {side} do not name segments of document "
                              f"{doc.id!r} ({len(doc.segments)} segments)")
    score = reader.get(rec, "score", (int, float))
    if not valid_score(score):
        raise reader.fail(f"bead score {score!r} is not a number between 0 and 1")
    flags = reader.get(rec, "flags", list)
    drafts = reader.get(rec, "drafts", dict)
    if not all(isinstance(f, str) for f in flags) or not all(
            isinstance(v, str) for v in drafts.values()):
        raise reader.fail("flags and drafts must be strings")
    bead = Bead(indexes=tuple(tuple(s) for s in indexes), score=score, flags=frozenset(flags),
                drafts=drafts)
    texts = rec.get("texts")
    if texts is not None:
        actual = [" ".join(doc.segments[i].text for i in side)
                  for doc, side in zip(documents, bead.indexes, strict=True)]
        if texts != actual:
            raise reader.fail("the bead's texts differ from its documents' segments",
                              hint="edit translations through PO/TMX and `align-kit import`, "
                              "not in the alignment file")
    return bead
