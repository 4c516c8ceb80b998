"""The compiled row loops (`align.kernels`) against their numpy reference (issue 16)."""

from __future__ import annotations

import numpy as np
import pytest

from align_kit.align import kernels
from align_kit.align.core import align_spans
from align_kit.align.dp import band_from_path, bead_types, solve_band
from align_kit.align.posterior import forward_backward

pytest.importorskip("numba")

SRC = ["The council met on 12 May in Minsk.", "It approved the budget.",
       "Then it adjourned for lunch.", "Maria Kolesnikova spoke about 45 prisoners.",
       "The vote was 30 to 2.", "A remark about the weather in Paris."]
TGT = ["Савет сабраўся 12 мая ў Мінску.",
       "Ён зацвердзіў бюджэт, а потым зрабіў перапынак на абед.",
       "Марыя Калеснікава казала пра 45 палітвязняў.", "Галасавалі 30 супраць 2."]


@pytest.fixture(scope="module")
def evidence():
    # Repeated with a shift, so the band is narrower than the documents.
    _beads, _conf, info = align_spans(SRC * 6, TGT[1:] + TGT * 5, "en", "be")
    pd, params = info["evidence"]
    return pd, params


def _band(pd, margin: int):
    path = [(i, i + 1, min(i, pd.m - 1), min(i + 1, pd.m)) for i in range(pd.n)]
    return band_from_path(path, np.arange(pd.n + 1), np.arange(pd.m + 1), pd.n, pd.m, margin)


@pytest.mark.parametrize("margin", [2, 5, 40])
def test_compiled_viterbi_rows_find_the_numpy_path(evidence, monkeypatch, margin):
    pd, params = evidence
    lo, hi = _band(pd, margin)
    fast = solve_band(pd, params, lo, hi, 3, block=7)
    monkeypatch.setattr(kernels, "viterbi_rows", kernels.viterbi_rows_py)
    assert solve_band(pd, params, lo, hi, 3, block=7) == fast


@pytest.mark.parametrize("margin", [2, 5, 40])
def test_compiled_forward_backward_equals_numpy(evidence, monkeypatch, margin):
    pd, params = evidence
    lo, hi = _band(pd, margin)
    every = [(i, i + a, j, j + b) for i in range(pd.n + 1) for j in range(pd.m + 1)
             for a, b in bead_types(3) if i + a <= pd.n and j + b <= pd.m]
    fast = forward_backward(pd, params, lo, hi, 3, block=5)
    monkeypatch.setattr(kernels, "forward_rows", kernels.forward_rows_py)
    monkeypatch.setattr(kernels, "backward_rows", kernels.backward_rows_py)
    ref = forward_backward(pd, params, lo, hi, 3, block=5)
    assert np.isfinite(ref.log_z)
    assert fast.log_z == pytest.approx(ref.log_z, rel=1e-12)
    for a, b in ((fast.F, ref.F), (fast.B, ref.B)):
        assert np.array_equal(np.isfinite(a.full()), np.isfinite(b.full()))
        assert np.allclose(a.full(), b.full(), rtol=1e-6, atol=1e-9, equal_nan=True)
    assert np.allclose(fast.posteriors(every), ref.posteriors(every), atol=1e-9)


def test_the_posterior_reuses_the_searchs_costs_only_for_its_own_band(evidence):
    pd, params = evidence
    lo, hi = _band(pd, 5)
    solve_band(pd, params, lo, hi, 3)
    assert pd.costs is not None and pd.costs.matches(params, lo, hi, 3)
    lo2, hi2 = _band(pd, 6)
    other = forward_backward(pd, params, lo2, hi2, 3)
    assert other.costs is not pd.costs.costs
    kept = pd.costs.costs
    reused = forward_backward(pd, params, lo, hi, 3)
    assert reused.costs is kept and pd.costs is None  # taken over, not shared
    # Costs computed afresh for the same band are the search's, to the bit.
    fresh = forward_backward(pd, params, lo, hi, 3)
    assert fresh.costs is not kept and np.array_equal(fresh.costs, kept)


