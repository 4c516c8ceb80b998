"""Belarusian declension paradigms, by rule: enough to put a glossary term in a case.

`inflect("Каардынацыйная рада", ("gen", "sg"))` -> "Каардынацыйнай рады";
`cells_of("Каардынацыйны савет", "Каардынацыйнага савета")` -> [("gen", "sg")].

Covered (the shapes of this project's glossary terms): adjectives (hard,
velar/soft -кі -гі -хі, masculine / feminine / neuter, adjectival surnames
Ціханоўская); masculine nouns on a hard consonant (савет, кабінет,
Аляксандр), masculine -ень with a fleeting vowel (палітвязень), masculine -а/-о
surnames and -ца nouns (Латушка, Лукашэнка, Лукашенко, праваабаронца),
feminine -а (рада, Святлана), feminine -сь (Беларусь: singular only), neuter -е
(упраўленне) and the neuter place Гродна (singular only). A word outside these
gets None: the caller then says "case form unknown" instead of guessing.
Stress is not known, so only unstressed adjective endings (-ы/-ая/-ае) and the
fixed stems of the nouns are produced; a few stems that change are listed in
`_STEMS`.
"""

from __future__ import annotations

Cell = tuple[str, str]
CELLS: tuple[Cell, ...] = tuple((c, n) for n in ("sg", "pl")
                                for c in ("nom", "gen", "dat", "acc", "ins", "loc"))

_ADJ = {  # gender -> case -> ending (hard stem; velar stems: ы -> і)
    "m": {"nom": "ы", "gen": "ага", "dat": "аму", "acc": "ы", "ins": "ым", "loc": "ым"},
    "f": {"nom": "ая", "gen": "ай", "dat": "ай", "acc": "ую", "ins": "ай", "loc": "ай"},
    "n": {"nom": "ае", "gen": "ага", "dat": "аму", "acc": "ае", "ins": "ым", "loc": "ым"},
    "pl": {"nom": "ыя", "gen": "ых", "dat": "ым", "acc": "ыя", "ins": "ымі", "loc": "ых"},
}
_HARDENED = ("ж", "ш", "ч", "р", "ц", "дж")  # Belarusian hardened consonants: ы, not і/е
_VELAR = ("к", "г", "х")
# stems that change in the oblique cases (fleeting vowels of first names)
_STEMS = {"павел": "паўл", "пасол": "пасл", "полк": "палк"}
_NEUTER_A = {"гродна"}
_PERSON_NOUNS = ("вязень", "дэпутат", "міністр", "дакладчык", "пасол", "кіраўнік",
                 "намеснік", "праваабаронца", "лідар")


