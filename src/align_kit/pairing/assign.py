"""One-to-one assignment per language pair, then groups consistent across languages.

Per language pair the best one-to-one pairing is the assignment that
maximises the summed scores of pairs above the threshold
(`scipy.optimize.linear_sum_assignment` on each connected component of the
candidate graph; a component too large for a dense matrix goes to scipy's
sparse solver instead). Pairs of languages may then disagree (en-be and
en-ru point at a Belarusian and a Russian article that the be-ru assignment
does not link); candidate groups are built from the assigned pairs, each
extended by the partners the other assignments offer and scored by the sum
of their pair scores; the set of disjoint groups with the largest total
wins (searched exhaustively where few candidates overlap), every document
in at most one group.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping

import numpy as np
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import connected_components, min_weight_full_bipartite_matching

# Largest component (rows x columns) solved with a dense matrix.
DENSE_LIMIT = 4_000_000


def assign_pairs(n_a: int, n_b: int, edges: Mapping[tuple[int, int], float],
                 threshold: float, *, dense_limit: int = DENSE_LIMIT) -> dict[int, int]:
    """The one-to-one pairing (row -> column) with the largest total score above `threshold`."""
    kept = [(a, b, s) for (a, b), s in edges.items() if s >= threshold]
    if not kept:
        return {}
    rows = np.array([e[0] for e in kept])
    cols = np.array([e[1] for e in kept])
    vals = np.array([e[2] for e in kept], dtype=np.float64)
    # Components of the bipartite graph: rows are nodes 0..n_a-1, columns n_a...
    graph = sparse.coo_matrix((np.ones(len(kept)), (rows, cols + n_a)),
                              shape=(n_a + n_b, n_a + n_b))
    _, label = connected_components(graph, directed=False)
    result: dict[int, int] = {}
    by_comp: dict[int, list[int]] = {}
    for k, r in enumerate(rows):
        by_comp.setdefault(int(label[r]), []).append(k)
    for members in by_comp.values():
        r_ids = sorted({int(rows[k]) for k in members})
        c_ids = sorted({int(cols[k]) for k in members})
        r_pos = {r: i for i, r in enumerate(r_ids)}
        c_pos = {c: i for i, c in enumerate(c_ids)}
        if len(r_ids) * len(c_ids) <= dense_limit:
            mat = np.zeros((len(r_ids), len(c_ids)))
            for k in members:
                mat[r_pos[int(rows[k])], c_pos[int(cols[k])]] = vals[k]
            ri, ci = linear_sum_assignment(mat, maximize=True)
            for i, j in zip(ri, ci, strict=True):
                if mat[i, j] > 0:
                    result[r_ids[i]] = c_ids[j]
        else:
            result.update(_sparse_assignment(r_ids, c_ids, members, rows, cols, vals))
    return result


def _sparse_assignment(r_ids: list[int], c_ids: list[int], members: list[int],
                       rows: np.ndarray, cols: np.ndarray, vals: np.ndarray) -> dict[int, int]:
    """Maximum-weight (not necessarily full) matching with scipy's sparse solver.

    The solver wants a full matching, so every row gets a private "unpaired"
    column and every column a private "unpaired" row (tiny weight), and the
    unpaired row of column j meets the unpaired column of row i wherever (i, j)
    is an edge; a full matching then always exists and costs the same as
    leaving documents unpaired.
    """
    n, m = len(r_ids), len(c_ids)
    r_pos = {r: i for i, r in enumerate(r_ids)}
    c_pos = {c: i for i, c in enumerate(c_ids)}
    eps = 1e-9
    rr, cc, ww = [], [], []
    for k in members:
        i, j = r_pos[int(rows[k])], c_pos[int(cols[k])]
        rr += [i, n + j]
        cc += [j, m + i]
        ww += [float(vals[k]) + eps, eps]
    for i in range(n):
        rr.append(i)
        cc.append(m + i)
        ww.append(eps)
    for j in range(m):
        rr.append(n + j)
        cc.append(j)
        ww.append(eps)
    mat = sparse.csr_matrix((ww, (rr, cc)), shape=(n + m, m + n))
    ri, ci = min_weight_full_bipartite_matching(mat, maximize=True)
    return {r_ids[i]: c_ids[j] for i, j in zip(ri, ci, strict=True) if i < n and j < m}


def consistent_groups(languages: tuple[str, ...],
                      matchings: Mapping[tuple[str, str], Mapping[int, int]],
                      scores: Mapping[tuple[str, str], Mapping[tuple[int, int], float]],
                      threshold: float,
                      linked: Collection[frozenset[tuple[str, int]]] = frozenset(),
                      ) -> list[tuple[dict[str, int], float]]:
    """Groups (language -> document index) agreeing across all language pairs.

    `matchings[(a, b)]` maps a document of language a to one of b (a before b
    in `languages`); `scores[(a, b)][(i, j)]` scores candidate pairs. A group
    is acceptable when every two of its members score at least `threshold`,
    or are joined through a third member by a metadata link (`linked`: pairs
    of (language, index) that metadata names outright) and a pair above the
    threshold: what a page declares is not outvoted by a weak text match.
    The strongest groups (largest summed pair score) go first.
    """
    def pair_score(la: str, i: int, lb: str, j: int) -> float | None:
        if languages.index(la) > languages.index(lb):
            la, i, lb, j = lb, j, la, i
        return scores.get((la, lb), {}).get((i, j))

    reverse: dict[tuple[str, str], dict[int, int]] = {
        key: {b: a for a, b in m.items()} for key, m in matchings.items()}

    def partner(lang: str, idx: int, other: str) -> int | None:
        if languages.index(lang) < languages.index(other):
            return matchings.get((lang, other), {}).get(idx)
        return reverse.get((other, lang), {}).get(idx)

    seen: set[tuple[tuple[str, int], ...]] = set()
    candidates: list[tuple[float, int, dict[str, int]]] = []
    for (la, lb), matching in matchings.items():
        others = [lang for lang in languages if lang not in (la, lb)]
        for i, j in matching.items():
            options = []
            for lang in others:
                opts = {partner(la, i, lang), partner(lb, j, lang), None}
                options.append(sorted(opts, key=lambda x: (x is None, x)))
            for combo in itertools.product(*options):
                group = {la: i, lb: j}
                group.update({lang: idx for lang, idx in zip(others, combo, strict=True)
                              if idx is not None})
                key = tuple(sorted(group.items()))
                if key in seen:
                    continue
                seen.add(key)
                members = list(group.items())
                strong = set()
                total = 0.0
                for x, y in itertools.combinations(members, 2):
                    s = pair_score(x[0], x[1], y[0], y[1]) or 0.0
                    total += s
                    if s >= threshold or frozenset({x, y}) in linked:
                        strong.add(frozenset({x, y}))

                def joined(x, y, strong=strong, members=members) -> bool:
                    if frozenset({x, y}) in strong:
                        return True
                    return any(frozenset({x, w}) in strong and frozenset({w, y}) in strong
                               and (frozenset({x, w}) in linked or frozenset({w, y}) in linked)
                               for w in members if w not in (x, y))

                if all(joined(x, y) for x, y in itertools.combinations(members, 2)):
                    candidates.append((total, len(group), group))
    candidates.sort(key=lambda c: (-c[0], -c[1], sorted(c[2].items())))
    return [(candidates[k][2], candidates[k][0]) for k in _pack([
        (c[0], frozenset(c[2].items())) for c in candidates])]


# Largest set of overlapping candidate groups searched exhaustively.
EXACT_LIMIT = 22


def _pack(candidates: list[tuple[float, frozenset]]) -> list[int]:
    """Indexes of disjoint candidates with the largest total score.

    Candidates that share a document form a conflict component; a small one
    is searched exhaustively (branch and bound), a large one greedily, best
    first. Exhaustive matters: a strong pair plus a weak third document can
    outscore each rival group alone yet less than the rivals together.
    Candidates are sorted best first, so ties keep that order.
    """
    parent = list(range(len(candidates)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict = {}
    for k, (_, members) in enumerate(candidates):
        for m in members:
            if m in owner:
                parent[find(k)] = find(owner[m])
            else:
                owner[m] = k
    comps: dict[int, list[int]] = {}
    for k in range(len(candidates)):
        comps.setdefault(find(k), []).append(k)
    chosen: list[int] = []
    for ids in comps.values():
        if len(ids) > EXACT_LIMIT:
            used: set = set()
            for k in ids:
                if not (candidates[k][1] & used):
                    used |= candidates[k][1]
                    chosen.append(k)
            continue
        chosen.extend(ids[k] for k in _best_subset([candidates[k] for k in ids]))
    return sorted(chosen)


def _best_subset(items: list[tuple[float, frozenset]]) -> list[int]:
    """Branch and bound over `items` (best first): disjoint ones with the largest total."""
    suffix = [0.0] * (len(items) + 1)
    for pos in range(len(items) - 1, -1, -1):
        suffix[pos] = suffix[pos + 1] + items[pos][0]
    best_total, best_pick = -1.0, []
    picked: list[int] = []

    def search(pos: int, total: float, used: frozenset) -> None:
        nonlocal best_total, best_pick
        if total + suffix[pos] <= best_total + 1e-12:
            return
        if pos == len(items):
            best_total, best_pick = total, list(picked)
            return
        score, members = items[pos]
        if not (members & used):
            picked.append(pos)
            search(pos + 1, total + score, used | members)
            picked.pop()
        search(pos + 1, total, used)

    search(0, 0.0, frozenset())
    return best_pick
