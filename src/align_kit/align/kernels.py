"""The row loops of the banded dynamic programmes, compiled (issue 16, speed).

Each row of the Viterbi search (`dp.solve_band`) and of the forward-backward
(`posterior.forward_backward`) depends on the rows before it, so a row cannot be
filled before the previous ones: in numpy that is ~20 small array operations per row
and per pass, most of the aligner's time on a book. Here each loop is compiled by
numba (`cache=True`: the machine code is kept beside this file, so only the first run
after an install compiles). The same loops in numpy (`*_py`) are the reference the
tests compare with, and what runs when numba is missing.

The compiled loops do the same floating-point operations in the same order as the
numpy ones (min, +, and the 0-1 running minimum with its tolerance), so the Viterbi
path is the same; the log-sum-exp of the forward-backward may differ in the last bit
(libm's exp / log against numpy's).
"""

from __future__ import annotations

import math

import numpy as np

try:  # numba is a dependency; without it (a bare checkout) the numpy loops run.
    from numba import njit
except ImportError:  # pragma: no cover - exercised only without numba
    njit = None

_INF = np.inf


def viterbi_rows_py(C, BP, CB, r0, r1, lo, width, fa, fb, full, cum_null_y, t01, m):
    """Fill rows r0..r1-1 of the back-pointers BP and of the path costs C; CB holds the
    bead costs of those rows, (types with a source side, r1 - r0, W). C keeps only the
    last C.shape[0] rows (row i in C[i % len(C)]: a bead reaches back max_bead rows),
    so its memory does not grow with the documents."""
    W = C.shape[1]
    R = C.shape[0]
    cols = np.arange(W)
    for i in range(r0, r1):
        p = i - fa
        valid = p >= 0
        pc = np.maximum(p, 0)
        idx = cols[None, :] + (lo[i] - fb - lo[pc])[:, None]
        ok = valid[:, None] & (idx >= 0) & (idx < W)
        cand = np.where(ok, C[(pc % R)[:, None], np.clip(idx, 0, W - 1)] + CB[:, i - r0],
                        _INF)
        arg = cand.argmin(axis=0)
        best = cand[arg, cols]
        bt = np.where(np.isfinite(best), full[arg], -1).astype(np.int8)
        if i == 0 and lo[0] == 0:
            best[0], bt[0] = 0.0, -1
        # 0-1 beads within the row: a running minimum.
        ramp = cum_null_y[np.minimum(lo[i] + cols, m)]
        scan = np.minimum.accumulate(best - ramp) + ramp
        # Subtracting and adding the ramp back rounds: on long documents path costs
        # reach 1e4-1e5 and a fixed 1e-12 would take rounding noise for a cheaper
        # 0-1 path. The tolerance scales with the magnitudes involved.
        tol = np.where(np.isfinite(best), 1e-9 * (1.0 + np.abs(best) + ramp), 0.0)
        use = scan < best - tol
        if use.any():
            best[use] = scan[use]
            bt[use] = t01
        best[width[i]:] = _INF
        C[i % R] = best
        BP[i] = bt


def _lse(cand: np.ndarray) -> np.ndarray:
    """log-sum-exp over axis 0, -inf where every candidate is -inf."""
    top = cand.max(axis=0)
    safe = np.where(np.isfinite(top), top, 0.0)
    with np.errstate(divide="ignore"):
        return safe + np.log(np.exp(cand - safe).sum(axis=0))


def _set_row(rel, off, i, row) -> None:
    """Store a row of log-sums as float32 relative to its largest value (`_Table`)."""
    top = row.max()
    off[i] = top if np.isfinite(top) else 0.0
    rel[i] = row - off[i]


def forward_rows_py(rel, off, cb, r0, r1, lo, width, fa, fb, cum_ny, T, m):
    """Forward log-sums of rows r0..r1-1 into the table (rel, off); cb: the bead costs
    of those rows, (types with a source side, r1 - r0, W)."""
    W = rel.shape[1]
    cols = np.arange(W)
    for i in range(r0, r1):
        p = i - fa
        pc = np.maximum(p, 0)
        idx = cols[None, :] + (lo[i] - fb - lo[pc])[:, None]
        ok = (p >= 0)[:, None] & (idx >= 0) & (idx < W) & (cols < width[i])[None, :]
        ic = np.clip(idx, 0, W - 1)
        prev = rel[pc[:, None], ic].astype(float) + off[pc][:, None]
        g = _lse(np.where(ok, prev - cb[:, i - r0, :] / T, -np.inf))
        if i == 0 and lo[0] == 0:
            g[0] = 0.0
        g[width[i]:] = -np.inf
        ramp = cum_ny[np.minimum(lo[i] + cols, m)]
        # 0-1 beads within the row: F[k] = lse(G[k], F[k-1] - null_y / T), one
        # cumulative log-add-exp once the ramp of null costs is folded in.
        row = np.logaddexp.accumulate(g + ramp) - ramp
        row[width[i]:] = -np.inf
        _set_row(rel, off, i, row)


