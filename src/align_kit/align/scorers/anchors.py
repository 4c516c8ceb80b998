"""Anchors that survive translation: numbers, dates, URLs, Latin tokens, punctuation.

Numbers are keyed by their digits only, so 1 000 / 1,000 / 1000 and 1.5 / 1,5
meet; month names of English, Belarusian, Russian and Ukrainian map to a month
number; URLs, e-mails and hashtags are keyed as written; quotes of every
style are one class.
"""

from __future__ import annotations

import regex

from align_kit.align.scorers import Features, PairContext

_NUMBER = regex.compile(
    r"\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*"
)
_URL = regex.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+|[#@][\p{L}\d_]+")
_LATIN_IN_TEXT = regex.compile(r"\b[\p{Latin}][\p{Latin}\d'’\-]*")
_PUNCT = {
    "?": "?", "!": "!", "(": "(", ":": ":", ";": ";", "%": "%",
    "«": "q", "»": "q", "“": "q", "”": "q", "„": "q", '"': "q",
    "$": "$", "€": "€", "£": "£",
}
_PUNCT_RE = regex.compile("[" + regex.escape("".join(_PUNCT)) + "]")
_PUNCT_KEY = {ch: "p:" + key for ch, key in _PUNCT.items()}
_URL_MARKS = ("://", "www.", "@", "#")
# Month name stems -> month number (prefix match on the lower-cased word).
_MONTHS = {
    "en": ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"],
    "ru": ["январ", "феврал", "март", "апрел", "ма[йяе]", "июн", "июл", "август",
           "сентябр", "октябр", "ноябр", "декабр"],
    "be": ["студзен", "лют", "сакавік", "красавік", "трав|траў", "чэрвен", "ліп[ен]",
           "жнів", "верас", "кастрычнік", "лістапад", "снеж"],
    "uk": ["січ", "лют", "берез", "квіт", "трав", "черв", "лип", "серп", "верес", "жовт",
           "листопад", "груд"],
}
_MONTH_RE = {
    lang: regex.compile(
        "|".join(f"(?P<m{k + 1}>\\b(?:{stem})\\p{{L}}*)" for k, stem in enumerate(stems)),
        regex.IGNORECASE if lang != "en" else 0,
    )
    for lang, stems in _MONTHS.items()
}
# English month names are capitalised; "may" / "march" as verbs are not months.
_MONTH_RE["en"] = regex.compile(
    "|".join(f"(?P<m{k + 1}>\\b{m.capitalize()}\\b)" for k, m in enumerate(_MONTHS["en"]))
)
_CURRENCY_WORDS = regex.compile(
    r"\b(?:dollars?|доллар\p{L}*|долар\p{L}*)\b|\b(?:euros?|евро|еўра|євро)\b",
    regex.IGNORECASE,
)


def anchor_features(text: str, lang: str) -> dict[str, float]:
    feats: dict[str, float] = {}

    def add(key: str) -> None:
        feats[key] = feats.get(key, 0.0) + 1.0

    # Every URL, e-mail or tag has one of these; most sentences have none (#16, speed).
    if any(mark in text for mark in _URL_MARKS):
        rest = _URL.sub(lambda m: add("u:" + m.group().lower().rstrip(".,")) or " ", text)
    else:
        rest = text
    for m in _NUMBER.finditer(rest):
        digits = regex.sub(r"\D", "", m.group())
        add("n:" + digits.lstrip("0")[:12] if digits.strip("0") else "n:0")
    month_re = _MONTH_RE.get(lang)
    if month_re is not None:
        for m in month_re.finditer(rest):
            add("m:" + next(k for k, v in m.groupdict().items() if v)[1:])
    if lang in ("ru", "be", "uk", "bg", "sr", "mk"):
        # Latin-script tokens inside Cyrillic text (brands, acronyms, quoted names).
        for m in _LATIN_IN_TEXT.finditer(rest):
            add("l:" + m.group().lower())
    for ch in _PUNCT_RE.findall(rest):
        add(_PUNCT_KEY[ch])
    for m in _CURRENCY_WORDS.finditer(rest):
        add("p:" + ("$" if "лар" in m.group().lower() or "dollar" in m.group().lower() else "€"))
    return feats


def latin_features(text: str) -> dict[str, float]:
    """Latin tokens of a Latin-script text that a Cyrillic text may quote as they are."""
    feats: dict[str, float] = {}
    for m in _LATIN_IN_TEXT.finditer(text):
        word = m.group()
        if len(word) > 1 and (word[0].isupper() or any(c.isdigit() for c in word)):
            key = "l:" + word.lower()
            feats[key] = feats.get(key, 0.0) + 1.0
    return feats


class AnchorScorer:
    name = "anchors"

    def __init__(self, weight: float = 1.0) -> None:
        self.weight = weight

    def _side(self, texts, lang: str, other_lang: str) -> Features:
        out = []
        cyrillic = {"ru", "be", "uk", "bg", "sr", "mk"}
        for text in texts:
            feats = anchor_features(text, lang)
            if lang not in cyrillic and other_lang in cyrillic:
                for k, v in latin_features(text).items():
                    feats[k] = feats.get(k, 0.0) + v
            out.append(feats)
        return out

    def features(self, ctx: PairContext) -> tuple[Features, Features]:
        return (
            self._side(ctx.src, ctx.src_lang, ctx.tgt_lang),
            self._side(ctx.tgt, ctx.tgt_lang, ctx.src_lang),
        )
