"""Sentence alignment of two documents: features, two passes, confidence."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import chain, repeat

import numpy as np
from scipy import sparse

from align_kit.align.adapt import adapted_params
from align_kit.align.calibration import bead_confidence, local_confidence
from align_kit.align.dp import DEFAULT_MAX_BEAD, CostParams, PairData, search
from align_kit.align.refine import detach_unsupported
from align_kit.align.scorers import PairContext, Scorer, resolve_scorers
from align_kit.align.scorers._text import words
from align_kit.align.scorers.lexicon import learn_lexicon
from align_kit.align.units import group_beads, sentence_units
from align_kit.align.verdict import damp_confidence, pair_verdict
from align_kit.errors import InputError

Span = tuple[int, int, int, int]


def _check_lines(lines: Sequence[str], what: str) -> list[str]:
    if isinstance(lines, str):
        raise InputError(f"{what} must be a sequence of sentences, not one string")
    out = []
    for k, line in enumerate(lines):
        if not isinstance(line, str):
            raise InputError(f"{what}: item {k} is {type(line).__name__}, not a string")
        out.append(line)
    return out


def raw_features(ctx: PairContext, scorers: Sequence[Scorer], max_bead: int,
                 cache: dict | None = None):
    """Feature counts of every sentence of both sides, merged-span rows, scorer weights.

    `cache`: each scorer's features by name, filled on the first call and reused on
    the next (the second pass only rebuilds the lexicon's, which it has just learned)."""
    n, m = len(ctx.src), len(ctx.tgt)
    src_rows: list[dict[str, float]] = [{} for _ in range(n)]
    tgt_rows: list[dict[str, float]] = [{} for _ in range(m)]
    span_rows: dict[int, list[dict[str, float]]] = {}
    weights: dict[str, float] = {}
    for scorer in scorers:
        if scorer.name == "length" or scorer.weight == 0:
            continue
        name = scorer.name
        if cache is not None and name in cache and name != "lexicon":
            fs, ft, spans_by_size = cache[name]
        else:
            fs, ft = scorer.features(ctx)
            spans_by_size = {}
            span_feats = getattr(scorer, "span_features", None)
            if span_feats is not None:
                for size in range(2, max_bead + 1):
                    spans_by_size[size] = span_feats(ctx, size)
            if cache is not None:
                cache[name] = (fs, ft, spans_by_size)
        for rows, feats in ((src_rows, fs), (tgt_rows, ft)):
            for row, f in zip(rows, feats, strict=True):
                if row.keys().isdisjoint(f):
                    row.update(f)  # scorers' keys differ by prefix: the common case
                    continue
                for key, v in f.items():
                    row[key] = row.get(key, 0.0) + v
            for prefix in {key[:2] for f in feats for key in f}:
                weights[prefix] = scorer.weight
        for size, fsp in spans_by_size.items():
            if fsp is None:
                continue
            rows = span_rows.setdefault(size, [{} for _ in range(max(n - size + 1, 0))])
            for row, f in zip(rows, fsp, strict=True):
                for key, v in f.items():
                    row[key] = row.get(key, 0.0) + v
    return src_rows, tgt_rows, span_rows, weights


def feature_matrices(
    ctx: PairContext, scorers: Sequence[Scorer], max_bead: int, cache: dict | None = None
) -> tuple[sparse.csr_matrix, sparse.csr_matrix, dict[int, sparse.csr_matrix]]:
    """Rarity-weighted sparse vectors of both sides in one shared feature space."""
    return build_matrices(*raw_features(ctx, scorers, max_bead, cache))


def _vocabulary_idf(rows: Sequence[dict]) -> tuple[dict[str, int], np.ndarray]:
    """Index every feature of `rows` and weigh it by its rarity over them (smoothed idf)."""
    df = Counter(chain.from_iterable(rows))  # in order of first appearance
    vocab = {key: k for k, key in enumerate(df)}
    if not df:
        return vocab, np.zeros(0)
    counts = np.fromiter(df.values(), dtype=float, count=len(df))
    return vocab, np.log1p(len(rows) / np.maximum(counts, 1.0))


def _csr_rows(rows: Sequence[dict[str, float]], vocab: dict[str, int],
              scale: np.ndarray) -> sparse.csr_matrix:
    """Feature counts as sparse rows: sqrt(count) times the feature's scale; features
    outside `vocab` are left out."""
    total = sum(map(len, rows))
    ids = np.fromiter(map(vocab.get, chain.from_iterable(rows), repeat(-1)), dtype=np.int64,
                      count=total)
    values = np.fromiter(chain.from_iterable(row.values() for row in rows), dtype=float,
                         count=total)
    keep = ids >= 0
    row_of = np.repeat(np.arange(len(rows)), [len(row) for row in rows])[keep]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(row_of, minlength=len(rows)))])
    ids = ids[keep]
    return sparse.csr_matrix((np.sqrt(values[keep]) * scale[ids], ids, indptr),
                             shape=(len(rows), len(vocab)))


