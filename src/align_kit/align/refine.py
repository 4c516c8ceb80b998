"""Refinements of the searched path that look inside a bead.

The dynamic programme scores a bead as a whole; a short unrelated sentence can
ride along in a merged bead because merging earns the size bonus while barely
moving the bead's cosine. Here each edge sentence of a merged bead is checked
against the other side on its own.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import sparse

from align_kit.align.calibration import normalised
from align_kit.align.dp import CostParams, PairData, gale_charge

Span = tuple[int, int, int, int]


def detach_unsupported(pd: PairData, beads: list[Span], threshold: float,
                       rest_support: float, params: CostParams | None = None,
                       length_margin: float | None = None) -> list[Span]:
    """Split off the first or last sentence of a merged bead when nothing in it matches
    the other side: its cosine with the other side's sum is under `threshold` above its
    background (its mean cosine with the other side's sentences). Such a sentence is a
    stray line or an omission's leftover that the bead swallowed for the size bonus.
    Only where the rest of the bead is well supported (cosine >= `rest_support`): with
    weak evidence a genuine half of a split sentence may match nothing either.

    With `params` and `length_margin`: and only where the lengths agree, i.e. the rest
    of the bead fits the other side's length no worse than the whole bead did, plus
    `length_margin` (in cost units). A stray line from elsewhere makes its bead too
    long; a real half-merged sentence (a translator's 2-1 with rewording) shares little
    vocabulary with the other side but is needed for the lengths to match."""
    if pd.n == 0 or pd.m == 0:
        return beads
    xn, yn = (M.tocsr() for M in normalised(pd)[:2])
    xmean = np.asarray(xn.mean(axis=0)).ravel()
    ymean = np.asarray(yn.mean(axis=0)).ravel()
    has_x = np.diff(pd.X.indptr) > 0
    has_y = np.diff(pd.Y.indptr) > 0

    def support(unit: sparse.csr_matrix, other: sparse.csr_matrix, mean: np.ndarray) -> float:
        norm = math.sqrt(other.multiply(other).sum())
        if norm == 0:
            return math.inf
        return float(unit.multiply(other).sum()) / norm - float((unit @ mean)[0])

    out: list[Span] = []
    for i0, i1, j0, j1 in beads:
        head: list[Span] = []
        tail: list[Span] = []
        while i1 > i0 and j1 > j0 and (i1 - i0) + (j1 - j0) >= 3:
            cands = []
            if i1 - i0 >= 2:
                ys = sparse.csr_matrix(pd.Y[j0:j1].sum(axis=0))
                for i, first in ((i0, True), (i1 - 1, False)):
                    if has_x[i]:
                        cands.append((support(xn[i], ys, ymean), "x", first))
            if j1 - j0 >= 2:
                xs = sparse.csr_matrix(pd.X[i0:i1].sum(axis=0))
                for j, first in ((j0, True), (j1 - 1, False)):
                    if has_y[j]:
                        cands.append((support(yn[j], xs, xmean), "y", first))
            if not cands:
                break
            score, side, first = min(cands, key=lambda c: c[0])
            if score >= threshold:
                break
            ri0, ri1, rj0, rj1 = i0, i1, j0, j1
            if side == "x":
                ri0, ri1 = (i0 + 1, i1) if first else (i0, i1 - 1)
            else:
                rj0, rj1 = (j0 + 1, j1) if first else (j0, j1 - 1)
            rx = sparse.csr_matrix(pd.X[ri0:ri1].sum(axis=0))
            ry = sparse.csr_matrix(pd.Y[rj0:rj1].sum(axis=0))
            nrx = math.sqrt(rx.multiply(rx).sum())
            nry = math.sqrt(ry.multiply(ry).sum())
            if nrx == 0 or nry == 0 or rx.multiply(ry).sum() / (nrx * nry) < rest_support:
                break
            if params is not None and length_margin is not None and params.use_length:
                whole = gale_charge(pd, params, i0, i1, j0, j1)
                if gale_charge(pd, params, ri0, ri1, rj0, rj1) > whole + length_margin:
                    break
            if side == "x" and first:
                head.append((i0, i0 + 1, j0, j0))
                i0 += 1
            elif side == "x":
                tail.insert(0, (i1 - 1, i1, j1, j1))
                i1 -= 1
            elif first:
                head.append((i0, i0, j0, j0 + 1))
                j0 += 1
            else:
                tail.insert(0, (i1, i1, j1 - 1, j1))
                j1 -= 1
        out += head + [(i0, i1, j0, j1)] + tail
    return out
