"""Machine (or human) translations of the source compared with the target.

Each source sentence comes with a translation into the target language; a
bead is compared through the character 3-grams of the word skeletons of the
translation and of the target text (a fast chrF-like char n-gram similarity: the aligner takes the
cosine of rarity-weighted counts). Merged source neighbours use the
translation of the merged text when the caller translated it.
"""

from __future__ import annotations

import regex

from align_kit.align.scorers import Features, PairContext
from align_kit.align.scorers._text import strip_slavic_ending, words
from align_kit.translit import phonetic_key

_SPACE = regex.compile(r"[\s\p{P}]+")


def char_ngrams(text: str, n: int = 3) -> dict[str, float]:
    """Character n-grams of every word's consonant skeleton.

    The skeleton (`phonetic_key`, Slavic case endings cut) makes the comparison
    robust to inflection and to a translation into a close language or spelling
    (a Russian translation against a Belarusian target, Latin against Cyrillic
    names), where raw character n-grams share little.
    """
    feats: dict[str, float] = {}
    for word in words(text):
        if len(word) < 3:
            continue
        key = phonetic_key(strip_slavic_ending(word.lower())).replace("z", "s")
        if len(key) < 2:
            continue
        key = "^" + key
        for k in range(max(len(key) - n + 1, 1)):
            gram = "T:" + key[k : k + n]
            feats[gram] = feats.get(gram, 0.0) + 1.0
    return feats


class TranslationScorer:
    name = "translation"

    def __init__(self, weight: float = 1.0) -> None:
        self.weight = weight

    def features(self, ctx: PairContext) -> tuple[Features, Features]:
        if ctx.translations is None:
            return [{} for _ in ctx.src], [{} for _ in ctx.tgt]
        return [char_ngrams(t) for t in ctx.translations], [char_ngrams(t) for t in ctx.tgt]

    def span_features(self, ctx: PairContext, size: int) -> Features | None:
        spans = ctx.span_translations.get(size)
        if ctx.translations is None or spans is None:
            return None
        return [char_ngrams(t) for t in spans]
