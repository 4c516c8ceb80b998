"""How alike two documents in two languages are, for the pairs worth asking about.

Each document is a vector over the features both languages share (weighted
by inverse document frequency, so a rare name counts for more than the year
every article mentions); the similarity of two documents is the cosine of
their vectors, scaled by how well their length ratio fits the usual one.

The sparse feature matrix is the inverted index: candidates come from the
product of one language's matrix with the other's, a block of rows at a time
and leaving out features so common in both languages that they would pair
everything with everything (their weight is small anyway). What is common
depends on the archive: in 100 000 articles a name may be in a thousand of
them. So the cut-off only bounds the cost; it never leaves a document without
a way in: each document keeps its `min_index_features` rarest shared features
in the index whatever their frequency. Each document keeps its `top_k` best
counterparts in each direction; only those pairs are scored exactly, so
10 000 documents a language cost seconds, not hours.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse

from align_kit.pairing.features import DocumentFeatures

# Spread of log(length ratio) around its usual value for real translations;
# news translations between en/be/ru rarely differ by more than a third.
_LENGTH_SIGMA = 0.4
# Weight of the length factor in the score: it separates look-alikes, never decides alone.
_LENGTH_WEIGHT = 0.7

# Feature kinds every translation keeps (see features.py): numbers, dates, months.
_ALWAYS_TRANSLATED = frozenset("ndm")


@dataclass
class CandidateScores:
    """Scored candidate pairs between documents of language A (rows) and B (columns)."""

    rows: np.ndarray
    cols: np.ndarray
    similarity: np.ndarray  # cosine of the feature vectors
    score: np.ndarray  # similarity adjusted by length ratio, in [0, 1]
    weights: dict[str, float]  # feature -> idf weight, for evidence
    length_ratio: np.ndarray
    usual_log_ratio: float


def _matrix(feats: Sequence[DocumentFeatures], vocab: dict[str, int],
            idf: np.ndarray) -> sparse.csr_matrix:
    indptr = [0]
    indices: list[int] = []
    for doc in feats:
        cols = sorted({vocab[f] for f in doc.features if f in vocab})
        indices.extend(cols)
        indptr.append(len(indices))
    idx = np.asarray(indices, dtype=np.int64)
    data = idf[idx].astype(np.float32) if len(idx) else np.zeros(0, dtype=np.float32)
    mat = sparse.csr_matrix((data, idx, np.asarray(indptr, dtype=np.int64)),
                            shape=(len(feats), len(vocab)))
    norms = np.sqrt(np.asarray(mat.multiply(mat).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms).astype(np.float32) @ mat)


def candidate_block(item: tuple[int, sparse.csr_matrix], *, index_bt: sparse.csr_matrix,
                    top_k: int) -> tuple[set[tuple[int, int]], np.ndarray, np.ndarray]:
    """One block of A's rows (starting at row `start`) against all of B: the block's
    candidate pairs (each row's `top_k` best columns) and, per column of B, the block's
    `top_k` best rows (global row ids; arrays of B's documents x k) with their values,
    reduced over blocks later."""
    start, rows = item
    dense = (rows @ index_bt).toarray()
    pairs: set[tuple[int, int]] = set()
    k_row = min(top_k, dense.shape[1])
    # Row-wise best: each document of A keeps its top_k in B.
    part = np.argpartition(-dense, k_row - 1, axis=1)[:, :k_row]
    vals = np.take_along_axis(dense, part, axis=1)
    for r in range(dense.shape[0]):
        for c, v in zip(part[r], vals[r], strict=True):
            if v > 0:
                pairs.add((start + r, int(c)))
    # Column-wise best within the block, reduced after the last block. On the transpose,
    # made contiguous: the same selection on the same lanes (so the same result), but
    # along rows, which at 100 000 columns is many times faster than along axis 0.
    # Returned column by column (B's documents x k), row ids as int32 (half the memory
    # that every block's result holds until the reduction).
    k_col = min(top_k, dense.shape[0])
    neg_t = np.ascontiguousarray(-dense.T)
    del dense
    cpart = np.argpartition(neg_t, k_col - 1, axis=1)[:, :k_col]
    best_vals = -np.take_along_axis(neg_t, cpart, axis=1)
    return pairs, (cpart + start).astype(np.int32), best_vals


MapFn = Callable[[Callable[[Any], Any], list], list]


def _index(mat: sparse.csr_matrix, product: np.ndarray, max_product: float,
           min_features: int) -> sparse.csr_matrix:
    """`mat` with only the entries that generate candidates: features whose `product` of
    document frequencies is in (0, max_product], and each row's `min_features` lowest
    products above 0 (ties by feature id, so the choice is reproducible)."""
    mat = mat.copy()
    if not mat.nnz:
        return mat
    key = product[mat.indices]
    row = np.repeat(np.arange(mat.shape[0]), np.diff(mat.indptr))
    # Features no document of the other language has sort last and are never kept.
    order = np.lexsort((mat.indices, np.where(key > 0, key, np.inf), row))
    rank = np.empty(mat.nnz, dtype=np.int64)
    rank[order] = np.arange(mat.nnz) - mat.indptr[row[order]]
    keep = (key > 0) & ((key <= max_product) | (rank < min_features))
    mat.data = np.where(keep, mat.data, 0).astype(mat.data.dtype)
    mat.eliminate_zeros()
    return mat


def score_candidates(feats_a: Sequence[DocumentFeatures], feats_b: Sequence[DocumentFeatures],
                     *, top_k: int = 5, max_product: int = 250_000,
                     min_index_features: int = 16, block: int = 512,
                     map_blocks: MapFn | None = None) -> CandidateScores:
    """Candidate pairs (each document's `top_k` best in either direction) with scores.

    A feature generates candidates when the product of its document frequencies in the
    two languages is at most `max_product`; each document's `min_index_features` rarest
    features that the other language shares generate them in any case.

    `map_blocks(fn, items)`, when given, is `[fn(x) for x in items]` done elsewhere (a
    cluster); the result is the same.
    """
    df_a = Counter(f for d in feats_a for f in d.features)
    df_b = Counter(f for d in feats_b for f in d.features)
    # A feature counts in a document's norm when the other language has it too,
    # or when it is a number or date: those survive every translation, so one
    # that no document of the other language shares is evidence against any
    # pairing (the counterpart is missing). A name key the other language never
    # shows is more likely a word that language capitalises (Thursday, Senate)
    # and is left out.
    shared = sorted(f for f in set(df_a) | set(df_b)
                    if (f in df_a and f in df_b) or f[0] in _ALWAYS_TRANSLATED)
    vocab = {f: i for i, f in enumerate(shared)}
    n_total = len(feats_a) + len(feats_b)
    idf = np.array([math.log(1.0 + n_total / (df_a[f] + df_b[f])) for f in shared],
                   dtype=np.float64)
    mat_a = _matrix(feats_a, vocab, idf)
    mat_b = _matrix(feats_b, vocab, idf)

    # The inverted index: features rare enough in both languages generate candidates, and
    # each document's rarest few whatever their frequency (see the module's docstring).
    # Rarity is the feature's product of frequencies, the same number in both languages,
    # so a document and its translation keep the same features.
    product = np.array([df_a[f] * df_b[f] for f in shared], dtype=np.float64)
    index_a = _index(mat_a, product, max_product, min_index_features)
    index_bt = _index(mat_b, product, max_product, min_index_features).T.tocsr()

    n_a, n_b = len(feats_a), len(feats_b)
    pairs: set[tuple[int, int]] = set()
    if n_a and n_b and len(shared):
        # Candidate generation by blocks of A's documents: each block is independent (its
        # rows' best in B, and its best rows for each column of B), so the blocks may run
        # anywhere (`map_blocks`, e.g. a Dask cluster) and the reduction below, in block
        # order, gives the same pairs as one machine.
        starts = list(range(0, n_a, block))
        work = functools.partial(candidate_block, index_bt=index_bt, top_k=top_k)
        items = [(start, index_a[start:start + block]) for start in starts]
        done = map_blocks(work, items) if map_blocks is not None else [work(x) for x in items]
        col_best: list[tuple[np.ndarray, np.ndarray]] = []  # per block: (row ids, values)
        for block_pairs, best_rows, best_vals in done:
            pairs.update(block_pairs)
            col_best.append((best_rows, best_vals))
        # Per column of B (a row here), every block's best rows in block order: the lane
        # one machine's loop saw, so the same selection.
        all_rows = np.concatenate([r for r, _ in col_best], axis=1)
        all_vals = np.concatenate([v for _, v in col_best], axis=1)
        del col_best, done
        k_col = min(top_k, all_rows.shape[1])
        best = np.argpartition(-all_vals, k_col - 1, axis=1)[:, :k_col]
        best_rows = np.take_along_axis(all_rows, best, axis=1)
        best_vals = np.take_along_axis(all_vals, best, axis=1)
        for c in range(n_b):
            for r, v in zip(best_rows[c], best_vals[c], strict=True):
                if v > 0:
                    pairs.add((int(r), c))

    ordered = sorted(pairs)
    rows = np.array([p[0] for p in ordered], dtype=np.int64)
    cols = np.array([p[1] for p in ordered], dtype=np.int64)
    if len(ordered):
        sim = np.asarray(mat_a[rows].multiply(mat_b[cols]).sum(axis=1)).ravel()
        sim = np.clip(sim, 0.0, 1.0)
    else:
        sim = np.zeros(0)
    len_a = np.array([max(d.length, 1) for d in feats_a], dtype=np.float64)
    len_b = np.array([max(d.length, 1) for d in feats_b], dtype=np.float64)
    ratio = len_a[rows] / len_b[cols] if len(ordered) else np.zeros(0)
    usual = _usual_log_ratio(rows, sim, np.log(ratio) if len(ordered) else ratio)
    score = sim * length_factor(ratio, usual)
    weights = {f: float(idf[i]) for f, i in vocab.items()}
    return CandidateScores(rows, cols, sim, score, weights, ratio, usual)


def length_factor(ratio: np.ndarray, usual_log_ratio: float) -> np.ndarray:
    """1 for the usual length ratio, down to 1 - _LENGTH_WEIGHT for a far-off one."""
    if not len(ratio):
        return ratio
    dev = np.log(ratio) - usual_log_ratio
    return (1.0 - _LENGTH_WEIGHT) + _LENGTH_WEIGHT * np.exp(-(dev ** 2) / (2 * _LENGTH_SIGMA ** 2))


def _usual_log_ratio(rows: np.ndarray, sim: np.ndarray, log_ratio: np.ndarray) -> float:
    """The median log length ratio of confident best pairs (0 when there are too few)."""
    if not len(rows):
        return 0.0
    best: dict[int, int] = {}
    for k, r in enumerate(rows):
        if r not in best or sim[k] > sim[best[r]]:
            best[int(r)] = k
    chosen = [log_ratio[k] for k in best.values() if sim[k] >= 0.3]
    if len(chosen) < 5:
        return 0.0
    return float(np.median(chosen))
