"""Alignment around fixed beads: reviewed beads stay as they are, the rest is aligned between.

`align_around(texts, langs, fixed, align)` places each fixed bead as given and hands the
segments between two consecutive fixed beads (in every language) to `align`, the normal
2- or 3-way aligner, shifting its indexes back. Every segment ends in exactly one bead, in
order; the fixed beads keep their flags and scores.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from align_kit.errors import InputError
from align_kit.model import Bead

# align(which sides, their texts, each slice's start) -> beads indexing into those texts
Aligner = Callable[[list[int], list[list[str]], list[int]], list[Bead]]


def check_fixed(lengths: Sequence[int], fixed: Sequence[Bead]) -> list[Bead]:
    """`fixed` in order, after checking each side is contiguous, in range, and after the last."""
    ordered = sorted(fixed, key=lambda b: tuple(min(s) if s else -1 for s in b.indexes))
    ends = [0] * len(lengths)
    for bead in ordered:
        if len(bead.indexes) != len(lengths):
            raise InputError(f"a fixed bead has {len(bead.indexes)} sides, the alignment "
                             f"{len(lengths)}")
        if not any(bead.indexes):
            raise InputError("a fixed bead has no segment in any language")
        for k, side in enumerate(bead.indexes):
            if not side:
                continue
            if list(side) != list(range(side[0], side[0] + len(side))):
                raise InputError(f"a fixed bead's side {k} is not contiguous: {list(side)}")
            if side[0] < ends[k] or side[-1] >= lengths[k]:
                raise InputError(f"fixed beads overlap or leave the document on side {k}")
            ends[k] = side[-1] + 1
    return ordered


def _gap_beads(texts: list[list[str]], starts: list[int], align: Aligner) -> list[Bead]:
    """Beads for one gap: the normal aligner over the languages that have segments in it."""
    present = [k for k, t in enumerate(texts) if t]
    n = len(texts)
    if not present:
        return []
    if len(present) == 1:  # only one language has text here: each segment stands alone
        k = present[0]
        return [Bead(tuple((starts[k] + i,) if m == k else () for m in range(n)), score=0.0)
                for i in range(len(texts[k]))]
    sub = align(present, [texts[k] for k in present], [starts[k] for k in present])
    beads = []
    for bead in sub:
        sides: list[tuple[int, ...]] = [()] * n
        for pos, k in enumerate(present):
            sides[k] = tuple(starts[k] + i for i in bead.indexes[pos])
        beads.append(Bead(tuple(sides), bead.score, bead.flags, bead.drafts))
    return beads


def align_around(texts: Sequence[Sequence[str]], fixed: Sequence[Bead],
                 align: Aligner) -> list[Bead]:
    """All beads: `fixed` where given, `align` on each stretch between them."""
    lengths = [len(t) for t in texts]
    ordered = check_fixed(lengths, fixed)
    beads: list[Bead] = []
    pos = [0] * len(texts)
    for bead in [*ordered, None]:
        # The gap ends where this fixed bead starts, language by language (an empty side
        # sits where the segments before it end, so the gap there runs to the next one).
        if bead is None:
            stop = lengths
        else:
            stop = [side[0] if side else _next_start(ordered, bead, k, lengths[k])
                    for k, side in enumerate(bead.indexes)]
        stop = [max(p, s) for p, s in zip(pos, stop, strict=True)]
        gap = [list(texts[k][pos[k]:stop[k]]) for k in range(len(texts))]
        beads += _gap_beads(gap, list(pos), align)
        if bead is None:
            break
        beads.append(bead)
        pos = [side[-1] + 1 if side else stop[k] for k, side in enumerate(bead.indexes)]
    _check_cover(beads, lengths)
    return beads


def _next_start(ordered: list[Bead], bead: Bead, k: int, length: int) -> int:
    """Where side `k` resumes after `bead` (which has nothing in `k`): the next fixed side."""
    after = ordered[ordered.index(bead) + 1:]
    return next((b.indexes[k][0] for b in after if b.indexes[k]), length)


def _check_cover(beads: list[Bead], lengths: list[int]) -> None:
    # Why: a fixed bead in a wrong place must fail loudly, never lose or repeat a sentence.
    for k, length in enumerate(lengths):
        used = [i for b in beads for i in b.indexes[k]]
        if used != list(range(length)):
            raise InputError(f"fixed beads do not cover side {k} exactly once, in order")
