"""What `align-kit split --json` prints for a segmented document."""

from __future__ import annotations

from align_kit.model import Document


def segments_json(doc: Document, file: str) -> dict:
    """Spans are character offsets into the file's text (UTF-8, universal newlines)."""
    return {
        "file": file,
        "language": doc.language,
        "segments": [
            {"text": s.text, "start": s.start, "end": s.end, "kind": s.kind,
             "paragraph": s.paragraph}
            for s in doc.segments
        ],
        "notices": [{"code": n.code, "level": n.level, "message": n.message}
                    for n in doc.notices],
    }
