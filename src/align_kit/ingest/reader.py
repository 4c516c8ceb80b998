"""Files (and text in memory) to `Document`s: the ingest stage's entry points."""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from align_kit.errors import InputError
from align_kit.ingest import html as html_reader
from align_kit.ingest.encoding import decode_bytes
from align_kit.ingest.language import (
    UNDETERMINED,
    identify_language,
    language_from_name,
    normalise_language_code,
)
from align_kit.ingest.limits import os_error as _os_error
from align_kit.ingest.limits import read_regular_file, special_kind
from align_kit.ingest.markdown import markdown_blocks, split_front_matter
from align_kit.ingest.normalise import build_paragraphs, clean_characters, split_blocks
from align_kit.ingest.word import docx_content
from align_kit.languages import supported_language
from align_kit.model import Document, Notice, ParagraphKind

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
DOCX_SUFFIXES = (".docx",)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES + DOCX_SUFFIXES
# Files the project itself writes or reads beside articles: skipped in a
# folder with one summary notice instead of one warning each.
COMPANION_SUFFIXES = (
    ".gold", ".jsonl", ".json", ".tmx", ".po", ".pot", ".mo", ".xlf", ".xliff", ".tbx",
    ".csv", ".tsv", ".yaml", ".yml", ".toml",
)
# Below this the detected language is too unsure to overrule a declared one.
CONFIDENT = 0.6

_SUPPORTED_HINT = "supported: " + ", ".join(SUPPORTED_SUFFIXES)


def _directory_error(shown: str) -> InputError:
    return InputError(
        "is a directory, not a file",
        path=shown,
        hint="give a file, or read the folder with read_folder / `align-kit ingest FOLDER`",
    )


def _is_dir(path: Path, shown: str) -> bool:
    try:
        return path.is_dir()
    except OSError as exc:  # a parent folder we may not enter
        raise _os_error(exc, shown) from None


def _empty(shown: str | None, what: str = "empty file") -> InputError:
    return InputError(
        what, path=shown, hint="the file has no text to align; fill it or leave it out"
    )


def _check_language_code(language: str | None) -> str | None:
    if language is None:
        return None
    return supported_language(language)


def _decide_language(
    text: str,
    *,
    explicit: str | None,
    declared: list[tuple[str, str]],
    path: str | None,
) -> tuple[str, float, list[Notice]]:
    """(language, confidence, notices): explicit beats detected beats declared.

    `declared` lists (language, who declares it), strongest first.
    """
    guess = identify_language(text)
    notices: list[Notice] = []
    sure = guess.language != UNDETERMINED and guess.confidence >= CONFIDENT
    reads = f"the text reads as {guess.language!r} (confidence {guess.confidence:.2f})"
    if explicit:
        if sure and guess.language != explicit:
            notices.append(
                Notice(
                    "language-mismatch",
                    f"language given as {explicit!r}, but {reads}; keeping {explicit!r}",
                    path=path,
                )
            )
        return explicit, guess.confidence if guess.language == explicit else 1.0, notices
    if sure:
        for code, by in declared:
            if code != guess.language:
                notices.append(
                    Notice(
                        "language-mismatch",
                        f"{by} declares {code!r}, but {reads}; using {guess.language!r}",
                        path=path,
                    )
                )
        return guess.language, guess.confidence, notices
    if declared:
        code, by = declared[0]
        notices.append(
            Notice(
                "language-uncertain",
                f"language detection unsure ({guess.language!r}, confidence "
                f"{guess.confidence:.2f}); using {code!r} as {by} declares",
                level="info",
                path=path,
            )
        )
        return code, guess.confidence, notices
    notices.append(
        Notice(
            "language-uncertain",
            f"language detection unsure ({guess.language!r}, confidence "
            f"{guess.confidence:.2f}); pass the language explicitly if this is wrong",
            path=path,
        )
    )
    return guess.language, guess.confidence, notices


def _finish(
    *,
    doc_id: str,
    blocks: Iterable[tuple[str, ParagraphKind]],
    metadata: dict[str, str],
    notices: list[Notice],
    source: str | None,
    encoding: str | None,
    checksum: str,
    explicit: str | None,
    declared: list[tuple[str, str]],
    whitespace_only: bool,
) -> Document:
    # Blocks out of a parser can still hold characters the source only
    # referenced (`&#11;` in HTML): clean again, and report what that removed.
    cleaned = [(clean_characters(block), kind) for block, kind in blocks]
    late = sum(len(c.removed) for c, _ in cleaned)
    if late:
        notices = [
            *notices,
            Notice(
                "control-chars-removed",
                f"removed {late} XML-illegal control character(s) from the extracted text",
                path=source,
            ),
        ]
    text, paragraphs = build_paragraphs((c.text, kind) for c, kind in cleaned)
    if not text:
        raise _empty(
            source, "empty file (only white space)" if whitespace_only else "no text found"
        )
    language, confidence, language_notices = _decide_language(
        text, explicit=explicit, declared=declared, path=source
    )
    return Document(
        id=doc_id,
        language=language,
        text=text,
        paragraphs=paragraphs,
        metadata=metadata,
        source=source,
        encoding=encoding,
        declared_language=declared[0][0] if declared else None,
        language_confidence=confidence,
        checksum=checksum,
        notices=(*notices, *language_notices),
    )


