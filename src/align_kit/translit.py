"""A phonetic key that survives transliteration between Belarusian, Russian and Latin.

Names are written differently in every script and tradition: Лукашэнка /
Лукашенко / Lukashenko / Lukashenka, Ціханоўская / Тихановская /
Tsikhanouskaya / Tikhanovskaya. `phonetic_key` reduces each to the same
consonant skeleton ("lksnk", "txnsk"), so the aligner, the pairing stage and
the glossary can compare names across scripts. Vowels and the letters that
alternate with them (в/ў/v/w/u, й/j) are dropped; consonants that alternate
between the traditions share one class (Belarusian ц/дз from Russian т/д,
г as h or g, ш/щ/с).
"""

from __future__ import annotations

import unicodedata

# Latin digraphs first, longest first, so "shch" never becomes "s" + "ch". They map
# to the Cyrillic letter they spell, so the result is keyed once, by _CYRILLIC
# (Statkevich and Статкевич share a key).
_LATIN_DIGRAPHS = (
    ("shch", "щ"), ("sch", "ш"), ("tsch", "ч"), ("tch", "ч"), ("zh", "ж"), ("kh", "х"),
    ("ch", "ч"), ("ts", "ц"), ("tz", "ц"), ("dzh", "д"), ("dz", "д"), ("sh", "ш"),
    ("ck", "к"), ("ph", "ф"), ("gh", "г"), ("th", "т"),
)
_LATIN = {
    "b": "b", "c": "t", "d": "d", "f": "f", "g": "g", "h": "g", "k": "k", "l": "l",
    "m": "m", "n": "n", "p": "p", "q": "k", "r": "r", "s": "s", "t": "t", "x": "x",
    "z": "z",
}
_CYRILLIC_DIGRAPHS = (("дж", "d"), ("дз", "d"), ("кс", "x"))
_CYRILLIC = {
    "б": "b", "г": "g", "ґ": "g", "д": "d", "ж": "z", "з": "z", "к": "k", "л": "l",
    "м": "m", "н": "n", "п": "p", "р": "r", "с": "s", "т": "t", "ф": "f", "х": "x",
    "ц": "t", "ч": "c", "ш": "s", "щ": "s",
}


def _fold(word: str) -> str:
    """Lower case without diacritics (Łacinka ł/š/č become l/s/c)."""
    word = word.lower().replace("ł", "l")
    decomposed = unicodedata.normalize("NFD", word)
    # Keep the breve of ў and й: they are letters of their own in Cyrillic.
    out = []
    for ch in decomposed:
        if unicodedata.combining(ch) and out and out[-1] in "уи":
            out[-1] = unicodedata.normalize("NFC", out[-1] + ch)
        elif not unicodedata.combining(ch):
            out.append(ch)
    return "".join(out)


def phonetic_key(word: str) -> str:
    """The consonant skeleton of `word`, the same for its spellings across scripts."""
    text = _fold(word)
    for src, dst in _CYRILLIC_DIGRAPHS:
        text = text.replace(src, dst)
    for src, dst in _LATIN_DIGRAPHS:
        text = text.replace(src, dst)
    key: list[str] = []
    for ch in text:
        mapped = _CYRILLIC.get(ch) or _LATIN.get(ch)
        if mapped and (not key or key[-1] != mapped):
            key.append(mapped)
    return "".join(key)


def is_capitalised_name(token: str) -> bool:
    """A token that looks like a proper name: capital first letter, then lower case."""
    return len(token) > 1 and token[0].isupper() and token[1:].islower()
