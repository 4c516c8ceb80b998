"""Belarusian word keys: its own rules, not a Russian stemmer.

A word matches a term word when they share a key. Keys are the stems left
after removing a case or number ending, then folded so the alternations of
declension and spelling meet:

- ў for у after a vowel (Упраўленне / ва Ўпраўленні), initial й for і
  (і / й after a vowel), apostrophes ' ’ ʼ as one;
- е / ё / э / я (stress moves: сяло / сёлы), о / а (akanye: полк / палка);
- the stem-final consonant of the locative and dative: рада / радзе,
  кабінет / кабінеце, Еўропа / Еўропе, рука / руцэ, нага / назе;
- ў / в at the end of a stem: Магілёў / Магілёва;
- a fleeting vowel: палітвязень / палітвязня, пасол / пасла;
- doubled consonants: Беларусь / Беларуссю;
- taraškievica (the classical spelling) onto the normative one: э for е
  (кабінэт, Эўропа), the soft sign of assimilated softness (Сьвятлана,
  палітвязьні), and л softened before a vowel (парлямэнт / парламент,
  Парлямэнцкай / Парламенцкай): ля, лё and ле fold to ла; ы for і after с
  and з in loanwords (фальсыфікацыя / фальсіфікацыя, сыстэма): сы, зы fold
  to сі, зі.

Hard and soft stems stay apart (`compatible`): Беларусь takes soft endings
(Беларусі), so беларусы / беларусаў (Belarusians) are not the country, and
the forbidden Беларусія is not matched by them either. Adjectival
surnames keep their gender (Ціханоўская / Ціханоўскі).
"""

from __future__ import annotations

from functools import lru_cache

from align_kit.glossary.text import strip_endings

ENDINGS = tuple(sorted({
    # nouns
    "а", "я", "у", "ю", "ы", "і", "е", "э", "о", "ё", "ь", "й", "ў",
    "ом", "ем", "ём", "эм", "ам", "ям", "ой", "ёй", "ей", "ай", "яй", "эй",
    "ою", "ёю", "аю", "яю", "ах", "ях", "амі", "ямі", "аў", "яў", "оў", "ёў", "еў", "эў",
    "ьмі", "мі", "ью", "ці",
    # adjectives, participles, pronoun-like endings
    "ая", "яя", "ае", "яе", "ое", "ыя", "ія", "ага", "яга", "ога", "аму", "яму", "ому",
    "ым", "ім", "ую", "юю", "ых", "іх", "ымі", "імі",
}, key=len, reverse=True))

_FOLD = str.maketrans({"ў": "у", "ё": "е", "э": "е", "я": "е", "о": "а", "ю": "у",
                       "ь": "", "'": ""})
# Stem-final consonants that alternate before -е/-э/-і: map each class to one letter.
_FINAL = (("дз", "д"), ("ц", "т"), ("к", "т"), ("з", "г"), ("ж", "г"), ("с", "х"), ("ш", "х"))
_VOWELS = set("аеёіоуыэюяў")
# Which stems an ending follows: hard (пасла), soft (палітвязня) or both.
_HARDNESS = {e: "h" for e in ("а", "у", "ы", "ом", "ам", "амі", "ах", "аў", "оў", "ой", "ай")}
_HARDNESS.update({e: "s" for e in ("я", "ю", "і", "ем", "ём", "ям", "ямі", "ях", "яў", "ёў",
                                  "ёй", "яй", "ей", "ія")})
_HARDNESS.update({"е": "hs", "э": "h"})


def _fold(stem: str) -> str:
    if stem.startswith("й"):
        stem = "і" + stem[1:]
    stem = stem.translate(_FOLD)
    if "ле" in stem:  # taraškievica парлямэнт = парламент (я, ё, э already folded to е)
        stem = stem.replace("ле", "ла")
    if "сы" in stem or "зы" in stem:  # taraškievica фальсыфікацыя = фальсіфікацыя
        stem = stem.replace("сы", "сі").replace("зы", "зі")
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "аеыу":
        stem = stem[:-1]  # Беларуссю, упраўленне
    for src, dst in _FINAL:
        if stem.endswith(src):
            stem = stem[: -len(src)] + dst
            break
    return stem


