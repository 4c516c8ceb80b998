"""Align segments that may hold several sentences: split, align sentences, regroup.

A line of a translation memory or of a translator's file often holds two or
three sentences, and its translation splits them differently ("A. B." against
"A." and "B. C."). Aligning whole lines then has to guess bead shapes from
blurred evidence. Instead every segment is split into its sentences (the
units), the units are aligned, and the segments are grouped back into the
smallest contiguous beads that keep every unit bead inside one segment bead:
two segments are in one bead when a unit bead links them, and a bead spans
every segment between its first and last one on each side.
"""

from __future__ import annotations

from collections.abc import Sequence

from align_kit.errors import InputError
from align_kit.segment import split_sentences


def _sentences(text: str, lang: str) -> list[str]:
    return [s.text for s in split_sentences(text, lang)] if text.strip() else []


def sentence_units(
    segments: Sequence[str],
    lang: str,
    translations: Sequence[str] | None = None,
    translation_lang: str | None = None,
) -> tuple[list[str], list[int], list[str] | None]:
    """The sentences of every segment, the index of each one's segment, and their
    translations when the segments' translations are given.

    A segment the splitter finds no sentence in (an empty line) stays one unit,
    so every segment owns at least one unit. With translations, a segment is
    split only when its translation splits into as many sentences (unit k then
    gets translated sentence k); otherwise it stays whole with its whole translation.
    """
    if translations is not None and len(translations) != len(segments):
        raise InputError(
            f"{len(translations)} translations for {len(segments)} source segments",
            hint="give exactly one translation line per source segment",
        )
    units: list[str] = []
    owner: list[int] = []
    unit_tr: list[str] | None = [] if translations is not None else None
    for k, text in enumerate(segments):
        parts = _sentences(text, lang)
        tparts: list[str] = []
        if translations is not None and len(parts) > 1:
            tparts = _sentences(translations[k], translation_lang or lang)
            if len(tparts) != len(parts):
                parts = []
        if len(parts) <= 1:
            parts = [text]
            tparts = [translations[k]] if translations is not None else []
        units += parts
        owner += [k] * len(parts)
        if unit_tr is not None:
            unit_tr += tparts
    return units, owner, unit_tr


def group_beads(
    beads: Sequence[tuple[Sequence[int], ...]],
    scores: Sequence[float],
    owners: Sequence[Sequence[int]],
    sizes: Sequence[int],
) -> list[tuple[tuple[tuple[int, ...], ...], float]]:
    """Unit beads -> the smallest contiguous segment beads that contain them.

    `beads` hold unit indexes per document, in order; `owners[d][u]` is the
    segment of unit u of document d; `sizes[d]` the number of segments. The
    score of a segment bead is the lowest score of the unit beads inside it.
    """
    offset = [0]
    for size in sizes:
        offset.append(offset[-1] + size)
    parent = list(range(offset[-1]))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for bead in beads:
        nodes = [offset[d] + owners[d][u] for d, side in enumerate(bead) for u in side]
        for node in nodes[1:]:
            union(nodes[0], node)
    # A bead spans every segment between its first and last on each side (a stray
    # line inside a translated passage belongs to it): widen until nothing changes.
    changed = True
    while changed:
        changed = False
        for d, size in enumerate(sizes):
            first: dict[int, int] = {}
            last: dict[int, int] = {}
            for k in range(size):
                r = find(offset[d] + k)
                first.setdefault(r, k)
                last[r] = k
            for r, lo in first.items():
                for k in range(lo + 1, last[r]):
                    if find(offset[d] + k) != find(r):
                        union(offset[d] + k, r)
                        changed = True
    order: list[int] = []
    score: dict[int, float] = {}
    lone_score: dict[int, float] = {}
    for bead, s in zip(beads, scores, strict=True):
        root = next(find(offset[d] + owners[d][u]) for d, side in enumerate(bead) for u in side)
        if root not in score and root not in lone_score:
            order.append(root)
        # A lone sentence (1-0) inside a segment bead that is linked through its other
        # sentences says how sure its own 1-0 is, not whether the segment bead is right.
        into = lone_score if sum(1 for side in bead if len(side)) <= 1 else score
        into[root] = min(into.get(root, float(s)), float(s))
    for r in order:
        score.setdefault(r, lone_score.get(r, 1.0))
    members: dict[int, list[list[int]]] = {r: [[] for _ in sizes] for r in order}
    for d, size in enumerate(sizes):
        for k in range(size):
            members[find(offset[d] + k)][d].append(k)
    # Unit beads are monotone and groups contiguous: first appearance is document order.
    return [(tuple(tuple(side) for side in members[r]), score[r]) for r in order]
