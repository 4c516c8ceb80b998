"""What survives translation: the features pairing compares across languages.

A translated article keeps its numbers, its dates, the names of its people
and places (written in another script) and any Latin-script words (brands,
web addresses, acronyms); its length changes by a roughly constant factor.
Each document becomes a set of such features, each kept with one surface
form so a human can read the evidence:

    "n:1150"   a number (thousands separators and decimal commas normalised)
    "d:4-7"    a day and month (7 April, 7 красавіка, 7 апреля)
    "m:4"      a month next to a number (April 2025)
    "k:txnsk"  a name's cross-script phonetic key (Ціханоўская, Tsikhanouskaya)
    "s:slug"   the last part of a document's URL (sites often keep one slug
               for every language)
    "g:entry"  a glossary entry one of whose terms (inflected) occurs in the text
    "t:date"   a publication date from the metadata

Explicit links (front matter `translation_of`, `hreflang` alternates) are
not features: they name the counterpart outright, see `metadata_links`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

import regex

from align_kit.model import Document, Glossary
from align_kit.translit import phonetic_key

_NUMBER = regex.compile(r"\d+(?:[.,\u00a0\u202f\u2009 ]\d+)*")
_TOKEN = regex.compile(r"\p{L}[\p{L}\p{M}'’]*|\d+(?:[.,\u00a0\u202f\u2009 ]\d+)*")
_CYRILLIC_CHAR = regex.compile(r"\p{Cyrillic}")
_LATIN_CHAR = regex.compile(r"\p{Latin}")

# Month names by prefix (lower case). Only used next to a number, so short
# prefixes such as "лют" (February) or "may" cannot fire on ordinary words.
_MONTHS: tuple[tuple[str, int], ...] = (
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5),
    ("june", 6), ("july", 7), ("august", 8), ("september", 9), ("october", 10),
    ("november", 11), ("december", 12),
    ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8),
    ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("мая", 5), ("май", 5),
    ("июн", 6), ("июл", 7), ("август", 8), ("сентябр", 9), ("октябр", 10),
    ("ноябр", 11), ("декабр", 12),
    ("студзен", 1), ("лют", 2), ("сакавік", 3), ("красавік", 4), ("траўн", 5),
    ("травен", 5), ("чэрвен", 6), ("ліпен", 7), ("ліпн", 7), ("жнівен", 8), ("жніўн", 8),
    ("верас", 9), ("кастрычнік", 10), ("лістапад", 11), ("снеж", 12),
)
_EXACT_ONLY = {"may", "мая", "май", "mar", "jan", "jun", "jul", "dec", "oct", "nov", "aug",
               "sep", "apr", "feb"}

# Case endings that add a consonant to a Russian or Belarusian name's key
# (Лукашенком, Минске is fine, Беляцкого); vowel endings vanish in the key anyway.
_CASE_ENDINGS = ("ами", "ями", "ого", "его", "ага", "яга", "ому", "ему", "аму", "яму",
                 "ым", "ім", "им", "ом", "ём", "ем", "ам", "ям", "ах", "ях", "ых", "іх", "их")

# Metadata keys whose values name another document outright.
_LINK_KEYS = ("translation_of", "translation-of", "original", "source_url", "hreflang",
              "alternate", "translations", "translated_from")
_URL_KEYS = ("url", "canonical", "permalink", "link")
_DATE_KEYS = ("date", "published", "pubdate", "datepublished", "article:published_time")


def month_of(word: str) -> int | None:
    w = word.lower().rstrip(".")
    for prefix, month in _MONTHS:
        if prefix in _EXACT_ONLY:
            if w == prefix:
                return month
        elif w.startswith(prefix):
            return month
    return None


def normalise_number(raw: str) -> list[str]:
    """The numbers in `raw` as written the same way in every language.

    "1,150", "1 150" and "1150" give "1150"; "2.5" and "2,5" give "2.5";
    "2019 5" (two numbers side by side) gives "2019" and "5".
    """
    groups = regex.split(r"([.,\u00a0\u202f\u2009 ])", raw)
    out: list[str] = []
    current, first_len, decimal = groups[0], len(groups[0]), False
    for sep, digits in zip(groups[1::2], groups[2::2], strict=True):
        thousands = len(digits) == 3 and first_len <= 3 and not decimal
        if thousands:
            current += digits
        elif sep in ".," and not decimal:
            current += "." + digits
            decimal = True
        else:
            out.append(current)
            current, first_len, decimal = digits, len(digits), False
    out.append(current)
    return [_canonical_number(n) for n in out]


def _canonical_number(n: str) -> str:
    whole, _, frac = n.partition(".")
    whole = whole.lstrip("0") or "0"
    return f"{whole}.{frac}" if frac else whole


# English spelling read the way Russian and Belarusian transcribe it, so an
# English name's key meets its Cyrillic form: Congress/Конгресс (c -> k),
# Virginia/Вирджиния (g before i -> дж), Wheeling/Уилинг, Kavanaugh/Кавано.
_ENGLISH_RESPELL = (
    (regex.compile(r"ch(?=[rl])"), "k"), (regex.compile(r"ck"), "k"),
    (regex.compile(r"c(?=[eiy])"), "s"), (regex.compile(r"c(?!h)"), "k"),
    (regex.compile(r"gh(?=t|$)"), ""), (regex.compile(r"^wh"), "w"),
    (regex.compile(r"g(?=[eiy])"), "dzh"), (regex.compile(r"j"), "dzh"),
    (regex.compile(r"qu"), "kv"),
)


def english_respelling(word: str) -> str:
    out = word.lower()
    for pattern, repl in _ENGLISH_RESPELL:
        out = pattern.sub(repl, out)
    return out


_CH = regex.compile(r"ch|č", regex.IGNORECASE)


def _latin_ch(word: str) -> str:
    """Latin "ch"/"č" written as Cyrillic "ч", which `phonetic_key` keys as Cyrillic ч is
    keyed (it keys Latin "ch" like "c" = ц): Statkevich/Статкевич, Vyachorka/Вячорка."""
    return _CH.sub("ч", word)


@lru_cache(maxsize=200_000)
def name_keys(token: str, cyrillic: bool) -> tuple[str, ...]:
    """Phonetic keys of a name: as written and, for Cyrillic, without a case ending;
    for Latin, also as Russian and Belarusian transcribe English spelling."""
    word = token.replace("’", "'")
    if word.lower().endswith("'s"):
        word = word[:-2]
    if not cyrillic:
        keys = [phonetic_key(_latin_ch(word)), phonetic_key(_latin_ch(english_respelling(word)))]
    else:
        keys = [phonetic_key(word)]
        low = word.lower()
        for ending in _CASE_ENDINGS:
            if low.endswith(ending) and len(low) - len(ending) >= 3:
                keys.append(phonetic_key(word[: -len(ending)]))
                break
    return tuple(dict.fromkeys(k for k in keys if len(k) >= 2))


@dataclass(frozen=True)
class DocumentFeatures:
    """One document's features (feature -> a surface form that produced it) and length."""

    features: Mapping[str, str]
    length: int


