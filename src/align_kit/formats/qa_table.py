"""QA reports as CSV and xlsx: one finding a row, every cell formula-escaped (formats/cells.py).

Columns: document, bead (1-based, as people read it), language, severity, check,
message, text (what the finding is about), source, target (the bead's texts),
accepted ("yes" for a finding the accepted-findings file holds).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Sequence

from align_kit.errors import InputError
from align_kit.formats.atomic import atomic_write
from align_kit.formats.cells import escape_cell
from align_kit.model import Alignment, Finding, bead_number

COLUMNS = ("document", "bead", "language", "severity", "check", "message", "text", "source",
           "target", "accepted")
# A spreadsheet cell holds at most this many characters.
CELL_MAX = 32767


def rows(findings: Sequence[Finding], alignments: Sequence[Alignment],
         accepted: Callable[[Finding], bool] = lambda f: False) -> list[list[str]]:
    """The report's rows (header first), texts as they are (not yet escaped)."""
    docs = {d.id: (a, k) for a in alignments for k, d in enumerate(a.documents)}
    out = [list(COLUMNS)]
    for f in findings:
        source = target = ""
        if f.document in docs and f.bead is not None:
            a, k = docs[f.document]
            if 0 <= f.bead < len(a.beads):
                texts = a.texts(a.beads[f.bead])
                source, target = texts[a.original_index], texts[k]
        out.append([f.document, "" if f.bead is None else str(bead_number(f.bead)),
                    f.language or "", f.severity, f.check, f.message, f.term or "", source,
                    target, "yes" if accepted(f) else ""])
    return out


def csv_text(table: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in table:
        writer.writerow([escape_cell(c) for c in row])
    return buffer.getvalue()


def write_csv(table: list[list[str]], path: str | os.PathLike) -> None:
    # UTF-8 with a BOM: spreadsheet programs then read Cyrillic right.
    with atomic_write(path, "w", encoding="utf-8-sig", newline="") as handle:
        handle.write(csv_text(table))


def write_xlsx(table: list[list[str]], path: str | os.PathLike) -> None:
    try:
        import openpyxl
        from openpyxl.styles import Alignment as CellStyle
        from openpyxl.styles import Font
        from openpyxl.utils.exceptions import IllegalCharacterError
    except ImportError:  # a dependency, so only a broken installation gets here
        raise InputError("the xlsx format needs openpyxl, which is not installed",
                         hint="install openpyxl: pip install 'openpyxl>=3.1'") from None
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "QA"
    wrap = CellStyle(wrap_text=True, vertical="top")
    for r, row in enumerate(table, 1):
        for c, value in enumerate(row, 1):
            if not value:
                continue
            cell = ws.cell(row=r, column=c)
            text = escape_cell(value)[:CELL_MAX]
            try:
                cell.value = text
            except IllegalCharacterError:  # control characters: shown, never dropped silently
                cell.value = "".join(ch if ch >= " " or ch in "\t\n" else f"\\x{ord(ch):02x}"
                                     for ch in text)
            cell.data_type = "s"  # text, never a formula
            cell.alignment = wrap
            if r == 1:
                cell.font = Font(bold=True)
    for col, width in zip("ABCDEFGHIJ", (24, 7, 6, 9, 22, 50, 20, 50, 50, 9), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    with atomic_write(path, "wb") as handle:
        wb.save(handle)
