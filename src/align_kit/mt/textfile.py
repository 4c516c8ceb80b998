"""One-sentence-per-line files for `align-kit translate`: read, translate, write."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from align_kit.align.files import split_line_file
from align_kit.errors import InputError
from align_kit.formats.atomic import write_text_atomic
from align_kit.mt.translator import Translator


def read_lines(path: str | os.PathLike) -> list[str]:
    """The lines of a UTF-8 text file (BOM allowed), without line ends; "-" is stdin."""
    if str(path) == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path),
                             hint="check the file name") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError("not UTF-8 text", path=str(path), line=line,
                         hint="convert it to UTF-8, e.g. with `align-kit ingest`") from None
    # Only \n and \r\n end a line: a U+2028 or form feed inside a line must not
    # shift every later translation against its source line.
    lines, notices = split_line_file(text, str(path))
    for notice in notices:
        print(f"align-kit: {notice}", file=sys.stderr)
    return lines


def translate_lines(path: str | os.PathLike, translator: Translator, *,
                    target_lang: str | None = None) -> list[str]:
    """Translate each line of `path`; empty lines stay empty, so lines stay parallel."""
    if str(path).endswith(".align.jsonl"):
        # not plain lines: translating its JSON would be silently wrong output
        raise InputError("alignment files are not translated line by line", path=str(path),
                         hint="`align-kit translate` drafts their empty sides; "
                         "`draft_missing_translations` does it in the library")
    return translator.translate(read_lines(path), target_lang=target_lang)


def write_lines(path: str | os.PathLike | None, lines: list[str]) -> None:
    """Write lines to `path` atomically, or to stdout when `path` is None or "-"."""
    text = "".join(f"{line}\n" for line in lines)
    if path is None or str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_text_atomic(path, text)
