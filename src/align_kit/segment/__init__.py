"""Sentence segmentation: paragraphs into sentences, per-language rules and data.

Public API:

- `split_sentences(text, lang) -> list[Segment]`
- `split_sentences_with_notices(text, lang) -> (segments, notices)`
- `segment_document(doc) -> Document` (a copy with `segments` filled)
"""

from align_kit.segment.document import segment_document
from align_kit.segment.rules import available_languages, load_rules, normalise_language
from align_kit.segment.splitter import (
    DEFAULT_MAX_CHARS,
    paragraph_spans,
    split_sentences,
    split_sentences_with_notices,
)

__all__ = [
    "DEFAULT_MAX_CHARS",
    "available_languages",
    "load_rules",
    "normalise_language",
    "paragraph_spans",
    "segment_document",
    "split_sentences",
    "split_sentences_with_notices",
]