def _capital(model: str, word: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def _dat_loc_e(stem: str) -> str:
    """Stem + the -е of the dative/locative, with the consonant change (радзе, руцэ, савеце)."""
    if stem.endswith(("д",)):
        return stem + "зе"
    if stem.endswith("т"):
        return stem[:-1] + "це"
    if stem.endswith("к"):
        return stem[:-1] + "цэ"
    if stem.endswith("г"):
        return stem[:-1] + "зе"
    if stem.endswith("х"):
        return stem[:-1] + "се"
    if stem.endswith(_HARDENED):
        return stem + "ы"
    return stem + "е"


def _adjective(word: str, gender: str, animate: bool) -> dict[Cell, str]:
    stem = word[:-2] if gender in ("f", "n") else word[:-1]
    soft = stem.endswith(_VELAR) or word.endswith("і")
    out: dict[Cell, str] = {}
    for number, table in (("sg", _ADJ[gender]), ("pl", _ADJ["pl"])):
        for case, ending in table.items():
            if case == "acc" and animate and (number == "pl" or gender == "m"):
                ending = table["gen"]
            if soft and ending.startswith("ы"):
                ending = "і" + ending[1:]
            out[(case, number)] = stem + ending
    return out


def _noun(word: str, animate: bool) -> dict[Cell, str] | None:
    w = word.lower()
    if w.endswith("е"):  # neuter -е: упраўленне
        s = w[:-1]
        return _table(s, "е я ю е ем і", "і яў ям і ямі ях")
    if w in _NEUTER_A:  # Гродна: a place, singular only
        s = w[:-1]
        t = _table(s, "а а у а ам -", None)
        t[("loc", "sg")] = _dat_loc_e(s)
        return t
    if w.endswith("ень") and not animate or w.endswith("вязень"):  # палітвязень
        s = w[:-3] + "н"
        t = _table(s, "ень я ю я ем і", "і яў ям яў ямі ях")
        t[("nom", "sg")] = w
        return t
    if w.endswith(("ія", "ыя")) and len(w) > 3 and w[-3] not in "аеёіоуыэюяў":
        # Беларусія, дэізаляцыя, фальсіфікацыя; a name (capital) in the singular only
        s, v = w[:-2], w[-2]
        return _table(s, f"{v}я {v}і {v}і {v}ю {v}яй {v}і",
                      None if word[:1].isupper() else f"{v}і {v}й {v}ям {v}і {v}ямі {v}ях")
    if w.endswith("сь") or w.endswith("зь"):  # Беларусь: feminine -ь, singular only
        s = w[:-1]
        return _table(s, "ь і і ь " + s[-1:] + "ю і", None)
    if w.endswith(("а", "о")):
        s = w[:-1]
        masc = w.endswith("о") or (word[:1].isupper() and w.endswith("ка")) or w.endswith("нца")
        gen = "і" if s.endswith(_VELAR) else "ы"
        if masc:  # Латушка, Лукашэнка, Лукашенко, праваабаронца
            t = _table(s, f"а {gen} у у ам у", f"{gen} аў ам аў амі ах")
            t[("nom", "sg")] = w
            return t
        if s[-1:] in "аеёіоуыэюяўь'" or len(s) < 2:
            return None  # -ія, -ея: other endings, not covered
        # the consonant changes before -е (радзе, руцэ): the whole form, not an ending
        t = _table(s, f"а {gen} - у ай -", f"{gen} - ам {'аў' if animate else gen} амі ах")
        t[("dat", "sg")] = t[("loc", "sg")] = _dat_loc_e(s)
        return t
    if w[-1:] in "бвгджзклмнпрстфхцчшў" and not w.endswith("ў"):  # савет, Аляксандр
        s = _STEMS.get(w, w)
        velar = s.endswith(_VELAR)
        pl = "і" if velar else "ы"
        t = _table(s, f"- а у {'а' if animate else '-'} ам у",
                   f"{pl} аў ам {'аў' if animate else pl} амі ах")
        t[("nom", "sg")] = w
        if not animate:
            t[("acc", "sg")] = w
            if not velar:  # кабінеце, савеце; velar stems and persons keep -у
                t[("loc", "sg")] = _dat_loc_e(s)
        return t
    return None


def _table(stem: str, sg: str, pl: str | None) -> dict[Cell, str]:
    out: dict[Cell, str] = {}
    for number, endings in (("sg", sg), ("pl", pl)):
        if endings is None:
            continue
        for case, ending in zip(("nom", "gen", "dat", "acc", "ins", "loc"), endings.split(),
                                strict=True):
            out[(case, number)] = stem + ("" if ending == "-" else ending)
    return out


def _adjective_gender(w: str) -> str | None:
    if len(w) < 4:
        return None
    if w.endswith(("ы", "і")):
        if w[-2] in "аеёіоуыэюяў'":  # санкцыі, рэпрэсіі: not adjectives
            return None
        return "m"
    if w.endswith(("ая", "яя")):
        return "f"
    if w.endswith(("ае", "яе")):
        return "n"
    return None


def _declined_words(term_words: list[str], person: bool) -> tuple[int, bool]:
    """How many leading words decline, and whether the term names a person.

    A person's name (the glossary entry's subject is "person") declines in every word
    (Паўла Латушкі); other terms up to their first noun (Рады Еўропы stays).
    """
    person = person and len(term_words) >= 2 and not any(w.isupper() for w in term_words)
    if person:
        return len(term_words), True
    for i, word in enumerate(term_words):
        if _adjective_gender(word.lower()) is None or word.isupper():
            return i + 1, False
    return len(term_words), False


def paradigm(term: str, person: bool = False) -> dict[Cell, str] | None:
    """Every cell of `term` this module can form (a cell it cannot is absent); None if none.

    `person`: the term names a person (all its words decline, animate, singular only).
    """
    term_words = term.split()
    if not term_words:
        return None
    n, person = _declined_words(term_words, person)
    head = term_words[n - 1].lower()
    animate = person or head.endswith(_PERSON_NOUNS) or (
        n == len(term_words) == 1 and term_words[0][:1].isupper()
        and head.endswith(("ка", "ко", "ая", "ы", "і"))) or head.endswith(("зняволены",))
    tables = []
    for word in term_words[:n]:
        if word.isupper() and len(word) >= 2:  # КДБ, ПАСЕ: abbreviations do not decline
            tables.append({cell: word for cell in CELLS})
            continue
        gender = _adjective_gender(word.lower())
        table = _adjective(word.lower(), gender, animate) if gender else _noun(word, animate)
        if table is None:
            return None
        tables.append({cell: _capital(word, form) for cell, form in table.items()})
    rest = term_words[n:]
    out = {}
    for cell in CELLS:
        if person and cell[1] == "pl":
            continue  # a person's name in the plural: not a form to suggest
        if all(cell in t for t in tables):
            out[cell] = _u_short(" ".join([t[cell] for t in tables] + rest))
    return out or None


def _u_short(text: str) -> str:
    """ў begins a word only after a vowel: антыкрызіснае ўпраўленне, антыкрызісным упраўленнем."""
    ws = text.split(" ")
    for i in range(1, len(ws)):
        if ws[i][:1] in "ўЎ" and ws[i - 1][-1:].lower() not in "аеёіоуыэюя":
            ws[i] = ("У" if ws[i][0] == "Ў" else "у") + ws[i][1:]
        elif ws[i][:1] in "уУ" and ws[i - 1][-1:].lower() in "аеёіоуыэюя" and \
                ws[i][1:2].lower() not in "аеёіоуыэюя":
            ws[i] = ("Ў" if ws[i][0] == "У" else "ў") + ws[i][1:]
    return " ".join(ws)


def inflect(term: str, cell: Cell, person: bool = False) -> str | None:
    """`term` in `cell`, or None where no reliable form is known."""
    table = paradigm(term, person)
    return table.get(cell) if table else None


def _fold(text: str) -> str:
    t = " ".join(text.lower().replace("’", "'").replace("ʼ", "'").split())
    t = t.replace("ё", "е")
    return " ".join("у" + w[1:] if w.startswith("ў") else w for w in t.split())


def cells_of(term: str, hit: str, person: bool = False) -> list[Cell]:
    """The cells of `term` whose form is `hit` (the words as written in the text)."""
    table = paradigm(term, person)
    if not table:
        return []
    term_words = [_fold(w) for w in term.split()]
    target = _fold(hit).split()
    if len(target) != len(term_words):
        return []
    cells = []
    for cell, form in table.items():
        if all(f == t or (w.endswith("о") and t == w and cell[1] == "sg")
               # a Russian-style -о name (Латушко, Гродно) is also written undeclined
               for f, t, w in zip(_fold(form).split(), target, term_words, strict=False)):
            cells.append(cell)
    return sorted(set(cells))
