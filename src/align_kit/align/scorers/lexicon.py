"""A bilingual lexicon learned from the document pair (or batch) itself.

The aligner runs a first pass, keeps its confident beads, counts which source
and target words co-occur in them (Dice coefficient over word stems), and
aligns again with the word pairs it found as anchors - hunalign's realign,
with stems and a stricter association test.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
from scipy import sparse

from align_kit.align.scorers import Features, PairContext
from align_kit.align.scorers._text import stopwords, words


def stem(word: str) -> str:
    return word.lower()[:5]


@lru_cache(maxsize=1 << 18)
def _word_stem(word: str, lang: str) -> str:
    """The stem `stems` keeps for `word`, "" for a word it drops: per word type."""
    if len(word) < 3 or word.lower() in stopwords(lang):
        return ""
    return stem(word)


def stems(text: str, lang: str) -> set[str]:
    out = {_word_stem(w, lang) for w in words(text)}
    out.discard("")
    return out


def learn_lexicon(
    pairs: Iterable[tuple[str, str]],
    src_lang: str,
    tgt_lang: str,
    *,
    min_count: int = 2,
    min_dice: float = 0.6,
) -> dict[str, set[str]]:
    """Word-stem pairs that co-occur in aligned text pairs far more than by chance."""
    src_index: dict[str, int] = {}
    tgt_index: dict[str, int] = {}
    rows: list[int] = []
    src_cols: list[int] = []
    tgt_rows: list[int] = []
    tgt_cols: list[int] = []
    # A pair of texts seen again (a repeated caption, a document pasted twice) is not
    # new evidence: count each distinct pair once.
    for k, (src, tgt) in enumerate(dict.fromkeys(pairs)):
        for a in stems(src, src_lang):
            rows.append(k)
            src_cols.append(src_index.setdefault(a, len(src_index)))
        for b in stems(tgt, tgt_lang):
            tgt_rows.append(k)
            tgt_cols.append(tgt_index.setdefault(b, len(tgt_index)))
    if not src_index or not tgt_index:
        return {}
    n_pairs = max(max(rows, default=0), max(tgt_rows, default=0)) + 1
    S = sparse.csr_matrix((np.ones(len(rows), dtype=np.int64), (rows, src_cols)),
                          shape=(n_pairs, len(src_index)))
    T = sparse.csr_matrix((np.ones(len(tgt_rows), dtype=np.int64), (tgt_rows, tgt_cols)),
                          shape=(n_pairs, len(tgt_index)))
    # Co-occurrence counts of every (source stem, target stem) pair in one product,
    # not one counter update per pair of words.
    joint = (S.T @ T).tocoo()
    src_count = np.asarray(S.sum(axis=0)).ravel()
    tgt_count = np.asarray(T.sum(axis=0)).ravel()
    c = joint.data
    keep = c >= min_count
    ia, ib, c = joint.row[keep], joint.col[keep], c[keep]
    dice = 2 * c / (src_count[ia] + tgt_count[ib])
    src_words, tgt_words = list(src_index), list(tgt_index)
    lexicon: dict[str, set[str]] = {}
    strong = dice >= min_dice
    for a, b in sorted(zip(ia[strong].tolist(), ib[strong].tolist(), strict=True)):
        lexicon.setdefault(src_words[a], set()).add(tgt_words[b])
    return lexicon


class LexiconScorer:
    name = "lexicon"

    def __init__(self, weight: float = 1.0) -> None:
        self.weight = weight

    def features(self, ctx: PairContext) -> tuple[Features, Features]:
        lex = ctx.lexicon
        if not lex:
            return [{} for _ in ctx.src], [{} for _ in ctx.tgt]
        # Feature names built once per stem, not per occurrence.
        reverse: dict[str, list[str]] = {}
        for a, bs in lex.items():
            for b in bs:
                reverse.setdefault(b, []).append("x:" + a)
        own = {a: ["x:" + a] for a in lex}

        def side(texts: Sequence[str], lang: str, table) -> Features:
            out = []
            for text in texts:
                feats: dict[str, float] = {}
                for s in stems(text, lang):
                    for key in table.get(s, ()):
                        feats[key] = 1.0
                out.append(feats)
            return out

        src = side(ctx.src, ctx.src_lang, own)
        tgt = side(ctx.tgt, ctx.tgt_lang, reverse)
        return src, tgt
