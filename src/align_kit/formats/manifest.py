"""The pairing manifest: a TSV file a human can read and correct.

One row per group of articles that translate each other: a column per
language holding the article's file (relative to the manifest's folder,
empty where the group has none), optionally `group` (the output folder's name,
written by `run`), then `confidence` and `evidence`. Articles
with no counterpart are rows with a single file. `align-kit pair` writes it;
a person may move files between rows, empty cells, add or delete rows; the
rest of the pipeline reads it back with `read_manifest` instead of pairing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from align_kit.errors import FormatError, InputError
from align_kit.formats.atomic import atomic_write
from align_kit.formats.cells import escape_cell, unescape_cell
from align_kit.model import Document, DocumentGroup

DEFAULT_LANGUAGES = ("en", "be", "ru")
_EXTRA_COLUMNS = ("group", "original", "confidence", "evidence")
_EVIDENCE_SEP = " | "

HEADER_COMMENT = """\
# align-kit pairing manifest: which articles translate each other.
# One row per group, columns separated by a TAB:
#   {langs:<12} the article's file in that language, relative to this file's folder
#                (empty: the group has no article in that language)
{group_line}#   confidence   how sure the automatic pairing was, 0 to 1 (empty: 1, a person decided)
#   evidence     why the files were grouped (for reading; editing it changes nothing)
# You may edit the file: move a file to another row, empty a cell, add or delete
# rows. A row with a single file is an article with no counterpart. Every file may
# appear in one row only. Lines starting with # are ignored.
"""
_GROUP_LINE = ("#   group        the group's output folder under `run -o` (kept on the\n"
               "#                next run; empty: derived from the original's file name)\n"
               "#   original     the language of the original text, the source of TMX and PO\n"
               "#                (empty: guessed from front matter, else the order be, ru, en)\n")


def check_group_name(name: str) -> str | None:
    """Why `name` cannot be a group's output folder name, or None when it can."""
    if not name or name in (".", ".."):
        return "is empty or a dot"
    if name.startswith("."):
        return "starts with '.' (a hidden folder)"
    bad = [ch for ch in name if ch in '/\\:*?"<>|' or ord(ch) < 32 or ord(ch) == 127]
    if bad:
        return f"holds {bad[0]!r}, which a folder name cannot hold on every system"
    if len(name.encode("utf-8")) > 200:
        return "is longer than 200 bytes"
    return None


