"""CSV and TSV glossaries: one column per language, extra columns for the rest.

Header row, case-insensitive: a language code per approved-term column
(`en`, `be`, `ru` ...); `<lang>_forbidden` (or `forbidden_<lang>`) for
forbidden variants; `id`, `note`, `subject`, `case_sensitive` (yes/no),
`pos` or `part_of_speech`. Several terms in one cell are separated by `|`.

Cells are spreadsheet-safe (`formats/cells.py`): the writer prefixes a cell
that would start a formula (`=`, `+`, `-`, `@`, TAB, CR) with `'`, the reader
takes that prefix off, so `+375` or `-ism` survive csv -> tbx -> csv.
"""

from __future__ import annotations

import csv
import difflib
import io
import os

import regex

from align_kit.errors import FormatError
from align_kit.formats.atomic import atomic_write
from align_kit.formats.cells import escape_cell, unescape_cell
from align_kit.glossary.validate import language_code
from align_kit.languages import suggest
from align_kit.model import Glossary, GlossaryEntry, Notice, Term

_FORBIDDEN_COL = regex.compile(r"^(?:([a-z]{2,3}(?:-[a-z0-9]+)?)[ _-]forbidden|"
                               r"forbidden[ _-]([a-z]{2,3}(?:-[a-z0-9]+)?))$", regex.I)
# A language column: a code, optionally with a region or script (en-GB, be_BY, be-Latn).
_LANGUAGE_COLUMN = regex.compile(r"^[A-Za-z]{2,3}(?:[-_](?:[A-Za-z]{2}|[A-Za-z]{4}|\d{3}))?$")
_EXTRA = {"id": "id", "note": "note", "notes": "note", "comment": "note", "subject": "subject",
          "case_sensitive": "case", "case-sensitive": "case", "case sensitive": "case",
          "pos": "pos", "part_of_speech": "pos", "part of speech": "pos", "partofspeech": "pos"}
_YES = {"yes", "y", "true", "1", "x"}
_NO = {"no", "n", "false", "0", ""}


def decode(data: bytes, path: str | None, notices: list[Notice]) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        notices.append(Notice("bom", "UTF-16 file (byte order mark) read as UTF-16", "info",
                              path, 1))
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        notices.append(Notice("bom", "UTF-8 byte order mark removed", "info", path, 1))
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError(f"not UTF-8 (byte 0x{data[exc.start]:02x})", path=path, line=line,
                          hint="save the glossary as UTF-8") from None


def parse_table(data: bytes, path: str | None, delimiter: str
                ) -> tuple[list[GlossaryEntry], list[Notice], dict[tuple[str, int], int]]:
    notices: list[Notice] = []
    text = decode(data, path, notices)
    if not text.strip():
        raise FormatError("empty glossary file", path=path, hint="add a header row: en,be,ru")
    first = text.splitlines()[0]
    name = "tab" if delimiter == "\t" else repr(delimiter)
    if delimiter not in first:
        for other, label in (("\t", "tabs"), (";", "semicolons"), (",", "commas")):
            if other != delimiter and other in first:
                raise FormatError(
                    f"the header is separated by {label}, not by {name}", path=path, line=1,
                    hint="save with the delimiter the extension says (.csv: comma, .tsv: tab) "
                    "or rename the file")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise FormatError(f"unreadable header: {exc}", path=path, line=1) from None
    columns = _columns(header, path, notices)
    if not any(kind == "approved" for kind, _ in columns):
        raise FormatError("the header names no language column", path=path, line=1,
                          hint="the header row must name languages, e.g. en,be,ru")
    entries: list[GlossaryEntry] = []
    lines: dict[tuple[str, int], int] = {}
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise FormatError(f"malformed row: {exc}", path=path, line=line + 1,
                              hint="a quote opened in this row is never closed") from None
        line_start = line + 1
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise FormatError(f"row has {len(row)} fields, the header has {len(header)}",
                              path=path, line=line_start,
                              hint=f"quote cells that contain {name}, or fill the missing cells")
        entries.append(_entry(row, columns, line_start, path, lines))
    return entries, notices, lines


