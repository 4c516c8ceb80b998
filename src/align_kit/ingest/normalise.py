"""Unicode normalisation of ingested text, and paragraphs out of it.

Two steps, kept apart so every reader (plain text, Markdown, HTML, docx) can
use them at the right moment:

`clean_characters` works on characters and keeps lines where they are:

- CRLF and CR -> LF; U+2029 (paragraph separator) -> blank line;
- U+2028 (line separator) and U+0085 (next line) -> a space, reported
  ("hidden-line-breaks"): they are line breaks inside a paragraph, which
  `build_paragraphs` turns into a space anyway, and a space keeps them from
  starting a paragraph of their own in a file with one paragraph per line
  (as str.splitlines() would have made them do);
- XML-illegal control characters (C0 except tab/LF/CR, C1 U+0080-U+009F,
  U+FFFE/U+FFFF, lone surrogates) are removed and reported with their count
  and first line; vertical tab (Word's manual line break) and form feed
  (Word's page break) become a line break and a paragraph break instead of
  gluing two words together;
- NFC;
- every Unicode space (no-break U+00A0, narrow no-break U+202F, thin, em ...)
  and tab -> a plain space;
- soft hyphens U+00AD and zero-width characters (U+200B-U+200F, U+2060,
  U+FEFF) removed; non-breaking hyphen U+2011 -> "-".

`build_paragraphs` turns blocks into the document text: inside a block, lines
are stripped, runs of spaces collapse to one, and the lines are joined with
a single space -- news paragraphs are hard-wrapped prose, so a line break
inside one carries no meaning (poems lose their line breaks: the one case
this rule gets wrong). Paragraphs are joined by a blank line ("\\n\\n").

`split_blocks` finds paragraphs in plain text: blocks separated by blank
lines; a text with several lines and no blank line at all is read as one
paragraph per line (the usual layout of exported and pasted articles).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from align_kit.model import Notice, Paragraph, ParagraphKind

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"), None)
_LINE_BREAKS = {"\x0b": "\n", "\x0c": "\n\n", "\u2028": "\n", "\u2029": "\n\n"}
# C1 controls but U+0085 (next line), which is a line break, not an illegal character
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
_HIDDEN_BREAKS = re.compile("[\u2028\x85]")
_SPACES = re.compile(r"[^\S\n]")  # any white space but the line break
_RUNS = re.compile(" {2,}")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class CleanText:
    """Cleaned text, and the control characters removed: (line number, code point)."""

    text: str
    removed: tuple[tuple[int, int], ...] = ()
    # U+2028 / U+0085 read as a line break inside the paragraph: (line number, code point)
    breaks: tuple[tuple[int, int], ...] = ()

    def breaks_notice(self, path: str | None) -> Notice | None:
        """The "hidden-line-breaks" notice, or None when the text had none."""
        if not self.breaks:
            return None
        kinds = ", ".join(sorted({f"U+{code:04X}" for _, code in self.breaks}))
        first = self.breaks[0][0]
        return Notice(
            "hidden-line-breaks",
            f"{len(self.breaks)} line separator(s) ({kinds}) read as a line break inside "
            f"the paragraph (a space), first on line {first}",
            level="info", path=path, line=first,
        )

    def notice(self, path: str | None, *, where: str = "line") -> Notice | None:
        """The "control-chars-removed" notice, or None when nothing was removed."""
        if not self.removed:
            return None
        first_line = self.removed[0][0]
        kinds = sorted({code for _, code in self.removed})
        shown = ", ".join(f"U+{code:04X}" for code in kinds[:5])
        if len(kinds) > 5:
            shown += ", ..."
        return Notice(
            "control-chars-removed",
            f"removed {len(self.removed)} XML-illegal control character(s) ({shown}), "
            f"first on {where} {first_line}",
            level="warning",
            path=path,
            line=first_line if where == "line" else None,
        )


def clean_characters(text: str) -> CleanText:
    """Normalise characters (see the module docstring); line numbers stay valid."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    removed: list[tuple[int, int]] = []
    if _ILLEGAL.search(text):
        lines = text.split("\n")
        for number, line in enumerate(lines, start=1):
            for match in _ILLEGAL.finditer(line):
                removed.append((number, ord(match.group())))
        # one regex pass, not a Python loop per character (200 MB files)
        text = _ILLEGAL.sub(lambda m: _LINE_BREAKS.get(m.group(), ""), text)
    breaks: list[tuple[int, int]] = []
    if _HIDDEN_BREAKS.search(text):
        for number, line in enumerate(text.split("\n"), start=1):
            breaks.extend((number, ord(m.group())) for m in _HIDDEN_BREAKS.finditer(line))
        text = _HIDDEN_BREAKS.sub(" ", text)
    text = text.replace("\u2029", "\n\n")
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_ZERO_WIDTH).replace("\u2011", "-")
    text = _SPACES.sub(" ", text)
    return CleanText(text, tuple(removed), tuple(breaks))


def tidy_block(block: str) -> str:
    """One paragraph's lines stripped, space runs collapsed, joined with a space.

    A line break the sentence splitter reads as the end of a headline, caption or
    metadata line (`segment.splitter.layout_break`) is kept as "\n", so that two
    such lines ("Posted 19 мая 2023, 13:29" and the title) are not merged.
    """
    from align_kit.segment.splitter import layout_break  # ingest -> segment, no cycle

    lines = [t for t in (_RUNS.sub(" ", line.strip()) for line in block.split("\n")) if t]
    if len(lines) < 2:
        return " ".join(lines)
    longest = max(len(t) for t in lines)
    out = [lines[0]]
    for prev, line in zip(lines, lines[1:], strict=False):
        out.append("\n" if layout_break(prev, line, longest) else " ")
        out.append(line)
    return "".join(out)


def split_blocks(text: str) -> list[str]:
    """Paragraph blocks of plain (already cleaned) text; see the module docstring."""
    text = text.strip("\n")
    if not text.strip():
        return []
    if _BLANK_LINE.search(text):
        blocks = _BLANK_LINE.split(text)
    else:
        blocks = text.split("\n")
    return [b for b in blocks if b.strip()]


def build_paragraphs(
    blocks: Iterable[tuple[str, ParagraphKind]],
) -> tuple[str, tuple[Paragraph, ...]]:
    """Document text and its paragraph spans from (block text, kind) pairs.

    Blocks that are empty after tidying are dropped.
    """
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    offset = 0
    for block, kind in blocks:
        tidy = tidy_block(block)
        if not tidy:
            continue
        if parts:
            offset += 2  # the "\n\n" between paragraphs
        parts.append(tidy)
        paragraphs.append(Paragraph(offset, offset + len(tidy), kind))
        offset += len(tidy)
    return "\n\n".join(parts), tuple(paragraphs)
