"""Machine-translation drafts for the empty sides of an alignment's beads.

A bead with nothing on one side (an omission or an insertion) gets a draft
in that language, translated from a side that has text, so the translator
starts from something; the bead is flagged "mt" and exporters mark the
draft as machine translation (a TMX prop, a fuzzy PO entry with a comment).
"""

from __future__ import annotations

import dataclasses

from align_kit.errors import InputError
from align_kit.model import Alignment, Bead
from align_kit.mt.translator import Translator


def _source_side(alignment: Alignment, bead: Bead, sources: tuple[str, ...]) -> int | None:
    """The side to translate from: the original's if it has text, else the first usable one."""
    languages = alignment.languages
    order = sorted(range(len(languages)),
                   key=lambda k: (languages[k] != alignment.original, k))
    for k in order:
        if bead.indexes[k] and languages[k] in sources:
            return k
    return None


def draft_missing_translations(alignment: Alignment, translator: Translator, *,
                               overwrite: bool = False) -> Alignment:
    """`alignment` with MT drafts (Bead.drafts[lang], flag "mt") for sides left empty.

    Only sides in a language the model translates into, from a side in a
    language it translates from, are drafted; each target language is one
    batched `translate` call. Existing drafts stay unless `overwrite`.
    """
    languages = alignment.languages
    sources = translator.source_languages
    wanted = {k for bead in alignment.beads for k, side in enumerate(bead.indexes)
              if not side and any(bead.indexes)}
    wanted_languages = {languages[k] for k in wanted}
    served = wanted_languages & set(translator.target_languages)
    if wanted_languages and not served:
        raise InputError(
            f"model {translator.info.name} translates into "
            f"{', '.join(translator.target_languages)}; the empty sides are "
            f"{', '.join(sorted(wanted_languages))}",
            path=str(translator.info.path), hint="use a model into one of those languages")
    jobs: dict[str, list[tuple[int, str]]] = {}  # target language -> (bead, source text)
    for b, bead in enumerate(alignment.beads):
        texts = alignment.texts(bead)
        for k, side in enumerate(bead.indexes):
            lang = languages[k]
            if side or lang not in served or (lang in bead.drafts and not overwrite):
                continue
            source = _source_side(alignment, bead, sources)
            if source is not None and source != k:
                jobs.setdefault(lang, []).append((b, texts[source]))
    if not jobs:
        return alignment
    drafts: dict[int, dict[str, str]] = {}
    for lang, items in jobs.items():
        translations = translator.translate([text for _, text in items], target_lang=lang)
        for (b, _), translation in zip(items, translations, strict=True):
            drafts.setdefault(b, {})[lang] = translation
    beads = tuple(
        dataclasses.replace(bead, drafts={**bead.drafts, **drafts[b]},
                            flags=bead.flags | {"mt"}) if b in drafts else bead
        for b, bead in enumerate(alignment.beads))
    parameters = {**alignment.parameters, "mt_model": translator.info.name,
                  "mt_model_checksum": translator.info.checksum}
    return dataclasses.replace(alignment, beads=beads, parameters=parameters)