def read_document(
    path: str | os.PathLike[str], *, language: str | None = None,
    max_file_mb: float | None = None,
) -> Document:
    """Read one article file (.txt, .md, .html/.htm, .docx) into a `Document`.

    `language`, when given, is used whatever the text looks like (a mismatch
    with the detected language is still reported). Without it the detected
    language wins over one the file declares (front matter `lang`, `<html
    lang>`, or a name like `x.be.md`), with a "language-mismatch" notice.
    Raises `InputError` for anything that cannot be read as an article, for
    a file that is not a regular file (a FIFO, a device) and for one over
    `max_file_mb` (default `limits.DEFAULT_MAX_FILE_MB`).
    """
    shown = os.fspath(path)
    file = Path(shown)
    explicit = _check_language_code(language)
    suffix = file.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        if _is_dir(file, shown):
            raise _directory_error(shown)
        raise InputError(
            f"unknown file type {file.suffix or '(no extension)'!r}", path=shown,
            hint=_SUPPORTED_HINT,
        )
    if _is_dir(file, shown):
        raise _directory_error(shown)
    raw = read_regular_file(shown, max_file_mb=max_file_mb)
    if not raw:
        raise _empty(shown)
    checksum = hashlib.sha256(raw).hexdigest()
    doc_id = file.stem
    by_name = language_from_name(file.name)

    if suffix in DOCX_SUFFIXES:
        blocks, metadata = docx_content(shown, raw, max_file_mb=max_file_mb)
        notices: list[Notice] = []
        cleaned_blocks = []
        removed = 0
        first = None
        for number, (block, kind) in enumerate(blocks, start=1):
            clean = clean_characters(block)
            if clean.removed:
                removed += len(clean.removed)
                first = first or number
            cleaned_blocks.append((clean.text, kind))
        if removed:
            notices.append(
                Notice(
                    "control-chars-removed",
                    f"removed {removed} XML-illegal control character(s), first in "
                    f"paragraph {first}",
                    path=shown,
                )
            )
        declared = _declared(metadata.get("lang"), "the document properties", by_name)
        return _finish(
            doc_id=doc_id, blocks=cleaned_blocks, metadata=metadata, notices=notices,
            source=shown, encoding=None, checksum=checksum, explicit=explicit,
            declared=declared,
            whitespace_only=all(not b.strip() for b, _ in cleaned_blocks),
        )

    markup_notice = None
    if suffix in TEXT_SUFFIXES and looks_like_html(raw):
        # An HTML page saved as .txt: read its markup as a page (what a person means),
        # never as the article's words, and say so (like a PDF saved as .txt).
        suffix = ".html"
        markup_notice = Notice(
            "html-in-text-file", f"this {file.suffix} file is an HTML page (it starts with "
            "HTML markup): read as HTML, its tags left out; rename it .html to say so",
            "warning", shown)
    charset = html_reader.declared_charset(raw) if suffix in HTML_SUFFIXES else None
    decoded = decode_bytes(raw, path=shown, declared=charset)
    # Drop each stage's input once the next holds the text: a 200 MB file is not
    # kept in memory as bytes, decoded text and cleaned text all at once.
    del raw
    notices = list(decoded.notices) + ([markup_notice] if markup_notice else [])
    encoding = decoded.encoding
    clean = clean_characters(decoded.text)
    del decoded
    if not clean.text.strip():
        raise _empty(shown, "empty file (only white space)")
    metadata: dict[str, str] = {}
    source_text = clean.text

    if suffix in MARKDOWN_SUFFIXES:
        metadata, body, _, fm_notices = split_front_matter(source_text, path=shown)
        notices.extend(fm_notices)
        blocks = markdown_blocks(body)
        declared = _declared(metadata.get("lang"), "the front matter", by_name)
    elif suffix in HTML_SUFFIXES:
        tree = html_reader.parse_html(source_text, path=shown)
        if tree is None:
            raise InputError(
                "cannot parse the HTML page", path=shown, hint="check that it is an HTML file"
            )
        metadata = html_reader.page_metadata(tree)
        blocks = html_reader.article_blocks(tree)
        if not any(text.strip() for text, kind in blocks if kind != "heading"):
            fallback = [(b, "text") for b in split_blocks(html_reader.page_text(source_text))]
            if fallback:
                blocks = fallback
                notices.append(
                    Notice(
                        "html-no-article",
                        "no article found in the page; read all its text outside "
                        "navigation, header and footer",
                        path=shown,
                    )
                )
        declared = _declared(metadata.get("lang"), "<html lang>", by_name)
    else:
        blocks = [(block, "text") for block in split_blocks(source_text)]
        declared = _declared(None, "", by_name)

    for notice in (clean.notice(shown), clean.breaks_notice(shown)):
        if notice:
            notices.append(notice)
    return _finish(
        doc_id=doc_id, blocks=blocks, metadata=metadata, notices=notices, source=shown,
        encoding=encoding, checksum=checksum, explicit=explicit, declared=declared,
        whitespace_only=False,
    )