def backward_rows_py(rel, off, cb, base, r0, r1, lo, width, fa, fb, cum_ny, T, n, m):
    """Backward log-sums of rows r1-1 down to r0; cb: the bead costs of rows
    base..base + cb.shape[1] - 1 (the beads leaving these rows end there)."""
    W = rel.shape[1]
    cols = np.arange(W)
    tq = np.arange(len(fa))[:, None]
    r2 = base + cb.shape[1]
    for i in range(r1 - 1, r0 - 1, -1):
        p = i + fa
        valid = p <= n
        pc = np.minimum(p, n)
        idx = cols[None, :] + (lo[i] + fb - lo[pc])[:, None]
        ok = (valid[:, None] & (idx >= 0) & (idx < W) & (idx < width[pc][:, None])
              & (cols < width[i])[None, :])
        ic = np.clip(idx, 0, W - 1)
        nxt = (rel[pc[:, None], ic].astype(float) + off[pc][:, None]
               - cb[tq, np.minimum(pc, r2 - 1)[:, None] - base, ic] / T)
        g = _lse(np.where(ok, nxt, -np.inf))
        if i == n:
            g[m - lo[n]] = 0.0
        g[width[i]:] = -np.inf
        ramp = cum_ny[np.minimum(lo[i] + cols, m)]
        # B[k] = lse(G[k], B[k+1] - null_y / T): the same fold, right to left.
        row = np.logaddexp.accumulate((g - ramp)[::-1])[::-1] + ramp
        row[width[i]:] = -np.inf
        _set_row(rel, off, i, row)


def _viterbi_rows_jit(C, BP, CB, r0, r1, lo, width, fa, fb, full, cum_null_y, t01, m):
    Q = CB.shape[0]
    W = C.shape[1]
    R = C.shape[0]
    best = np.empty(W)
    bt = np.empty(W, dtype=np.int8)
    for i in range(r0, r1):
        li = lo[i]
        for k in range(W):
            # argmin over the bead types: the first of equal costs, as numpy's.
            bv = np.inf
            arg = 0
            for q in range(Q):
                p = i - fa[q]
                if p < 0:
                    continue
                idx = k + li - fb[q] - lo[p]
                if idx < 0 or idx >= W:
                    continue
                c = C[p % R, idx] + CB[q, i - r0, k]
                if c < bv:
                    bv = c
                    arg = q
            best[k] = bv
            bt[k] = full[arg] if math.isfinite(bv) else -1
        if i == 0 and li == 0:
            best[0] = 0.0
            bt[0] = -1
        s = np.inf
        for k in range(W):
            ramp = cum_null_y[min(li + k, m)]
            v = best[k] - ramp
            if k == 0 or v < s:
                s = v
            scan = s + ramp
            b = best[k]
            tol = 1e-9 * (1.0 + abs(b) + ramp) if math.isfinite(b) else 0.0
            if scan < b - tol:
                best[k] = scan
                bt[k] = t01
        for k in range(width[i], W):
            best[k] = np.inf
        for k in range(W):
            C[i % R, k] = best[k]
            BP[i, k] = bt[k]


def _logaddexp(x: float, y: float) -> float:
    # numpy's npy_logaddexp, branch for branch.
    if x == y:
        return x + math.log(2.0)
    tmp = x - y
    if tmp > 0:
        return x + math.log1p(math.exp(-tmp))
    if tmp <= 0:
        return y + math.log1p(math.exp(tmp))
    return tmp


def _lse_cell(cand, q_n) -> float:
    top = -np.inf
    for q in range(q_n):
        if cand[q] > top:
            top = cand[q]
    safe = top if math.isfinite(top) else 0.0
    total = 0.0
    for q in range(q_n):
        total += math.exp(cand[q] - safe)
    return safe + (math.log(total) if total > 0 else -np.inf)


