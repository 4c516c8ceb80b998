"""Three-way alignment: one consistent set of tri-lingual beads.

The closest pair is aligned first (Belarusian-Russian when both are present:
cognates make it the most reliable), its beads become composite units that
carry the features of both languages, and the third document is aligned
against those units, so the strong pair guides the weak ones. Every segment
of every document lands in exactly one bead. `pairwise_beads` derives the
minimal beads of any two of the languages, re-aligning inside a tri-bead
where it groups more than one sentence a side.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from align_kit.align.calibration import bead_confidence
from align_kit.align.core import (
    PairContext,
    _lengths,
    _ratio,
    align_spans,
    build_matrices,
    default_params,
    foreign_scores,
    raw_features,
)
from align_kit.align.dp import DEFAULT_MAX_BEAD, PairData, search
from align_kit.align.scorers import resolve_scorers
from align_kit.model import Alignment, Bead

_CLOSE = ({"be", "ru"}, {"be", "uk"}, {"ru", "uk"})


def _pivot(langs: Sequence[str]) -> tuple[int, int, int]:
    for p, q in ((1, 2), (0, 1), (0, 2)):
        if {langs[p], langs[q]} in _CLOSE:
            return p, q, 3 - p - q
    return 1, 2, 0


def align_three(texts, langs, *, max_bead=DEFAULT_MAX_BEAD, scorers=None, term_matcher=None,
                translate=None, translations=None):
    p, q, o = _pivot(langs)
    opts = dict(max_bead=max_bead, scorers=scorers, term_matcher=term_matcher)
    first_tr = dict(translate=translate, translations=translations) if (p, q) == (0, 1) else {}
    pq_spans, pq_conf, info = align_spans(texts[p], texts[q], langs[p], langs[q],
                                          **opts, **first_tr)
    chosen = [s for s in resolve_scorers(scorers) if s.name != "translation"]
    units_p = [list(range(i0, i1)) for i0, i1, _, _ in pq_spans]
    units_q = [list(range(j0, j1)) for _, _, j0, j1 in pq_spans]
    # Features of the outer document against each pivot language, merged.
    outer_rows = [dict() for _ in texts[o]]
    unit_rows = [dict() for _ in pq_spans]
    weights: dict[str, float] = {}
    for side, units in ((p, units_p), (q, units_q)):
        # The lexicon of the outer document against this pivot language, learned from
        # their own two-way alignment: without it the outer side would have less
        # evidence in three-way mode than when aligned alone.
        lexicon = None
        if any(s.name == "lexicon" for s in chosen) and texts[o] and texts[side]:
            lexicon = align_spans(texts[o], texts[side], langs[o], langs[side],
                                  **opts)[2].get("lexicon")
        ctx = PairContext(texts[o], texts[side], langs[o], langs[side], term_matcher=term_matcher,
                          lexicon=lexicon)
        src_rows, tgt_rows, _spans, w = raw_features(ctx, chosen, max_bead)
        weights.update(w)
        for row, f in zip(outer_rows, src_rows, strict=True):
            for k, v in f.items():
                row[k] = max(row.get(k, 0.0), v)
        for row, members in zip(unit_rows, units, strict=True):
            for i in members:
                for k, v in tgt_rows[i].items():
                    row[k] = row.get(k, 0.0) + v / 2.0
    X, Y, _ = build_matrices(outer_rows, unit_rows, {}, weights)
    lo = _lengths(texts[o])
    lp, lq = _lengths(texts[p]), _lengths(texts[q])
    rp = _ratio(lo, lp) if len(lp) and len(lo) else 1.0
    rq = _ratio(lo, lq) if len(lq) and len(lo) else 1.0
    ulen = []
    for up, uq in zip(units_p, units_q, strict=True):
        parts = ([lp[up].sum() / rp] if up else []) + ([lq[uq].sum() / rq] if uq else [])
        ulen.append(float(np.mean(parts)))
    ulen = np.array(ulen)
    if len(texts[o]) == 0 or len(ulen) == 0:
        spans = [(i, i + 1, 0, 0) for i in range(len(texts[o]))] + [
            (0, 0, k, k + 1) for k in range(len(ulen))]
        conf = [1.0] * len(spans)
    else:
        params = default_params()
        params.ratio = _ratio(lo, ulen)
        foreign_units = np.zeros(len(ulen))
        pd = PairData(X, Y, lo, ulen, {}, foreign_scores(texts[o]), foreign_units)
        spans = search(pd, params, max_bead)
        conf = bead_confidence(pd, params, spans)
    beads = []
    for (i0, i1, k0, k1), c in zip(spans, conf, strict=True):
        sides: list[tuple[int, ...]] = [(), (), ()]
        sides[o] = tuple(range(i0, i1))
        sides[p] = tuple(i for k in range(k0, k1) for i in units_p[k])
        sides[q] = tuple(j for k in range(k0, k1) for j in units_q[k])
        pq = min((pq_conf[k] for k in range(k0, k1)), default=1.0)
        beads.append(Bead(indexes=tuple(sides), score=round(float(c * pq if i1 > i0 else pq), 4)))
    info = dict(info, pivot=(langs[p], langs[q]))
    return beads, info


def align_three_segments(texts, langs, *, translations=None, **opts):
    """`align_three` for segments that may hold several sentences: their sentences
    are aligned three ways, then the segments regrouped (see `align.units`)."""
    from align_kit.align.units import group_beads, sentence_units

    first = sentence_units(texts[0], langs[0], translations, langs[1])
    rest = [sentence_units(t, lang) for t, lang in zip(texts[1:], langs[1:], strict=True)]
    units = [first[0]] + [r[0] for r in rest]
    owners = [first[1]] + [r[1] for r in rest]
    beads, info = align_three(units, langs, translations=first[2], **opts)
    groups = group_beads([b.indexes for b in beads], [b.score for b in beads], owners,
                         [len(t) for t in texts])
    return [Bead(indexes=sides, score=round(score, 4)) for sides, score in groups], info


def pairwise_beads(alignment: Alignment, a: int, b: int, *, max_bead: int = DEFAULT_MAX_BEAD,
                   window: int = 3) -> list[Bead]:
    """Minimal beads between documents `a` and `b` derived from a (tri-lingual) alignment.

    The pair's own two-way alignment is reconciled with the tri-beads: wherever
    the two-way beads touching a run of up to `window` consecutive tri-beads all
    lie within that run, they give the pair's beads there (so the derived beads
    are as good as aligning the pair alone wherever the two agree on the
    boundaries). Elsewhere a tri-bead's sentences are aligned again on their own.
    """
    docs = alignment.documents
    ta = [s.text for s in docs[a].segments]
    tb = [s.text for s in docs[b].segments]
    la, lb = _lengths(ta), _lengths(tb)
    ratio = _ratio(la, lb) if len(la) and len(lb) else 1.0
    two_way: dict[tuple[str, int], tuple[int, int, int, int, float]] = {}
    if ta and tb and len(docs) > 2:
        spans2, conf2, _ = align_spans(ta, tb, docs[a].language, docs[b].language,
                                       max_bead=max_bead)
        for (i0, i1, j0, j1), c in zip(spans2, conf2, strict=True):
            for i in range(i0, i1):
                two_way[("a", i)] = (i0, i1, j0, j1, c)
            for j in range(j0, j1):
                two_way[("b", j)] = (i0, i1, j0, j1, c)
    out: list[Bead] = []
    beads = alignment.beads
    k = 0
    while k < len(beads):
        done = False
        for w in range(1, window + 1) if two_way else ():
            run = beads[k : k + w]
            ia = tuple(i for x in run for i in x.indexes[a])
            ib = tuple(j for x in run for j in x.indexes[b])
            inside = _two_way_inside(two_way, ia, ib)
            if inside is not None:
                score = min(x.score for x in run)
                for i0, i1, j0, j1, c in inside:
                    out.append(Bead(indexes=(tuple(range(i0, i1)), tuple(range(j0, j1))),
                                    score=round(min(score, c), 4)))
                k += w
                done = True
                break
            if k + w >= len(beads):
                break
        if done:
            continue
        bead = beads[k]
        k += 1
        ia, ib = bead.indexes[a], bead.indexes[b]
        if not ia or not ib or (len(ia) == 1 and len(ib) == 1):
            if ia and ib:
                out.append(Bead(indexes=(ia, ib), score=bead.score))
            else:
                out += [Bead(indexes=((i,), ()), score=bead.score) for i in ia]
                out += [Bead(indexes=((), (j,)), score=bead.score) for j in ib]
            continue
        spans, conf, _ = align_spans([ta[i] for i in ia], [tb[j] for j in ib],
                                     docs[a].language, docs[b].language, max_bead=max_bead,
                                     scorers=("length", "anchors", "names", "cognates"),
                                     ratio=ratio)
        for (i0, i1, j0, j1), c in zip(spans, conf, strict=True):
            out.append(Bead(indexes=(tuple(ia[i0:i1]), tuple(ib[j0:j1])),
                            score=round(min(bead.score, c), 4)))
    return out


def _two_way_inside(two_way, ia, ib):
    """The two-way beads covering `ia` x `ib` if all of them lie within it, in order."""
    if not ia and not ib:
        return []
    sa, sb = set(ia), set(ib)
    found = {two_way[("a", i)] for i in ia} | {two_way[("b", j)] for j in ib}
    for i0, i1, j0, j1, _c in found:
        if not set(range(i0, i1)) <= sa or not set(range(j0, j1)) <= sb:
            return None
    return sorted(found, key=lambda x: (x[0], x[2]))
