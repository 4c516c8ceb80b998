"""Document pairing: which articles in a folder translate each other (en ⇄ be ⇄ ru).

    groups, unpaired = pair_documents(documents)

Nothing is taken from file names: explicit metadata links (front matter
`translation_of`, `hreflang` alternates naming another document's URL or
file) decide outright; otherwise documents are compared by what survives
translation (numbers, dates, names across scripts, Latin words, URL slugs,
publication dates, length ratio; see `features`), candidates come from an
inverted index rather than all pairs (`scoring`), an optional `rescore`
(the aligner's score of the two documents' sentences) refines the best
candidates, every language pair gets a one-to-one assignment, and the three
assignments are reconciled into groups strongest first (`assign`). A pair
scoring under `threshold` is never made: such documents stay unpaired.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence

from align_kit.errors import InputError
from align_kit.model import Document, DocumentGroup, Glossary
from align_kit.pairing.assign import assign_pairs, consistent_groups
from align_kit.pairing.features import (
    DocumentFeatures,
    document_features,
    glossary_patterns,
    identifiers,
    link_targets,
    reference_forms,
)
from align_kit.pairing.scoring import CandidateScores, MapFn, score_candidates

__all__ = ["pair_documents", "DEFAULT_THRESHOLD"]

# A pair scoring below this stays unpaired (see docs/benchmarks/pairing.md
# for the score distributions it was chosen from).
DEFAULT_THRESHOLD = 0.25
# With a rescore function, this many best candidates per document are re-scored.
RESCORE_TOP = 3
LINK_SCORE = 1.0

Rescore = Callable[[Document, Document], float]


def pair_documents(documents: Sequence[Document], *, languages: Sequence[str] = ("en", "be", "ru"),
                   threshold: float = DEFAULT_THRESHOLD, rescore: Rescore | None = None,
                   glossary: Glossary | None = None,
                   top_k: int = 5, map_fn: MapFn | None = None, block: int = 512,
                   ) -> tuple[list[DocumentGroup], list[Document]]:
    """Group `documents` into translation groups; return the groups and the unpaired documents.

    Each group maps language -> document id (two or more languages), with a
    confidence in [0, 1] and evidence in words. `rescore(a, b)`, when given,
    is a similarity in [0, 1] of two documents' sentences (the aligner's
    score); the final score of a best candidate is then the mean of the
    feature score and the rescore. With a `glossary`, an entry whose term
    occurs (inflected) in both documents is shared evidence too. Documents in
    languages outside `languages` are returned unpaired. `map_fn(fn, items)`, when
    given, is `[fn(x) for x in items]` done elsewhere (a Dask cluster): document
    features and candidate blocks (`block` documents of one language each) are
    computed there, and the groups are the same.
    """
    if not 0.0 <= threshold <= 1.0:
        raise InputError(f"pairing threshold {threshold} is outside 0..1",
                         hint="pass a threshold from 0 to 1 (default 0.25)")
    languages = tuple(dict.fromkeys(languages))
    by_lang: dict[str, list[Document]] = {lang: [] for lang in languages}
    for doc in documents:
        if doc.language in by_lang:
            by_lang[doc.language].append(doc)
    terms = glossary_patterns(glossary)
    # Here, or spread over a cluster by `map_fn`: the same features in the same order.
    every = [d for docs in by_lang.values() for d in docs]
    work = functools.partial(document_features, terms=terms)
    computed = iter(map_fn(work, every) if map_fn is not None else [work(d) for d in every])
    feats = {lang: [next(computed) for _ in docs] for lang, docs in by_lang.items()}
    links = _metadata_links(by_lang)

    edges: dict[tuple[str, str], dict[tuple[int, int], float]] = {}
    cands: dict[tuple[str, str], CandidateScores] = {}
    for la, lb in itertools.combinations(languages, 2):
        cand = score_candidates(feats[la], feats[lb], top_k=top_k, map_blocks=map_fn,
                                block=block)
        cands[(la, lb)] = cand
        scores = {(int(i), int(j)): float(s)
                  for i, j, s in zip(cand.rows, cand.cols, cand.score, strict=True)}
        if rescore is not None:
            scores = _rescored(scores, by_lang[la], by_lang[lb], rescore, threshold)
        for (i, j), _ in links.get((la, lb), {}).items():
            scores[(i, j)] = LINK_SCORE
        edges[(la, lb)] = scores

    matchings = {key: assign_pairs(len(by_lang[key[0]]), len(by_lang[key[1]]), sc, threshold)
                 for key, sc in edges.items()}
    linked = {frozenset({(la, i), (lb, j)})
              for (la, lb), pairs in links.items() for i, j in pairs}
    chosen = consistent_groups(languages, matchings, edges, threshold, linked)

    rivals = {key: _best_two(sc) for key, sc in edges.items()}
    groups: list[DocumentGroup] = []
    grouped: set[tuple[str, int]] = set()
    for members, _ in chosen:
        confidences, evidence = [], []
        for la, lb in itertools.combinations([lang for lang in languages if lang in members], 2):
            i, j = members[la], members[lb]
            s = edges[(la, lb)].get((i, j), 0.0)
            link = links.get((la, lb), {}).get((i, j))
            if link:
                confidences.append(1.0)
                evidence.append(f"{la}-{lb} metadata: {link}")
            elif s < threshold:
                # Joined through a metadata link, not by its own text: the link vouches.
                evidence.append(_evidence(la, lb, s, feats[la][i], feats[lb][j], cands[(la, lb)],
                                          i, j) + "; weak, joined through a metadata link")
            else:
                rival = _rival(rivals[(la, lb)], i, j)
                confidences.append(_confidence(s, rival, threshold))
                evidence.append(_evidence(la, lb, s, feats[la][i], feats[lb][j], cands[(la, lb)],
                                          i, j))
        grouped.update(members.items())
        groups.append(DocumentGroup(
            members={lang: by_lang[lang][idx].id for lang, idx in members.items()},
            confidence=round(min(confidences), 3), evidence=tuple(evidence)))
    groups.sort(key=lambda g: [g.members.get(lang, "\uffff") for lang in languages])
    groups = [DocumentGroup(members=g.members, confidence=g.confidence, evidence=g.evidence,
                            id=f"group-{n:04d}") for n, g in enumerate(groups, 1)]
    position = {id(d): k for docs in by_lang.values() for k, d in enumerate(docs)}
    unpaired = [d for d in documents
                if d.language not in by_lang or (d.language, position[id(d)]) not in grouped]
    return groups, unpaired


def _rescored(scores: dict[tuple[int, int], float], docs_a: list[Document],
              docs_b: list[Document], rescore: Rescore,
              threshold: float) -> dict[tuple[int, int], float]:
    """Mean of feature score and rescore for each document's RESCORE_TOP best candidates.

    Candidates outside anyone's top count as rescored 0, so scores stay comparable.
    """
    top: set[tuple[int, int]] = set()
    by_row: dict[int, list[tuple[float, tuple[int, int]]]] = {}
    by_col: dict[int, list[tuple[float, tuple[int, int]]]] = {}
    for key, s in scores.items():
        by_row.setdefault(key[0], []).append((s, key))
        by_col.setdefault(key[1], []).append((s, key))
    for lists in (by_row, by_col):
        for items in lists.values():
            items.sort(reverse=True)
            top.update(key for s, key in items[:RESCORE_TOP] if s >= threshold * 0.5)
    out = {}
    for key, s in scores.items():
        extra = 0.0
        if key in top:
            extra = min(1.0, max(0.0, float(rescore(docs_a[key[0]], docs_b[key[1]]))))
        out[key] = 0.5 * s + 0.5 * extra
    return out


def _best_two(scores: dict[tuple[int, int], float]) -> tuple[dict, dict]:
    """Per row and per column: the best scores, to measure a pair's margin over rivals."""
    rows: dict[int, list[tuple[float, int]]] = {}
    cols: dict[int, list[tuple[float, int]]] = {}
    for (i, j), s in scores.items():
        rows.setdefault(i, []).append((s, j))
        cols.setdefault(j, []).append((s, i))
    for table in (rows, cols):
        for key in table:
            table[key] = sorted(table[key], reverse=True)[:2]
    return rows, cols


