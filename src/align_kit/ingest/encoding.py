"""Bytes to text: which encoding a file is in, decided from evidence, never silently.

Order of evidence, strongest first:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. binary signatures (PNG, ZIP, PDF, GIF, JPEG, gzip) and NUL-heavy bytes ->
   `InputError` "not a text file";
3. UTF-16 without a BOM, recognised by its pattern of high bytes (NUL for
   Latin text, 0x04 for Cyrillic) in every second position;
4. strict UTF-8;
5. a charset the file declares (HTML `<meta charset>`), if it decodes;
6. a legacy single-byte encoding (cp1251, koi8-r, koi8-u, cp866, iso8859-5,
   mac-cyrillic, cp1252), chosen by a letter-frequency score: the decoded text
   must read like Cyrillic (or Latin) prose -- right letter frequencies, lower
   case inside words, no box-drawing symbols, no script switch inside a word.
   cp1251 and koi8-r swap upper and lower case against each other, so each
   decodes the other's prose into capitals in the middle of words and rare
   letters: the score tells them apart on a single word.

A file that is UTF-8 on some lines and legacy on others is repaired line by
line and reported ("mixed-encodings"); a UTF-8 line with stray bytes, or bytes
that read as prose in no candidate encoding, is an `InputError`.
"""

from __future__ import annotations

import codecs
import math
import re
import unicodedata
from dataclasses import dataclass

from align_kit.errors import InputError
from align_kit.model import Notice

# Legacy encodings in order of preference when two score the same (koi8-u
# decodes Russian koi8-r prose identically, so koi8-r must come first).
LEGACY_CANDIDATES: tuple[str, ...] = (
    "cp1251",
    "koi8-r",
    "koi8-u",
    "cp866",
    "iso8859-5",
    "mac-cyrillic",
    "cp1252",
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"%PDF-", "a PDF document"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word/Excel (OLE) file"),
    (b"\x7fELF", "a program"),
)

# Letter frequencies (per cent) of running Russian/Belarusian/Ukrainian news
# text, merged: enough to tell prose from a wrong decoding, not to tell the
# languages apart (language.py does that).
_CYRILLIC_FREQ: dict[str, float] = {
    "о": 10.0, "а": 8.5, "е": 8.0, "и": 5.5, "н": 6.7, "т": 5.8, "с": 5.0, "р": 4.7,
    "в": 4.4, "л": 4.3, "к": 3.4, "м": 3.1, "д": 3.0, "п": 2.8, "у": 2.8, "я": 2.0,
    "ы": 1.6, "ь": 1.7, "г": 1.7, "з": 1.7, "б": 1.6, "ч": 1.4, "й": 1.2, "х": 0.9,
    "ж": 0.9, "ш": 0.7, "ю": 0.6, "ц": 0.8, "щ": 0.3, "э": 0.5, "ф": 0.3, "ъ": 0.05,
    "ё": 0.1, "і": 4.0, "ў": 1.2, "ї": 0.5, "є": 0.4, "ґ": 0.05,
}
_LATIN_FREQ = 2.0  # plain Latin letters: neutral between candidates anyway
_RARE_LETTER = 0.01  # a letter no candidate language uses often (ђ, ќ, ö in Cyrillic prose)
_SYMBOL = 0.002  # box drawing, currency, maths: what a wrong decoding produces
_CASE_FLIP = 0.02  # a capital right after a small letter: "беЛАРУСЬ"
_SCRIPT_SWITCH = 0.005  # Latin and Cyrillic letters inside one word
_PLAUSIBLE = -5.0  # mean log-score per non-ASCII char: right decodings reach -3.5, garbage -6

_OPENING = set("«„№")
# Share (per cent) of non-ASCII characters in Cyrillic news that are these marks.
_PUNCT_FREQ: dict[str, float] = {
    **dict.fromkeys("«»—", 1.0),
    **dict.fromkeys("„“”’–…\u00a0", 0.3),
    **dict.fromkeys("‘№°·•§©®™‰", 0.05),
}

