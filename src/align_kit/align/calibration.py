"""Calibrated confidence per bead: P(bead is exactly right | its evidence).

A logistic model over what the aligner knows about each bead (the cosine of
its two sides, its length deviation, its shape, how much evidence there was)
fitted on the NTREX dev set (seed 1) by `bench/alignment.py --fit-calibration`;
the reliability table in docs/benchmarks/alignment.md shows how well it holds
on other seeds.
"""

from __future__ import annotations

import numpy as np

from align_kit.align.dp import CostParams, PairData, _sq_norms, gale_church, span_sum

# Fitted coefficients (see module doc); order matches `bead_evidence`.
COEFFICIENTS = np.array([2.1705, 6.1106, -0.3490, -1.8508, 0.2712, 0.5989])
FEATURES = ("bias", "cos", "length_cost", "extra_sentences", "has_evidence", "null")


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
    cos = np.zeros(len(beads))
    evid = np.zeros(len(beads))
    for a in np.unique(a_size):
        if a == 0:
            continue
        xa = pd.xspans.get(int(a)) if int(a) in pd.xspans else (
            pd.X if a == 1 else span_sum(pd.X, int(a)))
        for bb in np.unique(b_size[a_size == a]):
            if bb == 0:
                continue
            sel = np.where((a_size == a) & (b_size == bb))[0]
            yb = pd.Y if bb == 1 else span_sum(pd.Y, int(bb))
            xv = xa[b[sel, 0]]
            yv = yb[b[sel, 2]]
            dot = np.asarray(xv.multiply(yv).sum(axis=1)).ravel()
            nx, ny = _sq_norms(xv), _sq_norms(yv)
            den = np.sqrt(nx * ny)
            cos[sel] = np.where(den > 0, dot / np.where(den > 0, den, 1), 0)
            evid[sel] = np.sqrt(np.minimum(nx, ny))
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
    return rows


def bead_confidence(pd: PairData, params: CostParams, beads) -> list[float]:
    ev = bead_evidence(pd, params, beads)
    z = ev @ COEFFICIENTS
    return [float(x) for x in 1.0 / (1.0 + np.exp(-z))]