def _sentence_initial(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence, a paragraph or a quotation."""
    k = start - 1
    while k >= 0:
        ch = text[k]
        if ch == "\n":
            return True
        if ch.isspace() or ch in "«»\"“”„'‘’([—–-*#>":
            k -= 1
            continue
        return ch in ".!?…:;"
    return True


def text_features(text: str) -> dict[str, str]:
    """Numbers, dates and names of one text: feature -> first surface form.

    A capitalised word opening a sentence counts as a name only when the
    same name also appears inside a sentence: otherwise "The", "Drivers",
    "Этой" would fill every document with features no translation shares.
    """
    out: dict[str, str] = {}
    cyrillic_text = _is_cyrillic_text(text)
    matches = list(_TOKEN.finditer(text))
    tokens = [m.group() for m in matches]
    initial_names: list[tuple[str, str]] = []
    inner_keys: set[str] = set()
    for i, tok in enumerate(tokens):
        first = tok[0]
        if first.isdigit():
            values = normalise_number(tok)
            for value in values:
                out.setdefault("n:" + value, value)
            # A day next to a month: "7 April", "April 7", "7 красавіка".
            if len(values) == 1 and values[0].isdigit():
                for j in (i - 1, i + 1):
                    if 0 <= j < len(tokens) and not tokens[j][0].isdigit():
                        month = month_of(tokens[j])
                        if month is not None:
                            out.setdefault(f"m:{month}", tokens[j])
                            if 1 <= int(values[0]) <= 31:
                                out.setdefault(f"d:{month}-{int(values[0])}",
                                               f"{tokens[j]} {values[0]}")
            continue
        # Names: capitalised words in any script; in Cyrillic text every Latin
        # word (brands, acronyms, addresses) is kept as it stands in English too.
        upper = first.isupper()
        latin = first < "\u0250"  # Basic Latin to Latin Extended-B
        if latin and cyrillic_text:
            for key in name_keys(tok, False):
                out.setdefault("k:" + key, tok)
                inner_keys.add(key)
        elif upper:
            keys = name_keys(tok, not latin)
            if _sentence_initial(text, matches[i].start()):
                initial_names.extend((key, tok) for key in keys)
            else:
                for key in keys:
                    out.setdefault("k:" + key, tok)
                    inner_keys.add(key)
    for key, tok in initial_names:
        if key in inner_keys:
            out.setdefault("k:" + key, tok)
    return out


def _is_cyrillic_text(text: str) -> bool:
    sample = text[:3000]
    return len(_CYRILLIC_CHAR.findall(sample)) > len(_LATIN_CHAR.findall(sample))


def slug_of(url: str) -> str | None:
    """The last meaningful path part of a URL, without extension or language prefix."""
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return None
    parts = [p for p in unquote(path).split("/") if p]
    while parts:
        stem = posixpath.splitext(parts[-1])[0].lower()
        if stem and stem not in {"index", "en", "be", "ru", "uk", "amp"}:
            return stem
        parts.pop()
    return None


def normalise_url(url: str) -> str:
    """A URL reduced to host and path, so http/https, www and a trailing slash agree."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip().lower()
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{unquote(parts.path).rstrip('/')}".lower()


def _meta_get(metadata: Mapping[str, str], names: Sequence[str]) -> list[tuple[str, str]]:
    out = []
    for key, value in metadata.items():
        low = key.lower()
        if any(low == n or low.startswith(n + ":") or low.startswith(n + ".")
               or low.startswith(n + "_") or low.startswith(n + "-") for n in names):
            # Front matter parsers may hand over dates or lists rather than strings.
            items = value if isinstance(value, (list, tuple)) else [value]
            for item in items:
                text = "" if item is None else str(item).strip()
                if text:
                    out.append((key, text))
    return out


def metadata_features(doc: Document) -> dict[str, str]:
    """Slugs and publication dates from the metadata."""
    out: dict[str, str] = {}
    for _, value in _meta_get(doc.metadata, _URL_KEYS):
        slug = slug_of(value)
        if slug and len(slug) >= 4:
            out.setdefault("s:" + slug, slug)
    for _, value in _meta_get(doc.metadata, _DATE_KEYS):
        date = value[:10]
        if regex.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            out.setdefault("t:" + date, date)
    return out


@dataclass(frozen=True)
class TermPattern:
    """A glossary term as a pattern that also finds its inflected forms."""

    feature: str  # "g:<entry id>": the same in every language
    prefilter: str  # a lower-case stem that must occur in the text
    pattern: regex.Pattern


def _stem(word: str) -> str:
    # Inflection changes the end of a word (рада/радзе, совет/совета, Council/Council's):
    # keep all but the last three letters, at least three.
    return word if len(word) <= 3 else word[: max(3, len(word) - 3)]


def glossary_patterns(glossary: Glossary | None) -> dict[str, list[TermPattern]]:
    """Per language, patterns for every approved term of every glossary entry."""
    out: dict[str, list[TermPattern]] = {}
    if glossary is None:
        return out
    for entry in glossary.entries:
        for term in entry.terms:
            if term.status != "approved":
                continue
            words = _WORDS.findall(term.text)
            if not words:
                continue
            stems = [_stem(w) for w in words]
            body = r"\W+".join(regex.escape(st) + r"\w*" for st in stems)
            flags = 0 if term.case_sensitive else regex.IGNORECASE
            out.setdefault(term.language, []).append(TermPattern(
                feature=f"g:{entry.id}", prefilter=min(stems, key=len).lower()
                if not term.case_sensitive else "",
                pattern=regex.compile(r"(?<!\w)" + body, flags)))
    return out


_WORDS = regex.compile(r"\w+")


def glossary_features(text: str, patterns: Sequence[TermPattern]) -> dict[str, str]:
    """Glossary entries whose term (in any inflected form) occurs in `text`."""
    out: dict[str, str] = {}
    low = text.lower()
    for term in patterns:
        if term.feature in out or (term.prefilter and term.prefilter not in low):
            continue
        hit = term.pattern.search(text)
        if hit:
            out[term.feature] = hit.group()
    return out


def document_features(doc: Document,
                      terms: Mapping[str, Sequence[TermPattern]] | None = None
                      ) -> DocumentFeatures:
    feats = text_features(doc.text)
    feats.update(metadata_features(doc))
    if terms and doc.language in terms:
        feats.update(glossary_features(doc.text, terms[doc.language]))
    return DocumentFeatures(features=feats, length=len(doc.text))


def identifiers(doc: Document) -> set[str]:
    """Every name under which another document's metadata may refer to `doc`."""
    names = {doc.id, doc.id.lower()}
    if doc.source:
        base = posixpath.basename(doc.source.replace("\\", "/"))
        names |= {doc.source, base, base.lower(), posixpath.splitext(base)[0].lower()}
    base = posixpath.basename(doc.id.replace("\\", "/"))
    names |= {base.lower(), posixpath.splitext(base)[0].lower()}
    for _, value in _meta_get(doc.metadata, _URL_KEYS):
        names.add(normalise_url(value))
    return {n for n in names if n}


def link_targets(doc: Document) -> list[tuple[str, str]]:
    """(metadata key, reference) pairs that name a counterpart of `doc` outright.

    A value may hold several references ("be=https://..., ru=https://...").
    """
    out = []
    for key, value in _meta_get(doc.metadata, _LINK_KEYS):
        for part in regex.split(r"[,;\s]+", value):
            ref = part.split("=", 1)[1] if "=" in part and "://" not in part.split("=", 1)[0] \
                else part
            ref = ref.strip().strip("\"'<>")
            if ref:
                out.append((key, ref))
    return out


def reference_forms(ref: str) -> set[str]:
    """The forms under which `identifiers` may list the document `ref` names."""
    forms = {ref, ref.lower()}
    if "://" in ref or ref.startswith("www."):
        forms.add(normalise_url(ref if "://" in ref else "http://" + ref))
    else:
        base = posixpath.basename(ref.replace("\\", "/"))
        forms |= {base.lower(), posixpath.splitext(base)[0].lower()}
    return forms