def build_matrices(src_rows, tgt_rows, span_rows, weights):
    vocab, idf = _vocabulary_idf(src_rows + tgt_rows)
    scale = np.array([weights.get(k[:2], 1.0) for k in vocab]) * idf if vocab else idf

    def build(rows: list[dict[str, float]]) -> sparse.csr_matrix:
        return _csr_rows(rows, vocab, scale)

    X, Y = build(src_rows), build(tgt_rows)
    xspans: dict[int, sparse.csr_matrix] = {}
    for size, rows in span_rows.items():
        # The merged-span translation replaces the sum of the singles for that scorer
        # only: add the other scorers' features of the singles back.
        singles = [dict() for _ in rows]
        for s, row in enumerate(singles):
            for k in range(size):
                for key, v in src_rows[s + k].items():
                    if not key.startswith("T:"):
                        row[key] = row.get(key, 0.0) + v
            for key, v in rows[s].items():
                row[key] = row.get(key, 0.0) + v
        xspans[size] = build(singles)
    return X, Y, xspans


def foreign_scores(lines: Sequence[str]) -> np.ndarray:
    """How foreign each line is to its own document, in [0, 1].

    The share of a line's letters that are rare in the rest of the document
    (under 1 in 2 000 letters): a Russian line pasted into a Belarusian page
    (и, щ, ъ), a Cyrillic line in an English one. Such lines are cheap to leave
    unaligned. Language-independent: it needs no word list.
    """
    out = np.zeros(len(lines))
    lowered = [line.lower() for line in lines]
    # Letter counts with numpy over the code points, a block of lines at a time (a
    # Counter per line was a share of a book's time, #16; one block, its memory).
    blocks = [(k, min(k + 4096, len(lines))) for k in range(0, len(lines), 4096)]

    def code_points(k0: int, k1: int) -> np.ndarray:
        text = "".join(lowered[k0:k1]).encode("utf-32-le", "surrogatepass")
        return np.frombuffer(text, dtype=np.uint32)

    seen = np.zeros(0, dtype=np.int64)
    for k0, k1 in blocks:
        add = np.bincount(code_points(k0, k1))
        if len(add) > len(seen):
            seen = np.concatenate([seen, np.zeros(len(add) - len(seen), dtype=np.int64)])
        seen[: len(add)] += add
    present = np.flatnonzero(seen)
    letters = present[[chr(c).isalpha() for c in present]]
    total = seen[letters]
    size = int(total.sum())
    if size == 0:
        return out
    index = np.full(len(seen), -1, dtype=np.int64)
    index[letters] = np.arange(len(letters))
    for k0, k1 in blocks:
        col = index[code_points(k0, k1)]
        line_of = np.repeat(np.arange(k1 - k0), [len(t) for t in lowered[k0:k1]])
        keep = col >= 0
        col, row = col[keep], line_of[keep]
        n = np.bincount(row, minlength=k1 - k0)
        counts = sparse.csr_matrix((np.ones(len(col), dtype=np.int64), (row, col)),
                                   shape=(k1 - k0, len(letters)))
        counts.sum_duplicates()
        c = counts.data
        line = np.repeat(np.arange(k1 - k0), np.diff(counts.indptr))
        rest = np.maximum(size - n[line], 1)
        rare = np.bincount(line, weights=np.where((total[counts.indices] - c) * 2000 < rest,
                                                  c, 0), minlength=k1 - k0)
        has = n > 0
        out[k0:k1][has] = np.minimum(1.0, 3.0 * rare[has] / n[has])
    return out


def _lengths(lines: Sequence[str]) -> np.ndarray:
    return np.array([len(s) + 1 for s in lines], dtype=float)


