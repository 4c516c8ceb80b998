"""Russian word keys: pymorphy3 lemmas plus ending-stripped stems, and case agreement.

pymorphy3 knows the inflection of the dictionary words and guesses the rest;
the stems catch the names it guesses wrong (Тихановской, Латушко). ё is
written as е by most news sites, so both fold to е.
"""

from __future__ import annotations

from functools import lru_cache

from align_kit.glossary.text import strip_endings

ENDINGS = tuple(sorted({
    "а", "я", "у", "ю", "ы", "и", "е", "о", "ь", "й",
    "ом", "ем", "ём", "ам", "ям", "ой", "ей", "ёй", "ай", "яй", "ою", "ею", "ах", "ях",
    "ами", "ями", "ов", "ев", "ёв", "ью", "ие", "ия", "ий", "ию", "ием", "ии",
    "ая", "яя", "ое", "ее", "ые", "ого", "его", "ому", "ему", "ым", "им", "ую", "юю",
    "ых", "их", "ыми", "ими", "ый",
}, key=len, reverse=True))

_VOWELS = set("аеёиоуыэюя")
_CASES = {"gen2": "gent", "acc2": "accs", "loc2": "loct", "voct": "nomn"}

try:  # pymorphy3 is a declared dependency; without it the stems still work
    import pymorphy3

    _MORPH = pymorphy3.MorphAnalyzer()
except Exception:  # pragma: no cover - only where the dictionaries are missing
    _MORPH = None


def _fold(s: str) -> str:
    # і has no place in Russian: a Latin i (read as і) or a Belarusian і typed for и
    return s.replace("ё", "е").replace("і", "и") if "і" in s else s.replace("ё", "е")


@lru_cache(maxsize=200_000)
def _parses(word: str) -> tuple:
    if _MORPH is None:
        return ()
    return tuple(_MORPH.parse(word))


# Adjectival surnames in -ский keep their gender apart (Тихановская is not
# Тихановский); plural and ambiguous forms stay untagged and match either.
_GENDER = {"ая": "f", "ой": "f", "ую": "f", "ою": "f",
           "ий": "m", "ого": "m", "ому": "m", "ое": "m", "ом": "m"}


def _stems(w: str) -> set[str]:
    keys = set()
    for ending in ("", *ENDINGS):
        if not w.endswith(ending) or len(w) - len(ending) < 3:
            continue
        stem = w[: len(w) - len(ending)].rstrip("ь")
        if ending in _GENDER and stem.endswith(("ск", "цк")):
            stem += "~" + _GENDER[ending]
        keys.add(stem)
    return keys


def _lemmas(w: str) -> set[str]:
    """Lemmas of the dictionary readings that are not far-fetched (после is not посол)."""
    parses = [p for p in _parses(w) if _is_dictionary(p)]
    if not parses:
        return set()
    top = max(p.score for p in parses)
    out = set()
    for p in parses:
        if p.score < top * 0.05:
            continue
        lemma = "@" + _fold(p.normal_form)
        if "Surn" in p.tag and p.tag.gender:  # Колесникова is not Колесников
            lemma += "~" + p.tag.gender
        out.add(lemma)
    return out


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> frozenset[str]:
    """Keys of a word in a text: its lemmas if pymorphy3 knows it, else its stems."""
    w = _fold(word.lower())
    if len(w) <= 3:
        return frozenset({w})
    lemmas = _lemmas(w)
    if lemmas:
        return frozenset(lemmas | {w})
    return frozenset(_stems(w))


@lru_cache(maxsize=50_000)
def term_keys(word: str) -> frozenset[str]:
    """Keys of a term word: lemmas and stems, gendered stems also untagged."""
    w = _fold(word.lower())
    if len(w) <= 3:
        return frozenset({w})
    keys = _lemmas(w) | _stems(w)
    return frozenset(keys | {k.split("~")[0] for k in keys if not k.startswith("@")})


_IYA_ENDINGS = ("ия", "ии", "ию", "ией", "иям", "иями", "иях")


@lru_cache(maxsize=200_000)
def compatible(term_word: str, text_word: str) -> bool:
    """Беларусии (of the forbidden Беларусия) is not a form of Беларусь (Беларуси, -ью)."""
    t, x = term_word.lower(), text_word.lower()
    return not (t.endswith("ь") and x.endswith(_IYA_ENDINGS) and not t.endswith(_IYA_ENDINGS))


def case_key(word: str) -> str:
    stems = sorted(strip_endings(word.lower(), ENDINGS, 3), key=len)
    return word[: len(stems[0])]


# Prepositions that take only the prepositional case: after them a rare
# prepositional reading is the one ("о после" is about an ambassador).
_LOC_PREPOSITIONS = frozenset({"о", "об", "обо", "при"})
CONTEXT_WORDS = _LOC_PREPOSITIONS  # the words after which `context_keys` has anything


@lru_cache(maxsize=50_000)
def context_keys(previous: str, word: str) -> frozenset[str]:
    """Extra keys of `word` after `previous`: its prepositional noun readings after о/при."""
    if previous.lower() not in _LOC_PREPOSITIONS:
        return frozenset()
    out = set()
    for p in _parses(_fold(word.lower())):
        if _is_dictionary(p) and p.tag.POS == "NOUN" and p.tag.case in ("loct", "loc2"):
            out.add("@" + _fold(p.normal_form))
    return frozenset(out)


def _is_dictionary(parse) -> bool:
    return any(type(m[0]).__name__ == "DictionaryAnalyzer" for m in parse.methods_stack)


@lru_cache(maxsize=50_000)
def agreeing_prefix(term_words: tuple[str, ...]) -> int:
    """How many leading words of a term agree in case and number with its head.

    The adjectives and participles before the first noun, and that noun
    ("Объединённый переходный кабинет": 3; "Совет Европы": 1). 0 or 1 means
    there is nothing to check.
    """
    for i, word in enumerate(term_words):
        parses = _parses(_fold(word.lower()))
        if not parses:
            return 0
        pos = parses[0].tag.POS
        if pos in ("ADJF", "PRTF", "NUMR"):
            continue
        return i + 1 if pos == "NOUN" else 0
    return 0


def _case_number(word: str) -> set[tuple[str, str]] | None:
    """(case, number) readings of a text word; None when it cannot say (unknown, fixed)."""
    out: set[tuple[str, str]] = set()
    for p in _parses(_fold(word.lower())):
        if not _is_dictionary(p) or "Fixd" in p.tag:
            return None
        case, number = p.tag.case, p.tag.number
        if case and number:
            out.add((_CASES.get(case, case), number))
    return out or None


def agrees(words: list[str]) -> bool:
    """Whether some (case, number) reading is shared by all `words`."""
    common: set[tuple[str, str]] | None = None
    for word in words:
        readings = _case_number(word)
        if readings is None:
            continue
        common = readings if common is None else common & readings
        if not common:
            return False
    return True
