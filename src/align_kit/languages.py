"""Language codes: the one table every stage uses to read a code a person typed.

align-kit names languages by ISO 639-1 codes (`en`, `be`, `ru`, `uk`). People and other
tools also write ISO 639-2/3 codes (`rus`, `bel`), English names, or tags with a region or
script (`be-BY`, `be-Latn`, `en_GB`). `iso639_1` maps all of those onto the two-letter
code; `suggest` says what a person probably meant.
"""

from __future__ import annotations

import difflib

import regex

ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb
lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om
or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""".split())

# ISO 639-2 (bibliographic and terminology) / 639-3 codes and English names of the
# languages this field meets, onto ISO 639-1.
ALIASES = {
    "eng": "en", "english": "en", "bel": "be", "belarusian": "be", "be-tarask": "be",
    "rus": "ru", "russian": "ru", "ukr": "uk", "ukrainian": "uk", "pol": "pl", "polish": "pl",
    "lit": "lt", "lithuanian": "lt", "lav": "lv", "latvian": "lv", "est": "et", "estonian": "et",
    "deu": "de", "ger": "de", "german": "de", "fra": "fr", "fre": "fr", "french": "fr",
    "spa": "es", "spanish": "es", "ita": "it", "italian": "it", "ces": "cs", "cze": "cs",
    "czech": "cs", "slk": "sk", "slo": "sk", "slovak": "sk", "bul": "bg", "bulgarian": "bg",
    "srp": "sr", "hrv": "hr", "slv": "sl", "ron": "ro", "rum": "ro", "hun": "hu", "fin": "fi",
    "swe": "sv", "nor": "no", "dan": "da", "nld": "nl", "dut": "nl", "por": "pt", "ell": "el",
    "gre": "el", "tur": "tr", "kaz": "kk", "kat": "ka", "geo": "ka", "hye": "hy", "arm": "hy",
    "aze": "az", "heb": "he", "yid": "yi", "zho": "zh", "chi": "zh", "jpn": "ja", "ara": "ar",
}

_TAG = regex.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z0-9]{1,8}))*$")


def iso639_1(tag: str | None) -> str | None:
    """ "be-BY" -> "be", "RU" -> "ru", "bel" -> "be", "Russian" -> "ru"; None when the tag is
    not a language tag at all. An unknown two-letter code comes back as it is."""
    if not tag:
        return None
    low = tag.strip().lower().replace("_", "-")
    if low in ALIASES:
        return ALIASES[low]
    match = _TAG.match(low)
    if not match:
        return None
    head = match.group(1)
    return ALIASES.get(head, head)


def suggest(tag: str) -> str | None:
    """The ISO 639-1 code a person most likely meant by `tag` (`rus` -> `ru`), if any."""
    code = iso639_1(tag)
    if code in ISO_639_1:
        return code
    close = difflib.get_close_matches(tag.strip().lower(), list(ALIASES), n=1, cutoff=0.75)
    return ALIASES[close[0]] if close else None


# The languages align-kit reads (language identification, splitting rules, inflection).
SUPPORTED = ("en", "be", "ru", "uk")
# Country codes people type for a language: Belarus, Ukraine, Britain, the US.
_COUNTRY = {"by": "be", "ua": "uk", "gb": "en", "us": "en"}


def supported_language(tag: str) -> str:
    """The ISO 639-1 code of a language align-kit reads, or an InputError that says what
    the person probably meant (`by` -> `be`, `rus` -> `ru`, `xx` -> the list)."""
    from align_kit.errors import InputError

    code = iso639_1(tag)
    if code in SUPPORTED:
        return code
    meant = _COUNTRY.get(tag.strip().lower()) or suggest(tag)
    hint = f"did you mean {meant!r}?" if meant in SUPPORTED else ""
    raise InputError(f"unknown language {tag!r}: align-kit reads {', '.join(SUPPORTED)}",
                     hint=hint or "give one of these ISO 639-1 codes")
