"""Suggestions in the case and number of the hit: "Каардынацыйнага савета" -> "Каардынацыйнай рады".

A forbidden variant found in the text is replaced by the approved term in the
same case and number, so the reviewer can paste it:

1. the case and number of the hit: Russian from pymorphy3's readings of the
   hit's agreeing words (adjectives and head noun), Belarusian by declining
   the forbidden term with the paradigms of `lang_be_paradigm` and seeing
   which forms are the words written; a preposition just before the hit
   narrows the choice ("з Каардынацыйным саветам": instrumental, not dative
   plural);
2. the approved term in that case and number, by the same means.

Where the case cannot be told or the approved term has no reliable form
there, the suggestion says so and names the nominative: never a silent guess.
Where two readings stay (Belarusian -ам is instrumental singular and dative
plural), the preferred one (singular, then the order of `_ORDER`) comes first
and the other is named.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from align_kit.glossary import lang_be_paradigm as be
from align_kit.glossary.text import words

Cell = tuple[str, str]  # (case, number): nom gen dat acc ins loc; sg pl
CASES = ("nom", "gen", "dat", "acc", "ins", "loc")
_ORDER = {c: i for i, c in enumerate(("nom", "gen", "loc", "dat", "ins", "acc"))}
_NAMES = {"nom": "nominative", "gen": "genitive", "dat": "dative", "acc": "accusative",
          "ins": "instrumental", "loc": "locative", "sg": "singular", "pl": "plural"}

# Which cases a preposition just before the hit allows, the usual one first
# ("з" + instrumental "with", before "з" + genitive "from").
_PREPOSITIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "be": {p: tuple(c.split()) for p, c in {
        "аб": "loc acc", "пры": "loc", "у": "loc acc gen", "ў": "loc acc gen", "ва": "loc acc",
        "на": "loc acc", "па": "loc dat acc", "пра": "acc", "праз": "acc", "за": "acc ins gen",
        "пад": "acc ins", "да": "gen", "ад": "gen", "без": "gen", "для": "gen", "каля": "gen",
        "ля": "gen", "з": "ins gen acc", "са": "ins gen acc", "сярод": "gen", "пасля": "gen",
        "супраць": "gen", "замест": "gen", "акрамя": "gen", "вакол": "gen", "дзеля": "gen",
        "к": "dat", "насустрач": "dat", "дзякуючы": "dat", "над": "ins", "перад": "ins",
        "паміж": "ins gen", "ад'": "gen"}.items()},
    "ru": {p: tuple(c.split()) for p, c in {
        "о": "loc", "об": "loc", "обо": "loc", "при": "loc", "в": "loc acc", "во": "loc acc",
        "на": "loc acc", "про": "acc", "через": "acc", "за": "acc ins", "под": "acc ins",
        "сквозь": "acc", "до": "gen", "от": "gen", "без": "gen", "для": "gen", "около": "gen",
        "из": "gen", "у": "gen", "после": "gen", "против": "gen", "вместо": "gen",
        "кроме": "gen", "среди": "gen", "возле": "gen", "вокруг": "gen", "с": "ins gen acc",
        "со": "ins gen acc", "к": "dat", "ко": "dat", "по": "dat loc acc",
        "благодаря": "dat", "согласно": "dat", "над": "ins", "перед": "ins",
        "между": "ins gen"}.items()},
}


@dataclass(frozen=True, slots=True)
class Suggestion:
    cells: tuple[Cell, ...]  # the hit's readings, preferred first; () when unknown
    forms: tuple[tuple[str, ...], ...]  # per cell: the approved terms in it
    nominative: tuple[str, ...]  # the approved terms as in the glossary
    known: bool  # whether a case form could be given
    # per form: every reading that gives it ("праваабаронцы": genitive sg or nominative pl)
    readings: tuple[tuple[Cell, ...], ...] = ()

    @property
    def best(self) -> tuple[str, ...]:
        return self.forms[0] if self.known else self.nominative


def suggest(forbidden: str, hit: str, approved: tuple[str, ...], lang: str,
            before: str = "", person: bool = False) -> Suggestion:
    """The approved terms in the case and number of `hit` (a form of `forbidden`).

    `before`: the text before the hit in its sentence (its last word may be a preposition);
    `person`: the entry names a person (every word of "Павел Латушка" declines).
    """
    before_words = words(before[-40:])
    prev = before_words[-1].lower() if before_words else ""
    return _suggest(forbidden, hit, tuple(approved), lang, prev, person)


@lru_cache(maxsize=20_000)
def _suggest(forbidden: str, hit: str, approved: tuple[str, ...], lang: str,
             prev: str, person: bool) -> Suggestion:
    nominative = tuple(approved)
    if lang not in ("be", "ru") or not approved:
        return Suggestion((), (), nominative, lang not in ("be", "ru"))
    cells = _hit_cells(forbidden, hit, lang, person)
    if not cells:
        return Suggestion((), (), nominative, False)
    allowed = _PREPOSITIONS[lang].get(prev)
    if allowed and any(c in allowed for c, _ in cells):
        cells = sorted({cell for cell in cells if cell[0] in allowed},
                       key=lambda c: (allowed.index(c[0]), c[1] != "sg"))
    else:
        cells = sorted(set(cells), key=lambda c: (c[1] != "sg", _ORDER[c[0]]))
    # the approved terms of the hit's length first: "Ціханоўскай" for "Ціхановскай", not
    # also "Святланай Ціханоўскай"
    n_words = len(words(hit))
    same_length = tuple(t for t in approved if len(words(t)) == n_words)
    targets = same_length or approved
    out_cells: list[tuple[Cell, ...]] = []
    out_forms: list[tuple[str, ...]] = []
    for cell in cells:
        forms = tuple(_inflect(term, cell, lang, person) for term in targets)
        if any(f is None for f in forms):
            continue
        if hit[:1].isupper():  # at the start of a sentence: "Праваабаронцы заявілі"
            forms = tuple(f[:1].upper() + f[1:] for f in forms)  # type: ignore[index]
        if forms in out_forms:  # another reading with the same forms: named with it
            k = out_forms.index(forms)
            out_cells[k] = (*out_cells[k], cell)
            continue
        out_cells.append((cell,))
        out_forms.append(forms)  # type: ignore[arg-type]
    if not out_cells:
        return Suggestion(tuple(cells), (), nominative, False)
    return Suggestion(tuple(c[0] for c in out_cells), tuple(out_forms), nominative, True,
                      tuple(out_cells))


def suggestion(match, approved, lang: str, before: str = "",
               person: bool = False) -> tuple[str, tuple[str, ...]]:
    """The "; use ..." part of a forbidden-term message ("" when nothing is approved), and
    the approved terms to write there (in the case of the hit where it is known)."""
    texts = tuple(t.text for t in approved)
    if not texts:
        return "", ()
    plain = f"; use {' / '.join(texts)!r}"
    if lang not in ("be", "ru"):
        return plain, texts
    s = suggest(match.term.text, match.text, texts, lang, before, person)
    if not s.known:
        return f"; use {' / '.join(texts)!r} (in the nominative; case form unknown)", texts
    if s.forms[0] == s.nominative and len(s.cells) == 1:
        return plain, texts
    text = f"; use {' / '.join(s.forms[0])!r} ({_cells_name(s.readings[0])}, as in the text"
    for cells, forms in zip(s.readings[1:], s.forms[1:], strict=True):
        text += f"; or {' / '.join(forms)!r} if {_cells_name(cells)}"
    if s.cells[0] == ("nom", "sg"):  # the glossary's own forms come first: all of them
        return text + ")", texts
    text += f"; nominative {' / '.join(s.nominative)!r}"
    return text + ")", s.forms[0]


def _cell_name(cell: Cell) -> str:
    return f"{_NAMES[cell[0]]} {_NAMES[cell[1]]}"


def _cells_name(cells: tuple[Cell, ...]) -> str:
    return " or ".join(_cell_name(c) for c in cells)


def _hit_cells(forbidden: str, hit: str, lang: str, person: bool = False) -> list[Cell]:
    if lang == "be":
        return be.cells_of(forbidden, hit, person)
    return _ru_cells(forbidden, hit)


def _inflect(term: str, cell: Cell, lang: str, person: bool = False) -> str | None:
    if lang == "be":
        return be.inflect(term, cell, person)
    return _ru_inflect(term, cell)


# --- Russian, through pymorphy3 -------------------------------------------------------------

_RU_CASE = {"nom": "nomn", "gen": "gent", "dat": "datv", "acc": "accs", "ins": "ablt",
            "loc": "loct"}
_RU_BACK = {"nomn": "nom", "gent": "gen", "gen2": "gen", "datv": "dat", "accs": "acc",
            "acc2": "acc", "ablt": "ins", "loct": "loc", "loc2": "loc"}
_RU_NUMBER = {"sg": "sing", "pl": "plur"}
_DECLINED = ("ADJF", "PRTF", "NUMR", "NOUN")


def _ru_parses(word: str, guess: bool = False):
    """pymorphy3's dictionary readings; with `guess`, its guesses where it has none."""
    from align_kit.glossary import lang_ru

    parses = lang_ru._parses(lang_ru._fold(word.lower()))
    known = [p for p in parses if lang_ru._is_dictionary(p)]
    return known if known or not guess else list(parses)