def test_the_adaptation_pass_shifts_the_kept_costs_as_a_new_search_would(evidence):
    import dataclasses

    from align_kit.align.adapt import adapted_params

    pd, params = evidence
    lo, hi = _band(pd, 5)
    first = solve_band(pd, params, lo, hi, 3)
    adapted = adapted_params(params, first[: len(first) // 2] + [(0, 1, 0, 0)] * 9, 3)
    assert adapted.prior and adapted.null_shift != params.null_shift
    derived = solve_band(pd, adapted, lo, hi, 3)
    shifted = pd.costs.costs.copy()
    pd.costs = None
    assert solve_band(pd, adapted, lo, hi, 3) == derived
    assert np.allclose(pd.costs.costs, shifted, rtol=1e-13, atol=1e-12)
    assert np.array_equal(np.isinf(pd.costs.costs), np.isinf(shifted))
    # Any other change of the params is a new search, not a shift.
    other = dataclasses.replace(adapted, sim_weight=adapted.sim_weight * 2)
    assert pd.costs.shifts(other, lo, hi, 3, [(1, 1)]) is None


def test_span_rows_are_the_span_matrix_rows_to_the_bit(evidence):
    from align_kit.align.dp import span_rows, span_sum

    pd, _params = evidence
    for M in (pd.X, pd.Y):
        for size in (1, 2, 4):
            whole = span_sum(M, size)
            starts = np.array([0, 0, 3, whole.shape[0] - 1, 1, 3])  # repeats, any order
            got, ref = span_rows(M, size, starts), whole[starts]
            assert got.shape == ref.shape and got.nnz > 0
            for part in ("indptr", "indices", "data"):
                assert np.array_equal(getattr(got, part), getattr(ref, part)), part


def test_the_tabled_log_ndtr_matches_scipy():
    from scipy.special import log_ndtr

    rng = np.random.default_rng(3)
    # Between the table's knots, on them, across its end (-LN_MIN) and far beyond.
    x = np.concatenate([-rng.uniform(0.0, 45.0, 20_000),
                        -np.arange(int(kernels.LN_MIN / kernels.LN_STEP) + 1) * kernels.LN_STEP,
                        [0.0, -1e-300, -39.999, -40.001, -200.0, -1e4]])
    ours, ref = kernels.log_ndtr_neg(x), log_ndtr(x)
    assert np.all(np.abs(ours - ref) <= 5e-11 + 1e-15 * np.abs(ref))
    # Where the cells' lengths put the argument most often (|delta| < 5), far closer
    # than the cost differences that decide a path.
    near = x > -5
    assert np.abs(ours - ref)[near].max() < 3e-11


@pytest.mark.parametrize("translations", [False, True])
def test_compiled_bead_costs_equal_numpy(monkeypatch, translations):
    import dataclasses

    from align_kit.align import dp

    src = SRC * 6
    # Any text a line serves as its "translation": the term only has to be computed.
    tr = [TGT[k % len(TGT)] for k in range(len(src))] if translations else None
    _beads, _conf, info = align_spans(src, TGT[1:] + TGT * 5, "en", "be", translations=tr)
    pd, params = info["evidence"]
    assert (pd.tx is not None) == translations
    lo, hi = _band(pd, 5)
    W = int((hi - lo).max()) + 1
    types = [(a, b) for a, b in bead_types(3) if a <= pd.n and b <= pd.m]
    prep = dp._Prepared(pd, 3)
    fast = [dp._block_costs(prep, params, lo, hi, r0, min(pd.n + 1, r0 + 9), W, types)
            for r0 in range(0, pd.n + 1, 9)]
    monkeypatch.setattr(kernels, "bead_cells", None)
    ref = [dp._block_costs(prep, params, lo, hi, r0, min(pd.n + 1, r0 + 9), W, types)
           for r0 in range(0, pd.n + 1, 9)]
    for f, r in zip(fast, ref, strict=True):
        assert f.keys() == r.keys()
        for key in f:
            assert np.isfinite(r[key]).any()
            assert np.array_equal(np.isinf(f[key]), np.isinf(r[key])), key
            # The same operations, but log_ndtr from a table (`kernels._log_ndtr_neg`).
            assert np.allclose(f[key], r[key], rtol=1e-14, atol=1e-10), key
    # Without the length term nothing is tabled: equal to the bit.
    params = dataclasses.replace(params, use_length=False)
    monkeypatch.undo()
    fast = dp._block_costs(prep, params, lo, hi, 0, pd.n + 1, W, types)
    monkeypatch.setattr(kernels, "bead_cells", None)
    ref = dp._block_costs(prep, params, lo, hi, 0, pd.n + 1, W, types)
    assert all(np.array_equal(fast[key], ref[key]) for key in fast)
