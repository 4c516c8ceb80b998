"""Word (.docx) articles through python-docx: paragraphs with their styles.

Styles named "Title" or "Heading N" give "heading" paragraphs, "Caption"
gives "caption", list styles or numbered paragraphs "list_item", "Quote"
styles "quote". Table cells are read row by row after their position in the
body. python-docx parses the XML parts with entity resolution off; we refuse
an archive whose parts would unpack to more than `MAX_UNPACKED` bytes (a zip
bomb) before handing it over.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from align_kit.errors import InputError
from align_kit.model import ParagraphKind

MAX_UNPACKED = 200 * 1024 * 1024


def _not_docx(path: str, why: str) -> InputError:
    return InputError(
        f"not a valid .docx file ({why})",
        path=path,
        hint="open it in Word or LibreOffice and save it again as .docx",
    )


def _kind(paragraph) -> ParagraphKind:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    lowered = style.lower()
    if lowered == "title" or lowered.startswith("heading") or lowered == "subtitle":
        return "heading"
    if lowered.startswith("caption"):
        return "caption"
    if "quote" in lowered:
        return "quote"
    ppr = paragraph._p.pPr
    if lowered.startswith("list") or (ppr is not None and ppr.numPr is not None):
        return "list_item"
    return "text"


def _body_items(document) -> Iterator:
    """Paragraphs and table-cell paragraphs in body order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item
        elif isinstance(item, Table):
            for row in item.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    yield from cell.paragraphs


def docx_content(path: str) -> tuple[list[tuple[str, ParagraphKind]], dict[str, str]]:
    """(blocks with kinds, metadata: title, date, lang) of a .docx file."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if "word/document.xml" not in archive.namelist():
                raise _not_docx(path, "no word/document.xml inside")
    except zipfile.BadZipFile:
        raise _not_docx(path, "not a ZIP archive") from None
    if unpacked > MAX_UNPACKED:
        raise _not_docx(path, f"would unpack to {unpacked // 1_000_000} MB")

    import docx  # python-docx; imported here so plain-text users never pay for it

    try:
        document = docx.Document(str(Path(path)))
        blocks = [(p.text, _kind(p)) for p in _body_items(document)]
        props = document.core_properties
        meta: dict[str, str] = {}
        if props.title:
            meta["title"] = props.title
        if props.created:
            meta["date"] = props.created.date().isoformat()
        if props.language:
            meta["lang"] = props.language
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx raises many types on broken files
        raise _not_docx(path, type(exc).__name__) from None
    return blocks, meta