def _columns(header: list[str], path: str | None, notices: list[Notice]) -> list[tuple[str, str]]:
    out = []
    for raw in header:
        col = raw.strip()
        low = col.lower()
        m = _FORBIDDEN_COL.match(low)
        if low in _EXTRA:
            out.append((_EXTRA[low], ""))
        elif m:
            out.append(("forbidden", language_code(m.group(1) or m.group(2), path=path, line=1,
                                                   notices=notices)))
        elif not col:
            raise FormatError("empty column name in the header", path=path, line=1,
                              hint="name every column (en, be, ru, note ...)")
        elif _LANGUAGE_COLUMN.match(col):
            out.append(("approved", language_code(col, path=path, line=1, notices=notices)))
        else:
            raise _unknown_column(col, header, path)
    return out


def _unknown_column(col: str, header: list[str], path: str | None) -> FormatError:
    """A header cell that is neither a language nor a known column: a typo such as
    `be_forbiden` must not turn every forbidden variant into an approved term."""
    langs = {c.strip().lower() for c in header if _LANGUAGE_COLUMN.match(c.strip())}
    known = [*_EXTRA, *(f"{lang}_forbidden" for lang in sorted(langs | {"en", "be", "ru"}))]
    close = difflib.get_close_matches(col.lower(), known, n=1, cutoff=0.75)
    guess = suggest(col.split("_")[0].split("-")[0]) if not close else None
    meant = close[0] if close else guess
    return FormatError(f"unknown column {col!r}" + (f"; did you mean {meant!r}?" if meant else ""),
                       path=path, line=1,
                       hint="columns are language codes (en, be, ru), <lang>_forbidden, id, "
                       "note, subject, case_sensitive and pos")


def _entry(row: list[str], columns: list[tuple[str, str]], line: int, path: str | None,
           lines: dict[tuple[str, int], int]) -> GlossaryEntry:
    # Undo the writer's formula escaping (a leading `'`) before anything else.
    row = [unescape_cell(cell.strip()) for cell in row]
    extra = {kind: cell.strip() for (kind, _), cell in zip(columns, row, strict=True)
             if kind not in ("approved", "forbidden")}
    flag = extra.get("case", "").lower()
    if flag not in _YES | _NO:
        raise FormatError(f"case_sensitive must be yes or no, not {extra['case']!r}", path=path,
                          line=line)
    case_sensitive = flag in _YES
    pos = extra.get("pos") or None
    entry_id = extra.get("id") or f"line-{line}"
    terms = []
    for (kind, lang), cell in zip(columns, row, strict=True):
        if kind not in ("approved", "forbidden"):
            continue
        for text in cell.split("|"):
            text = " ".join(text.split())
            if text:
                lines[(entry_id, len(terms))] = line
                terms.append(Term(text, lang, kind, case_sensitive, pos))
    return GlossaryEntry(entry_id, tuple(terms), extra.get("note") or None,
                         extra.get("subject") or None, line)


def table_text(glossary: Glossary, delimiter: str = ",") -> str:
    langs = list(dict.fromkeys(lang for e in glossary.entries for lang in e.languages))
    header = ["id", *langs, *(f"{lang}_forbidden" for lang in langs), "case_sensitive", "pos",
              "subject", "note"]
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    for e in glossary.entries:
        cs = any(t.case_sensitive for t in e.terms)
        pos = next((t.part_of_speech for t in e.terms if t.part_of_speech), "")
        row = [e.id, *("|".join(t.text for t in e.approved(lang)) for lang in langs),
               *("|".join(t.text for t in e.forbidden(lang)) for lang in langs),
               "yes" if cs else "", pos, e.subject or "", e.note or ""]
        # A term such as "+375" or "-ism" must not become a formula in a spreadsheet.
        writer.writerow([escape_cell(cell) for cell in row])
    return buf.getvalue()


def write_table(glossary: Glossary, path: str | os.PathLike, delimiter: str = ",") -> None:
    with atomic_write(path, newline="") as handle:
        handle.write(table_text(glossary, delimiter))