# Adjectival surnames and adjectives in -скі / -цкі keep their gender apart
# (Ціханоўская is not Ціханоўскі): such a stem gets a gender tag; the plural
# and the ambiguous -ім forms stay untagged and match either gender.
_GENDER = {"ая": "f", "ай": "f", "ую": "f", "аю": "f", "ой": "f",
           "і": "m", "ага": "m", "аму": "m", "ае": "m"}


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> frozenset[str]:
    """Keys for a Belarusian word in a text (any case, any apostrophe)."""
    w = word.lower()
    if w.startswith("ў"):
        w = "у" + w[1:]
    if len(w) <= 3:
        return frozenset({_fold(w)})
    keys = set()
    for ending in ("", *ENDINGS):
        if not w.endswith(ending) or len(w) - len(ending) < 3:
            continue
        stem = w[: len(w) - len(ending)]
        whole = ending == "" or ending in ("ь", "'")
        stem = stem.rstrip("ь'")
        key = _fold(stem)
        if whole and w.endswith("ь"):
            # a soft-sign noun (Беларусь, Гомель) takes soft endings only:
            # Беларусі, Беларуссю, but not беларусы, беларусаў (Belarusians)
            key += "#s"
        if ending in _GENDER and stem.endswith(("ск", "цк")):
            key += "~" + _GENDER[ending]
        keys.add(key)
        if len(stem) >= 4 and stem[-1] == "в" and stem[-2] in _VOWELS:
            keys.add(_fold(stem[:-1]))  # Магілёў / Магілёва, Львоў / Львова
        # A fleeting vowel (палітвязень / палітвязня, пасол / пасла) is matched through
        # a key that also records whether the stem is soft or hard, so that пасол
        # (hard: пасла, паслы) never meets пасля ("after").
        if whole and len(stem) >= 4 and stem[-2] in "еоёэ" and stem[-1] not in _VOWELS \
                and stem[-3] not in _VOWELS:
            keys.add(_fold(stem[:-2] + stem[-1]) + ("#s" if w.endswith("ь") else "#h"))
        elif not whole:
            for hardness in _HARDNESS.get(ending, ""):
                keys.add(_fold(stem) + "#" + hardness)
    return frozenset(k for k in keys if len(k) >= 2)


@lru_cache(maxsize=50_000)
def term_keys(word: str) -> frozenset[str]:
    """Keys for a word of a glossary term: its gendered stems also match untagged forms."""
    keys = word_keys(word)
    return keys | {k.split("~")[0] for k in keys}


def _hardness(word: str) -> str | None:
    """'h' (рада, кабінет), 's' (Беларусь, Вільня) or None (adjectives, -е, unknown)."""
    w = word.lower()
    if w.endswith("ь"):
        return "s"
    if w.endswith("ў"):  # Магілёў (a bare stem) or кабінетаў (genitive plural): cannot say
        return None
    for ending in ENDINGS:  # the longest ending decides
        if not w.endswith(ending) or len(w) - len(ending) < 3:
            continue
        kind = _HARDNESS.get(ending, "")
        if len(kind) != 1:
            return None
        # after г, к, х Belarusian writes і where other stems have ы (Латушкі)
        if kind == "s" and ending[0] in "іяю" and w[-len(ending) - 1] in "гкх":
            return None
        return kind
    return "h" if w[-1:] not in _VOWELS else None


@lru_cache(maxsize=200_000)
def compatible(term_word: str, text_word: str) -> bool:
    """A soft-stem noun (Беларусія) is not a hard one (беларусы): their endings tell."""
    a, b = _hardness(term_word), _hardness(text_word)
    return a is None or b is None or a == b


def case_key(word: str) -> str:
    w = word.lower()
    stems = sorted(strip_endings(w, ENDINGS, 3), key=len)
    return word[: len(stems[0])]
