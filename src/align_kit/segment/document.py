"""Segment a whole `Document`, honouring the paragraph kinds ingestion found."""

from __future__ import annotations

import dataclasses

from align_kit.model import Document, Notice, Paragraph, Segment, SegmentKind
from align_kit.segment.splitter import (
    DEFAULT_MAX_CHARS,
    _CutReport,
    _enforce_max_length,
    _trim,
    paragraph_spans,
    split_span,
)

# Paragraph kinds that normally hold one segment of the same kind.
_SINGLE_KINDS: dict[str, SegmentKind] = {
    "heading": "heading",
    "caption": "caption",
    "list_item": "list_item",
}


def segment_document(doc: Document, *, max_chars: int = DEFAULT_MAX_CHARS) -> Document:
    """A copy of `doc` with `segments` filled (and any repair added to `notices`).

    Uses `doc.paragraphs` when ingestion provided them, else blank lines. A
    heading is always one segment; a caption or list item is one segment of
    its kind unless it clearly holds several sentences (each then keeps the
    kind); text and quote paragraphs are split into sentences.
    """
    paragraphs = doc.paragraphs or tuple(Paragraph(s, e) for s, e in paragraph_spans(doc.text))
    segments: list[Segment] = []
    notices: list[Notice] = []
    for number, para in enumerate(paragraphs):
        if not 0 <= para.start <= para.end <= len(doc.text):
            notices.append(Notice(
                "paragraph-out-of-range",
                f"paragraph {number} ({para.start}-{para.end}) lies outside the text "
                f"of {len(doc.text)} characters and was skipped",
                path=doc.source,
            ))
            continue
        pieces, found = _segment_paragraph(doc, para, number, max_chars)
        segments.extend(pieces)
        notices.extend(dataclasses.replace(n, path=n.path or doc.source) for n in found)
    return dataclasses.replace(
        doc, segments=tuple(segments), notices=tuple(doc.notices) + tuple(notices)
    )


def _segment_paragraph(
    doc: Document, para: Paragraph, number: int, max_chars: int
) -> tuple[list[Segment], list[Notice]]:
    text = doc.text
    kind = _SINGLE_KINDS.get(para.kind)
    if kind == "heading":
        s, e = _trim(text, para.start, para.end)
        report = _CutReport(max_chars)
        pieces = [
            Segment(text[cs:ce], cs, ce, number, "heading")
            for cs, ce in (_enforce_max_length(text, s, e, max_chars, report) if s < e else ())
        ]
        return pieces, report.notices()
    pieces, notices = split_span(
        text, para.start, para.end, doc.language, max_chars=max_chars, paragraph=number
    )
    if kind is None:
        return pieces, notices
    if len(pieces) > 1 and not notices and not _clearly_sentences(pieces):
        s, e = pieces[0].start, pieces[-1].end
        return [Segment(text[s:e], s, e, number, kind)], notices
    return [dataclasses.replace(p, kind=kind) for p in pieces], notices


def _clearly_sentences(pieces: list[Segment]) -> bool:
    """Several real sentences: each of at least three words, each but the last ending in . ! ? …"""
    for k, p in enumerate(pieces):
        if len(p.text.split()) < 3:
            return False
        if k + 1 < len(pieces) and p.text.rstrip("\"'»”’)]")[-1:] not in ".!?…":
            return False
    return True
