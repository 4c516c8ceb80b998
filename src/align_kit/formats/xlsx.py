"""The xlsx review workbook: export an alignment for a spreadsheet, import the reviewer's edits.

Sheet "beads": a header row, then one row per bead: its number (1-based), one
column per language (the bead's sentences, one per line), confidence, findings,
confirmed ("yes" or empty), and a hidden column "align-kit id" holding the bead
number, so rows may be sorted or filtered and still find their bead.

Hidden sheet "align-kit": what import needs to tell what the reviewer changed:
the alignment id and languages, and per bead its segment indexes, a SHA-256
fingerprint of each side's text as written and the confirmed state as written.
Import applies only cells that differ from that record, to an alignment that
still holds the exported beads.

Every cell is a string (data type `s`, never a formula) and goes through
`formats/cells.py::escape_cell`; import takes the escaping off again.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from align_kit.errors import FormatError, InputError
from align_kit.formats.atomic import atomic_write
from align_kit.formats.cells import escape_cell, unescape_cell
from align_kit.model import (
    Alignment,
    Document,
    Finding,
    Notice,
    Paragraph,
    Segment,
    bead_index,
    bead_number,
)

SHEET = "beads"
META_SHEET = "align-kit"
FORMAT = "align-kit-review"
VERSION = 1
ID_HEADER = "align-kit id"
# Excel keeps at most this many characters in a cell and cuts the rest on saving.
CELL_MAX = 32767
# A workbook this large (uncompressed) is not a review of one article.
MAX_UNCOMPRESSED = 256 * 1024 * 1024
YES = {"yes", "y", "x", "1", "true", "✓", "✔"}
NO = {"", "no", "n", "0", "false"}
# The flags of report/edits.py (REVIEWED, EDITED); named here to keep formats/ free of report/.
REVIEWED, EDITED = "reviewed", "edited"


def _openpyxl():
    try:
        import openpyxl
    except ImportError:  # a dependency, so only a broken installation gets here
        raise InputError("the xlsx format needs openpyxl, which is not installed",
                         hint="install openpyxl: pip install 'openpyxl>=3.1'") from None
    return openpyxl


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def side_text(document: Document, side: Sequence[int]) -> str:
    """A side as its cell shows it: one sentence per line (a line break inside one: a space)."""
    return "\n".join(" ".join(document.segments[i].text.split("\n")) for i in side)


# --- writing ---


def write_xlsx(alignment: Alignment, path: str | os.PathLike) -> list[Notice]:
    """Write the review workbook for `alignment` to `path` (atomically)."""
    openpyxl = _openpyxl()
    from openpyxl.styles import Alignment as CellStyle
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import IllegalCharacterError

    langs = list(alignment.languages)
    findings: dict[int, list[str]] = {}
    for f in alignment.findings:
        if f.bead is not None:
            findings.setdefault(f.bead, []).append(f"{f.severity}: {f.message}")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    header = ["bead", *langs, "confidence", "findings", "confirmed", ID_HEADER]
    wrap = CellStyle(wrap_text=True, vertical="top")

    def put(sheet, row: int, col: int, text: str, where: str) -> None:
        if len(text) > CELL_MAX:
            raise InputError(f"{where} holds {len(text)} characters, more than a spreadsheet "
                             f"cell keeps ({CELL_MAX})", path=str(path),
                             hint="export this alignment to PO or XLIFF instead")
        cell = sheet.cell(row=row, column=col)
        if not text:
            return  # an empty cell, not an empty string (a reviewer sees the same)
        try:
            cell.value = escape_cell(text)
        except IllegalCharacterError:
            raise InputError(f"{where} holds a control character a spreadsheet cannot store",
                             path=str(path), hint="remove it (align-kit ingest removes them "
                             "from articles)") from None
        cell.data_type = "s"  # text, never a formula, whatever it starts with

    bold = Font(bold=True)
    for col, name in enumerate(header, 1):
        put(ws, 1, col, name, "the header")
        ws.cell(row=1, column=col).font = bold
    for n, bead in enumerate(alignment.beads):
        row = n + 2
        number = bead_number(n)
        values = [str(number),
                  *(side_text(doc, side) for doc, side in zip(alignment.documents, bead.indexes,
                                                              strict=True)),
                  f"{bead.score:.2f}", "\n".join(findings.get(n, [])),
                  "yes" if REVIEWED in bead.flags else "", str(number)]
        for col, value in enumerate(values, 1):
            put(ws, row, col, value, f"bead {number} ({header[col - 1]})")
            ws.cell(row=row, column=col).alignment = wrap
    widths = [7, *(60 for _ in langs), 11, 40, 11, 8]
    for col, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.column_dimensions[get_column_letter(len(header))].hidden = True
    ws.freeze_panes = "B2"  # header row and bead numbers stay in view

    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    rows: list[list[str]] = [
        ["format", FORMAT], ["version", str(VERSION)], ["alignment", alignment.id],
        ["languages", *langs], ["beads", str(len(alignment.beads))],
        ["bead", "indexes", *(f"sha256 {lang}" for lang in langs), "confirmed"],
    ]
    for n, bead in enumerate(alignment.beads):
        rows.append([str(bead_number(n)), json.dumps([list(s) for s in bead.indexes]),
                     *(fingerprint(side_text(doc, side))
                       for doc, side in zip(alignment.documents, bead.indexes, strict=True)),
                     "yes" if REVIEWED in bead.flags else ""])
    for r, values in enumerate(rows, 1):
        for col, value in enumerate(values, 1):
            put(meta, r, col, value, "the record sheet")
    with atomic_write(path, "wb") as handle:
        wb.save(handle)
    return []


def export_xlsx(alignments: Sequence[Alignment], folder: str | os.PathLike) -> list[str]:
    """One workbook per alignment in `folder`, named ALIGNMENT-ID.xlsx."""
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise InputError("for --to xlsx, -o names a folder (one workbook per alignment)",
                         path=str(folder))
    written: list[str] = []
    for alignment in alignments:
        path = target / f"{alignment.id or 'alignment'}.xlsx"
        # An id inside the file must not steer the workbook out of the folder.
        if path.resolve().parent != target.resolve():
            raise InputError(f"alignment id {alignment.id!r} is not a plain file name",
                             path=str(folder), hint="rename the alignment (its header 'id')")
        if str(path) in written:
            raise InputError(f"two alignments share the id {alignment.id!r}", path=str(path),
                             hint="export them to different folders")
        write_xlsx(alignment, path)
        written.append(str(path))
    return written


# --- reading ---


@dataclass(frozen=True)
class _Record:
    indexes: tuple[tuple[int, ...], ...]
    sums: tuple[str, ...]
    confirmed: bool


def _text(value: Any) -> str:
    """A cell's value as the text a reviewer sees (numbers they typed included)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _check_zip(path: str) -> None:
    """Refuse what is not a zip, an oversized one, or XML parts that declare entities."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
                raise FormatError(f"the workbook unpacks to more than "
                                  f"{MAX_UNCOMPRESSED // 2**20} MB", path=path,
                                  hint="import the workbook align-kit exported")
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    data = zf.read(info)
                    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
                        raise FormatError(f"{info.filename} declares a DTD or entities, which "
                                          "align-kit refuses", path=path,
                                          hint="save the workbook again from a spreadsheet")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError):
        raise FormatError("not an xlsx workbook (not a zip archive)", path=path,
                          hint="save it as Excel workbook (.xlsx)") from None
    except OSError as exc:
        raise InputError(exc.strerror or "cannot read the file", path=path) from None


def _load(path: str):
    openpyxl = _openpyxl()
    _check_zip(path)
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (FormatError, InputError):
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise FormatError(f"unreadable xlsx workbook: {exc}", path=path,
                          hint="open it in a spreadsheet and save it again as .xlsx") from None


def _meta(wb, path: str, base: Alignment) -> dict[int, _Record]:
    if META_SHEET not in wb.sheetnames or SHEET not in wb.sheetnames:
        raise FormatError("not an align-kit review workbook (it has no hidden 'align-kit' "
                          "sheet)", path=path, hint="import a workbook made by `align-kit "
                          "export --to xlsx`; keep its hidden sheet when you save it")
    rows = [[unescape_cell(_text(v)) for v in row]
            for row in wb[META_SHEET].iter_rows(values_only=True)]
    head = {r[0]: r[1:] for r in rows[:5] if r}
    if head.get("format", [""])[0] != FORMAT:
        raise FormatError("not an align-kit review workbook (its 'align-kit' sheet is not "
                          "align-kit's)", path=path)
    version = head.get("version", [""])[0]
    if version != str(VERSION):
        raise FormatError(f"review workbook version {version!r} is not {VERSION}", path=path,
                          hint="use the align-kit version that exported it")
    langs = tuple(x for x in head.get("languages", []) if x)
    alignment_id = head.get("alignment", [""])[0]
    if alignment_id != base.id or langs != base.languages:
        raise InputError(f"the workbook is for alignment {alignment_id!r} "
                         f"({', '.join(langs)}), --into holds {base.id!r} "
                         f"({', '.join(base.languages)})", path=path,
                         hint="give the alignment file the workbook was exported from")
    records: dict[int, _Record] = {}
    width = len(langs)
    try:
        for row in rows[6:]:
            if not row or not row[0]:
                continue
            indexes = tuple(tuple(int(i) for i in side) for side in json.loads(row[1]))
            records[int(row[0])] = _Record(indexes, tuple(row[2:2 + width]),
                                           row[2 + width] == "yes")
    except (ValueError, TypeError, IndexError):
        raise FormatError("the hidden 'align-kit' sheet was changed and cannot be read",
                          path=path, hint="export the workbook again") from None
    return records


def apply_xlsx(base: Alignment, path: str | os.PathLike) -> tuple[Alignment, list[Notice]]:
    """`base` with the text edits and confirmed marks of the review workbook at `path`."""
    path = str(path)
    wb = _load(path)
    try:
        records = _meta(wb, path, base)
        rows = list(wb[SHEET].iter_rows())
    finally:
        wb.close()
    if not rows:
        raise FormatError("the 'beads' sheet is empty", path=path, hint="export it again")
    header = [unescape_cell(_text(c.value)).strip().lower() for c in rows[0]]
    columns: dict[str, int] = {}
    for name in [*base.languages, "confirmed", ID_HEADER]:
        if name not in header:
            raise FormatError(f"the 'beads' sheet has no {name!r} column", path=path, line=1,
                              hint="keep the header row and every column the export wrote")
        columns[name] = header.index(name)
    langs = base.languages
    texts: dict[int, dict[int, str]] = {}  # bead index -> side -> new cell text
    confirm: dict[int, bool] = {}
    seen: dict[int, int] = {}  # bead number -> row
    for r, row in enumerate(rows[1:], 2):
        cells = list(row)

        def value(name: str, r: int = r, cells: list = cells) -> str:
            k = columns[name]
            if k >= len(cells):
                return ""
            cell = cells[k]
            if getattr(cell, "data_type", "s") == "f":
                raise FormatError(f"row {r}: the {name!r} cell holds a formula", path=path,
                                  line=r, hint="type text (start it with ' if it begins "
                                  "with =)")
            return unescape_cell(_text(cell.value))

        key = value(ID_HEADER).strip()
        if not key:
            if any(value(lang).strip() for lang in langs):
                raise FormatError(f"row {r} has no bead id (hidden column {ID_HEADER!r}): a row "
                                  "added in the spreadsheet", path=path, line=r,
                                  hint="put new text into an existing bead's cell, or use "
                                  "`align-kit review` to insert sentences")
            continue
        if not key.isdigit() or int(key) not in records:
            raise FormatError(f"row {r}: unknown bead id {key!r}", path=path, line=r,
                              hint="do not edit the hidden 'align-kit id' column")
        number = int(key)
        if number in seen:
            raise FormatError(f"row {r} repeats bead {number} (also row {seen[number]})",
                              path=path, line=r, hint="delete the copied row")
        seen[number] = r
        record = records[number]
        n = bead_index(number)
        for k, lang in enumerate(langs):
            text = value(lang)
            if fingerprint(text) != record.sums[k]:
                texts.setdefault(n, {})[k] = text
        flag = value("confirmed").strip().lower()
        if flag not in YES | NO:
            raise FormatError(f"row {r}: confirmed must be yes or empty, not {flag!r}",
                              path=path, line=r, hint="write yes (or x, 1, true) or leave it "
                              "empty")
        if (flag in YES) != record.confirmed:
            confirm[n] = flag in YES
        if n in texts or n in confirm:
            _check_current(base, n, record, texts.get(n, {}), path, r)
    notices: list[Notice] = []
    missing = sorted(set(records) - set(seen))
    if missing:
        shown = ", ".join(map(str, missing[:10])) + (" ..." if len(missing) > 10 else "")
        notices.append(Notice("xlsx-rows-missing", f"{len(missing)} bead(s) have no row in the "
                              f"sheet (deleted?): {shown}; they were left as they are",
                              "warning", path))
    result, edited_beads = _apply_texts(base, texts, seen, path, notices)
    beads = list(result.beads)
    for n in edited_beads | set(confirm):
        flags = set(beads[n].flags)
        if n in edited_beads:
            flags.add(EDITED)
        if n in confirm:
            (flags.add if confirm[n] else flags.discard)(REVIEWED)
        beads[n] = replace(beads[n], flags=frozenset(flags))
    edited = len(edited_beads)
    marks = sum(confirm.values())
    notices.append(Notice("xlsx-imported", f"{edited} bead(s) edited, {marks} confirmed, "
                          f"{len(confirm) - marks} unconfirmed", "info", path))
    return replace(result, beads=tuple(beads)), notices


def _check_current(base: Alignment, n: int, record: _Record, sides: dict[int, str], path: str,
                   row: int) -> None:
    """Refuse edits to a bead the alignment no longer holds as it was exported."""
    number = bead_number(n)
    current = base.beads[n].indexes if n < len(base.beads) else None
    changed = current != record.indexes or any(
        fingerprint(side_text(base.documents[k], current[k])) != record.sums[k] for k in sides)
    if changed:
        raise InputError(f"row {row} (bead {number}): the alignment changed since the workbook "
                         "was exported", path=path, line=row,
                         hint="export a new workbook from the current alignment and redo the "
                         "edits there")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _apply_texts(base: Alignment, texts: dict[int, dict[int, str]], rows: dict[int, int],
                 path: str, notices: list[Notice]) -> tuple[Alignment, set[int]]:
    alignment = base
    edited: set[int] = set()
    for k, doc in enumerate(base.documents):
        lang = doc.language
        new: dict[int, list[str]] = {}
        for n in sorted(texts):
            if k not in texts[n]:
                continue
            side = sorted(base.beads[n].indexes[k])
            row = rows[bead_number(n)]
            lines = _lines(texts[n][k])
            if not lines:
                if side:
                    notices.append(Notice("xlsx-emptied", f"row {row} (bead {bead_number(n)}): "
                                          f"the {lang} cell was emptied; its text was kept (use "
                                          "`align-kit review` to move or delete sentences)",
                                          "warning", path, row))
                continue
            if lines == [doc.segments[i].text for i in side]:
                continue  # only white space changed
            if side and side != list(range(side[0], side[-1] + 1)):
                raise InputError(f"row {row} (bead {bead_number(n)}): the {lang} sentences of "
                                 "this bead are not consecutive, so its text cannot be "
                                 "replaced here", path=path, line=row,
                                 hint="edit this bead in `align-kit review`")
            if side and len(lines) != len(side):
                notices.append(Notice("xlsx-lines", f"row {row} (bead {bead_number(n)}): the "
                                      f"{lang} cell has {len(lines)} line(s) for {len(side)} "
                                      f"sentence(s); the side now has {len(lines)} sentence(s), "
                                      "one per line", "info", path, row))
            new[n] = lines
        if not new:
            continue
        edited |= set(new)
        sides = [b.indexes[k] for b in alignment.beads]
        new_doc, index_map, moved = rewrite_document(doc, sides, new)
        beads = tuple(replace(b, indexes=b.indexes[:k] + (index_map[n],) + b.indexes[k + 1:])
                      for n, b in enumerate(alignment.beads))
        findings = _move_findings(alignment.findings, doc, set(new), moved)
        documents = alignment.documents[:k] + (new_doc,) + alignment.documents[k + 1:]
        alignment = replace(alignment, documents=documents, beads=beads, findings=findings)
    return alignment, edited


def _move_findings(findings: Sequence[Finding], doc: Document, edited: set[int],
                   moved) -> tuple[Finding, ...]:
    """Findings on an edited side are dropped (re-run `check`); other spans in `doc` shift."""
    out = []
    for f in findings:
        mine = f.document == doc.id or (not f.document and f.language == doc.language)
        if not mine:
            out.append(f)
        elif f.bead in edited and f.language in (doc.language, None):
            continue
        elif f.span is not None:
            out.append(replace(f, span=(moved(f.span[0], True), moved(f.span[1], False))))
        else:
            out.append(f)
    return tuple(out)


def rewrite_document(doc: Document, sides: Sequence[tuple[int, ...]],
                     new: dict[int, list[str]]):
    """`doc` with the sentences of the sides in `new` replaced by its lines.

    The same number of lines as sentences: each sentence is replaced in place
    (the white space and paragraph breaks between them stay). Another number:
    the side's span becomes the lines joined by a space, one sentence each, in
    the first sentence's paragraph. An empty side gets its lines after the
    previous bead's last sentence. Returns the document, each bead's new
    indexes, and a function mapping an old text position to the new one.
    """
    segs = doc.segments
    if any(segs[j].start > segs[j + 1].start for j in range(len(segs) - 1)):
        raise InputError(f"document {doc.id!r}: its segments are not in text order",
                         hint="edit it in `align-kit review`")
    owner: dict[int, int] = {}
    for n, side in enumerate(sides):
        for j in side:
            owner[j] = n
    inserts: dict[int, list[int]] = {}
    last = -1
    for n, side in enumerate(sides):
        if side:
            last = max(last, max(side))
        elif n in new:
            inserts.setdefault(last, []).append(n)
    pieces: list[str] = []
    length = 0
    pos = 0
    chunks: list[tuple[int, int, int]] = [(0, 0, 0)]  # (old start, old end, new start)
    new_segments: list[Segment] = []
    old_to_new: dict[int, int] = {}
    bead_segments: dict[int, list[int]] = {}

    def copy_to(p: int) -> None:
        nonlocal pos, length
        chunks.append((pos, p, length))
        pieces.append(doc.text[pos:p])
        length += p - pos
        pos = p

    def emit(n: int, lines: list[str], para: int, kind: str, before: str = "",
             after: str = "") -> None:
        nonlocal length
        pieces.append(before)
        length += len(before)
        for m, line in enumerate(lines):
            if m:
                pieces.append(" ")
                length += 1
            bead_segments.setdefault(n, []).append(len(new_segments))
            new_segments.append(Segment(line, length, length + len(line), para, kind))
            pieces.append(line)
            length += len(line)
        pieces.append(after)
        length += len(after)

    def emit_inserts(after_j: int) -> None:
        para = segs[after_j].paragraph if after_j >= 0 else 0
        for n in inserts.get(after_j, []):
            if after_j < 0:
                emit(n, new[n], para, "sentence", after=" " if doc.text else "")
            else:
                emit(n, new[n], para, "sentence", before=" ")

    emit_inserts(-1)
    j = 0
    while j < len(segs):
        n = owner.get(j)
        if n is not None and n in new and sides[n]:
            side = sorted(sides[n])
            lines = new[n]
            if len(lines) == len(side):
                for idx, line in zip(side, lines, strict=True):
                    copy_to(segs[idx].start)
                    emit(n, [line], segs[idx].paragraph, segs[idx].kind)
                    pos = segs[idx].end
            else:
                copy_to(segs[side[0]].start)
                emit(n, lines, segs[side[0]].paragraph, segs[side[0]].kind)
                pos = segs[side[-1]].end
            j = side[-1]
        else:
            seg = segs[j]
            start = length + (seg.start - pos)
            copy_to(seg.end)
            old_to_new[j] = len(new_segments)
            new_segments.append(replace(seg, start=start, end=start + (seg.end - seg.start)))
        emit_inserts(j)
        j += 1
    copy_to(len(doc.text))
    text = "".join(pieces)

    def moved(p: int, is_start: bool) -> int:
        hits = [c for c in chunks if c[0] <= p <= c[1]]
        if hits:
            c = hits[0] if is_start else hits[-1]
            return c[2] + (p - c[0])
        later = [c for c in chunks if c[0] > p]
        return later[0][2] if later else len(text)

    paragraphs = tuple(Paragraph(moved(p.start, True), moved(p.end, False), p.kind)
                       for p in doc.paragraphs)
    index_map = []
    for n, side in enumerate(sides):
        if n in bead_segments:
            index_map.append(tuple(bead_segments[n]))
        else:
            index_map.append(tuple(old_to_new[j] for j in side))
    new_doc = replace(doc, text=text, segments=tuple(new_segments), paragraphs=paragraphs,
                      checksum=None)
    return new_doc, index_map, moved


def read_beads_sheet(path: str | os.PathLike) -> list[list[str]]:
    """The 'beads' sheet as text, escaping undone (for tests and scripts)."""
    wb = _load(str(path))
    try:
        return [[unescape_cell(_text(v)) for v in row]
                for row in wb[SHEET].iter_rows(values_only=True)]
    finally:
        wb.close()


__all__ = ["apply_xlsx", "export_xlsx", "read_beads_sheet", "rewrite_document",
           "write_xlsx"]
