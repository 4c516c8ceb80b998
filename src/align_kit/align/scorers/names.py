"""Names across scripts: Lukashenko / Лукашэнка / Лукашенко share a phonetic key.

Every capitalised word that is not a function word gives the first four
consonant classes of its `phonetic_key`, after Slavic case endings are cut
(Трампом -> Трамп), so inflected names still meet their nominative spelling.
"""

from __future__ import annotations

from functools import lru_cache

from align_kit.align.scorers import Features, PairContext
from align_kit.align.scorers._text import stopwords, strip_slavic_ending, words
from align_kit.translit import phonetic_key


# Per word type, not per occurrence: a long book repeats its words (#16, speed).
@lru_cache(maxsize=1 << 18)
def name_key(word: str) -> str:
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return phonetic_key(strip_slavic_ending(word.lower()))[:4]


@lru_cache(maxsize=1 << 18)
def _feature(word: str, lang: str) -> str:
    """The feature `word` gives ("" for none), one string per word type (#16)."""
    if not word[0].isupper() or word.lower() in stopwords(lang):
        return ""
    key = name_key(word)
    return "N:" + key if len(key) >= 2 else ""


def name_features(text: str, lang: str) -> dict[str, float]:
    feats: dict[str, float] = {}
    for word in words(text):
        key = _feature(word, lang)
        if key:
            feats[key] = feats.get(key, 0.0) + 1.0
    return feats


class NameScorer:
    name = "names"

    def __init__(self, weight: float = 1.0) -> None:
        self.weight = weight

    def features(self, ctx: PairContext) -> tuple[Features, Features]:
        return (
            [name_features(t, ctx.src_lang) for t in ctx.src],
            [name_features(t, ctx.tgt_lang) for t in ctx.tgt],
        )
