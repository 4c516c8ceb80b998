"""Similarity scorers for the aligner, one small file each, chosen by name.

A scorer turns the sentences of both sides into sparse feature counts in a
space shared by the two languages (a number, a name's phonetic key, a
glossary entry id, a character n-gram of a translation ...). The aligner
weights every feature by its rarity in the document pair, sums the vectors of
the sentences a bead groups, and compares the two sides of a bead by cosine,
so a scorer only says *what* survives translation, never how to align.

The length scorer (Gale-Church) is different in kind and lives in the cost of
the dynamic programme itself; it is listed here so it is chosen by name too.

    from align_kit.align.scorers import get_scorer, SCORERS
    get_scorer("anchors").features(ctx)   # -> (src features, tgt features)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from align_kit.errors import InputError

Features = list[dict[str, float]]


@dataclass
class PairContext:
    """Everything a scorer may look at for one pair of documents."""

    src: Sequence[str]
    tgt: Sequence[str]
    src_lang: str
    tgt_lang: str
    term_matcher: Callable[[str, str], set[str]] | None = None
    translations: Sequence[str] | None = None
    # Translations of merged source neighbours: span size -> one string per start.
    span_translations: dict[int, Sequence[str]] = field(default_factory=dict)
    lexicon: dict[str, set[str]] | None = None  # source word key -> target word keys


@runtime_checkable
class Scorer(Protocol):
    name: str
    weight: float

    def features(self, ctx: PairContext) -> tuple[Features, Features]:
        """One feature-count dict per sentence of each side."""
        ...


class SpanScorer(Scorer, Protocol):
    """A scorer whose merged source spans are not the sum of their sentences."""

    def span_features(self, ctx: PairContext, size: int) -> Features | None: ...


def _registry() -> dict[str, type]:
    from align_kit.align.scorers.anchors import AnchorScorer
    from align_kit.align.scorers.cognates import CognateScorer
    from align_kit.align.scorers.glossary import GlossaryScorer
    from align_kit.align.scorers.length import LengthScorer
    from align_kit.align.scorers.lexicon import LexiconScorer
    from align_kit.align.scorers.names import NameScorer
    from align_kit.align.scorers.translation import TranslationScorer

    return {
        cls.name: cls
        for cls in (
            LengthScorer,
            AnchorScorer,
            NameScorer,
            CognateScorer,
            GlossaryScorer,
            LexiconScorer,
            TranslationScorer,
        )
    }


SCORERS = ("length", "anchors", "names", "cognates", "glossary", "lexicon", "translation")
DEFAULT_SCORERS = ("length", "anchors", "names", "cognates", "glossary", "lexicon", "translation")


def get_scorer(name: str, **options) -> Scorer:
    """The scorer called `name` (see SCORERS), built with `options`."""
    registry = _registry()
    if name not in registry:
        raise InputError(
            f"unknown scorer {name!r}", hint=f"choose from {', '.join(sorted(registry))}"
        )
    return registry[name](**options)


def resolve_scorers(scorers: Sequence[str | Scorer] | str | None) -> list[Scorer]:
    """Names or scorer objects (or a comma-separated string) -> scorer objects."""
    if scorers is None:
        scorers = DEFAULT_SCORERS
    if isinstance(scorers, str):
        scorers = [s.strip() for s in scorers.split(",") if s.strip()]
    out: list[Scorer] = []
    for item in scorers:
        out.append(get_scorer(item) if isinstance(item, str) else item)
    return out