_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from bytes; `encoding` as Python names it (e.g. "cp1251").

    `guessed` is true when nothing in the file declared the encoding (no BOM,
    not valid UTF-8, no declared charset that worked): a score chose it.
    """

    text: str
    encoding: str
    guessed: bool = False
    notices: tuple[Notice, ...] = ()


def binary_kind(raw: bytes) -> str | None:
    """What binary file `raw` looks like ("a PNG image" ...), or None for text."""
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            return kind
    return None


def _is_nul_heavy(raw: bytes) -> bool:
    head = raw[:65536]
    controls = sum(1 for b in head if b < 0x09 or 0x0E <= b < 0x1B or 0x1C <= b < 0x20)
    return controls > max(4, len(head) // 20)


def _utf16_without_bom(raw: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when every second byte is a UTF-16 high byte."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    head = raw[:65536]
    for name, high, low in (("utf-16-le", head[1::2], head[0::2]),
                            ("utf-16-be", head[0::2], head[1::2])):
        # High bytes of Latin/Cyrillic/punctuation text: 0x00, 0x04, 0x20.
        typical = sum(1 for b in high if b in (0x00, 0x04, 0x20))
        telling = sum(1 for b in high if b in (0x00, 0x04))
        if typical < 0.9 * len(high) or telling < 0.5 * len(high):
            continue
        if sum(1 for b in low if b == 0) > 0.1 * len(low):
            continue  # NULs on both sides: binary, or UTF-32
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return name
    return None


def prose_score(text: str) -> float:
    """Mean log-likelihood per non-ASCII character that `text` is real prose.

    Higher is better; a right decoding of Cyrillic news scores near log(5%),
    a wrong one (capitals inside words, box drawing, mixed scripts) far lower.
    """
    total = 0.0
    count = 0
    prev = ""
    prev_script = ""
    for ch in text:
        if ch.isascii():
            if ch.isalpha():
                if prev_script == "cyr":
                    total += math.log(_SCRIPT_SWITCH)
                    count += 1
                prev_script = "lat"
            else:
                prev_script = ""
            prev = ch
            continue
        count += 1
        if ch.isalpha():
            lower = ch.lower()
            name = unicodedata.name(ch, "")
            if "CYRILLIC" in name:
                total += math.log(_CYRILLIC_FREQ.get(lower, _RARE_LETTER) / 100)
                if prev_script == "lat":
                    total += math.log(_SCRIPT_SWITCH)
                prev_script = "cyr"
            elif "LATIN" in name:
                total += math.log(_LATIN_FREQ / 100)
                if prev_script == "cyr":
                    total += math.log(_SCRIPT_SWITCH)
                prev_script = "lat"
            else:
                total += math.log(_RARE_LETTER / 100)
                prev_script = ""
            if ch.isupper() and prev.isalpha() and prev.islower():
                total += math.log(_CASE_FLIP)
        elif ch in _PUNCT_FREQ:
            total += math.log(_PUNCT_FREQ[ch] / 100)
            if prev.isalpha() and ch in _OPENING:  # "благодар„": an opening mark ends no word
                total += math.log(_CASE_FLIP)
            prev_script = ""
        elif unicodedata.category(ch) == "Zs":
            total += math.log(0.3 / 100)
            prev_script = ""
        else:
            total += math.log(_SYMBOL / 100)
            if prev.isalpha():  # "благодар€": a symbol glued to a word
                total += math.log(_CASE_FLIP)
            prev_script = ""
        prev = ch
    return total / count if count else 0.0


# prose_score is a Python loop per character: scoring 7 candidates on a whole
# 200 MB file would take many minutes, so candidates are scored on evenly spread
# windows of this many bytes in all (the whole text is still decoded).
SCORE_SAMPLE_BYTES = 256 * 1024
_SCORE_WINDOWS = 8


def _score_sample(raw: bytes) -> bytes:
    """`raw` itself, or evenly spread windows of it, `SCORE_SAMPLE_BYTES` in all."""
    if len(raw) <= SCORE_SAMPLE_BYTES:
        return raw
    size = SCORE_SAMPLE_BYTES // _SCORE_WINDOWS
    step = (len(raw) - size) // (_SCORE_WINDOWS - 1)
    return b"\n".join(raw[k * step: k * step + size] for k in range(_SCORE_WINDOWS))


def _best_legacy(raw: bytes) -> tuple[str, str, float] | None:
    """(encoding, text, score) of the candidate that reads best, if any decodes."""
    best: tuple[str, str, float] | None = None
    sample = _score_sample(raw)
    for name in LEGACY_CANDIDATES:
        try:
            raw.decode(name)  # the whole file must decode, not just the sample
            score = prose_score(sample.decode(name))
        except UnicodeDecodeError:
            continue
        if best is None or score > best[2] + 1e-9:
            best = (name, "", score)
    if best is not None:
        best = (best[0], raw.decode(best[0]), best[2])
    return best


def _undecodable(path: str | None, line: int | None, what: str) -> InputError:
    return InputError(
        what,
        path=path,
        line=line,
        hint="re-save the file as UTF-8 (e.g. `iconv -f WINDOWS-1251 -t UTF-8`), "
        "or fix the damaged bytes",
    )


def _first_bad_utf8(raw: bytes) -> int:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return -1


def _damaged_utf8(line: bytes) -> bool:
    """A line that is mostly valid UTF-8 with a few stray bytes (not a legacy line)."""
    valid = len(_UTF8_MULTIBYTE.findall(line))
    invalid = line.decode("utf-8", errors="replace").count("\ufffd")
    return valid > invalid


def normalise_charset_name(name: str | None) -> str | None:
    """Python's codec name for a declared charset ("windows-1251" -> "cp1251"), or None."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'"))
    except LookupError:
        return None
    return {"utf-8": "utf-8", "koi8-r": "koi8-r", "koi8-u": "koi8-u"}.get(codec.name, codec.name)


