"""Reading and writing the aligner's line-based files (one segment per line).

The project's full alignment-file writer lives in `align_kit.formats`; the
simple per-bead outputs of `align-kit align` are produced by `render_beads`,
the one function to switch when that writer lands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import regex

from align_kit.errors import InputError
from align_kit.formats.cells import tsv_row
from align_kit.languages import SUPPORTED, iso639_1
from align_kit.model import Alignment, Bead, Document, Notice, Paragraph, Segment

# What str.splitlines() also takes for a line end, besides \n and \r\n: a line
# file ends its lines with \n (or \r\n) only, so these stay inside the line,
# as a space, and are reported (a U+2028 pasted from the web made 3 lines 4).
_HIDDEN_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def split_line_file(text: str, path: str | None = None) -> tuple[list[str], list[Notice]]:
    """Lines of a line file's text, split on \n and \r\n only; notices for other breaks."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final line end ends the last line, it starts none
    notices: list[Notice] = []
    for number, line in enumerate(lines, 1):
        if line.endswith("\r"):
            line = line[:-1]  # \r\n
        found = _HIDDEN_BREAKS.findall(line)
        if found:
            line = _HIDDEN_BREAKS.sub(" ", line)
            kinds = ", ".join(sorted({f"U+{ord(c):04X}" for c in found}))
            notices.append(Notice(
                "line-break-kept", f"line {number}: {kinds} inside the line kept as a space "
                "(only \\n and \\r\\n end a line here)", level="warning", path=path,
                line=number))
        lines[number - 1] = line
    return lines, notices


def read_lines(
    path: str | Path, *, max_file_mb: float | None = None,
    notices: list[Notice] | None = None,
) -> list[str]:
    """Lines of a text file in any encoding ingest knows, one segment each, no line ends.

    Only \n and \r\n end a line (see `split_line_file`); the notices about
    other breaks are appended to `notices` when given. Only a regular file is
    read, at most `max_file_mb` (default: ingest's limit).
    """
    from align_kit.ingest.encoding import decode_bytes
    from align_kit.ingest.limits import read_regular_file

    shown = str(path)
    data = read_regular_file(shown, max_file_mb=max_file_mb)
    split, found = split_line_file(decode_bytes(data, path=shown).text, shown)
    if notices is not None:
        notices.extend(found)
    lines = [line.strip() for line in split]
    if not any(lines):
        raise InputError("empty file", path=shown, hint="give a text file, one segment per line")
    return lines


def guess_language(path: str | Path, lines: list[str]) -> str:
    """The language a file name says (x.be.txt, 001.bel) or, failing that, its letters."""
    for part in reversed(Path(path).name.lower().split(".")[1:]):
        if iso639_1(part) in SUPPORTED and len(part) <= 3:
            return iso639_1(part)
    text = " ".join(lines[:200]).lower()
    if not regex.search(r"\p{Cyrillic}", text):
        return "en" if regex.search(r"\p{Latin}", text) else "und"
    score = {
        "be": len(regex.findall(r"[ўі]", text)),
        "ru": len(regex.findall(r"[ыэ]", text)) * 0 + len(regex.findall(r"[иъщ]", text)),
        "uk": len(regex.findall(r"[їєґ]", text)) * 3,
    }
    return max(score, key=score.get)


def render_beads(beads: list[Bead], texts: list[list[str]], langs: list[str], fmt: str) -> str:
    """Beads as `beads` (the eval format) or `tsv` (score and texts); `jsonl` is the alignment
    file (`render_alignment`)."""
    out = []
    for bead in beads:
        if fmt == "beads":
            out.append(":".join(f"[{', '.join(map(str, side))}]" for side in bead.indexes)
                       + f":{bead.score:.3f}")
        elif fmt == "tsv":
            cells = [" ".join(texts[d][i] for i in side) for d, side in enumerate(bead.indexes)]
            # Spreadsheet-safe, one bead per line: formula starts get a `'`, TAB and
            # line breaks inside a sentence are written as \t and \n (formats/cells.py).
            out.append(tsv_row([f"{bead.score:.3f}", *cells]))
        else:
            raise InputError(f"unknown format {fmt!r}", hint="use beads or tsv")
    return "\n".join(out) + ("\n" if out else "")


def line_documents(paths: Sequence[str], texts: Sequence[Sequence[str]],
                   langs: Sequence[str]) -> list[Document]:
    """Documents of line files: each line one sentence and one paragraph, with its span in
    the lines joined by "\n" (so glossary findings point into the text)."""
    documents = []
    for path, lines, lang in zip(paths, texts, langs, strict=True):
        segments, paragraphs, start = [], [], 0
        for number, line in enumerate(lines):
            end = start + len(line)
            segments.append(Segment(text=line, start=start, end=end, paragraph=number))
            paragraphs.append(Paragraph(start=start, end=end))
            start = end + 1
        documents.append(Document(id=Path(path).stem, language=lang, text="\n".join(lines),
                                  paragraphs=tuple(paragraphs), segments=tuple(segments),
                                  source=str(path)))
    return documents


def render_alignment(alignment: Alignment, fmt: str) -> str:
    """`beads`, `tsv`, or `jsonl`: the alignment file that check, export, report and review
    read (formats/alignment_file.py)."""
    if fmt == "jsonl":
        from align_kit.formats.alignment_file import alignment_lines

        return "\n".join(alignment_lines(alignment)) + "\n"
    texts = [[s.text for s in d.segments] for d in alignment.documents]
    return render_beads(list(alignment.beads), texts, list(alignment.languages), fmt)
