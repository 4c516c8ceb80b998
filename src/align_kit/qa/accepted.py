"""Accepted findings: a file of findings a reviewer has judged fine, kept across runs.

A finding is keyed by its check id, its glossary entry (if any), the text it is
about (`term`) and a fingerprint of the bead's texts, never by the bead number:
insert a sentence above it and the finding stays accepted; change the bead's
text and it is checked afresh. The file itself: `formats.accepted`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from align_kit.formats.accepted import Key, add_accepted, load_accepted
from align_kit.model import Alignment, Finding

__all__ = ["Fingerprints", "Key", "load_accepted", "write_accepted"]


def _norm(text: str) -> str:
    return " ".join(text.split())


class Fingerprints:
    """Fingerprints of the beads (and unaligned segments) of the checked alignments."""

    def __init__(self, alignments: Sequence[Alignment]) -> None:
        self._docs = {}
        self._texts: dict[tuple[str, int], str] = {}
        for a in alignments:
            for doc in a.documents:
                self._docs[doc.id] = (a, doc)

    def text(self, f: Finding) -> str:
        """The texts the finding is about: all sides of its bead, or its segment."""
        found = self._docs.get(f.document)
        if found is None:
            return ""
        a, doc = found
        if f.bead is not None and 0 <= f.bead < len(a.beads):
            key = (a.id, f.bead)
            if key not in self._texts:
                self._texts[key] = "\n".join(_norm(t) for t in a.texts(a.beads[f.bead]))
            return self._texts[key]
        if f.span:
            for seg in doc.segments:
                if seg.start <= f.span[0] < max(seg.end, seg.start + 1):
                    return _norm(seg.text)
        return ""

    def key(self, f: Finding) -> Key:
        digest = hashlib.sha256(self.text(f).encode("utf-8")).hexdigest()[:24]
        return (f.check, f.entry or "", f.term or "", f.language or "", digest)


def write_accepted(path: str | Path, findings: Iterable[Finding],
                   prints: Fingerprints) -> int:
    """Add `findings` to the accepted-findings file at `path` (created if missing; written
    atomically). Returns how many keys were new."""
    entries = []
    for f in findings:
        key = prints.key(f)
        entries.append({"check": key[0], "entry": key[1] or None, "term": key[2] or None,
                        "language": key[3] or None, "fingerprint": key[4],
                        "document": f.document, "message": f.message,
                        "text": prints.text(f)[:300]})
    return add_accepted(path, entries)
