"""Public entry points: `align_lines` (one segment per line) and `align_documents`."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from align_kit import __version__
from align_kit.align.core import align_segments
from align_kit.align.dp import DEFAULT_MAX_BEAD
from align_kit.errors import InputError
from align_kit.model import Alignment, Bead, Document


def _beads(spans, conf) -> list[Bead]:
    return [
        Bead(indexes=(tuple(range(i0, i1)), tuple(range(j0, j1))), score=round(float(c), 4))
        for (i0, i1, j0, j1), c in zip(spans, conf, strict=True)
    ]


def align_lines(
    src: Sequence[str],
    tgt: Sequence[str],
    src_lang: str,
    tgt_lang: str,
    *,
    max_bead: int = DEFAULT_MAX_BEAD,
    scorers=None,
    term_matcher: Callable[[str, str], set[str]] | None = None,
    translate: Callable[[Sequence[str]], list[str]] | None = None,
    translations: Sequence[str] | None = None,
    lexicon: dict[str, set[str]] | None = None,
) -> list[Bead]:
    """Align two lists of segments (lines); every line lands in exactly one bead, in order.

    A line may hold several sentences: they are aligned one by one and the lines
    regrouped into the smallest beads that contain those links.
    `Bead.score` is a calibrated confidence that the bead is exactly right.
    """
    spans, conf, _ = align_segments(
        src, tgt, src_lang, tgt_lang, max_bead=max_bead, scorers=scorers,
        term_matcher=term_matcher, translate=translate, translations=translations,
        lexicon=lexicon,
    )
    return _beads(spans, conf)


def align_documents(
    documents: Sequence[Document],
    *,
    max_bead: int = DEFAULT_MAX_BEAD,
    scorers=None,
    term_matcher: Callable[[str, str], set[str]] | None = None,
    translate: Callable[[Sequence[str]], list[str]] | None = None,
    translations: Sequence[str] | None = None,
    original: str | None = None,
    fixed: Sequence[Bead] = (),
) -> Alignment:
    """Align the segments of 2 or 3 documents into one set of beads.

    With three documents every segment of every document belongs to exactly one
    tri-lingual bead. `translate` / `translations` translate the first document
    into the language of the second. `fixed` beads (a reviewer's) are kept as they
    are, flags and scores too; only the segments between them are aligned.
    """
    documents = tuple(documents)
    if len(documents) not in (2, 3):
        raise InputError(f"align 2 or 3 documents, not {len(documents)}")
    for doc in documents:
        if not isinstance(doc, Document):
            raise InputError(f"expected a Document, got {type(doc).__name__}")
    texts = [[s.text for s in d.segments] for d in documents]
    langs = [d.language for d in documents]
    opts = dict(max_bead=max_bead, scorers=scorers, term_matcher=term_matcher,
                translate=translate, translations=translations)
    if fixed:
        from align_kit.align.fixed import align_around

        infos: list[dict] = []

        def align_gap(sides: list[int], gap: list[list[str]], starts: list[int]) -> list[Bead]:
            gap_opts = dict(opts)
            if translations is not None and sides[0] == 0 and 1 in sides:
                gap_opts["translations"] = list(translations)[starts[0]:starts[0] + len(gap[0])]
            elif translations is not None:
                gap_opts["translations"] = None  # they translate document 0 into document 1
            if len(sides) == 2:
                spans, conf, gap_info = align_segments(gap[0], gap[1], langs[sides[0]],
                                                       langs[sides[1]], **gap_opts)
                infos.append(gap_info)
                return _beads(spans, conf)
            from align_kit.align.multiway import align_three_segments

            gap_beads, gap_info = align_three_segments(gap, [langs[k] for k in sides], **gap_opts)
            infos.append(gap_info)
            return list(gap_beads)

        beads = align_around(texts, fixed, align_gap)
        info = infos[0] if infos else {"scorers": []}
    elif len(documents) == 2:
        spans, conf, info = align_segments(texts[0], texts[1], langs[0], langs[1], **opts)
        beads = _beads(spans, conf)
    else:
        from align_kit.align.multiway import align_three_segments

        beads, info = align_three_segments(texts, langs, **opts)
    params = {"max_bead": max_bead, "scorers": list(info.get("scorers", [])),
              "version": __version__, "aligner": "align-kit"}
    # The pair's verdict (`align.verdict`), shared by `align` and `run`.
    if len(documents) == 2 and info.get("verdict") is not None:
        params["verdict"] = dict(info["verdict"])
    return Alignment(documents=documents, beads=tuple(beads),
                     original=original or documents[0].language, parameters=params)
