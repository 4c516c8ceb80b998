"""Spreadsheet-safe cell text, one piece for every CSV, TSV and xlsx writer.

A spreadsheet program reads a cell that starts with `=`, `+`, `-` or `@` (and,
after some import paths strip them, TAB or CR) as a formula (OWASP
"CSV injection"). Writers prefix such a cell with `'`, which every spreadsheet
shows as text; the project's readers take the prefix off again, so a round
trip is lossless (`escape_cell` and `unescape_cell` are inverses).

A text that already starts with `'` followed by a trigger character or another
`'` gets one more `'`, so that `unescape_cell` never eats a quote that was
part of the text; `'tis` (a quote not followed by a trigger) is left alone.

Line-based TSV (one bead per line, `align --format tsv`) cannot hold a TAB or a
line break inside a cell; `tsv_field` writes them as `\\t`, `\\n`, `\\r` and a
backslash as `\\\\`, and `tsv_unfield` reads them back.
"""

from __future__ import annotations

# OWASP CSV injection: characters that make a spreadsheet evaluate the cell.
FORMULA_START = frozenset("=+-@\t\r")
_QUOTE = "'"

_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_TSV_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def _quoted_trigger(text: str) -> bool:
    """True for text the reader would unescape: `'` then a trigger or another `'`."""
    return len(text) >= 2 and text[0] == _QUOTE and (text[1] in FORMULA_START or text[1] == _QUOTE)


def escape_cell(text: str) -> str:
    """The cell a spreadsheet shows as this text, never as a formula."""
    if text and (text[0] in FORMULA_START or _quoted_trigger(text)):
        return _QUOTE + text
    return text


def unescape_cell(text: str) -> str:
    """The text `escape_cell` was given (cells of other programs pass unchanged)."""
    return text[1:] if _quoted_trigger(text) else text


def tsv_field(text: str) -> str:
    """One TSV cell: formula-escaped, TAB/CR/LF/backslash written as backslash escapes."""
    text = escape_cell(text)
    if not any(c in text for c in _TSV_ESCAPES):
        return text
    return "".join(_TSV_ESCAPES.get(c, c) for c in text)


def tsv_unfield(field: str) -> str:
    """The text `tsv_field` was given; an unknown `\\x` is kept as it is."""
    if "\\" in field:
        out: list[str] = []
        i = 0
        while i < len(field):
            c = field[i]
            if c == "\\" and i + 1 < len(field) and field[i + 1] in _TSV_UNESCAPES:
                out.append(_TSV_UNESCAPES[field[i + 1]])
                i += 2
                continue
            out.append(c)
            i += 1
        field = "".join(out)
    return unescape_cell(field)


def tsv_row(cells: list[str]) -> str:
    """One TSV line (no line end): each cell through `tsv_field`."""
    return "\t".join(tsv_field(c) for c in cells)


def read_tsv_row(line: str) -> list[str]:
    """The cells of a line `tsv_row` wrote (its line end, if any, removed)."""
    return [tsv_unfield(f) for f in line.rstrip("\r\n").split("\t")]
