"""A bilingual lexicon learned from the document pair (or batch) itself.

The aligner runs a first pass, keeps its confident beads, counts which source
and target words co-occur in them, and aligns again with the word pairs it found
as anchors - hunalign's realign, with stems and a stricter association test.

A stem pair is kept when its co-occurrence is significant (Dunning's log-likelihood
ratio G2 at p < 0.001, the chi-square quantile 10.83 with one degree of freedom) and
not incidental (Dice >= 0.3). The significance test adapts to the size of the text:
a long book yields thousands of pairs a fixed Dice cut-off rejected (the inflected
forms of a Hungarian word share a stem with several English ones), a short article
a handful (issue 16: 1984 hu-en 0.983 -> 0.988; NTREX, Bleualign and the sample
gold within 0.005 either way, every NTREX floor kept).
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


# The chi-square quantile for p = 0.001 with one degree of freedom.
G2_P001 = 10.83


def log_likelihood_ratio(both, a, b, n):
    """Dunning's G2 for a 2x2 table: `both` of `n` text pairs hold both stems, `a` the
    source stem, `b` the target stem (numbers, or numpy arrays of them)."""
    both, a, b = (np.asarray(x, dtype=float) for x in (both, a, b))
    cells = ((both, a * b), (a - both, a * (n - b)), (b - both, (n - a) * b),
             (n - a - b + both, (n - a) * (n - b)))
    total = np.zeros(np.broadcast(both, a, b).shape)
    for k, e in cells:
        ok = (k > 0) & (e > 0)
        total += np.where(ok, k * np.log(np.where(ok, k * n, 1.0) / np.where(ok, e, 1.0)), 0.0)
    return 2.0 * total if total.ndim else float(2.0 * total)


def learn_lexicon(
    pairs: Iterable[tuple[str, str]],
    src_lang: str,
    tgt_lang: str,
    *,
    min_count: int = 2,
    min_dice: float = 0.3,
    min_g2: float = G2_P001,
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
    n = 0
    for k, (src, tgt) in enumerate(dict.fromkeys(pairs)):
        n = k + 1
        for a in stems(src, src_lang):
            rows.append(k)
            src_cols.append(src_index.setdefault(a, len(src_index)))
        for b in stems(tgt, tgt_lang):
            tgt_rows.append(k)
            tgt_cols.append(tgt_index.setdefault(b, len(tgt_index)))
    if not src_index or not tgt_index:
        return {}
    n_pairs = n
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
    ca, cb = src_count[ia], tgt_count[ib]
    dice = 2 * c / (ca + cb)
    src_words, tgt_words = list(src_index), list(tgt_index)
    lexicon: dict[str, set[str]] = {}
    # More often together than by chance, significantly so, and not incidentally.
    strong = ((c * n > ca * cb) & (dice >= min_dice)
              & (log_likelihood_ratio(c, ca, cb, n) >= min_g2))
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