def _display_path(doc: Document, base: Path) -> str:
    """The document's file relative to the manifest's folder (its id when it has no file)."""
    if not doc.source:
        return doc.id
    try:
        rel = os.path.relpath(os.path.abspath(doc.source), os.path.abspath(base))
    except ValueError:  # another drive on Windows
        return doc.source
    return rel.replace(os.sep, "/")


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def write_manifest(groups: Sequence[DocumentGroup], documents: Sequence[Document],
                   path: str | os.PathLike) -> None:
    """Write `groups` and, as single-file rows, every document of `documents` in no group."""
    path = Path(path)
    base = path.parent
    by_id = {d.id: d for d in documents}
    languages = list(DEFAULT_LANGUAGES)
    for lang in sorted({d.language for d in documents}
                       | {lang for g in groups for lang in g.members}):
        if lang not in languages:
            languages.append(lang)
    # The `group` column only when names were chosen (by `run`), so `pair` keeps its layout.
    named = any(g.name for g in groups)
    rows: list[list[str]] = []
    grouped: set[str] = set()
    for group in groups:
        cells = []
        for lang in languages:
            doc_id = group.members.get(lang)
            if doc_id is None:
                cells.append("")
                continue
            doc = by_id.get(doc_id)
            if doc is None:
                raise InputError(f"group {group.id or '?'} names document {doc_id!r}, which is "
                                 "not among the documents given", path=str(path),
                                 hint="pass every document the groups refer to")
            grouped.add(doc_id)
            cells.append(_display_path(doc, base))
        if named:
            cells += [_clean(group.name), group.original]
        cells.append(f"{group.confidence:.3f}")
        cells.append(_clean(_EVIDENCE_SEP.join(group.evidence)))
        rows.append(cells)
    # Rows in file order of their first article, so a person finds them.
    rows.sort(key=lambda cells: [c or "\uffff" for c in cells[: len(languages)]])
    loose = sorted((d for d in documents if d.id not in grouped),
                   key=lambda d: (languages.index(d.language), _display_path(d, base)))
    for doc in loose:
        cells = [_display_path(doc, base) if lang == doc.language else "" for lang in languages]
        rows.append(cells + (["", ""] if named else []) + ["", "no counterpart found"])
    for cells in rows:
        for cell in cells[: len(languages)]:
            if any(ch in cell for ch in "\t\r\n"):
                raise InputError(f"file name {cell!r} holds a TAB or line break and cannot be "
                                 "written to a TSV manifest", path=str(path),
                                 hint="rename the file")
    with atomic_write(path, newline="\n") as handle:
        handle.write(HEADER_COMMENT.format(langs=", ".join(languages),
                                           group_line=_GROUP_LINE if named else ""))
        # `group` and `original` only in `run`'s manifest, so `pair` keeps its layout.
        extra = list(_EXTRA_COLUMNS) if named else ["confidence", "evidence"]
        handle.write("\t".join(languages + extra) + "\n")
        for cells in rows:
            # The manifest is made to be edited in a spreadsheet: no cell may start a formula.
            handle.write("\t".join(escape_cell(c) for c in cells) + "\n")


def _manifest_original(cell: str, members: dict[str, str], path: Path | str,
                       number: int) -> str:
    """The `original` cell: a language code (be-BY is be) of one of the row's files."""
    from align_kit.languages import supported_language

    try:
        code = supported_language(cell)
    except InputError as exc:
        raise FormatError(f"original {cell!r}: {exc.message}", path=str(path), line=number,
                          hint=exc.hint or "write a language code such as be") from None
    if code not in members:
        raise FormatError(f"original {cell!r}: the row has no {code} file (it has "
                          f"{', '.join(members)})", path=str(path), line=number,
                          hint="name one of the row's languages, or empty the cell")
    return code


def _document_index(documents: Iterable[Document], base: Path) -> dict[str, Document]:
    index: dict[str, Document] = {}
    for doc in documents:
        for name in (doc.id, doc.source, _display_path(doc, base)):
            if name:
                index.setdefault(name, doc)
                index.setdefault(name.replace("\\", "/"), doc)
    return index


