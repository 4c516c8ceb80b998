"""Calibrated confidence per bead: P(bead is exactly right | its evidence).

A logistic model over what the aligner knows about each bead (the cosine of
its two sides, its length deviation, its shape, how much evidence there was, and
its neighbours: a 1-0 / 0-1 beside it, the cosine over the documents' background,
the length gain of merging it with a neighbour) fitted on real and synthetic beads
together (NTREX seed 1, Bleualign dev, 1984 hu-en, the sample gold, each set
weighted alike) by `bench/alignment.py --fit-calibration`; the reliability tables
in docs/benchmarks.md show how well it holds per set.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from align_kit.align.dp import (
    CostParams,
    PairData,
    _normalise,
    _sq_norms,
    gale_church,
    span_rows,
)

# Fitted coefficients (see module doc); order matches `bead_evidence`.
COEFFICIENTS = np.array([2.1959, 10.3510, -0.1825, -1.1166, -0.1034, 0.0000, -1.3329, -10.3550,
                         0.6461])
FEATURES = ("bias", "cos", "length_cost", "extra_sentences", "has_evidence", "null",
            "near_null", "cos_over_background", "merge_length_gain")


def bead_cosines(pd: PairData, beads) -> tuple[np.ndarray, np.ndarray]:
    """Cosine of each bead's two sides (0 for 1-0 / 0-1 beads) and the smaller of the
    two sides' norms. Span vectors for the beads' starts only (`dp.span_rows`): the
    whole span matrices of a book, built on each of the ~30 calls per pair, were a
    sixth of the time at 54k lines (#16, speed)."""
    cos = np.zeros(len(beads))
    evid = np.zeros(len(beads))
    if not len(beads):
        return cos, evid
    b = np.asarray(beads)
    a_size = b[:, 1] - b[:, 0]
    b_size = b[:, 3] - b[:, 2]
    for a in np.unique(a_size):
        if a == 0:
            continue
        for bb in np.unique(b_size[a_size == a]):
            if bb == 0:
                continue
            sel = np.where((a_size == a) & (b_size == bb))[0]
            starts = b[sel, 0]
            # A scorer's own merged-span vectors where it has them (`PairData.xspans`).
            xv = (pd.xspans[int(a)][starts] if int(a) in pd.xspans else
                  pd.X[starts] if a == 1 else span_rows(pd.X, int(a), starts))
            yv = pd.Y[b[sel, 2]] if bb == 1 else span_rows(pd.Y, int(bb), b[sel, 2])
            dot = np.asarray(xv.multiply(yv).sum(axis=1)).ravel()
            nx, ny = _sq_norms(xv), _sq_norms(yv)
            den = np.sqrt(nx * ny)
            cos[sel] = np.where(den > 0, dot / np.where(den > 0, den, 1), 0)
            evid[sel] = np.sqrt(np.minimum(nx, ny))
    return cos, evid


def normalised(pd: PairData):
    """Unit-length X and Y of `pd` and each sentence's mean cosine with the other
    side's sentences; kept in `pd.prepared` (asked for several times per pair, #16)."""
    got = pd.prepared.get("normalised")
    if got is None:
        X, Y = _normalise(pd.X), _normalise(pd.Y)
        got = (X, Y, X @ np.asarray(Y.mean(axis=0)).ravel(),
               Y @ np.asarray(X.mean(axis=0)).ravel())
        pd.prepared["normalised"] = got
    return got


def bead_evidence(pd: PairData, params: CostParams, beads) -> np.ndarray:
    """One row per bead: the quantities the confidence model reads."""
    rows = np.zeros((len(beads), len(FEATURES)))
    if not beads:
        return rows
    cumx = np.concatenate([[0.0], np.cumsum(pd.xlen)])
    cumy = np.concatenate([[0.0], np.cumsum(pd.ylen)])
    b = np.array(beads)
    a_size = b[:, 1] - b[:, 0]
    b_size = b[:, 3] - b[:, 2]
    cos, evid = bead_cosines(pd, b)
    lx = cumx[b[:, 1]] - cumx[b[:, 0]]
    ly = cumy[b[:, 3]] - cumy[b[:, 2]]
    null = (a_size == 0) | (b_size == 0)
    gc = np.where(null, 0.0, gale_church(lx, ly, params))
    rows[:, 0] = 1.0
    rows[:, 1] = cos
    rows[:, 2] = np.minimum(gc, 10.0)
    rows[:, 3] = np.maximum(a_size + b_size - 2, 0)
    rows[:, 4] = np.log1p(evid)
    rows[:, 5] = null
    rows[:, 6:] = _context_evidence(pd, params, b, cos, null, cumx, cumy)
    return rows


def _context_evidence(pd: PairData, params: CostParams, b: np.ndarray, cos: np.ndarray,
                      null: np.ndarray, cumx: np.ndarray, cumy: np.ndarray) -> np.ndarray:
    """What a bead's neighbours say about it (issue 16: on real translations a wrong
    1-1 is most often half of a 2-1 whose other half went to a 1-0 beside it):
    whether a neighbour is a 1-0 / 0-1, the cosine above what unrelated sentences of
    these documents score, and how much the length fit gains when the bead is merged
    with a neighbour (negative: the merge fits better; capped at +-5)."""
    k = len(b)
    out = np.zeros((k, 3))
    idx = np.arange(k)
    near_null = np.zeros(k, dtype=bool)
    for d in (-1, 1):
        o = idx + d
        valid = (o >= 0) & (o < k)
        near_null |= valid & null[np.clip(o, 0, k - 1)]
    out[:, 0] = near_null
    if pd.n and pd.m:
        _X, _Y, xmean_cos, ymean_cos = normalised(pd)
        xb = np.concatenate([[0.0], np.cumsum(xmean_cos)])
        yb = np.concatenate([[0.0], np.cumsum(ymean_cos)])
        na, nb = np.maximum(b[:, 1] - b[:, 0], 1), np.maximum(b[:, 3] - b[:, 2], 1)
        bg = ((xb[b[:, 1]] - xb[b[:, 0]]) / na + (yb[b[:, 3]] - yb[b[:, 2]]) / nb) / 2
        out[:, 1] = np.where(null, 0.0, cos - bg)

    def charge(i0, i1, j0, j1):
        return params.len_weight * gale_church(cumx[i1] - cumx[i0], cumy[j1] - cumy[j0], params)

    own = charge(b[:, 0], b[:, 1], b[:, 2], b[:, 3])
    gain = np.full(k, 5.0)
    for d in (-1, 1):
        o = np.clip(idx + d, 0, k - 1)
        valid = (idx + d >= 0) & (idx + d < k) & ~null
        merged = charge(np.minimum(b[:, 0], b[o, 0]), np.maximum(b[:, 1], b[o, 1]),
                        np.minimum(b[:, 2], b[o, 2]), np.maximum(b[:, 3], b[o, 3]))
        other = np.where(null[o], params.null_cost, own[o])
        g = merged - own - other + params.merge_prior
        gain = np.where(valid, np.minimum(gain, g), gain)
    out[:, 2] = np.where(null, 0.0, np.clip(gain, -5.0, 5.0))
    return out


# A 1-0 / 0-1 bead has its own model (it has no two sides to compare): bias, how much
# worse the length fit of a neighbouring bead gets when the lone sentence is merged
# into it (capped at 5; near 0: a 2-1 cut in two), and the lone sentence's best cosine
# with the other side's sentences nearby minus its background. Fitted (logistic, each
# set weighted alike) on the null beads of Bleualign dev, 1984 hu-en, the sample gold
# and the sample gold with the first half of each translation cut (issue 16).
NULL_COEFFICIENTS = np.array([-1.0412, 0.7511, -0.4719])
NULL_FEATURES = ("bias", "merge_length_gain", "near_cos")


def null_evidence(pd: PairData, params: CostParams, beads) -> np.ndarray:
    """One row per bead (zeros for beads with two sides): the null model's inputs."""
    rows = np.zeros((len(beads), len(NULL_FEATURES)))
    nulls = [k for k, (i0, i1, j0, j1) in enumerate(beads) if (i1 == i0) != (j1 == j0)]
    if not nulls or pd.n == 0 or pd.m == 0:
        return rows
    X, Y, xb, yb = normalised(pd)
    cumx = np.concatenate([[0.0], np.cumsum(pd.xlen)])
    cumy = np.concatenate([[0.0], np.cumsum(pd.ylen)])

    def gc(i0: int, i1: int, j0: int, j1: int) -> float:
        lx, ly = np.array([cumx[i1] - cumx[i0]]), np.array([cumy[j1] - cumy[j0]])
        return float(gale_church(lx, ly, params)[0])

    for k in nulls:
        i0, i1, j0, j1 = beads[k]
        gain = 5.0
        for o in (k - 1, k + 1):
            if 0 <= o < len(beads):
                a0, a1, b0, b1 = beads[o]
                if a1 > a0 and b1 > b0:
                    merged = gc(min(i0, a0), max(i1, a1), min(j0, b0), max(j1, b1))
                    gain = min(gain, merged - gc(a0, a1, b0, b1))
        if j1 == j0:  # a source sentence alone: its best target neighbour
            lo, hi = max(0, j0 - 2), min(pd.m, j0 + 2)
            near = (X[i0] @ Y[lo:hi].T).toarray().max() - xb[i0] if hi > lo else 0.0
        else:
            lo, hi = max(0, i0 - 2), min(pd.n, i0 + 2)
            near = (Y[j0] @ X[lo:hi].T).toarray().max() - yb[j0] if hi > lo else 0.0
        rows[k] = (1.0, min(gain, 5.0), float(near))
    return rows


def local_logit(pd: PairData, params: CostParams, beads) -> tuple[np.ndarray, np.ndarray]:
    """The per-bead feature model's log-odds, and which beads are 1-0 / 0-1. The last
    answer is kept in `pd.prepared`: the local confidence and the posterior's model
    ask it for the same beads and params (a second ~0.5 s on a book, #16)."""
    key = [tuple(map(tuple, beads)), dataclasses.replace(params, prior=dict(params.prior))]
    kept = pd.prepared.get("local_logit")
    if kept is not None and kept[0] == key:
        return kept[1].copy(), kept[2].copy()
    ev = bead_evidence(pd, params, beads)
    z = ev @ COEFFICIENTS
    nev = null_evidence(pd, params, beads)
    lone = nev[:, 0] > 0
    z[lone] = nev[lone] @ NULL_COEFFICIENTS
    pd.prepared["local_logit"] = (key, z.copy(), lone.copy())
    return z, lone


def local_confidence(pd: PairData, params: CostParams, beads) -> list[float]:
    """What each bead looks like on its own (the model above, no path posterior). The
    lexicon pass picks its training beads by it, so the path does not depend on the
    posterior's temperature or coefficients."""
    z, _lone = local_logit(pd, params, beads)
    return [float(x) for x in 1.0 / (1.0 + np.exp(-z))]


# The confidence proper (issue 16): a bead that looks fine on its own is often wrong
# because another path is about as good; the posterior of the bead over every path
# (`align.posterior`) says so. Logistic over `POSTERIOR_FEATURES`, one model for beads
# with two sides and one for 1-0 / 0-1 beads, fitted on every dev set weighted alike
# (`bench/alignment.py --fit-calibration`). The fit counts a wrong bead 5 times a right
# one (bench WRONG_WEIGHT): the score is conservative, a reviewer's "look at this"
# rather than a calibrated probability (docs/benchmarks.md, alignment confidence).
POSTERIOR_FEATURES = ("bias", "logit_posterior", "local_logit", "neighbour_logit_posterior",
                      "document_mean_posterior")
POSTERIOR_COEFFICIENTS = np.array([-9.2469, 0.3913, 0.6689, -0.0114, 7.2384])
NULL_POSTERIOR_COEFFICIENTS = np.array([-6.8170, 0.2099, 0.3185, 0.4518, 5.2947])
_LOGIT_CAP = 10.0


def posterior_evidence(pd: PairData, params: CostParams, beads,
                       temperature: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """One row per bead: the confidence model's inputs; and which beads are 1-0 / 0-1."""
    from align_kit.align.posterior import TEMPERATURE, bead_posteriors

    post = bead_posteriors(pd, params, list(beads), temperature or TEMPERATURE)
    p = np.clip(post, 1e-12, 1 - 1e-12)
    z, lone = local_logit(pd, params, beads)
    lp = np.clip(np.log(p / (1 - p)), -_LOGIT_CAP, _LOGIT_CAP)
    # A wrong bead seldom stands alone: the path around it is uncertain too (the
    # lower posterior of its two neighbours), and a hard document is hard throughout
    # (its mean posterior): neither needs gold, both generalise across sets.
    pad = np.concatenate([[_LOGIT_CAP], lp, [_LOGIT_CAP]])
    near = np.minimum(pad[:-2], pad[2:])
    rows = np.column_stack([np.ones(len(beads)), lp, np.clip(z, -_LOGIT_CAP, _LOGIT_CAP),
                            near, np.full(len(beads), float(post.mean()))])
    return rows, lone


def bead_confidence(pd: PairData, params: CostParams, beads) -> list[float]:
    """P(bead is exactly right): the path posterior, calibrated (see above)."""
    if not len(beads):
        return []
    rows, lone = posterior_evidence(pd, params, beads)
    z = rows @ POSTERIOR_COEFFICIENTS
    z[lone] = rows[lone] @ NULL_POSTERIOR_COEFFICIENTS
    return [float(x) for x in 1.0 / (1.0 + np.exp(-z))]