def _ru_declined(term_words: list[str]) -> int:
    """How many leading words decline with the head: adjectives up to the first noun."""
    for i, word in enumerate(term_words):
        parses = _ru_parses(word)
        if not parses or parses[0].tag.POS not in _DECLINED:
            return i
        if any(p.tag.POS == "NOUN" and p.tag.case == "nomn" for p in parses):
            return i + 1
    return len(term_words)


def _ru_cells(forbidden: str, hit: str) -> list[Cell]:
    fw, hw = words(forbidden), words(hit)
    if len(fw) != len(hw):
        return []
    n = _ru_declined(fw)
    common: set[Cell] | None = None
    for word in hw[:max(n, 1)]:
        readings = {(_RU_BACK[p.tag.case], "sg" if p.tag.number == "sing" else "pl")
                    for p in _ru_parses(word, guess=True)
                    if p.tag.case in _RU_BACK and p.tag.number}
        if not readings:
            continue  # a word pymorphy3 does not know says nothing
        common = readings if common is None else common & readings
    return sorted(common or ())


def _ru_inflect(term: str, cell: Cell) -> str | None:
    term_words = words(term)
    n = _ru_declined(term_words)
    if n == 0:
        return None
    case, number = cell
    head = None
    for word in term_words[:n]:
        nouns = [p for p in _ru_parses(word) if p.tag.POS == "NOUN" and p.tag.case == "nomn"]
        if nouns:
            head = nouns[0]
    out = []
    for word in term_words[:n]:
        if word.isupper() and len(word) >= 2:  # КГБ, ОБСЕ: abbreviations do not decline
            out.append(word)
            continue
        parses = [p for p in _ru_parses(word) if p.tag.case == "nomn" and p.tag.number == "sing"]
        if not parses:
            return None
        p = parses[0]
        wanted = {_RU_CASE[case], _RU_NUMBER[number]}
        if p.tag.POS != "NOUN" and case == "acc" and head is not None and head.tag.animacy:
            wanted.add(head.tag.animacy)  # Объединённый кабинет / объединённого посла
        form = p.inflect(wanted)
        if form is None:
            return None
        out.append(_like(word, form.word))
    rest = term.split()[len(term_words[:n]):] if len(term.split()) == len(term_words) else None
    if rest is None:
        return None
    return " ".join(out + rest)


def _like(model: str, word: str) -> str:
    """`word` written like `model`: its capital, and е where the model has no ё."""
    if "ё" not in model.lower():
        word = word.replace("ё", "е")
    if model[:1].isupper():
        word = word[:1].upper() + word[1:]
    if model.isupper() and len(model) > 1:
        word = word.upper()
    return word
