"""Glossary entries as bilingual anchors: the same entry id found on both sides.

The glossary module supplies `term_matcher(text, lang) -> set of entry ids`;
without one this scorer gives no features.
"""

from __future__ import annotations

from align_kit.align.scorers import Features, PairContext


class GlossaryScorer:
    name = "glossary"

    def __init__(self, weight: float = 1.0) -> None:
        self.weight = weight

    def features(self, ctx: PairContext) -> tuple[Features, Features]:
        match = ctx.term_matcher
        if match is None:
            return [{} for _ in ctx.src], [{} for _ in ctx.tgt]

        def side(texts, lang):
            return [{"g:" + str(e): 1.0 for e in match(t, lang)} for t in texts]

        return side(ctx.src, ctx.src_lang), side(ctx.tgt, ctx.tgt_lang)
