"""Why a bead scored as it did, in words, from the scorers' own evidence.

Numbers (anchors.py) and names (names.py) found on each side, matched or
missing, an empty side, and the bead's length ratio against the document's
typical one. Pure: an `Alignment` and a bead index in, short sentences out.
"""

from __future__ import annotations

import statistics

from align_kit.align.scorers._text import words
from align_kit.align.scorers.anchors import anchor_features
from align_kit.align.scorers.names import name_features, name_key
from align_kit.model import Alignment

LANGUAGE_NAMES = {"be": "Belarusian", "ru": "Russian", "en": "English", "uk": "Ukrainian",
                  "pl": "Polish", "de": "German", "lt": "Lithuanian"}


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def _names(text: str, lang: str) -> dict[str, str]:
    """Name key -> the word as written (the scorer's keys, a person's spelling)."""
    keys = set(name_features(text, lang))
    shown: dict[str, str] = {}
    for word in words(text):
        key = "N:" + name_key(word)
        if key in keys and key not in shown:
            shown[key] = word
    return shown


def _numbers(text: str, lang: str) -> dict[str, str]:
    return {k: k[2:] for k in anchor_features(text, lang) if k.startswith("n:")}


# The median ratio is per alignment: computed once, not once per bead (a report explains
# every low bead). Keyed by identity, holding the alignment so the id cannot be reused.
_TYPICAL: dict[tuple[int, int, int], tuple[Alignment, float | None]] = {}


def _typical_ratio(alignment: Alignment, a: int, b: int) -> float | None:
    key = (id(alignment), a, b)
    hit = _TYPICAL.get(key)
    if hit is not None and hit[0] is alignment:
        return hit[1]
    if len(_TYPICAL) > 64:
        _TYPICAL.clear()
    value = _median_ratio(alignment, a, b)
    _TYPICAL[key] = (alignment, value)
    return value


def _median_ratio(alignment: Alignment, a: int, b: int) -> float | None:
    ratios = []
    for bead in alignment.beads:
        ta, tb = (" ".join(alignment.documents[k].segments[i].text for i in bead.indexes[k])
                  for k in (a, b))
        if ta and tb:
            ratios.append(len(tb) / len(ta))
    return statistics.median(ratios) if ratios else None


def explain_bead(alignment: Alignment, index: int) -> list[str]:
    """Short sentences saying what speaks for and against bead `index`."""
    bead = alignment.beads[index]
    langs = [d.language for d in alignment.documents]
    texts = [" ".join(alignment.documents[k].segments[i].text for i in side
                      if 0 <= i < len(alignment.documents[k].segments))
             for k, side in enumerate(bead.indexes)]
    present = [k for k, t in enumerate(texts) if t]
    out: list[str] = []
    for k, text in enumerate(texts):
        if not text and present:
            out.append(f"nothing on the {language_name(langs[k])} side: omission?")
    if len(present) < 2:
        return out
    for label, extract in (("numbers", _numbers), ("names", _names)):
        found = {k: extract(texts[k], langs[k]) for k in present}
        shared = set.intersection(*(set(v) for v in found.values()))
        if shared:
            first = found[present[0]]
            out.append(f"{label} on every side: " + ", ".join(sorted(first[x] for x in shared)))
        for k in present:
            alone = [found[k][x] for x in found[k] if x not in shared]
            if alone:
                out.append(f"{label} only in {language_name(langs[k])}: " + ", ".join(alone))
    base = present[0]
    for k in present[1:]:
        typical = _typical_ratio(alignment, base, k)
        ratio = len(texts[k]) / len(texts[base])
        if typical and not 1 / 1.5 <= ratio / typical <= 1.5:
            out.append(f"{language_name(langs[k])} is {ratio:.1f}x as long as "
                       f"{language_name(langs[base])} (typical here {typical:.1f}x)")
    return out
