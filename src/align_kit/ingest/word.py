"""Word (.docx) articles through python-docx: paragraphs with their styles.

Styles named "Title" or "Heading N" give "heading" paragraphs, "Caption"
gives "caption", list styles or numbered paragraphs "list_item", "Quote"
styles "quote". Table cells are read row by row after their position in the
body.

Before python-docx sees the archive, `check_archive` bounds it (a zip bomb):
each part may unpack to at most the file limit (`--max-file-mb`), all parts
together to `TOTAL_FACTOR` times it, and a part over `RATIO_FLOOR` bytes may
not be compressed more than `MAX_RATIO`:1 (real Word XML: 5-20:1; a repeated
run element: 300:1 and more). The sizes are checked from the zip directory
first, then enforced while each part is decompressed in bounded chunks, so a
part that lies about its size is stopped at once, not after gigabytes.

python-docx parses with entity resolution off, and then drops the text after
an unresolved entity reference; a part that declares or references entities
is refused instead, with the safe-parser checks the TMX and XLIFF readers use
(`formats._xml`).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator

from lxml import etree

from align_kit.errors import FormatError, InputError
from align_kit.ingest.limits import RAISE_HINT, limit_bytes, show_mb
from align_kit.model import ParagraphKind

TOTAL_FACTOR = 4  # all parts together (photos included) may unpack to 4x the file limit
MAX_RATIO = 100
RATIO_FLOOR = 1_000_000  # tiny parts compress at any ratio; judge only big ones
_CHUNK = 1 << 20  # decompression step: memory per step stays at about 1 MB


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


def _bomb(path: str, what: str, *, ratio: bool = False) -> InputError:
    return InputError(
        f"refused: {what}" + ("" if ratio else " (--max-file-mb)"), path=path,
        hint="a zip bomb, or a document too big to read; " + (
            "save it again from Word or LibreOffice" if ratio else RAISE_HINT),
    )


def _refuse_entities(data: bytes, path: str, name: str) -> None:
    """Refuse a part that declares or references XML entities, as TMX/XLIFF readers do."""
    if b"<!DOCTYPE" not in data and b"<!ENTITY" not in data:
        return  # no DTD: an undeclared reference is a syntax error python-docx reports
    from align_kit.formats._xml import _parser_options, _refuse_entities, _refuse_references

    try:
        root = etree.fromstring(data, etree.XMLParser(**_parser_options()))
        _refuse_entities(root.getroottree(), name)
        _refuse_references(root, name)
    except etree.XMLSyntaxError as exc:
        raise _not_docx(path, f"part {name}: {exc.msg}") from None
    except FormatError as exc:
        raise InputError(f"part {name}: {exc.message}", path=path,
                         hint=exc.hint or "save it again from Word or LibreOffice") from None


def checked_archive(path: str, archive: zipfile.ZipFile, max_file_mb: float | None) -> bytes:
    """The archive rebuilt (stored, uncompressed) from its parts as checked.

    Refuses a zip bomb and entities in XML parts (see the module docstring).
    python-docx reads the rebuilt archive, never the original: a part may
    hold more compressed data than the size it declares (zipfile stops at the
    declared size, but only after inflating up to 2 GB in one step).
    """
    part_limit = limit_bytes(max_file_mb)
    total_limit = TOTAL_FACTOR * part_limit
    infos = archive.infolist()
    if "word/document.xml" not in archive.namelist():
        raise _not_docx(path, "no word/document.xml inside")
    declared = 0
    for info in infos:  # first what the zip directory declares: costs nothing
        declared += info.file_size
        if info.file_size > part_limit:
            raise _bomb(path, f"part {info.filename} would unpack to {show_mb(info.file_size)}, "
                        f"over the limit of {show_mb(part_limit)} per part")
        ratio = info.file_size // max(1, info.compress_size)
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise _bomb(path, f"part {info.filename} is compressed {ratio}:1, more than "
                        f"{MAX_RATIO}:1", ratio=True)
    if declared > total_limit:
        raise _bomb(path, f"the parts would unpack to {show_mb(declared)}, over the limit of "
                    f"{show_mb(total_limit)} for all parts")
    rebuilt = io.BytesIO()
    unpacked = 0
    with zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_STORED) as copy:
        for info in infos:  # then what the parts really unpack to, in bounded steps
            chunks: list[bytes] = []
            try:
                with archive.open(info) as part:
                    while chunk := part.read(_CHUNK):
                        unpacked += len(chunk)
                        if unpacked > total_limit:
                            raise _bomb(path, f"the parts unpack to more than "
                                        f"{show_mb(total_limit)} for all parts")
                        chunks.append(chunk)
                    # zipfile stops at the declared size; more compressed data may follow
                    inflater = getattr(part, "_decompressor", None)
                    if getattr(inflater, "eof", True) is False:
                        raise _bomb(path, f"part {info.filename} unpacks to more than the "
                                    f"{info.file_size:,} bytes it declares", ratio=True)
            except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
                raise _not_docx(path, f"part {info.filename} is damaged or unpacks to more "
                                f"than it declares ({exc})") from None
            except NotImplementedError as exc:  # an unsupported compression method
                raise _not_docx(path, f"part {info.filename}: {exc}") from None
            data = b"".join(chunks)
            del chunks
            if info.filename.endswith((".xml", ".rels")):
                _refuse_entities(data, path, info.filename)
            copy.writestr(info.filename, data)
    return rebuilt.getvalue()


def docx_content(
    path: str, data: bytes | None = None, *, max_file_mb: float | None = None
) -> tuple[list[tuple[str, ParagraphKind]], dict[str, str]]:
    """(blocks with kinds, metadata: title, date, lang) of a .docx file.

    `data`: the file's bytes when the caller read them already (bounded); the
    archive is checked and parsed from those bytes, so what was checked is
    what python-docx reads.
    """
    if data is None:
        from align_kit.ingest.limits import read_regular_file

        data = read_regular_file(path, max_file_mb=max_file_mb)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            checked = checked_archive(path, archive, max_file_mb)
    except zipfile.BadZipFile:
        raise _not_docx(path, "not a ZIP archive") from None
    del data  # only the checked copy is parsed

    import docx  # python-docx; imported here so plain-text users never pay for it

    try:
        document = docx.Document(io.BytesIO(checked))
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
