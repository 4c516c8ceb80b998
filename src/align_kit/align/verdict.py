"""A verdict per document pair: are these translations of each other, and how much
of each side is left uncovered?

The evidence of a bead (the cosine of its two sides' feature vectors) is compared
with what misaligned pairs of the *same* documents give: the same beads with the
target side shifted by a fraction of the document. In a translation most beads beat
the best misaligned pairs; in two unrelated articles the search still finds beads
(it has to place every sentence), but their evidence is no better than chance.
On the sample gold, translations score 0.76-1.0, unrelated articles 0.17-0.33.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from align_kit.model import Notice

# Share of beads that must beat misaligned pairs for the documents to count as
# translations (between the 0.33 of unrelated and 0.76 of real pairs above).
RELATED_BELOW = 0.5
# Misaligned pairs: this quantile of their cosines is what a bead must beat.
BACKGROUND_QUANTILE = 0.95
# ... unless the beads' median cosine is at least this: short translations without
# shared words (NTREX seed 1 with no lexicon yet: >= 0.09) reach it, the sample's
# unrelated article pairs (<= 0.064) do not.
RELATED_FROM_COS = 0.08
# Fewer full beads than this: too little to judge; no verdict.
MIN_BEADS = 3
# A side with at least this share of its sentences unaligned is reported as partial.
PARTIAL_FROM = 0.2

Span = tuple[int, int, int, int]


def _shifted(beads: Sequence[Span], m: int) -> list[Span]:
    """The full beads with their target side moved by k*m/8 (k = 1..7), kept in range."""
    shifts = sorted({max(1, k * m // 8) for k in range(1, 8)} - {0, m})
    out = []
    for i0, i1, j0, j1 in beads:
        for s in shifts:
            j = (j0 + s) % m
            if j + (j1 - j0) <= m:
                out.append((i0, i1, j, j + (j1 - j0)))
    return out


def pair_verdict(pd, params, beads: Sequence[Span]) -> dict:
    """`score` (share of full beads whose evidence beats misaligned pairs, None when
    there are too few to judge), `related`, and the uncovered share of each side."""
    from align_kit.align.calibration import bead_cosines

    n, m = pd.n, pd.m
    full = [b for b in beads if b[1] > b[0] and b[3] > b[2]]
    src_null = sum(i1 - i0 for i0, i1, j0, j1 in beads if j1 == j0)
    tgt_null = sum(j1 - j0 for i0, i1, j0, j1 in beads if i1 == i0)
    out: dict = {"score": None, "related": True,
                 "uncovered_source": round(src_null / n, 4) if n else 0.0,
                 "uncovered_target": round(tgt_null / m, 4) if m else 0.0,
                 "uncovered_source_sentences": src_null,
                 "uncovered_target_sentences": tgt_null}
    if len(full) < MIN_BEADS or m < 2:
        return out
    cos = bead_cosines(pd, full)[0]
    shifted = _shifted(full, m)
    if not shifted:
        return out
    # In blocks: the misaligned pairs are 7 per bead, their span vectors on a book are
    # hundreds of MB at once (#16); a bead's cosine does not depend on its neighbours.
    background = np.concatenate([bead_cosines(pd, shifted[k:k + 30_000])[0]
                                 for k in range(0, len(shifted), 30_000)])
    threshold = float(np.quantile(background, BACKGROUND_QUANTILE))
    score = float((cos > threshold).mean())
    out["score"] = round(score, 4)
    out["related"] = score >= RELATED_BELOW or float(np.median(cos)) >= RELATED_FROM_COS
    return out


def damp_confidence(conf: Sequence[float], verdict: dict) -> list[float]:
    """Unrelated documents: no bead can be trusted more than the verdict's score
    (which is under 0.5), so the mean confidence is low too."""
    if verdict.get("related", True) or verdict.get("score") is None:
        return list(conf)
    return [float(c) * verdict["score"] for c in conf]


def verdict_notices(verdict: dict | None, src_name: str, tgt_name: str) -> list[Notice]:
    """What a person must hear about a pair: unrelated, or a side largely uncovered."""
    if not verdict:
        return []
    out = []
    if verdict.get("score") is not None and not verdict.get("related", True):
        out.append(Notice(
            code="not-translations",
            message=(f"{src_name} and {tgt_name} do not look like translations of each "
                     f"other (score {verdict['score']:.2f}: share of beads whose evidence "
                     f"beats misaligned pairs; translations score {RELATED_BELOW} or "
                     "more); bead confidences are lowered; check that the files belong "
                     "together"),
            path=src_name))
    for side, name in (("source", src_name), ("target", tgt_name)):
        share = verdict.get(f"uncovered_{side}", 0.0)
        if verdict.get("related", True) and share >= PARTIAL_FROM:
            k = verdict.get(f"uncovered_{side}_sentences", 0)
            out.append(Notice(
                code="partly-uncovered",
                message=(f"{share:.0%} of the sentences ({k}) have no counterpart in the "
                         "other file (a partial or abridged translation?); they are in "
                         "1-0/0-1 beads"),
                path=name))
    return out