def _store_row(rel, off, i, row) -> None:
    W = row.shape[0]
    top = -np.inf
    for k in range(W):
        if row[k] > top:
            top = row[k]
    o = top if math.isfinite(top) else 0.0
    off[i] = o
    for k in range(W):
        rel[i, k] = np.float32(row[k] - o)


def _forward_rows_jit(rel, off, cb, r0, r1, lo, width, fa, fb, cum_ny, T, m):
    Q = cb.shape[0]
    W = rel.shape[1]
    cand = np.empty(Q)
    g = np.empty(W)
    for i in range(r0, r1):
        li = lo[i]
        wi = width[i]
        for k in range(W):
            if k >= wi:
                g[k] = -np.inf
                continue
            for q in range(Q):
                cand[q] = -np.inf
                p = i - fa[q]
                if p < 0:
                    continue
                idx = k + li - fb[q] - lo[p]
                if idx < 0 or idx >= W:
                    continue
                cand[q] = (np.float64(rel[p, idx]) + off[p]) - cb[q, i - r0, k] / T
            g[k] = _lse_cell(cand, Q)
        if i == 0 and li == 0:
            g[0] = 0.0
        acc = -np.inf
        for k in range(W):
            ramp = cum_ny[min(li + k, m)]
            x = g[k] + ramp
            acc = x if k == 0 else _logaddexp(acc, x)
            g[k] = acc - ramp if k < wi else -np.inf
        _store_row(rel, off, i, g)


def _backward_rows_jit(rel, off, cb, base, r0, r1, lo, width, fa, fb, cum_ny, T, n, m):
    Q = cb.shape[0]
    W = rel.shape[1]
    cand = np.empty(Q)
    g = np.empty(W)
    for i in range(r1 - 1, r0 - 1, -1):
        li = lo[i]
        wi = width[i]
        for k in range(W):
            if k >= wi:
                g[k] = -np.inf
                continue
            for q in range(Q):
                cand[q] = -np.inf
                p = i + fa[q]
                if p > n:
                    continue
                idx = k + li + fb[q] - lo[p]
                if idx < 0 or idx >= W or idx >= width[p]:
                    continue
                cand[q] = (np.float64(rel[p, idx]) + off[p]) - cb[q, p - base, idx] / T
            g[k] = _lse_cell(cand, Q)
        if i == n:
            g[m - lo[n]] = 0.0
        acc = -np.inf
        for k in range(W - 1, -1, -1):
            ramp = cum_ny[min(li + k, m)]
            x = g[k] - ramp
            acc = x if k == W - 1 else _logaddexp(acc, x)
            g[k] = acc + ramp if k < wi else -np.inf
        _store_row(rel, off, i, g)


def _power(x: float, p: float) -> float:
    # numpy's array ** scalar takes these exponents apart (x * x for 2, sqrt for 0.5);
    # pow would round differently in the last bit.
    if p == 1.0:
        return x
    if p == 2.0:
        return x * x
    if p == 0.5:
        return math.sqrt(x)
    return x**p


# The length term's log_ndtr (`dp.gale_church`) was a fifth of the aligner's time on a
# book (#16, speed): scipy's ufunc over an array gathered from the cells, then a
# scatter back. Here it is read from a table inside the cell loop: log_ndtr and its
# derivative at x = 0, -h, -2h, ..., -LN_MIN, joined by cubic Hermite pieces (error
# under h**4 / 384 times the largest 4th derivative: about 1e-11 at h = 1 / 64, see
# the tests); below -LN_MIN, the asymptotic series as scipy's older log_ndtr summed it.
LN_STEP = 1.0 / 64.0
LN_MIN = 40.0


def log_ndtr_table() -> tuple[np.ndarray, np.ndarray]:
    """log_ndtr and its derivative (pdf / cdf) at 0, -LN_STEP, ..., -LN_MIN."""
    from scipy.special import log_ndtr

    x = -np.arange(int(round(LN_MIN / LN_STEP)) + 1) * LN_STEP
    value = log_ndtr(x)
    return value, np.exp(-0.5 * x * x - value) / math.sqrt(2.0 * math.pi)


