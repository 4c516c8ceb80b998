"""The checklist file: a TSV (CSV by its extension) table with a header row; `#` starts
a comment line. What its columns mean, and the rules made of them: `qa.checklist`."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from align_kit.errors import InputError


@dataclass(frozen=True)
class ChecklistTable:
    source: str
    header_line: int
    header: tuple[str, ...]  # stripped, lower-case
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (line number, cells stripped)


def read_checklist_table(path: str | Path, columns: tuple[str, ...]) -> ChecklistTable:
    """The header and rows of a checklist file; InputError naming the file (and the line)
    when it cannot be read, is not UTF-8, has no header or a row too many cells."""
    source = str(path)
    try:
        raw = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("the checklist is not UTF-8", path=source,
                         hint="save it as UTF-8") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=source) from None
    delimiter = "," if source.lower().endswith(".csv") else "\t"
    lines = [(n, line) for n, line in enumerate(raw.splitlines(), 1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise InputError("the checklist has no header row", path=source,
                         hint="first line: " + "\\t".join(columns))
    header_no, header_line = lines[0]
    header = tuple(c.strip().lower()
                   for c in next(csv.reader([header_line], delimiter=delimiter)))
    rows = []
    for n, line in lines[1:]:
        cells = next(csv.reader([line], delimiter=delimiter))
        if len(cells) > len(header):
            raise InputError(f"{len(cells)} cells for {len(header)} columns", path=source,
                             line=n, hint="a TAB inside a pattern? write it \\t")
        rows.append((n, tuple(c.strip() for c in cells)))
    return ChecklistTable(source, header_no, header, tuple(rows))
