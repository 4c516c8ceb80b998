"""Ingestion: article files (txt, md, html, docx; any Cyrillic encoding) to `Document`s.

- `read_document(path)`, `read_folder(folder)`, `read_text(text, id=...)`,
  `read_paths(paths)`: the entry points (`reader.py`);
- `encoding.py`: which encoding the bytes are in;
- `normalise.py`: Unicode clean-up and paragraphs;
- `language.py`: en/be/ru/uk identification;
- `markdown.py`, `html.py`, `word.py`: the formats.
"""

from align_kit.ingest.encoding import DecodedText, decode_bytes
from align_kit.ingest.language import LanguageGuess, identify_language, language_from_name
from align_kit.ingest.normalise import build_paragraphs, clean_characters, split_blocks
from align_kit.ingest.reader import (
    SUPPORTED_SUFFIXES,
    document_summary,
    read_document,
    read_folder,
    read_paths,
    read_text,
)

__all__ = [
    "SUPPORTED_SUFFIXES",
    "DecodedText",
    "LanguageGuess",
    "build_paragraphs",
    "clean_characters",
    "decode_bytes",
    "document_summary",
    "identify_language",
    "language_from_name",
    "read_document",
    "read_folder",
    "read_paths",
    "read_text",
    "split_blocks",
]