def decode_bytes(
    raw: bytes, *, path: str | None = None, declared: str | None = None
) -> DecodedText:
    """Decode a text file's bytes; see the module docstring for the order of evidence.

    Raises `InputError` for binary data and for bytes no candidate reads as text.
    """
    for bom, name in _BOMS:
        if raw.startswith(bom):
            body = raw[len(bom):]
            codec = "utf-8" if name == "utf-8-sig" else name
            try:
                return DecodedText(body.decode(codec), name)
            except UnicodeDecodeError as exc:
                raise _undecodable(
                    path, None, f"invalid {codec.upper()} at byte {exc.start + len(bom)} "
                    f"although the file starts with a {codec.upper()} byte-order mark",
                ) from None

    kind = binary_kind(raw)
    if kind:
        raise InputError(
            f"not a text file (looks like {kind})",
            path=path,
            hint="give a .txt, .md, .html or .docx article",
        )
    utf16 = _utf16_without_bom(raw)
    if utf16:
        note = Notice(
            "encoding-guessed",
            f"no byte-order mark; read as {utf16.upper()} from its byte pattern",
            level="info",
            path=path,
        )
        return DecodedText(raw.decode(utf16), utf16, guessed=True, notices=(note,))
    if _is_nul_heavy(raw):
        raise InputError(
            "not a text file (binary data: many NUL/control bytes)",
            path=path,
            hint="give a .txt, .md, .html or .docx article",
        )

    try:
        return DecodedText(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass

    charset = normalise_charset_name(declared)
    if charset and charset not in ("utf-8", "utf-16", "utf-32"):
        try:
            text = raw.decode(charset)
        except UnicodeDecodeError:
            text = None
        # a multi-byte charset may cut a character at a window edge: ignore that one
        sample = _score_sample(raw).decode(charset, errors="ignore")
        if text is not None and prose_score(sample) >= _PLAUSIBLE:
            return DecodedText(text, charset)

    lines = raw.split(b"\n")
    bad = [i for i, line in enumerate(lines) if _first_bad_utf8(line) >= 0]
    for i in bad:
        if _damaged_utf8(lines[i]):
            raise _undecodable(
                path, i + 1,
                f"invalid UTF-8 bytes (first at byte {_first_bad_utf8(lines[i]) + 1} of the line)",
            )
    bad_set = set(bad)
    good_non_ascii = any(
        not line.isascii() for i, line in enumerate(lines) if i not in bad_set
    )

    if not good_non_ascii:
        best = _best_legacy(raw)
        if best is None or best[2] < _PLAUSIBLE:
            first = bad[0] if bad else 0
            raise _undecodable(
                path, first + 1,
                "undecodable bytes: not UTF-8 and not a recognised Cyrillic or Latin encoding",
            )
        name, text, _ = best
        note = Notice(
            "encoding-guessed",
            f"not UTF-8 and no declared charset; read as {name} (the best-reading "
            f"of {', '.join(LEGACY_CANDIDATES)})",
            level="info",
            path=path,
        )
        return DecodedText(text, name, guessed=True, notices=(note,))

    # Some lines are UTF-8 with letters beyond ASCII, others are not UTF-8:
    # either a file pasted together from two encodings, or damaged UTF-8.
    best = _best_legacy(b"\n".join(lines[i] for i in bad))
    for i in bad:
        line = lines[i]
        if best is None or prose_score(line.decode(best[0])) < _PLAUSIBLE:
            col = _first_bad_utf8(line) + 1
            raise _undecodable(
                path, i + 1, f"invalid UTF-8 bytes (first at byte {col} of the line)"
            )
    name = best[0]
    decoded = [
        line.decode(name) if i in bad_set else line.decode("utf-8")
        for i, line in enumerate(lines)
    ]
    note = Notice(
        "mixed-encodings",
        f"{len(bad)} line(s) are not UTF-8 (first: line {bad[0] + 1}); "
        f"repaired by reading them as {name}, the rest as UTF-8",
        level="warning",
        path=path,
        line=bad[0] + 1,
    )
    return DecodedText("\n".join(decoded), f"utf-8+{name}", guessed=True, notices=(note,))
