"""Bead posteriors: P(the alignment passes through exactly this bead | documents).

A per-bead feature model cannot tell a wrong bead that looks fine locally from a
right one (issue 16): what is uncertain is the path. Forward-backward over the
same banded lattice and the same bead costs as the Viterbi search (`dp.solve_band`)
sums over every path instead of keeping the best one: a path's weight is
exp(-cost / T), so the posterior of a bead is

    exp(F[i0, j0] - cost(bead) / T + B[i1, j1] - log Z)

with F the log-sum of the weights of every path from (0, 0) to the bead's first
cell, B the same from its last cell to (n, m), and Z the sum over all paths. A clear
1-1 has no rival and gets a posterior near 1; a 2-1 that could as well be a 1-1 plus
a 1-0 shares the mass with that rival. One scalar temperature T, chosen on every dev
set together (`bench/alignment.py --fit-calibration`), turns costs into weights.
Rows are filled by compiled loops (`align.kernels`), as the Viterbi rows are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from align_kit.align import dp, kernels
from align_kit.align.dp import CostParams, PairData, _block_costs, bead_types, prepared

# Cost units per e-fold of path weight; chosen on all dev sets together (module doc).
TEMPERATURE = 0.75

Span = tuple[int, int, int, int]


# Up to this many bead costs (types x cells) are kept for the backward pass (8 bytes
# each, 128 MB; the 1984 pair needs 9.9M); beyond, the backward pass computes them
# again block by block, so memory stays linear and small on long input (the x8 1984
# copy: 54k lines a side).
STORE_LIMIT = dp.STORE_LIMIT


@dataclass
class Lattice:
    """Forward and backward log-sums over the band, and the costs they used."""

    lo: np.ndarray
    hi: np.ndarray
    F: _Table  # log-sum of the paths (0, 0) -> (i, lo[i] + k)
    B: _Table  # log-sum of the paths (i, lo[i] + k) -> (n, m)
    costs: np.ndarray | None  # (types with a source side, n + 1, W) by end cell, or None
    types: list[tuple[int, int]]
    null_y: np.ndarray
    log_z: float
    temperature: float
    known: dict[Span, float]  # costs of the beads asked for when the lattice was built

    def _cell(self, table: _Table, i: int, j: int) -> float:
        k = j - int(self.lo[i])
        if 0 <= i < len(table.off) and 0 <= k <= int(self.hi[i] - self.lo[i]):
            return float(table.rel[i, k]) + float(table.off[i])
        return -np.inf

    def bead_cost(self, i0: int, i1: int, j0: int, j1: int) -> float:
        a, b = i1 - i0, j1 - j0
        if a == 0 and b == 1:
            return float(self.null_y[j0])
        if (i0, i1, j0, j1) in self.known:
            return self.known[(i0, i1, j0, j1)]
        if (a, b) not in self.types or self.costs is None:
            return np.inf
        k = j1 - int(self.lo[i1])
        if not 0 <= k < self.costs.shape[2]:
            return np.inf
        return float(self.costs[self.types.index((a, b)), i1, k])

    def posteriors(self, beads: list[Span]) -> np.ndarray:
        """Posterior of each bead; 0 for a bead the lattice does not hold (outside the
        band, or larger than its largest bead)."""
        out = np.zeros(len(beads))
        if not np.isfinite(self.log_z):
            return out
        for n, (i0, i1, j0, j1) in enumerate(beads):
            c = self.bead_cost(i0, i1, j0, j1)
            if not np.isfinite(c):
                continue
            lp = (self._cell(self.F, i0, j0) - c / self.temperature
                  + self._cell(self.B, i1, j1) - self.log_z)
            out[n] = np.exp(min(lp, 0.0)) if np.isfinite(lp) else 0.0
        return out


class _Table:
    """An (n + 1, W) table of log-sums, each row stored as float32 relative to its own
    largest value (float64): half the memory, and exact where it matters (a cell far
    below its row's maximum has a posterior of nothing anyway)."""

    def __init__(self, rows: int, width: int) -> None:
        self.rel = np.full((rows, width), -np.inf, dtype=np.float32)
        self.off = np.zeros(rows)

    def full(self) -> np.ndarray:
        return self.rel.astype(float) + self.off[:, None]


def forward_backward(pd: PairData, params: CostParams, lo: np.ndarray, hi: np.ndarray,
                     max_bead: int, temperature: float = TEMPERATURE, block: int = 256,
                     beads: list[Span] | None = None) -> Lattice:
    """Forward and backward log-sums over the band lo..hi with the search's bead costs;
    `beads`: beads whose posterior will be asked for (their costs are kept)."""
    n, m = pd.n, pd.m
    T = float(temperature)
    all_types = [(a, b) for a, b in bead_types(max_bead) if a <= n and b <= m]
    types = [t for t in all_types if t[0] >= 1]  # 0-1 beads run within a row
    prep = prepared(pd, max_bead)
    W = int((hi - lo).max()) + 1
    null_x, null_y = pd.null_costs(params)
    cum_ny = np.concatenate([[0.0], np.cumsum(null_y)]) / T
    fa = np.array([a for a, _ in types], dtype=np.int64)
    fb = np.array([b for _, b in types], dtype=np.int64)
    width = (hi - lo).astype(np.int64) + 1
    wanted: dict[int, list[Span]] = {}
    for bead in beads or []:
        wanted.setdefault(bead[1], []).append(bead)
    known: dict[Span, float] = {}

    def block_costs(r0: int, r1: int) -> np.ndarray:
        """Costs of every bead type ending in rows r0..r1-1: (types, rows, W)."""
        bc = _block_costs(prep, params, lo, hi, r0, r1, W, all_types)
        out = np.empty((len(types), r1 - r0, W))
        for q, (a, b) in enumerate(types):
            if b == 0:
                out[q] = null_x[np.clip(np.arange(r0, r1) - 1, 0, None)][:, None]
            else:
                out[q] = bc[(a, b)]
        return out

    store = len(types) * (n + 1) * W <= STORE_LIMIT
    kept = pd.costs
    if store and kept is not None and kept.matches(params, lo, hi, max_bead):
        costs = kept.costs  # the search's own costs (`dp.solve_band` keeps them)
        pd.costs = None  # the lattice owns them now: a later search must not change them
    else:
        costs = np.full((len(types), n + 1, W), np.inf) if store else None
        kept = None
    F = _Table(n + 1, W)
    for r0 in range(0, n + 1, block):
        r1 = min(n + 1, r0 + block)
        if kept is not None:
            cb = costs[:, r0:r1]
        else:
            cb = block_costs(r0, r1)
            if costs is not None:
                costs[:, r0:r1] = cb
        # By row, not by scanning every wanted row per block (quadratic on a book).
        for i in range(r0, r1):
            for i0, i1, j0, j1 in wanted.get(i, ()):
                k = j1 - int(lo[i])
                if (i1 - i0, j1 - j0) in types and 0 <= k < W:
                    known[(i0, i1, j0, j1)] = float(cb[types.index((i1 - i0, j1 - j0)),
                                                       i - r0, k])
        # The rows depend on the rows before them: a compiled loop (`align.kernels`).
        kernels.forward_rows(F.rel, F.off, cb, r0, r1, lo, width, fa, fb, cum_ny, T, m)
    B = _Table(n + 1, W)
    top = (n // block) * block
    for r0 in range(top, -1, -block):
        r1 = min(n + 1, r0 + block)
        # Beads leaving rows r0..r1-1 end up to max_bead rows further on.
        base, r2 = r0, min(n + 1, r1 + max_bead)
        cb = costs[:, base:r2] if costs is not None else block_costs(base, r2)
        kernels.backward_rows(B.rel, B.off, cb, base, r0, r1, lo, width, fa, fb, cum_ny, T,
                              n, m)
    log_z = float(F.rel[n, m - lo[n]]) + float(F.off[n])
    return Lattice(lo, hi, F, B, costs, types, null_y, log_z, T, known)


def bead_posteriors(pd: PairData, params: CostParams, beads: list[Span],
                    temperature: float = TEMPERATURE) -> np.ndarray:
    """Posterior of each bead over the band of the last search of `pd` (`dp.search`
    records it); without one, a band around `beads` themselves."""
    if not beads or pd.n == 0 or pd.m == 0:
        return np.ones(len(beads))
    band = pd.band
    if band is None:
        from align_kit.align.dp import band_from_path

        idx_x, idx_y = np.arange(pd.n + 1), np.arange(pd.m + 1)
        lo, hi = band_from_path(beads, idx_x, idx_y, pd.n, pd.m, margin=20)
        max_bead = max(max(i1 - i0, j1 - j0) for i0, i1, j0, j1 in beads)
        band = (lo, hi, max(max_bead, 1))
    lo, hi, max_bead = band
    lat = forward_backward(pd, params, lo, hi, max_bead, temperature, beads=beads)
    return lat.posteriors(beads)
