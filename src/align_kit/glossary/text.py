"""Word tokens with spans, and the normalisation every language shares.

Hyphens split words ("Anti-Crisis", "премьер-министр"), so a term matches
whether a writer used a hyphen, a non-breaking hyphen (U+2011) or a space.
Apostrophes inside a word (Аб'яднаны, Аб’яднаны, Абʼяднаны) stay in it and
are unified to "'".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

APOSTROPHES = "'’ʼ`´\u02bb"
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[" + APOSTROPHES + r"][\p{L}\p{M}]+)*")
_APOS_TABLE = {ord(c): "'" for c in APOSTROPHES}
# Stress marks and other combining accents that writers add by hand.
_STRESS = regex.compile(r"[\u0300\u0301]")


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # the surface form, apostrophes unified, stress marks removed
    start: int
    end: int


def normalise_word(word: str) -> str:
    """NFC, one apostrophe, no stress marks; case kept."""
    if word.isascii():
        return word.replace("`", "'") if "`" in word else word
    if not unicodedata.is_normalized("NFC", word):
        word = unicodedata.normalize("NFC", word)
    word = word.translate(_APOS_TABLE)
    if "\u0301" in word or "\u0300" in word:
        word = unicodedata.normalize("NFC", _STRESS.sub("", unicodedata.normalize("NFD", word)))
    return word


def tokenize(text: str) -> list[Token]:
    """Words of `text` with their character spans in `text`."""
    return [Token(normalise_word(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def strip_endings(word: str, endings: tuple[str, ...], min_stem: int) -> set[str]:
    """Every stem left by removing one of `endings` (and the word itself)."""
    stems = {word}
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= min_stem:
            stems.add(word[: len(word) - len(ending)])
    return stems
