"""Bead posteriors by forward-backward over the search's lattice (issue 16)."""

from __future__ import annotations

import functools
import math

import numpy as np
import pytest

from align_kit.align.core import align_spans
from align_kit.align.dp import bead_types, search
from align_kit.align.posterior import bead_posteriors, forward_backward

# A real 2-1 whose second half shares nothing checkable with the target (no number,
# name or cognate), between clear 1-1 beads full of anchors.
SRC = ["The council met on 12 May in Minsk.", "It approved the budget.",
       "Then it adjourned for lunch.", "Maria Kolesnikova spoke about 45 prisoners.",
       "The vote was 30 to 2."]
TGT = ["Савет сабраўся 12 мая ў Мінску.",
       "Ён зацвердзіў бюджэт, а потым зрабіў перапынак на абед.",
       "Марыя Калеснікава казала пра 45 палітвязняў.", "Галасавалі 30 супраць 2."]


@pytest.fixture(scope="module")
def aligned():
    beads, conf, info = align_spans(SRC, TGT, "en", "be")
    pd, params = info["evidence"]
    return beads, conf, pd, params


def _lattice_beads(n: int, m: int, max_bead: int) -> list[tuple[int, int, int, int]]:
    return [(i0, i0 + a, j0, j0 + b) for i0 in range(n + 1) for j0 in range(m + 1)
            for a, b in bead_types(max_bead) if i0 + a <= n and j0 + b <= m]


def test_an_ambiguous_two_to_one_is_less_sure_than_a_clear_one_to_one(aligned):
    beads, _conf, pd, params = aligned
    post = dict(zip(beads, bead_posteriors(pd, params, beads), strict=True))
    clear = post[(3, 4, 2, 3)]  # name + number on both sides
    merged = post.get((1, 3, 1, 2))  # 2-1, or a 1-1 + 1-0 about as good
    assert merged is not None, beads
    assert clear > 0.95
    assert merged < 0.75  # well below: the rival path keeps a third of the mass


def test_posteriors_equal_the_sum_over_every_path(aligned):
    beads, _conf, pd, params = aligned
    lo, hi, max_bead = pd.band
    lat = forward_backward(pd, params, lo, hi, max_bead)
    n, m = pd.n, pd.m
    types = bead_types(max_bead)

    @functools.lru_cache(None)
    def paths(i: int, j: int) -> list[list[tuple[int, int, int, int]]]:
        if (i, j) == (n, m):
            return [[]]
        return [[(i, i + a, j, j + b), *rest] for a, b in types
                if i + a <= n and j + b <= m for rest in paths(i + a, j + b)]

    every = paths(0, 0)
    weight = [math.exp(-sum(lat.bead_cost(*b) for b in p) / lat.temperature) for p in every]
    z = sum(weight)
    assert lat.log_z == pytest.approx(math.log(z), rel=1e-6)
    for bead, p in zip(beads, lat.posteriors(beads), strict=True):
        assert p == pytest.approx(sum(w for w, q in zip(weight, every, strict=True)
                                      if bead in q) / z, rel=1e-5, abs=1e-9)


def test_every_sentence_is_covered_once_in_expectation(aligned):
    _beads, _conf, pd, params = aligned
    lo, hi, max_bead = pd.band
    every = _lattice_beads(pd.n, pd.m, max_bead)
    post = forward_backward(pd, params, lo, hi, max_bead).posteriors(every)
    assert ((post >= 0) & (post <= 1)).all()
    for s in range(pd.n):
        assert sum(p for (i0, i1, _j0, _j1), p in zip(every, post, strict=True)
                   if i0 <= s < i1) == pytest.approx(1.0, abs=1e-5)
    for t in range(pd.m):
        assert sum(p for (_i0, _i1, j0, j1), p in zip(every, post, strict=True)
                   if j0 <= t < j1) == pytest.approx(1.0, abs=1e-5)


def test_a_banded_lattice_sums_to_one_too():
    # Small enough to check every bead, forced through the coarse-to-fine band.
    src = SRC * 8
    tgt = TGT * 8
    _beads, _conf, info = align_spans(src, tgt, "en", "be")
    pd, params = info["evidence"]
    path = search(pd, params, 3, full_limit=50, factor=2)
    lo, hi, max_bead = pd.band
    assert (hi - lo < pd.m).sum() > pd.n // 2  # really a band
    every = [b for b in _lattice_beads(pd.n, pd.m, max_bead)
             if lo[b[0]] <= b[2] <= hi[b[0]] and lo[b[1]] <= b[3] <= hi[b[1]]]
    lat = forward_backward(pd, params, lo, hi, max_bead)
    post = lat.posteriors(every)
    assert ((post >= 0) & (post <= 1)).all()
    for s in range(pd.n):
        assert sum(p for (i0, i1, _j0, _j1), p in zip(every, post, strict=True)
                   if i0 <= s < i1) == pytest.approx(1.0, abs=1e-5)
    # The Viterbi path's beads are all in the lattice, with positive posterior.
    assert (lat.posteriors(path) > 0).all()


def test_a_bead_outside_the_lattice_has_posterior_zero(aligned):
    _beads, _conf, pd, params = aligned
    lo, hi, max_bead = pd.band
    lat = forward_backward(pd, params, lo, hi, max_bead)
    assert lat.posteriors([(0, 4, 0, 4)]).tolist() == [0.0]  # 4-4: many-to-many past 3 a side


def test_confidences_follow_the_posterior_and_lone_sentences_are_not_a_constant():
    src = SRC + ["An unrelated remark about the weather in Paris.", "The vote was 30 to 2."]
    tgt = TGT + ["Галасавалі 30 супраць 2."]
    beads, conf, _info = align_spans(src, tgt, "en", "be")
    assert all(0.0 <= c <= 1.0 for c in conf)
    assert len(set(np.round(conf, 6))) > 1


def test_recomputing_costs_in_the_backward_pass_gives_the_same_posteriors(monkeypatch):
    from align_kit.align import posterior

    _beads, _conf, info = align_spans(SRC * 4, TGT * 4, "en", "be")
    pd, params = info["evidence"]
    path = search(pd, params, 3, full_limit=50, factor=2)
    lo, hi, max_bead = pd.band
    kept = forward_backward(pd, params, lo, hi, max_bead, block=7, beads=path)
    monkeypatch.setattr(posterior, "STORE_LIMIT", 0)  # long input: nothing kept
    again = forward_backward(pd, params, lo, hi, max_bead, block=7, beads=path)
    assert again.costs is None and kept.costs is not None
    assert np.allclose(again.B.full(), kept.B.full(), atol=1e-4, equal_nan=True)
    assert np.allclose(again.posteriors(path), kept.posteriors(path), atol=1e-6)