def read_manifest(path: str | os.PathLike,
                  documents: Sequence[Document] | None = None) -> list[DocumentGroup]:
    """Read a manifest back: the groups of two or more files, in file order.

    With `documents`, every file must be one of them (matched by path relative
    to the manifest, source path or id) and sit in its language's column; the
    groups name document ids. Without, every file must exist relative to the
    manifest's folder and the groups name the paths as written. Single-file
    rows are checked, then left out. Errors carry the line number.
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError("manifest not found", path=str(path),
                         hint="create it with `align-kit pair FOLDER -o MANIFEST`") from None
    except OSError as exc:
        raise InputError(f"cannot read the manifest: {exc.strerror or exc}",
                         path=str(path)) from None
    except UnicodeDecodeError:
        raise FormatError("the manifest is not UTF-8 text", path=str(path),
                          hint="save it as UTF-8 (tab-separated)") from None
    base = path.parent
    index = _document_index(documents, base) if documents is not None else None
    header: list[str] | None = None
    languages: list[str] = []
    seen: dict[str, int] = {}
    names: dict[str, int] = {}
    groups: list[DocumentGroup] = []
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [unescape_cell(c.strip()) for c in raw.split("\t")]
        if header is None:
            header = [c.lower() for c in cells]
            languages = [c for c in header if c not in _EXTRA_COLUMNS]
            bad = [c for c in languages if not (2 <= len(c) <= 3 and c.isalpha())]
            if bad or len(languages) < 2 or len(set(header)) != len(header):
                raise FormatError(
                    f"header row must name language columns (e.g. en, be, ru), then "
                    f"(group,) confidence and evidence; got {raw.strip()!r}", path=str(path),
                    line=number,
                    hint="restore the header line `en<TAB>be<TAB>ru<TAB>confidence<TAB>evidence`")
            continue
        if len(cells) != len(header):
            raise FormatError(
                f"row has {len(cells)} columns, the header has {len(header)}", path=str(path),
                line=number, hint="separate the cells with TAB characters; leave a cell empty "
                "rather than dropping it")
        row = dict(zip(header, cells, strict=True))
        members: dict[str, str] = {}
        for lang in languages:
            cell = row[lang]
            if not cell:
                continue
            if cell in seen:
                raise FormatError(f"{cell} is already in the group on line {seen[cell]}",
                                  path=str(path), line=number,
                                  hint="a file may belong to one group only; delete one of them")
            seen[cell] = number
            members[lang] = _resolve(cell, lang, index, base, path, number)
        confidence = 1.0
        if row.get("confidence"):
            try:
                confidence = float(row["confidence"])
            except ValueError:
                confidence = -1.0
            if not 0.0 <= confidence <= 1.0:
                raise FormatError(f"confidence {row['confidence']!r} is not a number from 0 to 1",
                                  path=str(path), line=number,
                                  hint="write a number such as 0.9, or leave the cell empty")
        name = row.get("group", "")
        if name and len(members) >= 2:
            why = check_group_name(name)
            if why:
                raise FormatError(f"group name {name!r} {why}", path=str(path), line=number,
                                  hint="write a plain folder name, or empty the cell to derive "
                                  "one from the file names")
            # Case-insensitive: outputs are copied to macOS and Windows, where News is news.
            if name.casefold() in names:
                raise FormatError(f"group name {name!r} is already used on line "
                                  f"{names[name.casefold()]} (names are compared ignoring case)",
                                  path=str(path), line=number,
                                  hint="give each group its own name, or empty the cell")
            names[name.casefold()] = number
        if len(members) < 2:
            continue
        original = row.get("original", "").strip()
        if original:
            original = _manifest_original(original, members, path, number)
        evidence = tuple(e.strip() for e in row.get("evidence", "").split(_EVIDENCE_SEP)
                         if e.strip())
        groups.append(DocumentGroup(members=members, confidence=confidence, evidence=evidence,
                                    id=f"line-{number}", name=name, original=original))
    if header is None:
        raise FormatError("the manifest has no header row", path=str(path),
                          hint="the first line that is not a # comment must be "
                          "`en<TAB>be<TAB>ru<TAB>confidence<TAB>evidence`")
    return groups


def _resolve(cell: str, lang: str, index: dict[str, Document] | None, base: Path,
             path: Path, number: int) -> str:
    if index is None:
        if not (base / cell).is_file():
            raise FormatError(f"unknown file {cell!r}: not found beside the manifest",
                              path=str(path), line=number,
                              hint="file paths are relative to the manifest's folder; correct "
                              "the path or empty the cell")
        return cell
    doc = index.get(cell) or index.get(cell.replace("\\", "/"))
    if doc is None:
        raise FormatError(f"unknown file {cell!r}: not among the articles read", path=str(path),
                          line=number, hint="correct the path (relative to the manifest's "
                          "folder) or empty the cell")
    if doc.language != lang:
        raise FormatError(f"{cell} is in the {lang} column but its text is {doc.language}",
                          path=str(path), line=number,
                          hint=f"move it to the {doc.language} column (if the language was "
                          "misidentified, declare it in the article's front matter `lang:`)")
    return doc.id