def _rival(best: tuple[dict, dict], i: int, j: int) -> float:
    """The best score either document of the pair (i, j) has with another document."""
    rows, cols = best
    rival = 0.0
    for s, other in rows.get(i, []):
        if other != j:
            rival = max(rival, s)
    for s, other in cols.get(j, []):
        if other != i:
            rival = max(rival, s)
    return rival


def _confidence(score: float, rival: float, threshold: float) -> float:
    """How sure: how far above the threshold, times the margin over the best rival.

    Not a calibrated probability; 0.5 at the threshold with a close rival, 1 for a
    clear score far ahead of any rival.
    """
    above = min(1.0, 3.0 * max(0.0, score - threshold) / max(1e-9, 1.0 - threshold))
    margin = max(0.0, score - rival) / max(score, 1e-9)
    return float(min(1.0, 0.5 + 0.5 * above * margin))


_KIND_NAMES = {"n": "numbers", "d": "dates", "m": "months", "k": "names", "g": "glossary",
               "s": "slug", "t": "published"}


def _evidence(la: str, lb: str, score: float, fa: DocumentFeatures, fb: DocumentFeatures,
              cand: CandidateScores, i: int, j: int, per_kind: int = 4) -> str:
    shared = [f for f in fa.features if f in fb.features and f in cand.weights]
    shared.sort(key=lambda f: (-cand.weights[f], f))
    parts = []
    for kind, label in _KIND_NAMES.items():
        items = [f for f in shared if f.startswith(kind + ":")]
        if not items:
            continue
        shown: list[str] = []
        for f in items:
            a, b = fa.features[f], fb.features[f]
            text = a if a == b else f"{a}/{b}"
            if text not in shown:
                shown.append(text)
        more = f" +{len(shown) - per_kind}" if len(shown) > per_kind else ""
        shown = shown[:per_kind]
        parts.append(f"{label} {', '.join(shown)}{more}")
    ratio = max(fa.length, 1) / max(fb.length, 1)
    parts.append(f"length ratio {ratio:.2f}")
    return f"{la}-{lb} {score:.2f}: " + "; ".join(parts)


