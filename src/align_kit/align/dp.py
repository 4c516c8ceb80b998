"""The dynamic programme: beads up to `max_bead` a side, banded, coarse to fine.

Cells (i, j) mean "the first i source and j target sentences are aligned".
Row i keeps only a window of columns lo[i]..hi[i] (the band). The band comes
from a coarser alignment of the same documents in which neighbouring
sentences are grouped (vecalign's idea): the coarse path is projected onto
the fine grid and widened by a margin, so time and memory stay linear in the
number of sentences. Rows are filled by a compiled loop (`align.kernels`); bead
costs are computed for blocks of rows at once.

Cost of a bead of a source and b target sentences (a, b >= 1):

    len_weight * GaleChurch(lengths) + bead_cost + prior[a, b]
        - sim_weight * ((a + b) / 2)**size_power * (cos - background cos)**power
        - dot_weight * (dot - background dot) / typical dot

where cos and dot compare the rarity-weighted feature vectors of the two sides
(sums of the sentence vectors, or a scorer's own merged-span vector), each
relative to what unrelated sentences of the same documents score (vecalign's
normalisation). A 1-0 or 0-1 bead costs `null_cost`. Parameters were chosen
on the NTREX seed-1 dev set and the sample corpus gold together.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.special import log_ndtr

from align_kit.align import kernels
from align_kit.align.progress import report

_INF = np.inf


@dataclass
class CostParams:
    len_weight: float = 0.7
    sim_weight: float = 25.0
    null_cost: float = 2.5
    variance: float = 6.8
    ratio: float = 1.0
    merge_prior: float = 3.0  # per extra sentence in a bead beyond 1-1
    use_length: bool = True
    foreign_discount: float = 0.8
    sim_power: float = 1.0  # cos ** power: an unrelated sentence merged in must hurt
    # The reward grows with ((a + b) / 2) ** size_power: sub-linearly, because the
    # cosine of merged spans rises by incidental feature overlap alone.
    size_power: float = 0.5
    prior: dict[tuple[int, int], float] = field(default_factory=dict)
    # Separate translation term (only when translations are given): reward
    # trans_weight * size * (cos - background) of raw char n-gram vectors.
    trans_weight: float = 0.0
    trans_size_power: float = 0.5
    # A fixed cost per bead with both sides non-empty: an unrelated pair must cost
    # more than leaving both sentences unaligned.
    bead_cost: float = 0.5
    # Share of the background cosine (mean cosine of a span with every sentence of
    # the other side) taken off the feature cosine, as vecalign does.
    sim_background: float = 1.0
    # Additive evidence: the (unnormalised) dot product of the two sides minus its
    # background, in units of a typical sentence pair. Unlike the cosine it sums over
    # the sentences a bead groups, so merging a sentence whose content is matched on
    # the other side gains, and merging an unrelated one gains nothing.
    dot_weight: float = 7.0
    # After the search: split an edge sentence off a merged bead when its cosine with
    # the other side is under detach_below above the background while the rest of the
    # bead has cosine >= detach_rest (`refine.detach_unsupported`); None: never.
    detach_below: float | None = 0.0
    detach_rest: float = 0.1
    # ... and only where the rest of the bead fits the lengths no worse than the whole
    # bead, plus this margin in cost units (None: lengths not consulted). Real 2-1 /
    # 1-2 beads need the half that shares little vocabulary for their lengths (#16).
    detach_length: float | None = 0.5
    # Per-document adaptation (`align.adapt`): added to the 1-0 / 0-1 cost of this
    # document pair, re-estimated from a first pass; 0 without adaptation.
    null_shift: tuple[float, float] = (0.0, 0.0)
    # Strength of that adaptation (0: off) and its pseudo-count (how many beads of
    # the reference rates the document's own counts are smoothed with).
    adapt_strength: float = 1.0
    adapt_pseudo: float = 50.0

    def bead_prior(self, a: int, b: int) -> float:
        if (a, b) in self.prior:
            return self.prior[(a, b)]
        return self.merge_prior * (a + b - 2)


# Up to this many bead costs (types x cells, 8 bytes each: 128 MB) are kept from a
# search for the adaptation pass and the forward-backward (`align.posterior`); beyond,
# they are computed again block by block, so memory stays bounded on long input. The
# 1984 pair needs 9.9M: under the old 8M limit its costs were computed five times, not
# twice (the final search, its adapted rerun, forward and backward; #16, speed).
STORE_LIMIT = 16_000_000


@dataclass
class CostStore:
    """Bead costs of one `solve_band`: (types with a source side, n + 1, W) by end cell,
    with the params and band they were computed for."""

    params: CostParams
    lo: np.ndarray
    hi: np.ndarray
    max_bead: int
    costs: np.ndarray

    def matches(self, params: CostParams, lo: np.ndarray, hi: np.ndarray,
                max_bead: int) -> bool:
        return (self.max_bead == max_bead and self.params == params
                and np.array_equal(self.lo, lo) and np.array_equal(self.hi, hi))

    def shifts(self, params: CostParams, lo: np.ndarray, hi: np.ndarray, max_bead: int,
               types: list[tuple[int, int]]) -> dict[tuple[int, int], float] | None:
        """When `params` differ from the stored ones only in the shape costs (`prior`,
        `null_shift`: the per-document adaptation, `align.adapt`), the change of each
        bead type's constant cost; else None."""
        same_rest = dataclasses.replace(params, prior=self.params.prior,
                                        null_shift=self.params.null_shift) == self.params
        if not (same_rest and self.max_bead == max_bead and np.array_equal(self.lo, lo)
                and np.array_equal(self.hi, hi)):
            return None
        return {(a, b): (params.bead_cost + params.bead_prior(a, b))
                - (self.params.bead_cost + self.params.bead_prior(a, b))
                for a, b in types if a >= 1 and b >= 1}


