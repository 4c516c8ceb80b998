"""Sentence length (Gale & Church 1993): the aligner's DP applies it directly.

It has no features; its presence in the scorer list switches the length term
of the bead cost on, with the length ratio estimated per document pair.
"""

from __future__ import annotations

from align_kit.align.scorers import Features, PairContext


class LengthScorer:
    name = "length"

    def __init__(self, weight: float = 1.0) -> None:
        self.weight = weight

    def features(self, ctx: PairContext) -> tuple[Features, Features]:
        return [{} for _ in ctx.src], [{} for _ in ctx.tgt]