def _ratio(xlen: np.ndarray, ylen: np.ndarray, beads: list[Span] | None = None) -> float:
    if beads:
        ones = [(i0, j0) for i0, i1, j0, j1 in beads if i1 - i0 == 1 and j1 - j0 == 1]
        if len(ones) >= 3:
            r = np.median([ylen[j] / xlen[i] for i, j in ones])
            return float(np.clip(r, 0.2, 5.0))
    sx, sy = xlen.sum(), ylen.sum()
    if sx <= 0 or sy <= 0:
        return 1.0
    by_sum = sy / sx
    # One side much longer (pasted extra material): trust typical sentences instead.
    by_median = float(np.median(ylen) / max(np.median(xlen), 1.0))
    agree = 1 / 3 < by_sum / max(by_median, 1e-9) < 3.0
    ratio = by_sum if agree or min(len(xlen), len(ylen)) < 8 else by_median
    return float(np.clip(ratio, 0.2, 5.0))


def _letter_ngrams(text: str, lo: int = 2, hi: int = 5) -> dict[str, float]:
    """chrF-style character n-grams of the lowercased letters (words padded by a space).

    No skeleton: a Russian translation shares many raw n-grams with a Belarusian
    target (and Ukrainian with Russian), far more than consonant skeletons do.
    """
    norm = " " + " ".join("".join(c if c.isalpha() else " " for c in text.lower()).split()) + " "
    feats: dict[str, float] = {}
    for n in range(lo, hi + 1):
        for k in range(len(norm) - n + 1):
            g = norm[k : k + n]
            if g.strip():
                feats[g] = feats.get(g, 0.0) + 1.0
    return feats


def translation_matrices(
    translations: Sequence[str], span_tr: dict[int, list[str]], tgt: Sequence[str]
) -> tuple[dict[int, sparse.csr_matrix], sparse.csr_matrix]:
    """Char n-gram vectors of the translations (and merged-span translations) and of
    the target, rarity-weighted over this document pair."""
    rows_x = [_letter_ngrams(t) for t in translations]
    rows_y = [_letter_ngrams(t) for t in tgt]
    vocab, idf = _vocabulary_idf(rows_x + rows_y)

    def build(rows: list[dict[str, float]]) -> sparse.csr_matrix:
        return _csr_rows(rows, vocab, idf)

    tx = {1: build(rows_x)}
    for size, texts in span_tr.items():
        tx[size] = build([_letter_ngrams(t) for t in texts])
    return tx, build(rows_y)


def default_params() -> CostParams:
    return CostParams()


def _translate_all(
    translate: Callable[[Sequence[str]], list[str]], src: Sequence[str], max_bead: int
) -> tuple[list[str], dict[int, list[str]]]:
    """One call: every sentence, then every run of 2..max_bead neighbours merged."""
    batch = list(src)
    spans: list[tuple[int, int]] = []
    for size in range(2, max_bead + 1):
        for s in range(len(src) - size + 1):
            spans.append((size, s))
            batch.append(" ".join(src[s : s + size]))
    out = translate(batch)
    if len(out) != len(batch):
        raise InputError(f"translate returned {len(out)} strings for {len(batch)} inputs")
    singles = [str(t) for t in out[: len(src)]]
    merged: dict[int, list[str]] = {}
    for (size, _s), text in zip(spans, out[len(src) :], strict=True):
        merged.setdefault(size, []).append(str(text))
    return singles, merged