@dataclass
class PairData:
    """Sentence vectors and lengths of one document pair (or of coarse groups of it)."""

    X: sparse.csr_matrix
    Y: sparse.csr_matrix
    xlen: np.ndarray
    ylen: np.ndarray
    # Merged-span source vectors by span size (rows: span starts); size 1 is X.
    xspans: dict[int, sparse.csr_matrix] = field(default_factory=dict)
    # Per-sentence discount of the 1-0 / 0-1 cost in [0, 1] (1: a line foreign to
    # its document, e.g. in another script, is cheap to leave unaligned).
    xforeign: np.ndarray | None = None
    yforeign: np.ndarray | None = None
    # Translation char n-gram vectors: source spans by size (translations) and target
    # sentences; compared apart from the other evidence, relative to a background.
    tx: dict[int, sparse.csr_matrix] | None = None
    ty: sparse.csr_matrix | None = None
    # The band (lo, hi, max_bead) of the last `search` over this pair: the lattice the
    # bead posteriors (`align.posterior`) are summed over.
    band: tuple[np.ndarray, np.ndarray, int] | None = None
    # The bead costs of the last `solve_band` over this pair, when they fit.
    costs: CostStore | None = None
    # Caches of the searches over this pair (the vectors do not change between the
    # passes): span vectors by max_bead, and the last coarse band with its key.
    prepared: dict = field(default_factory=dict, repr=False, compare=False)
    coarse: tuple | None = field(default=None, repr=False, compare=False)

    def drop_caches(self) -> None:
        """Forget what the searches kept (a batch holds many pairs' evidence)."""
        self.costs = None
        self.prepared = {}
        self.coarse = None

    def null_costs(self, params: CostParams) -> tuple[np.ndarray, np.ndarray]:
        nx = np.full(self.n, max(params.null_cost + params.null_shift[0], 0.1))
        ny = np.full(self.m, max(params.null_cost + params.null_shift[1], 0.1))
        if self.xforeign is not None:
            nx = nx * (1.0 - params.foreign_discount * self.xforeign)
        if self.yforeign is not None:
            ny = ny * (1.0 - params.foreign_discount * self.yforeign)
        return nx, ny

    @property
    def n(self) -> int:
        return self.X.shape[0]

    @property
    def m(self) -> int:
        return self.Y.shape[0]