def _metadata_links(by_lang: dict[str, list[Document]]
                    ) -> dict[tuple[str, str], dict[tuple[int, int], str]]:
    """Pairs named outright by metadata, as (lang_a, lang_b) -> (i, j) -> description.

    A document that names another (`translation_of`, `hreflang`) is linked to
    it; documents naming the same original, or linked through one, are linked
    to each other when that makes at most one document per language.
    """
    languages = list(by_lang)
    where: dict[str, set[tuple[str, int]]] = {}
    for lang, docs in by_lang.items():
        for k, doc in enumerate(docs):
            for name in identifiers(doc):
                where.setdefault(name, set()).add((lang, k))
    direct: dict[frozenset, str] = {}
    for lang, docs in by_lang.items():
        for k, doc in enumerate(docs):
            for key, ref in link_targets(doc):
                hits: set[tuple[str, int]] = set()
                for form in reference_forms(ref):
                    hits |= where.get(form, set())
                hits.discard((lang, k))
                targets = {h for h in hits if h[0] != lang}
                if len(targets) == 1:
                    (tl, tk), = targets
                    direct.setdefault(frozenset({(lang, k), (tl, tk)}),
                                      f"{doc.id} {key} {by_lang[tl][tk].id}")
    # Union-find over direct links, to link the siblings of one original.
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in direct:
        a, b = tuple(pair)
        parent[find(a)] = find(b)
    comps: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for node in list(parent):
        comps.setdefault(find(node), []).append(node)
    out: dict[tuple[str, str], dict[tuple[int, int], str]] = {}
    for nodes in comps.values():
        one_each = len({lang for lang, _ in nodes}) == len(nodes)
        for x, y in itertools.combinations(nodes, 2):
            if x[0] == y[0]:
                continue
            pair = frozenset({x, y})
            if pair not in direct and not one_each:
                continue
            if languages.index(x[0]) > languages.index(y[0]):
                x, y = y, x
            text = direct.get(pair) or (
                f"{by_lang[x[0]][x[1]].id} and {by_lang[y[0]][y[1]].id} "
                "linked through a common original")
            out.setdefault((x[0], y[0]), {})[(x[1], y[1])] = text
    return out