_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s")


def looks_like_html(raw: bytes) -> bool:
    """Whether a text file's bytes are an HTML page: it starts with a tag, and an HTML
    doctype, <html>, <head>, <body> or <meta> comes within its first 4 KB (prose that
    mentions a tag does not start with one)."""
    head = raw[:4096].lstrip(b"\xef\xbb\xbf").lstrip().lower()
    if not head.startswith(b"<"):
        return False
    return _HTML_START.search(head) is not None


def _declared(inside: str | None, inside_by: str, by_name: str | None) -> list[tuple[str, str]]:
    """Declared languages, strongest first: inside the file, then its name."""
    declared = []
    code = normalise_language_code(inside)
    if code:
        declared.append((code, inside_by))
    if by_name:
        declared.append((by_name, "the file name"))
    return declared


def read_text(
    text: str,
    *,
    id: str,  # noqa: A002 - the Document field it fills
    language: str | None = None,
    source: str | None = None,
) -> Document:
    """A `Document` from text already in memory (normalised and identified as files are)."""
    explicit = _check_language_code(language)
    clean = clean_characters(text)
    if not clean.text.strip():
        raise _empty(source or id, "empty text")
    notices = [n for n in (clean.notice(source), clean.breaks_notice(source)) if n]
    return _finish(
        doc_id=id, blocks=[(b, "text") for b in split_blocks(clean.text)], metadata={},
        notices=notices, source=source, encoding=None,
        checksum=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        explicit=explicit, declared=[], whitespace_only=False,
    )


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _irregular(file: Path) -> str | None:
    """Why `file` (found in a folder) is no regular file to read, or None when it is one."""
    try:
        kind = special_kind(os.stat(file).st_mode)  # follows links: a .txt -> /dev/zero
    except FileNotFoundError:
        return "a symbolic link to nothing" if file.is_symlink() else None
    except OSError:
        return None  # read_document reports it (permission denied ...)
    return kind


def _read_or_error(file: Path, *, language: str | None, max_file_mb: float | None
                   ) -> Document | InputError:
    """`read_document`, its InputError returned rather than raised (a worker hands it back)."""
    try:
        return read_document(file, language=language, max_file_mb=max_file_mb)
    except InputError as exc:
        return exc


