"""Cognates and loanwords by their consonant skeleton.

Every content word of five letters or more gives the first four consonant
classes of its phonetic key (s and z folded), so Belarusian and Russian
cognates (беларускі / белорусский, урад / ...) and loanwords across scripts
(парламент / parliament) meet. For unrelated languages the keys are mostly
noise; the rarity weighting of the aligner keeps that noise small.
"""

from __future__ import annotations

from functools import lru_cache

from align_kit.align.scorers import Features, PairContext
from align_kit.align.scorers._text import stopwords, strip_slavic_ending, words
from align_kit.translit import phonetic_key


# Per word type, not per occurrence: a long book repeats its words (#16, speed).
@lru_cache(maxsize=1 << 18)
def cognate_key(word: str) -> str:
    key = phonetic_key(strip_slavic_ending(word.lower())).replace("z", "s")
    return key[:4]


@lru_cache(maxsize=1 << 18)
def _feature(word: str, lang: str) -> str:
    """The feature `word` gives ("" for none): one string per word type, shared by
    every occurrence (time and memory on a book, #16)."""
    if len(word) < 5 or word.lower() in stopwords(lang):
        return ""
    key = cognate_key(word)
    return "C:" + key if len(key) >= 3 else ""


def cognate_features(text: str, lang: str) -> dict[str, float]:
    feats: dict[str, float] = {}
    for word in words(text):
        key = _feature(word, lang)
        if key:
            feats[key] = feats.get(key, 0.0) + 1.0
    return feats


class CognateScorer:
    name = "cognates"

    def __init__(self, weight: float = 1.0) -> None:
        self.weight = weight

    def features(self, ctx: PairContext) -> tuple[Features, Features]:
        return (
            [cognate_features(t, ctx.src_lang) for t in ctx.src],
            [cognate_features(t, ctx.tgt_lang) for t in ctx.tgt],
        )
