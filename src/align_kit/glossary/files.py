"""load_glossary / save_glossary: pick the format by extension, validate, report."""

from __future__ import annotations

import os
from pathlib import Path

from align_kit.errors import FormatError, InputError
from align_kit.glossary.tabular import parse_table, write_table
from align_kit.glossary.tbx import parse_tbx, write_tbx
from align_kit.glossary.validate import check_entries
from align_kit.model import Glossary

FORMATS = {".tbx": "tbx", ".xml": "tbx", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv"}


def glossary_format(path: str | os.PathLike) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"unknown glossary format {suffix or '(no extension)'!r}",
                         path=str(path), hint="use .tbx, .csv or .tsv")
    return FORMATS[suffix]


def parse_glossary(data: bytes, fmt: str, path: str | None = None) -> Glossary:
    if fmt == "tbx":
        entries, notices, lines = parse_tbx(data, path)
    else:
        entries, notices, lines = parse_table(data, path, "\t" if fmt == "tsv" else ",")
    entries = check_entries(entries, path, notices, lines)
    if not entries:
        raise FormatError("the glossary has no usable entries", path=path)
    return Glossary(tuple(entries), path, tuple(notices))


def load_glossary(path: str | os.PathLike) -> Glossary:
    """Read a TBX, CSV or TSV glossary; problems become Notices (with lines) or FormatError."""
    fmt = glossary_format(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("no such glossary file", path=str(path)) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a glossary file", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from None
    return parse_glossary(data, fmt, str(path))


def save_glossary(glossary: Glossary, path: str | os.PathLike) -> None:
    """Write by extension: .tbx (TBX-Basic), .csv or .tsv."""
    fmt = glossary_format(path)
    if fmt == "tbx":
        write_tbx(glossary, path)
    else:
        write_table(glossary, path, "\t" if fmt == "tsv" else ",")