def align_spans(
    src: Sequence[str],
    tgt: Sequence[str],
    src_lang: str,
    tgt_lang: str,
    *,
    max_bead: int = DEFAULT_MAX_BEAD,
    scorers=None,
    term_matcher: Callable[[str, str], set[str]] | None = None,
    translate: Callable[[Sequence[str]], list[str]] | None = None,
    translations: Sequence[str] | None = None,
    lexicon: dict[str, set[str]] | None = None,
    params: CostParams | None = None,
    ratio: float | None = None,
    verdict: bool = True,
) -> tuple[list[Span], list[float], dict]:
    """Beads as (i0, i1, j0, j1) ranges, their confidences, and run details.

    `verdict`: judge whether the documents are translations at all and lower the
    confidences if not (`align.verdict`); off for a first pass that only feeds the
    lexicon, where the evidence is still weak."""
    src = _check_lines(src, "source")
    tgt = _check_lines(tgt, "target")
    if not isinstance(max_bead, int) or max_bead < 1 or max_bead > 6:
        raise InputError(f"max_bead must be an integer from 1 to 6, got {max_bead!r}")
    chosen = resolve_scorers(scorers)
    names = [s.name for s in chosen]
    n, m = len(src), len(tgt)
    info: dict = {"scorers": names}
    if n == 0 or m == 0:
        spans = [(i, i + 1, 0, 0) for i in range(n)] + [(0, 0, j, j + 1) for j in range(m)]
        return spans, [1.0] * len(spans), info
    span_tr: dict[int, list[str]] = {}
    if translations is not None:
        translations = _check_lines(translations, "translations")
        if len(translations) != n:
            raise InputError(
                f"{len(translations)} translations for {n} source sentences",
                hint="give exactly one translation line per source sentence",
            )
    elif translate is not None and "translation" in names:
        translations, span_tr = _translate_all(translate, src, max_bead)
    ctx = PairContext(src, tgt, src_lang, tgt_lang, term_matcher=term_matcher,
                      translations=translations, span_translations=span_tr, lexicon=lexicon)
    # A copy: the adjustments below must not leak into the caller's object.
    params = dataclasses.replace(params) if params is not None else default_params()
    params.use_length = "length" in names
    if translations is not None and "translation" in names:
        # A translation makes the similarity far more reliable than anchors alone:
        # trust it more, and let an unrelated sentence merged into a bead hurt more
        # (NTREX seed 1 dev set; seed 2 confirms).
        params.sim_weight *= 4.2
        params.sim_power = 2.0
        # And compare translation with target apart from the other evidence, through
        # raw char n-grams relative to a background (NTREX seed 1: 0.946 -> 0.950 eng-bel,
        # 0.939 -> 0.947 eng-rus; seed 2 confirms; 100 over-merges).
        params.trans_weight = 40.0
    xlen, ylen = _lengths(src), _lengths(tgt)
    params.ratio = ratio or _ratio(xlen, ylen)
    cache: dict = {}
    X, Y, xspans = feature_matrices(ctx, chosen, max_bead, cache)
    xf, yf = foreign_scores(src), foreign_scores(tgt)
    tx = ty = None
    if translations is not None and "translation" in names and params.trans_weight:
        tx, ty = translation_matrices(translations, span_tr, tgt)
    pd = PairData(X, Y, xlen, ylen, xspans, xf, yf, tx, ty)
    beads = search(pd, params, max_bead)
    if "lexicon" in names and lexicon is None:
        conf = local_confidence(pd, params, beads)
        good = [(" ".join(src[i0:i1]), " ".join(tgt[j0:j1]))
                for (i0, i1, j0, j1), c in zip(beads, conf, strict=True)
                if c >= 0.5 and i1 > i0 and j1 > j0]
        ctx.lexicon = learn_lexicon(good, src_lang, tgt_lang)
        info["lexicon_size"] = len(ctx.lexicon)
        info["lexicon"] = ctx.lexicon
        pd.drop_caches()  # before the new features: the first pass's spans are done with
        if ctx.lexicon:
            X, Y, xspans = feature_matrices(ctx, chosen, max_bead, cache)
        cache.clear()  # see below
        params.ratio = ratio or _ratio(xlen, ylen, beads)
        pd = PairData(X, Y, xlen, ylen, xspans, xf, yf, tx, ty)
        beads = search(pd, params, max_bead)
    # The scorers' features per sentence (Python dicts: much of the memory on a book)
    # serve only the lexicon pass's matrices; so do the words of each sentence.
    cache.clear()
    words.cache_clear()
    if params.adapt_strength > 0 and pair_verdict(pd, params, beads).get("related", True):
        # Re-estimate the shape costs from this document and search again (EM step);
        # not for documents that are not translations (their first pass's shapes say
        # nothing about the translation's habits). After the lexicon pass, not before:
        # without the lexicon a translation's evidence can be too weak to tell.
        params = adapted_params(params, beads, max_bead)
        beads = search(pd, params, max_bead)
    if params.detach_below is not None:
        beads = detach_unsupported(pd, beads, params.detach_below, params.detach_rest,
                                   params, params.detach_length)
    # The lexicon of a batch is learned from what beads look like on their own (as
    # above), not from the path posterior: the posterior must not move the path.
    info["local_confidence"] = local_confidence(pd, params, beads)
    conf = bead_confidence(pd, params, beads)
    pd.drop_caches()  # kept by the searches for the posterior; a batch holds many pds
    # Are these translations of each other at all? (`align.verdict`)
    if verdict:
        info["verdict"] = pair_verdict(pd, params, beads)
        conf = damp_confidence(conf, info["verdict"])
    info["evidence"] = (pd, params)
    return beads, conf, info


def _spans_from_groups(groups) -> tuple[list[Span], list[float]]:
    spans: list[Span] = []
    conf: list[float] = []
    i = j = 0
    for (src_side, tgt_side), score in groups:
        i0 = src_side[0] if src_side else i
        j0 = tgt_side[0] if tgt_side else j
        i, j = i0 + len(src_side), j0 + len(tgt_side)
        spans.append((i0, i, j0, j))
        conf.append(score)
    return spans, conf


