"""Word tokens with spans, and the normalisation every language shares.

Hyphens split words ("Anti-Crisis", "премьер-министр"), so a term matches
whether a writer used a hyphen, a non-breaking hyphen (U+2011) or a space.
Apostrophes inside a word (Аб'яднаны, Аб’яднаны, Абʼяднаны) stay in it and
are unified to "'". A soft hyphen or a zero-width character inside a word
(U+00AD, U+200B-U+200D, U+2060, U+FEFF: left by CMSs and copy-paste) is part of
the word and dropped from its normalised form, so "Лату\u00adшка" is "Латушка"
while the span still covers the original characters. A word that mixes
Cyrillic and Latin letters ("Лaтушка" with a Latin a, "Беларусi" with a Latin
i) has its look-alike letters read in the word's main script (`fold_lookalikes`);
the checks report the mix (checks.py, term-spelling).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import regex

# ' ’ ʼ ` ´ ʻ, and what writers also type for one between two letters: ‘ ′ ʹ
APOSTROPHES = "'’ʼ`´\u02bb\u2018\u2032\u02b9"
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# An invisible character counts as part of a word only between two letters of it.
_IN = r"(?:[\p{L}\p{M}\p{N}]|[" + INVISIBLE + r"]+(?=[\p{L}\p{M}\p{N}]))"
_WORD_INVISIBLE = regex.compile(r"[\p{L}\p{N}]" + _IN + r"*(?:[" + APOSTROPHES + r"]["
                                + INVISIBLE + r"]*[\p{L}\p{M}]" + _IN + r"*)*")
# the usual text has no invisible characters: the simpler (faster) pattern
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[" + APOSTROPHES + r"][\p{L}\p{M}]+)*")
_HAS_INVISIBLE = re.compile("[" + INVISIBLE + "]")
_INVISIBLE_TABLE = {ord(c): None for c in INVISIBLE}
# Latin letters that look like Cyrillic ones, and back (upper and lower case).
_LAT = "aceopxyiAEOPCXKMHTBIk"
_CYR = "асеорхуіАЕОРСХКМНТВІк"
_TO_CYR = str.maketrans(_LAT, _CYR)
_TO_LAT = str.maketrans(_CYR, _LAT)
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_LATIN = regex.compile(r"\p{Latin}")
_APOS_TABLE = {ord(c): "'" for c in APOSTROPHES}
# Stress marks and other combining accents that writers add by hand.
_STRESS = regex.compile(r"[\u0300\u0301]")


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # the surface form, apostrophes unified, stress marks removed
    start: int
    end: int


def normalise_word(word: str, lookalikes: bool = True, invisible: bool = True) -> str:
    """NFC, one apostrophe, no stress marks, no invisible characters,
    look-alike letters in the word's main script; case kept."""
    if word.isascii():
        return word.replace("`", "'") if "`" in word else word
    if not unicodedata.is_normalized("NFC", word):
        word = unicodedata.normalize("NFC", word)
    word = word.translate(_APOS_TABLE)
    if invisible and _HAS_INVISIBLE.search(word):
        word = word.translate(_INVISIBLE_TABLE)
    if lookalikes and _ASCII_LETTER.search(word):  # only then can it mix scripts
        word = fold_lookalikes(word)
    if "\u0301" in word or "\u0300" in word:
        word = unicodedata.normalize("NFC", _STRESS.sub("", unicodedata.normalize("NFD", word)))
    return word


def mixed_script(word: str) -> bool:
    """Whether `word` has both Cyrillic and Latin letters."""
    return bool(_CYRILLIC.search(word)) and bool(_LATIN.search(word))


def fold_lookalikes(word: str) -> str:
    """A mixed-script word written in its main script (Cyrillic wins a tie: be/ru text)."""
    if not mixed_script(word):
        return word
    cyr = len(_CYRILLIC.findall(word))
    lat = len(_LATIN.findall(word))
    return word.translate(_TO_CYR if cyr >= lat else _TO_LAT)


def tokenize(text: str) -> list[Token]:
    """Words of `text` with their character spans in `text`."""
    invisible = _HAS_INVISIBLE.search(text) is not None
    pattern = _WORD_INVISIBLE if invisible else _WORD
    # a text without Latin letters has no mixed-script word to look at
    latin = _ASCII_LETTER.search(text) is not None
    return [Token(normalise_word(m.group(), latin, invisible), m.start(), m.end())
            for m in pattern.finditer(text)]


def words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def strip_endings(word: str, endings: tuple[str, ...], min_stem: int) -> set[str]:
    """Every stem left by removing one of `endings` (and the word itself)."""
    stems = {word}
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= min_stem:
            stems.add(word[: len(word) - len(ending)])
    return stems
