"""English: case, possessive ('s, s'), regular plurals (-s, -es, -ies)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> frozenset[str]:
    """Keys under which an English word matches a term word (lower case)."""
    return frozenset({_stem(word.lower())})


def term_keys(word: str) -> frozenset[str]:
    return word_keys(word)


def case_key(word: str) -> str:
    """The case-preserving key, for case-sensitive terms such as PACE or EU."""
    stem = _stem(word.lower())
    return word[: len(stem)]


def _stem(w: str) -> str:
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("'"):
        w = w[:-1]
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w