def read_folder(
    folder: str | os.PathLike[str], *, language: str | None = None,
    max_file_mb: float | None = None, keep_going: bool = False,
    map_read: Callable[[Callable, list[Path]], list] | None = None,
) -> tuple[list[Document], list[Notice]]:
    """Every article under `folder` (recursive, sorted by path, hidden files skipped).

    Files of unknown type are reported as notices, not errors; files the
    project writes (.gold, .tmx, .po ...) are skipped with one summary notice.
    Anything but a regular file (a FIFO, a socket, a device, a symbolic link
    to one or to nothing) is skipped with a notice: it would hang or never end.
    Raises `InputError` for a missing folder, a folder without articles, a
    file that cannot be read (with `keep_going`: a notice `file-unreadable` at
    level error, and the file is skipped), or two files with the same document id.
    `map_read(fn, files)`, when given, is `[fn(f) for f in files]` done elsewhere (a
    Dask cluster): the files are read there, the result is the same.
    """
    shown = os.fspath(folder)
    root = Path(shown)
    try:
        if not root.is_dir():
            if root.exists():
                raise InputError(
                    "not a folder", path=shown, hint="give a folder, or read the file alone"
                )
            raise InputError("no such folder", path=shown, hint="check the path")
    except OSError as exc:
        raise _os_error(exc, shown, "folder") from None
    notices: list[Notice] = []
    companions: dict[str, int] = {}
    files: list[Path] = []
    try:
        for dirpath, dirnames, filenames in os.walk(root, onerror=_raise):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                if not name.startswith("."):
                    files.append(Path(dirpath) / name)
    except OSError as exc:
        raise _os_error(exc, exc.filename or shown, "folder") from None
    documents: list[Document] = []
    seen: dict[str, str] = {}
    files = sorted(files, key=lambda p: p.relative_to(root).parts)
    read_ahead: dict[Path, Document | InputError] = {}
    if map_read is not None:
        # Read on the cluster (`run --executor dask`); order and errors as below.
        wanted = [f for f in files if f.suffix.lower() in SUPPORTED_SUFFIXES
                  and not _irregular(f)]
        read_ahead = dict(zip(wanted, map_read(
            functools.partial(_read_or_error, language=language, max_file_mb=max_file_mb),
            wanted), strict=True))
    for file in files:
        suffix = file.suffix.lower()
        irregular = _irregular(file)
        if irregular:
            notices.append(
                Notice("file-skipped", f"skipped: not a regular file ({irregular})",
                       path=str(file))
            )
            continue
        if suffix not in SUPPORTED_SUFFIXES:
            if suffix in COMPANION_SUFFIXES:
                companions[suffix] = companions.get(suffix, 0) + 1
            else:
                notices.append(
                    Notice(
                        "file-skipped",
                        f"skipped: unknown file type {file.suffix or '(no extension)'!r} "
                        f"({_SUPPORTED_HINT})",
                        path=str(file),
                    )
                )
            continue
        try:
            got = read_ahead.get(file)
            if isinstance(got, InputError):
                raise got
            document = got or read_document(file, language=language, max_file_mb=max_file_mb)
        except InputError as exc:
            if not keep_going:
                raise
            # A batch goes on without the file; the error is a notice (code file-unreadable).
            hint = f" ({exc.hint})" if exc.hint else ""
            notices.append(Notice("file-unreadable", f"skipped: {exc.message}{hint}",
                                  level="error", path=exc.path or str(file), line=exc.line))
            continue
        if document.id in seen:
            raise InputError(
                f"two files give the document id {document.id!r}: {seen[document.id]} and {file}",
                path=str(file),
                hint="rename one of them",
            )
        seen[document.id] = str(file)
        documents.append(document)
    if companions:
        kinds = ", ".join(f"{n} {suffix}" for suffix, n in sorted(companions.items()))
        notices.append(
            Notice(
                "files-skipped",
                f"skipped {sum(companions.values())} non-article file(s): {kinds}",
                level="info",
                path=shown,
            )
        )
    if not documents:
        raise InputError(
            "no articles in the folder", path=shown, hint=f"{_SUPPORTED_HINT}"
        )
    return documents, notices


def _raise(exc: OSError) -> None:
    raise exc


def read_paths(
    paths: Sequence[str | os.PathLike[str]], *, language: str | None = None,
    max_file_mb: float | None = None,
) -> tuple[list[Document], list[Notice]]:
    """Files and folders as given on a command line: folders read whole, files alone."""
    documents: list[Document] = []
    notices: list[Notice] = []
    for path in paths:
        if _is_dir(Path(path), os.fspath(path)):
            docs, folder_notices = read_folder(path, language=language, max_file_mb=max_file_mb)
            documents.extend(docs)
            notices.extend(folder_notices)
        else:
            documents.append(read_document(path, language=language, max_file_mb=max_file_mb))
    return documents, notices


def document_summary(document: Document) -> dict[str, object]:
    """What `align-kit ingest --json` prints for one document."""
    return {
        "id": document.id,
        "source": document.source,
        "language": document.language,
        "language_confidence": document.language_confidence,
        "declared_language": document.declared_language,
        "encoding": document.encoding,
        "paragraphs": len(document.paragraphs),
        "characters": len(document.text),
        "checksum": document.checksum,
        "metadata": dict(document.metadata),
        "notices": [
            {"code": n.code, "level": n.level, "message": n.message, "path": n.path, "line": n.line}
            for n in document.notices
        ],
        "text": document.text,
        "paragraph_spans": [[p.start, p.end, p.kind] for p in document.paragraphs],
    }


def document_line(document: Document) -> str:
    """`ingest`'s line per file: id, language (confidence), encoding, sizes, notices."""
    d = document
    return (f"{d.id}\t{d.language} ({d.language_confidence:.2f})\t{d.encoding or '-'}\t"
            f"paragraphs: {len(d.paragraphs)}\tcharacters: {len(d.text)}\t"
            f"notices: {len(d.notices)}")
