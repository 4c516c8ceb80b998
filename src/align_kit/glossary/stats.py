"""Counts that tell a terminologist what a glossary holds."""

from __future__ import annotations

from collections import Counter

from align_kit.glossary.text import words
from align_kit.model import Glossary


def glossary_stats(glossary: Glossary) -> dict:
    langs: Counter = Counter()
    approved: Counter = Counter()
    forbidden: Counter = Counter()
    multiword = 0
    for e in glossary.entries:
        for lang in e.languages:
            langs[lang] += 1
        for t in e.terms:
            (approved if t.status == "approved" else forbidden)[t.language] += 1
            multiword += len(words(t.text)) > 1
    return {
        "entries": len(glossary.entries),
        "languages": dict(langs),
        "approved_terms": dict(approved),
        "forbidden_terms": dict(forbidden),
        "multi_word_terms": multiword,
        "notices": len(glossary.notices),
    }
