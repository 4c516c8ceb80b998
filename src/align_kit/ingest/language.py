"""Which of en / be / ru / uk a text is written in, with a confidence.

Latin against Cyrillic is decided by letter counts. Among the Cyrillic
languages every word votes, so a Russian quotation inside a Belarusian
article is outvoted by the article around it, and a single sentence is
decided by its few telling words:

- letters: ў is only Belarusian; і is Belarusian or Ukrainian; ї є ґ only
  Ukrainian; и щ only Russian or Ukrainian; ы э ё only Russian or
  Belarusian; ъ only Russian; an apostrophe inside a word (аб'ява, п'ять)
  is Belarusian or Ukrainian, never Russian (which writes ъ). A word with a
  letter its language lacks costs that language a lot (a loan word or a
  typo is possible, so not everything);
- a Ukrainian text of several words always has і, ї, є or ґ somewhere;
- small hand-written lists of the most frequent words of each language (the
  function words of news text), a few telling word endings and letter pairs
  (дз, ць in Belarusian; ть, чт in Russian).

The confidence is the winner's probability over the word votes, lowered to
the share of letter-telling words whose letters the winner has (a mixed text).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import PurePath

import regex

from align_kit.languages import ALIASES, SUPPORTED, iso639_1

LANGUAGES: tuple[str, ...] = SUPPORTED
UNDETERMINED = "und"

_COMMON = set("абвгдежзйклмнопрстуфхцчшьюя")
_ALPHABETS: dict[str, set[str]] = {
    "be": _COMMON | set("іўыэё'"),
    "ru": _COMMON | set("ищъыэё"),
    "uk": _COMMON | set("ищіїєґ'"),
}

_STOPWORDS: dict[str, frozenset[str]] = {
    "be": frozenset(
        """і й ў у ва на з са па да ад для што як гэта гэты гэтая гэтым якія які якая
        яго яе іх не але калі таксама пра пры пасля паводле быў была былі будзе ёсць
        ужо яшчэ толькі каб дзе таму свае сваіх мы вы яны яна ён усе ўсе усіх ўсіх
        праз без над пад перад паміж або ці нават вельмі сёння годзе беларусі
        беларусь заявіў заявіла адзначыў паводле сваю свой таго кабінет няма вось
        зараз тады трэба можа можна будзем мяне цябе сябе бо тут цяпер сказаў
        гадоў чалавек час калісьці дзякуй таксама сваім іншыя""".split()
    ),
    "ru": frozenset(
        """и в во на с со по до от для что как это этот эта этим которые который
        которая его её ее их не но если также о об при после был была были будет
        есть уже ещё еще только чтобы где поэтому свои своих мы вы они она он все
        всех через без над под перед между или даже очень сегодня году беларуси
        беларусь заявил заявила отметил свою свой того кабинет нет вот сейчас
        тогда нужно нужна может можно будем меня тебя себя потому здесь теперь
        сказал лет человек время когда тоже своим другие спасибо""".split()
    ),
    "uk": frozenset(
        """і й та в у на з із зі по до від для що як це цей ця цим які який яка
        його її їх не але якщо також про при після був була були буде є вже ще
        тільки лише щоб де тому свої своїх ми ви вони вона він всі усі всіх через
        без над під перед між або чи навіть дуже сьогодні році білорусі білорусь
        заявив заявила зазначив свою свій того кабінет немає ось зараз тоді
        треба може можна будемо мене тебе себе бо тут тепер сказав років людина
        час коли теж своїм інші дякую""".split()
    ),
}
_EN_STOPWORDS = frozenset(
    """the of and to in a is that for on with as was by at from it are has have
    his her their this said will not were who which an after its be been also
    would but they he she""".split()
)
# Letter pairs frequent in one language and rare or absent in the others.
_PAIRS: dict[str, tuple[str, ...]] = {
    "be": ("дз", "ць", "шч", "цц"),
    "ru": ("ть", "чт", "ще", "ого"),
    "uk": ("ть", "ьо", "ій"),
}
_ENDINGS: dict[str, tuple[str, ...]] = {
    "be": ("ць", "цца", "ага", "яга", "ння", "ццё", "ымі", "ыя"),
    "ru": ("ть", "ться", "ого", "его", "ие", "ия", "ние", "ые"),
    "uk": ("ти", "ться", "ого", "ння", "ії", "ою"),
}

_UKRAINIAN_MARKS = set("іїєґ")
_NO_UKRAINIAN_MARK = -0.4  # per word, for a text of several words without any of them
_MISSING_LETTER = -3.0  # a word with a letter the language does not have
_STOPWORD = 1.5
_ENDING = 0.5
_PAIR = 0.3
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "`": "'"})
_WORD = regex.compile(r"\p{L}+(?:['\u2019\u02bc]\p{L}+)*")
_NAME_TAG = re.compile(r"(?:^|[._-])(en|be|ru|uk|eng|bel|rus|ukr)$", re.IGNORECASE)


@dataclass(frozen=True)
class LanguageGuess:
    """The detected language ("und" when the text has no letters) and how sure."""

    language: str
    confidence: float
    scores: dict[str, float] = field(default_factory=dict)


def _cyrillic_votes(words: list[str]) -> tuple[dict[str, float], dict[str, int], int]:
    """Summed word scores per language; per language, how many words have a letter
    it lacks; how many words have a letter some language lacks."""
    totals = dict.fromkeys(_ALPHABETS, 0.0)
    against = dict.fromkeys(_ALPHABETS, 0)
    telling = 0
    for word in words:
        letters = set(word)
        lacking = {lang for lang, alphabet in _ALPHABETS.items() if not letters <= alphabet}
        if lacking:
            telling += 1
        for lang in _ALPHABETS:
            score = _MISSING_LETTER if lang in lacking else 0.0
            if word in _STOPWORDS[lang]:
                score += _STOPWORD
            if len(word) > 3 and word.endswith(_ENDINGS[lang]):
                score += _ENDING
            if any(pair in word for pair in _PAIRS[lang]):
                score += _PAIR
            totals[lang] += score
            if lang in lacking:
                against[lang] += 1
    return totals, against, telling


# Longer texts are judged on evenly spread windows of this many characters in all:
# a word list of the whole text cost ~20x its size in memory (a 200 MB file: GBs),
# and a few hundred thousand characters decide the language as well as millions.
SAMPLE_CHARS = 200_000
_WINDOWS = 8
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_LATIN = regex.compile(r"\p{Latin}")


def _sample(text: str) -> str:
    """`text` itself, or `_WINDOWS` slices of it spread evenly, `SAMPLE_CHARS` in all."""
    if len(text) <= SAMPLE_CHARS:
        return text
    size = SAMPLE_CHARS // _WINDOWS
    step = (len(text) - size) // (_WINDOWS - 1)
    # a space between windows: a word cut at a window edge stays a word fragment
    return " ".join(text[k * step: k * step + size] for k in range(_WINDOWS))


def identify_language(text: str) -> LanguageGuess:
    """Detect en/be/ru/uk in `text` (see the module docstring).

    Time and memory are bounded: texts longer than `SAMPLE_CHARS` are judged
    on evenly spread windows of that size in all.
    """
    words = [w.lower().translate(_APOSTROPHES) for w in _WORD.findall(_sample(text))]
    cyrillic = [w for w in words if _CYRILLIC.search(w)]
    latin = [w for w in words if _LATIN.search(w)]
    n_cyr = sum(len(w) for w in cyrillic)
    n_lat = sum(len(w) for w in latin)
    if not n_cyr and not n_lat:
        return LanguageGuess(UNDETERMINED, 0.0)
    if n_lat > n_cyr:
        share = n_lat / (n_lat + n_cyr)
        hits = sum(1 for w in latin if w in _EN_STOPWORDS)
        # English prose has a function word in every few words; a Latin text
        # without any (a list of names, another Latin-script language) is unsure.
        fluency = min(1.0, hits / max(1.0, 0.15 * len(latin)))
        confidence = share * (0.5 + 0.5 * fluency)
        return LanguageGuess("en", round(confidence, 3), {"en": float(hits)})

    totals, against, telling = _cyrillic_votes(cyrillic)
    if len(cyrillic) >= 4 and not any(set(w) & _UKRAINIAN_MARKS for w in cyrillic):
        # one word in four or five of Ukrainian prose has і, ї, є or ґ
        totals["uk"] += _NO_UKRAINIAN_MARK * min(len(cyrillic), 15)
    # ties keep the order be, ru, uk: a text with no telling word is unsure anyway
    winner = max(totals, key=lambda lang: totals[lang])
    weights = {lang: math.exp(score - totals[winner]) for lang, score in totals.items()}
    probability = weights[winner] / sum(weights.values())
    if telling:
        # words whose letters the winner lacks: a quotation, or a wrong winner
        confidence = min(probability, 1 - against[winner] / telling)
    else:
        confidence = 1 / len(totals)
    cyr_share = n_cyr / (n_cyr + n_lat)
    if cyr_share < 0.8:
        confidence *= cyr_share
    return LanguageGuess(winner, round(confidence, 3), {k: round(v, 2) for k, v in totals.items()})


def language_from_name(path: str | PurePath) -> str | None:
    """Language a file name declares: `x.be.md`, `x_be.txt`, `x-ru.html` (or eng/bel/rus/ukr)."""
    stem = PurePath(path).stem
    match = _NAME_TAG.search(stem)
    if not match:
        return None
    code = match.group(1).lower()
    return ALIASES.get(code, code)


def normalise_language_code(code: str | None) -> str | None:
    """ "be-BY" -> "be", "RU" -> "ru", "bel" -> "be"; None for empty or unusable codes."""
    return iso639_1(code)