def _log_ndtr_neg(x: float, tv, td) -> float:
    """log_ndtr(x) for x <= 0 from the table (tv, td) of `log_ndtr_table`."""
    t = -x / LN_STEP
    k = int(t)
    if k >= tv.shape[0] - 1:
        # Asymptotic series: log(pdf(x) / -x) + log(1 - 1/x^2 + 3/x^4 - ...).
        lhs = -0.5 * x * x - math.log(-x) - 0.5 * math.log(2.0 * math.pi)
        last, rhs, num, den, sign = 0.0, 1.0, 1.0, 1.0, 1.0
        step = 1.0 / (x * x)
        i = 0
        while abs(last - rhs) > 2.220446049250313e-16:
            i += 1
            last = rhs
            sign = -sign
            den *= step
            num *= 2 * i - 1
            rhs += sign * num * den
        return lhs + math.log(rhs)
    u = t - k
    u2 = u * u
    u3 = u2 * u
    # Along u the abscissa falls by LN_STEP: the slopes in u are -LN_STEP * derivative.
    return ((2.0 * u3 - 3.0 * u2 + 1.0) * tv[k] + (-2.0 * u3 + 3.0 * u2) * tv[k + 1]
            - LN_STEP * ((u3 - 2.0 * u2 + u) * td[k] + (u3 - u2) * td[k + 1]))


def log_ndtr_neg(x: np.ndarray) -> np.ndarray:
    """`_log_ndtr_neg` over an array (x <= 0): what the compiled cells compute."""
    tv, td = log_ndtr_table()
    return np.array([_log_ndtr_neg(float(v), tv, td) for v in np.ravel(x)]).reshape(
        np.shape(x))


def _bead_cells(out, P, c0, r0, lo, hi, a, b, m, nxa, bxa, dbxa, nyb, byb, dbyb,
                cumx, cumy, f, tv, td):
    """Cost of the a-b beads ending in rows r0.. and each row's window (`dp._block_costs`)
    into `out` (inf outside the lattice), the translation term left out. f: sim_weight *
    size, sim_power, sim_background, dot_weight, dot scale, bead_cost + prior, ratio,
    variance, len_weight (0: no length term). The same operations in the same order as
    the numpy expressions there; the length term's log_ndtr from the table (tv, td) of
    `log_ndtr_table`, not scipy's (within about 1e-11)."""
    R, W = out.shape
    PW = P.shape[1]
    n_a = nxa.shape[0]
    n_b = nyb.shape[0]
    sw, power, sb, dw, dscale, base, ratio, variance = f[0], f[1], f[2], f[3], f[4], f[5], \
        f[6], f[7]
    lw = f[8]
    log2 = math.log(2.0)
    for r in range(R):
        i = r0 + r
        s = i - a
        si = min(max(s, 0), max(n_a - 1, 0))
        lx = cumx[i] - cumx[max(s, 0)]
        for k in range(W):
            J = lo[i] + k
            start = J - b
            if J > hi[i] or s < 0 or start < 0 or J > m or n_b == 0:
                out[r, k] = np.inf
                continue
            sc = start  # 0 <= start <= J <= m here
            kk = min(sc, n_b - 1)
            dot = P[r, min(max(J - c0, 0), PW - 1)] - P[r, min(max(sc - c0, 0), PW - 1)]
            denom = math.sqrt(nxa[si] * nyb[kk])
            cos = dot / denom if denom > 0 else 0.0
            if sb != 0.0:
                cos = cos - sb * (bxa[si] + byb[kk]) / 2.0
            sign = 1.0 if cos > 0 else (-1.0 if cos < 0 else 0.0)
            reward = sw * sign * _power(abs(cos), power)
            if dw != 0.0:
                adj = dot - (b * dbxa[si] + a * dbyb[kk]) / 2.0
                reward = reward + dw * adj / dscale
            cost = base - reward
            if lw != 0.0:
                ly = cumy[J] - cumy[sc]
                mean = (lx + ly / ratio) / 2.0
                delta = (ly - ratio * lx) / math.sqrt(variance * max(mean, 1.0))
                cost = cost + lw * -(log2 + _log_ndtr_neg(-abs(delta), tv, td))
            out[r, k] = cost


if njit is not None:
    _logaddexp = njit(cache=True)(_logaddexp)
    _lse_cell = njit(cache=True)(_lse_cell)
    _store_row = njit(cache=True)(_store_row)
    viterbi_rows = njit(cache=True)(_viterbi_rows_jit)
    forward_rows = njit(cache=True)(_forward_rows_jit)
    backward_rows = njit(cache=True)(_backward_rows_jit)
    _power = njit(cache=True)(_power)
    _log_ndtr_neg = njit(cache=True)(_log_ndtr_neg)
    bead_cells = njit(cache=True)(_bead_cells)
else:  # pragma: no cover
    viterbi_rows, forward_rows, backward_rows = viterbi_rows_py, forward_rows_py, backward_rows_py
    bead_cells = None  # `dp._block_costs` computes the cells in numpy