def span_sum(M: sparse.csr_matrix, size: int) -> sparse.csr_matrix:
    """Row s of the result is the sum of rows s .. s+size-1 of M."""
    rows = M.shape[0] - size + 1
    if rows <= 0:
        return sparse.csr_matrix((0, M.shape[1]), dtype=M.dtype)
    out = M[0:rows].copy()
    for k in range(1, size):
        out = out + M[k : k + rows]
    return out.tocsr()


def _sq_norms(M: sparse.csr_matrix) -> np.ndarray:
    return np.asarray(M.multiply(M).sum(axis=1)).ravel()


def _normalise(M: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(_sq_norms(M))
    return sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ M


# Beads group up to MANY_TO_MANY sentences on both sides; one-to-many beads (1-k, k-1)
# go up to max_bead. A translator joins four short sentences into one, or splits one
# long one, but rarely rewrites four sentences as four others in another cut
# (Bleualign dev's gold: 1-4 x5, 4-1, 1-5 x2; 1984's: 4-1, 1-5, 1-6). The default
# stops at 4: 5 gains nothing on any dev set and costs 18% more memory on long input.
MANY_TO_MANY = 3
DEFAULT_MAX_BEAD = 4


def bead_types(max_bead: int) -> list[tuple[int, int]]:
    sizes = range(1, max_bead + 1)
    return [(1, 0), (0, 1)] + [(a, b) for a in sizes for b in sizes
                               if min(a, b) == 1 or max(a, b) <= MANY_TO_MANY]


def span_rows(M: sparse.csr_matrix, size: int, starts: np.ndarray) -> sparse.csr_matrix:
    """Rows `starts` of `span_sum(M, size)`: the same additions in the same order, for
    the rows asked for only."""
    out = M[starts]
    for k in range(1, size):
        out = out + M[starts + k]
    return out.tocsr()


class _Prepared:
    """Span norms and backgrounds both sides need for every block of rows.

    The merged-span matrices themselves are not kept: a block builds the source spans
    it needs from X (`rows`), and each size's matrix lives only while its norms and
    backgrounds are computed. Keeping them all (and the target's at once) was the
    largest share of the search's memory on a book (54k lines: ~250 MB; #16)."""

    def __init__(self, pd: PairData, max_bead: int) -> None:
        # Sizes, not the pair itself: `pd.prepared` keeps this object (no cycle).
        self.n, self.m = pd.n, pd.m
        self.X = pd.X
        # A scorer's own merged-span vectors (`PairData.xspans`) are kept: they are not
        # sums of X's rows.
        self.own = dict(pd.xspans)
        self.cumx = np.concatenate([[0.0], np.cumsum(pd.xlen, dtype=float)])
        self.cumy = np.concatenate([[0.0], np.cumsum(pd.ylen, dtype=float)])
        self.Y = pd.Y
        sizes = range(1, max_bead + 1)
        x1 = self.own.get(1, pd.X)
        self.nx, self.ny, self.n_spans = {}, {}, {}
        self.bx, self.by, self.dbx, self.dby = {}, {}, {}, {}
        bg = _Background(x1, pd.Y)
        for a in sizes:
            v = self.own[a] if a in self.own else x1 if a == 1 else span_sum(pd.X, a)
            self.n_spans[a] = v.shape[0]
            self.nx[a] = _sq_norms(v)
            self.bx[a], self.dbx[a] = bg.of_x(v)
        for b in sizes:
            v = pd.Y if b == 1 else span_sum(pd.Y, b)
            self.ny[b] = _sq_norms(v)
            self.by[b], self.dby[b] = bg.of_y(v)
        self.dscale = bg.dscale
        self.trans = pd.tx is not None and pd.ty is not None
        if self.trans:
            tx = {a: pd.tx.get(a) if a in pd.tx else span_sum(pd.tx[1], a)
                  for a in range(1, max_bead + 1)}
            self.tx = tx
            self.tnx = {a: _sq_norms(v) for a, v in tx.items()}
            tys = {b: span_sum(pd.ty, b) for b in range(1, max_bead + 1)}
            self.tny = {b: _sq_norms(v) for b, v in tys.items()}
            self.ty = pd.ty
            # Background: mean cosine of a span with every sentence of the other side
            # (linear in the normalised vectors, so one product each).
            self.tbx, self.tby = _backgrounds(tx, tys)

    def rows(self, a: int, starts: np.ndarray) -> sparse.csr_matrix:
        """The source spans of size `a` starting at `starts`, as sparse rows."""
        if a in self.own:
            return self.own[a][starts]
        return self.X[starts] if a == 1 else span_rows(self.X, a, starts)


class _Background:
    """Mean cosine and mean dot of every span with a sentence of the other side, and the
    typical dot scale (mean norm of one side times mean norm of the other), one span
    size at a time (linear in the vectors: one product per size)."""

    def __init__(self, x1: sparse.csr_matrix, y1: sparse.csr_matrix) -> None:
        self.empty = x1.shape[0] == 0 or y1.shape[0] == 0
        self.dscale = 1.0
        if self.empty:
            return
        self.xmean_n = np.asarray(_normalise(x1).mean(axis=0)).ravel()
        self.ymean_n = np.asarray(_normalise(y1).mean(axis=0)).ravel()
        self.xmean = np.asarray(x1.mean(axis=0)).ravel()
        self.ymean = np.asarray(y1.mean(axis=0)).ravel()
        scale = float(np.sqrt(_sq_norms(x1)).mean() * np.sqrt(_sq_norms(y1)).mean())
        self.dscale = scale if scale > 0 else 1.0

    def of_x(self, v: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
        if self.empty:
            return np.zeros(v.shape[0]), np.zeros(v.shape[0])
        return _normalise(v) @ self.ymean_n, v @ self.ymean

    def of_y(self, v: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
        if self.empty:
            return np.zeros(v.shape[0]), np.zeros(v.shape[0])
        return _normalise(v) @ self.xmean_n, v @ self.xmean


def prepared(pd: PairData, max_bead: int) -> _Prepared:
    """The span vectors of `pd` for beads up to `max_bead`, built once per pair."""
    if max_bead not in pd.prepared:
        pd.prepared[max_bead] = _Prepared(pd, max_bead)
    return pd.prepared[max_bead]


def _backgrounds(xs: dict[int, sparse.csr_matrix], ys: dict[int, sparse.csr_matrix]):
    """Mean cosine of every span of one side with every sentence of the other side, for
    spans already built (`_Background`, one size at a time)."""
    bg = _Background(xs[1], ys[1])
    return ({a: bg.of_x(v)[0] for a, v in xs.items()},
            {b: bg.of_y(v)[0] for b, v in ys.items()})


def gale_church(lx: np.ndarray, ly: np.ndarray, params: CostParams) -> np.ndarray:
    c = params.ratio
    mean = (lx + ly / c) / 2.0
    delta = (ly - c * lx) / np.sqrt(params.variance * np.maximum(mean, 1.0))
    return -(math.log(2.0) + log_ndtr(-np.abs(delta)))


def gale_charge(pd: PairData, params: CostParams, i0: int, i1: int, j0: int,
                j1: int) -> float:
    """The weighted length cost of one bead [i0, i1) : [j0, j1)."""
    lx = np.array([float(pd.xlen[i0:i1].sum())])
    ly = np.array([float(pd.ylen[j0:j1].sum())])
    return params.len_weight * float(gale_church(lx, ly, params)[0])


def _prefix_dots(xrows: sparse.csr_matrix | None, s_idx, Yb: sparse.csr_matrix) -> np.ndarray:
    """Row r: running sums over the block's target columns (`_block_columns`) of the
    dot of source span s_idx[r] (row r of `xrows`; None: there are no spans of that
    size) with each target sentence (a column prefix, so any target span is one
    difference)."""
    if Yb.shape[1] and xrows is not None:
        dots = (xrows @ Yb).toarray()
    else:
        dots = np.zeros((len(s_idx), Yb.shape[1]))
    P = np.zeros((len(s_idx), dots.shape[1] + 1))
    np.cumsum(dots, axis=1, out=P[:, 1:])
    return P


def _block_columns(Y: sparse.csr_matrix, c0: int, c1: int) -> sparse.csr_matrix:
    """Target sentences c0..c1-1 as columns (features x sentences). A row slice of Y,
    transposed: slicing columns of Y's transpose would walk all of it for every block."""
    return Y[c0:max(c1, c0)].T.tocsr()


def _span_dot_cos(P: np.ndarray, c0: int, Jc, sc, nx, ny) -> tuple[np.ndarray, np.ndarray]:
    """Dot and cosine of each source span with the target span sc..Jc-1."""
    hi_idx = np.clip(Jc - c0, 0, P.shape[1] - 1)
    lo_idx = np.clip(sc - c0, 0, P.shape[1] - 1)
    dot = np.take_along_axis(P, hi_idx, 1) - np.take_along_axis(P, lo_idx, 1)
    denom = np.sqrt(nx * ny)
    return dot, np.where(denom > 0, dot / np.where(denom > 0, denom, 1.0), 0.0)


def _block_costs(prep: _Prepared, params: CostParams, lo, hi, r0: int, r1: int, W: int,
                 types: list[tuple[int, int]]):
    """Cost of every bead type ending in rows r0..r1-1, columns of each row's window."""
    m = prep.m
    rows = np.arange(r0, r1)
    J = lo[r0:r1, None] + np.arange(W)[None, :]
    inside = J <= hi[r0:r1, None]
    max_b = max(b for _, b in types)
    c0 = max(0, int(lo[r0:r1].min()) - max_b)
    c1 = int(hi[r0:r1].max())
    out: dict[tuple[int, int], np.ndarray] = {}
    by_a: dict[int, list[int]] = {}
    for a, b in types:
        if a >= 1 and b >= 1:
            by_a.setdefault(a, []).append(b)
    Yb = _block_columns(prep.Y, c0, c1)
    for a, bs in by_a.items():
        s = rows - a
        s_ok = s >= 0
        n_spans = prep.n_spans[a]
        s_idx = np.clip(s, 0, max(n_spans - 1, 0))
        P = _prefix_dots(prep.rows(a, s_idx) if n_spans else None, s_idx, Yb)
        dots_cache: dict = {}
        lx = (prep.cumx[rows] - prep.cumx[np.clip(s, 0, None)])[:, None]
        nx = prep.nx[a][s_idx][:, None]
        for b in bs:
            if kernels.bead_cells is not None:
                out[(a, b)] = _compiled_cells(prep, params, lo, hi, r0, r1, W, a, b, P,
                                              c0, c1, s_idx, dots_cache)
                continue
            start = J - b
            ok = inside & s_ok[:, None] & (start >= 0) & (J <= m)
            Jc = np.clip(J, 0, m)
            sc = np.clip(start, 0, m)
            # Every per-target-span array of size b has m - b + 1 entries: one index.
            n_b = len(prep.ny[b])
            k = np.clip(sc, 0, max(n_b - 1, 0))
            ny = prep.ny[b][k] if n_b else 0
            dot, cos = _span_dot_cos(P, c0, Jc, sc, nx, ny)
            if params.sim_background:
                by = prep.by[b][k] if n_b else 0.0
                cos = cos - params.sim_background * (prep.bx[a][s_idx][:, None] + by) / 2.0
            size = ((a + b) / 2.0) ** params.size_power
            reward = params.sim_weight * size * np.sign(cos) * np.abs(cos) ** params.sim_power
            if params.dot_weight:
                dby = prep.dby[b][k] if n_b else 0.0
                # Expected dot of a*b unrelated sentence pairs: each side's mean dot
                # with one sentence of the other side, times that side's count.
                adj = dot - (b * prep.dbx[a][s_idx][:, None] + a * dby) / 2.0
                reward = reward + params.dot_weight * adj / prep.dscale
            cost = params.bead_cost + params.bead_prior(a, b) - reward
            if params.use_length:
                ly = prep.cumy[Jc] - prep.cumy[sc]
                cost = cost + params.len_weight * gale_church(lx, ly, params)
            if prep.trans:
                tsize = ((a + b) / 2.0) ** params.trans_size_power
                sim = _trans_sim(prep, a, b, s_idx, c0, c1, Jc, sc, dots_cache)
                cost = cost - params.trans_weight * tsize * sim
            out[(a, b)] = np.where(ok, cost, _INF)
    return out


@functools.lru_cache(maxsize=1)
def _log_ndtr_table() -> tuple[np.ndarray, np.ndarray]:
    return kernels.log_ndtr_table()  # built once per process, on first use


def _compiled_cells(prep: _Prepared, params: CostParams, lo, hi, r0: int, r1: int, W: int,
                    a: int, b: int, P: np.ndarray, c0: int, c1: int, s_idx,
                    dots_cache: dict) -> np.ndarray:
    """The a-b costs of `_block_costs` through one compiled loop over the cells
    (`kernels.bead_cells`; the same operations as the numpy path there, the length
    term's log_ndtr from a table within 1e-11), the translation term in numpy."""
    size = ((a + b) / 2.0) ** params.size_power
    f = np.array([params.sim_weight * size, params.sim_power, params.sim_background,
                  params.dot_weight, prep.dscale, params.bead_cost + params.bead_prior(a, b),
                  params.ratio, params.variance,
                  params.len_weight if params.use_length else 0.0], dtype=float)
    cost = np.empty((r1 - r0, W))
    tv, td = _log_ndtr_table()
    kernels.bead_cells(cost, P, c0, r0, lo, hi, a, b, prep.m, prep.nx[a], prep.bx[a],
                       prep.dbx[a], prep.ny[b], prep.by[b], prep.dby[b], prep.cumx, prep.cumy,
                       f, tv, td)
    if prep.trans:
        m = prep.m
        J = lo[r0:r1, None] + np.arange(W)[None, :]
        Jc, sc = np.clip(J, 0, m), np.clip(J - b, 0, m)
        tsize = ((a + b) / 2.0) ** params.trans_size_power
        sim = _trans_sim(prep, a, b, s_idx, c0, c1, Jc, sc, dots_cache)
        cost = np.where(np.isfinite(cost), cost - params.trans_weight * tsize * sim, _INF)
    return cost


def _trans_sim(prep: _Prepared, a: int, b: int, s_idx, c0: int, c1: int, Jc, sc,
               cache: dict) -> np.ndarray:
    """Cosine of the translation of source span (size a) with the target span (size b),
    minus the mean of both sides' background cosines."""
    if "P" not in cache:
        tx = prep.tx[a]
        cache["P"] = _prefix_dots(tx[s_idx] if tx.shape[0] else None, s_idx,
                                  _block_columns(prep.ty, c0, c1))
    nx = prep.tnx[a][s_idx][:, None]
    ny_all = prep.tny[b]
    k = np.clip(sc, 0, max(len(ny_all) - 1, 0))
    ny = ny_all[k] if len(ny_all) else 0
    _dot, cos = _span_dot_cos(cache["P"], c0, Jc, sc, nx, ny)
    bx = prep.tbx[a][s_idx][:, None]
    by = prep.tby[b][k] if len(prep.tby[b]) else 0
    return cos - (bx + by) / 2.0


def solve_band(pd: PairData, params: CostParams, lo: np.ndarray, hi: np.ndarray,
               max_bead: int, block: int = 256) -> list[tuple[int, int, int, int]]:
    """Best path through the band; beads as (i0, i1, j0, j1) half-open ranges."""
    n, m = pd.n, pd.m
    types = [(a, b) for a, b in bead_types(max_bead) if a <= n and b <= m]
    t01 = types.index((0, 1))
    prep = prepared(pd, max_bead)
    W = int((hi - lo).max()) + 1
    # Path costs of the last max_bead + 1 rows only (a ring, `kernels.viterbi_rows`).
    C = np.full((max_bead + 1, W), _INF)
    BP = np.full((n + 1, W), -1, dtype=np.int8)
    null_x, null_y = pd.null_costs(params)
    cum_null_y = np.concatenate([[0.0], np.cumsum(null_y)])
    # Every bead type with a source side, in `types` order (argmin keeps the first of
    # equal costs, as a strict "better" test in that order would).
    full = np.array([t for t, (a, _b) in enumerate(types) if a >= 1], dtype=np.int64)
    fa = np.array([types[t][0] for t in full], dtype=np.int64)
    fb = np.array([types[t][1] for t in full], dtype=np.int64)
    width = (hi - lo).astype(np.int64) + 1
    # The final search's bead costs are the forward-backward's (same band, same
    # params): kept on `pd` when they fit, so they are computed once (`pd.costs`).
    old, pd.costs = pd.costs, None
    shifts = old.shifts(params, lo, hi, max_bead, types) if old is not None else None
    size = len(full) * (n + 1) * W
    store = None
    if shifts is not None:
        # The same band and evidence, other shape costs (the adaptation pass): the
        # kept costs move by a constant per bead type, computed again only for 1-0.
        store = old.costs
        for q, t in enumerate(full):
            a, b = types[t]
            if b == 0:
                store[q] = null_x[np.clip(np.arange(n + 1) - 1, 0, None)][:, None]
            elif shifts[(a, b)]:
                store[q] += shifts[(a, b)]
    elif size <= STORE_LIMIT:
        store = np.empty((len(full), n + 1, W))
    for r0 in range(0, n + 1, block):
        report(r0, n + 1)  # sentences done, for a terminal's progress line
        r1 = min(n + 1, r0 + block)
        if shifts is not None:
            kernels.viterbi_rows(C, BP, store[:, r0:r1], r0, r1, lo, width, fa, fb, full,
                                 cum_null_y, t01, m)
            continue
        costs = _block_costs(prep, params, lo, hi, r0, r1, W, types)
        # All types' costs of the block in one array: one gather per row below
        # instead of a slice and a comparison per type (the profile's hot loop).
        CB = np.empty((len(full), r1 - r0, W))
        for q, t in enumerate(full):
            a, b = types[t]
            if b == 0:
                CB[q] = null_x[np.clip(np.arange(r0, r1) - 1, 0, None)][:, None]
            else:
                CB[q] = costs[(a, b)]
        if store is not None:
            store[:, r0:r1] = CB
        # The rows depend on the rows before them: a compiled loop (`align.kernels`).
        kernels.viterbi_rows(C, BP, CB, r0, r1, lo, width, fa, fb, full, cum_null_y, t01, m)
    report(n + 1, n + 1)
    if store is not None:
        pd.costs = CostStore(dataclasses.replace(params, prior=dict(params.prior)),
                             lo.copy(), hi.copy(), max_bead, store)
    # Trace back from (n, m).
    beads = []
    i, j = n, m
    while i > 0 or j > 0:
        k = j - int(lo[i])
        t = int(BP[i, k]) if 0 <= k < W else -1
        if t < 0:
            raise RuntimeError(f"aligner band lost the path at ({i}, {j})")
        a, b = types[t]
        beads.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    beads.reverse()
    return beads


def coarsen(pd: PairData, factor: int) -> tuple[PairData, np.ndarray, np.ndarray]:
    """Group `factor` neighbouring sentences per side; return the grouped data and
    the fine index where each group starts (plus the end)."""

    def group(M, lengths):
        n = M.shape[0]
        g = (n + factor - 1) // factor
        ind = sparse.csr_matrix(
            (np.ones(n), (np.arange(n) // factor, np.arange(n))), shape=(g, n)
        )
        starts = np.minimum(np.arange(g + 1) * factor, n)
        return (ind @ M).tocsr(), ind @ lengths, starts

    X, xl, xs = group(pd.X, pd.xlen)
    Y, yl, ys = group(pd.Y, pd.ylen)
    return PairData(X, Y, np.asarray(xl).ravel(), np.asarray(yl).ravel()), xs, ys


def band_from_path(path, xs, ys, n: int, m: int, margin: int) -> tuple[np.ndarray, np.ndarray]:
    """Fine-grid band around a coarse path (coarse indexes mapped through xs / ys)."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for i0, i1, j0, j1 in path:
        a0, a1, b0, b1 = xs[i0], xs[i1], ys[j0], ys[j1]
        lo[a0 : a1 + 1] = np.minimum(lo[a0 : a1 + 1], b0)
        hi[a0 : a1 + 1] = np.maximum(hi[a0 : a1 + 1], b1)
    # Widen by `margin` rows and columns.
    from numpy.lib.stride_tricks import sliding_window_view

    pad_lo = np.concatenate([np.full(margin, m), lo, np.full(margin, m)])
    zeros = np.zeros(margin, dtype=np.int64)
    pad_hi = np.concatenate([zeros, hi, zeros])
    lo = sliding_window_view(pad_lo, 2 * margin + 1).min(axis=1) - margin
    hi = sliding_window_view(pad_hi, 2 * margin + 1).max(axis=1) + margin
    lo = np.clip(lo, 0, m)
    hi = np.clip(hi, 0, m)
    # Monotone windows keep the band connected.
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[0] = 0
    hi[n] = m
    lo = np.minimum(lo, hi)
    return lo, hi


def search(pd: PairData, params: CostParams, max_bead: int, *, full_limit: int = 160_000,
           factor: int = 8) -> list[tuple[int, int, int, int]]:
    """Coarse to fine: full DP when small, else a band around a coarse path."""
    n, m = pd.n, pd.m
    if (n + 1) * (m + 1) <= full_limit or min(n, m) < 2 * factor:
        lo = np.zeros(n + 1, dtype=np.int64)
        hi = np.full(n + 1, m, dtype=np.int64)
        pd.band = (lo, hi, max_bead)
        return solve_band(pd, params, lo, hi, max_bead)
    cparams = CostParams(
        len_weight=params.len_weight,
        sim_weight=params.sim_weight,
        null_cost=params.null_cost * factor,
        variance=params.variance,
        ratio=params.ratio,
        merge_prior=params.merge_prior,
        sim_power=params.sim_power,
        size_power=params.size_power,
        use_length=params.use_length,
        bead_cost=params.bead_cost,
        sim_background=params.sim_background,
        dot_weight=params.dot_weight,
    )
    key = (cparams, max_bead, full_limit, factor)
    if pd.coarse is not None and pd.coarse[0] == key:
        # The coarse search does not see the shape costs the adaptation changes: the
        # same band as the last search of this pair.
        lo, hi = pd.coarse[1]
    else:
        coarse, xs, ys = coarsen(pd, factor)
        path = search(coarse, cparams, min(max_bead, 2), full_limit=full_limit,
                      factor=factor)
        lo, hi = band_from_path(path, xs, ys, n, m, margin=2 * factor + 4)
        pd.coarse = (key, (lo, hi))
    pd.band = (lo, hi, max_bead)
    return solve_band(pd, params, lo, hi, max_bead)