def _units(src, tgt, src_lang, tgt_lang, translations):
    src = _check_lines(src, "source")
    tgt = _check_lines(tgt, "target")
    if translations is not None:
        translations = _check_lines(translations, "translations")
    su, so, tr = sentence_units(src, src_lang, translations, tgt_lang)
    tu, to, _ = sentence_units(tgt, tgt_lang)
    return su, so, tr, tu, to


def _regroup(result, so, to, n, m):
    spans, conf, info = result
    beads = [(range(i0, i1), range(j0, j1)) for i0, i1, j0, j1 in spans]
    out_spans, out_conf = _spans_from_groups(group_beads(beads, conf, [so, to], [n, m]))
    # The sentence-level beads and owners stay in the details (calibration reads them).
    return out_spans, out_conf, dict(info, unit_spans=spans, unit_owners=(so, to))


def align_segments(
    src: Sequence[str],
    tgt: Sequence[str],
    src_lang: str,
    tgt_lang: str,
    *,
    translations: Sequence[str] | None = None,
    **options,
) -> tuple[list[Span], list[float], dict]:
    """Like `align_spans`, for segments that may hold several sentences (lines of a
    file): the sentences are aligned, then the segments regrouped into the smallest
    contiguous beads that contain those links (see `align.units`)."""
    su, so, tr, tu, to = _units(src, tgt, src_lang, tgt_lang, translations)
    result = align_spans(su, tu, src_lang, tgt_lang, translations=tr, **options)
    return _regroup(result, so, to, len(src), len(tgt))


def align_batch(
    pairs: Sequence[tuple[Sequence[str], Sequence[str]]],
    src_lang: str,
    tgt_lang: str,
    *,
    by_sentence: bool = True,
    **options,
) -> list[tuple[list[Span], list[float], dict]]:
    """Align many pairs of segment lists of one language pair (see `_align_batch`);
    with `by_sentence`, segments are split into sentences and regrouped as in
    `align_segments`."""
    if not by_sentence:
        return _align_batch(pairs, src_lang, tgt_lang, **options)
    options = dict(options)
    translations = options.pop("translations", None)
    if translations is not None and len(translations) != len(pairs):
        raise InputError(f"{len(translations)} translation lists for {len(pairs)} pairs")
    tr = translations or [None] * len(pairs)
    prepared = [_units(s, t, src_lang, tgt_lang, x) for (s, t), x in zip(pairs, tr, strict=True)]
    unit_tr = [p[2] for p in prepared] if translations is not None else None
    results = _align_batch([(p[0], p[3]) for p in prepared], src_lang, tgt_lang,
                           translations=unit_tr, **options)
    return [_regroup(r, p[1], p[4], len(s), len(t))
            for r, p, (s, t) in zip(results, prepared, pairs, strict=True)]


def _align_batch(
    pairs: Sequence[tuple[Sequence[str], Sequence[str]]],
    src_lang: str,
    tgt_lang: str,
    **options,
) -> list[tuple[list[Span], list[float], dict]]:
    """Align many document pairs of one language pair; the lexicon is learned from
    the confident beads of all of them (a first pass), then each pair is aligned again."""
    options = dict(options)
    names = [s.name for s in resolve_scorers(options.get("scorers"))]
    translations = options.pop("translations", None)
    if translations is not None and len(translations) != len(pairs):
        raise InputError(f"{len(translations)} translation lists for {len(pairs)} pairs")
    tr = translations or [None] * len(pairs)
    if "lexicon" not in names or options.get("lexicon") is not None:
        return [align_spans(s, t, src_lang, tgt_lang, translations=x, **options)
                for (s, t), x in zip(pairs, tr, strict=True)]
    first = dict(options, scorers=[n for n in names if n != "lexicon"])
    good: list[tuple[str, str]] = []
    for (src, tgt), x in zip(pairs, tr, strict=True):
        spans, _conf, first_info = align_spans(src, tgt, src_lang, tgt_lang,
                                               translations=x, verdict=False, **first)
        conf = first_info.get("local_confidence", _conf)
        good += [(" ".join(src[i0:i1]), " ".join(tgt[j0:j1]))
                 for (i0, i1, j0, j1), c in zip(spans, conf, strict=True)
                 if c >= 0.5 and i1 > i0 and j1 > j0]
    lexicon = learn_lexicon(good, src_lang, tgt_lang, min_count=3)
    return [align_spans(s, t, src_lang, tgt_lang, translations=x, lexicon=lexicon, **options)
            for (s, t), x in zip(pairs, tr, strict=True)]
