"""A bilingual lexicon learned from the document pair (or batch) itself.

The aligner runs a first pass, keeps its confident beads, counts which source
and target words co-occur in them (Dice coefficient over word stems), and
aligns again with the word pairs it found as anchors - hunalign's realign,
with stems and a stricter association test.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from align_kit.align.scorers import Features, PairContext
from align_kit.align.scorers._text import stopwords, words


def stem(word: str) -> str:
    return word.lower()[:5]


def stems(text: str, lang: str) -> set[str]:
    stop = stopwords(lang)
    return {stem(w) for w in words(text) if len(w) >= 3 and w.lower() not in stop}


def learn_lexicon(
    pairs: Iterable[tuple[str, str]],
    src_lang: str,
    tgt_lang: str,
    *,
    min_count: int = 2,
    min_dice: float = 0.6,
) -> dict[str, set[str]]:
    """Word-stem pairs that co-occur in aligned text pairs far more than by chance."""
    src_count: Counter[str] = Counter()
    tgt_count: Counter[str] = Counter()
    joint: Counter[tuple[str, str]] = Counter()
    # A pair of texts seen again (a repeated caption, a document pasted twice) is not
    # new evidence: count each distinct pair once.
    for src, tgt in dict.fromkeys(pairs):
        s, t = stems(src, src_lang), stems(tgt, tgt_lang)
        src_count.update(s)
        tgt_count.update(t)
        joint.update((a, b) for a in s for b in t)
    lexicon: dict[str, set[str]] = {}
    for (a, b), c in joint.items():
        if c < min_count:
            continue
        dice = 2 * c / (src_count[a] + tgt_count[b])
        if dice >= min_dice:
            lexicon.setdefault(a, set()).add(b)
    return lexicon


class LexiconScorer:
    name = "lexicon"

    def __init__(self, weight: float = 1.0) -> None:
        self.weight = weight

    def features(self, ctx: PairContext) -> tuple[Features, Features]:
        lex = ctx.lexicon
        if not lex:
            return [{} for _ in ctx.src], [{} for _ in ctx.tgt]
        reverse: dict[str, list[str]] = {}
        for a, bs in lex.items():
            for b in bs:
                reverse.setdefault(b, []).append(a)

        def side(texts: Sequence[str], lang: str, table) -> Features:
            out = []
            for text in texts:
                feats: dict[str, float] = {}
                for s in stems(text, lang):
                    for a in table(s):
                        feats["x:" + a] = 1.0
                out.append(feats)
            return out

        src = side(ctx.src, ctx.src_lang, lambda s: [s] if s in lex else [])
        tgt = side(ctx.tgt, ctx.tgt_lang, lambda s: reverse.get(s, []))
        return src, tgt
