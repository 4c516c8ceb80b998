"""Small alignments written for the tests (own sentences)."""

from __future__ import annotations

import regex

from align_kit.model import Alignment, Bead, Document, Segment


def document(doc_id: str, lang: str, sentences: list[str]) -> Document:
    """A document whose segments are `sentences`, one paragraph, spans exact."""
    text = ""
    segments = []
    for s in sentences:
        if text:
            text += " "
        segments.append(Segment(s, len(text), len(text) + len(s)))
        text += s
    return Document(doc_id, lang, text, segments=tuple(segments))


def alignment(sides: dict[str, list[str]], beads: list[tuple] | None = None,
              original: str = "be", doc: str = "art") -> Alignment:
    docs = tuple(document(f"{doc}.{lang}", lang, sents) for lang, sents in sides.items())
    if beads is None:
        n = len(next(iter(sides.values())))
        beads = [tuple((i,) for _ in sides) for i in range(n)]
    return Alignment(docs, tuple(Bead(b) for b in beads), original=original, id=doc)


def words_at(doc: Document, span: tuple[int, int]) -> str:
    return doc.text[span[0]:span[1]]


def has_cyrillic(text: str) -> bool:
    return bool(regex.search(r"\p{Cyrillic}", text))
