"""Rule-based sentence splitting for English, Belarusian, Russian, Ukrainian (generic otherwise).

How a text is cut, in order:

1. Paragraphs: a blank line always ends a sentence (a sentence never crosses
   a paragraph).
2. Lines inside a paragraph: a line break is a hard boundary before a list
   item (•, -, "1.", "a)"), an em-dash dialogue line ("— I would like ...",
   "-- Ты"), a question/answer label ("Q:", "Пытанне:"), after a list item,
   and after a line without final punctuation that was broken on purpose
   before a sentence start (a headline, caption, dateline or "Posted ..."
   line: `layout_break`). Any other line break is ordinary white space
   (hard-wrapped text). Ingest keeps exactly those line breaks for it.
3. Inside a block: every run of terminal punctuation (. ! ? …, with closing
   quotes and brackets) followed by white space is a candidate; it is a
   boundary when the next word starts a sentence (a capital, a digit, a
   dialogue dash, a bullet) and the word before is not an abbreviation or
   initial that keeps the sentence going (`rules.py` and `data/`). A period
   set after a closing quote or bracket ("…». ") ends the sentence even
   before a lowercase word: no abbreviation's period stands there. Real text
   (issue 18) adds: an initial before or after another ("А. С. Пушкин") goes
   on; a citation marker ("1799. [17]") stays with its sentence; a short
   quoted title keeps its period («70 дней. Бездна»); '“Ouch!” I yelled.'
   is one sentence; an emoji, an emoticon ("классные)", "=)") or a URL
   before a capital ends a sentence; "3." opening a sentence is a list
   number; a sentence may start in lowercase after ? or !, before a URL, and
   (English) after a period that ends an ordinary word.
4. The trained boundary model (`boundary.py`, `data/boundary.json`) then
   re-decides every gap the rules are not certain about: after punctuation,
   before a capital, an @mention or an emoji that follows a word without
   punctuation (a headline run into its text, social media), after an emoji.
   A rule boundary at a line break, before a capital after . ! ? …, and no
   boundary after a nonfinal abbreviation or an initial stay as they are. A
   piece with no letter or digit ("ловится? 🎣 Судак") is never a sentence of
   its own.
5. A sentence longer than `max_chars` is cut at the last clause punctuation
   or white space before the limit, and reported in a `Notice`.

Offsets are never changed: every `Segment` is an exact, stripped span of the
input, so the segments and the white space between them give the text back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from align_kit.model import Notice, Segment, SegmentKind
from align_kit.segment.boundary import decide, load_model
from align_kit.segment.rules import (
    AMBIGUOUS,
    FINAL_AFTER_NUMBER,
    NONFINAL,
    NUMBER,
    LanguageRules,
    load_rules,
)

DEFAULT_MAX_CHARS = 1500
"""Longest sentence kept whole; longer runs are cut near this length (and reported)."""

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
_TERMINAL = ".!?…‼⁇⁈⁉"
_CLOSERS = "\"'»”“’)]}›"  # “ closes „…“ in Belarusian and Russian
_OPENERS = "\"'«„“‘([{‹`"  # ` from TeX-style ``quotes``
_QUOTES = "\"'»”’“›"
_FINAL_CLOSERS = "»”\")]"  # not ' (an apostrophe: "the members'.")
_DASHES = "—–-―"
_BULLETS = "•▪●◦‣∙■□➢►✓✔"
_PUNCT_RUN = set(_TERMINAL + _CLOSERS)
_TERMINAL_SET = frozenset(_TERMINAL)  # `isdisjoint` tests a run in C, no generator
# White space after punctuation, or before a bullet. The punctuation itself is
# found by walking back a bounded distance, so runs of a million dots stay linear.
_EMOJI = "\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200d"
# White space after punctuation or an emoji, before a bullet, after a URL, or after an
# emoticon's last character before a capital.
# The mark is matched, not looked behind for: a pattern that opens with a character class
# is scanned for in C, one with a lookbehind is tried at every position (twice as slow).
# Any other alternative, even a dead one, is tried at every position too (four times as
# slow), so a block gets the alternatives it needs: the bullet one only where it holds a
# bullet, the URL one only where it holds a URL (`_candidate_pattern`).
# The gap is the group that matched (`m.lastindex`).
_MARK_GAP = rf"[{_TERMINAL}{re.escape(_CLOSERS)}{_EMOJI}(DP^](?P<ws>\s+)"
_BULLET_GAP = rf"(?P<bullet>\s)(?=[{_BULLETS}]\s)"
_URL_GAP = r"(?:https?://|www\.)\S+(?P<url>\s+)"
_CANDIDATES = {
    (bullet, url): re.compile(
        "|".join((_MARK_GAP,) + ((_BULLET_GAP,) if bullet else ()) + ((_URL_GAP,) if url else ()))
    )
    for bullet in (False, True)
    for url in (False, True)
}
_BULLET_CHAR = re.compile(f"[{_BULLETS}]")


def _candidate_pattern(text: str, start: int, end: int) -> tuple[re.Pattern[str], bool]:
    """The candidate pattern for the block text[start:end], and whether it looks for URLs."""
    url = text.find("://", start, end) >= 0 or text.find("www.", start, end) >= 0
    bullet = _BULLET_CHAR.search(text, start, end) is not None
    return _CANDIDATES[bullet, url], url


_EMOJI_END = re.compile(rf"[{_EMOJI}]$")
# A social-media emoticon ending a sentence: "классные)", "=)", ":D", ":-)".
_EMOTICON_END = re.compile(r"(?:(?<=\w)\)+|\)\)+|\(\(+|[:;=]-?[)(DP]+|\^_?\^)$")
_URL_END = re.compile(r"(?:https?://|www\.)\S+$", re.IGNORECASE)
# A citation marker after the sentence it belongs to: "in 1799. [17] Placed", "[3, 4]".
_CITATION = re.compile(r"\[\d{1,3}(?:[,–-]\s?\d{1,3})*\]")
_CITED_END = re.compile(r"[.!?…][\"'»”’)]*\[\d{1,3}(?:[,–-]\s?\d{1,3})*\]$")
_WHITESPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*|[IVXLCDM]+")
_ENUMERATOR = re.compile(r"(?:\d{1,3}|[IVXLC]{1,5}|[a-zа-яёіў])")
_DOTTED_LETTERS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_LIST_MARKER = re.compile(
    rf"(?:[{_BULLETS}*·]|[{_DASHES}]{{1,2}}|\d{{1,3}}[.)]|[a-zа-яёіў]\)|[IVXLC]{{1,5}}\.)(?=\s)"
)
_URL = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>\"«»]+[^\s<>\"«».,;:!?)\]'’”]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|by|ru|ua|eu|pl|lt|info|gov|edu|io)\b(?:/[^\s]*)?",
    re.IGNORECASE,
)


def split_sentences(text: str, lang: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> list[Segment]:
    """Split `text` into sentences; each `Segment` is an exact span of `text`.

    Paragraphs (blank-line separated) are never crossed; `Segment.paragraph`
    is the paragraph's index. Unknown languages use the generic rules.
    Sentences cut because they exceeded `max_chars` are only reported by
    `split_sentences_with_notices`.

    >>> [s.text for s in split_sentences("Mr. Smith met P. Latushka. Then he left.", "en")]
    ['Mr. Smith met P. Latushka.', 'Then he left.']
    """
    return split_sentences_with_notices(text, lang, max_chars=max_chars)[0]


def split_sentences_with_notices(
    text: str, lang: str, *, max_chars: int = DEFAULT_MAX_CHARS
) -> tuple[list[Segment], list[Notice]]:
    """`split_sentences`, plus a `Notice` for every repair (over-long sentences cut)."""
    rules = load_rules(lang)
    segments: list[Segment] = []
    cut = _CutReport(max_chars)
    for number, (start, end) in enumerate(paragraph_spans(text)):
        for s, e, kind in _sentence_spans(text, start, end, rules):
            if e - s <= max_chars:  # the common case, without a generator per sentence
                segments.append(Segment(text[s:e], s, e, number, kind))
                continue
            for cs, ce in _enforce_max_length(text, s, e, max_chars, cut):
                segments.append(Segment(text[cs:ce], cs, ce, number, kind))
    return segments, cut.notices()


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph, white space trimmed."""
    spans = []
    pos = 0
    for m in _BLANK_LINE.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [t for t in (_trim(text, s, e) for s, e in spans) if t[0] < t[1]]


def split_span(
    text: str, start: int, end: int, lang: str, *, max_chars: int = DEFAULT_MAX_CHARS,
    paragraph: int = 0,
) -> tuple[list[Segment], list[Notice]]:
    """Split one paragraph `text[start:end]` (offsets stay those of `text`)."""
    rules = load_rules(lang)
    cut = _CutReport(max_chars)
    s0, e0 = _trim(text, start, end)
    out = [
        Segment(text[cs:ce], cs, ce, paragraph, kind)
        for s, e, kind in _sentence_spans(text, s0, e0, rules)
        for cs, ce in _enforce_max_length(text, s, e, max_chars, cut)
    ] if s0 < e0 else []
    return out, cut.notices()


# --- lines -------------------------------------------------------------------


def rule_spans(
    text: str, start: int, end: int, rules: LanguageRules
) -> list[tuple[int, int, SegmentKind]]:
    """The rules' sentences of the paragraph `text[start:end]` (trimmed), before the model."""
    return list(_split_block_lines(text, start, end, rules))


def _sentence_spans(
    text: str, start: int, end: int, rules: LanguageRules
) -> Iterator[tuple[int, int, SegmentKind]]:
    """The rules' sentences, re-cut by the trained boundary model where one is installed."""
    spans = rule_spans(text, start, end, rules)
    model = load_model()
    if model is None or not spans:
        return iter(spans)
    return decide(text, spans, start, end, rules, model)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_block_lines(
    text: str, start: int, end: int, rules: LanguageRules
) -> Iterator[tuple[int, int, SegmentKind]]:
    """Cut a paragraph at hard line breaks, then each block at sentence boundaries."""
    if text.find("\n", start, end) < 0:
        yield from _split_block(text, start, end, rules, "sentence")
        return
    lines = []  # (start, end) of each non-empty line, trimmed
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        s, e = _trim(text, pos, stop)
        if s < e:
            lines.append((s, e))
        if nl < 0:
            break
        pos = nl + 1
    longest = max(e - s for s, e in lines)
    block_start = lines[0][0]
    block_kind: SegmentKind = "sentence"
    for k, (s, e) in enumerate(lines):
        if k + 1 == len(lines):
            yield from _split_block(text, block_start, e, rules, block_kind)
            break
        ns, ne = lines[k + 1]
        hard, kind = _hard_break(text, s, e, ns, ne, longest, rules, block_start)
        if hard:
            if kind == "line" and block_kind == "sentence" and block_start == s:
                block_kind = "line"
            yield from _split_block(text, block_start, e, rules, block_kind)
            block_start = ns
            block_kind = "sentence"


def _starts_list_item(text: str, s: int, e: int, rules: LanguageRules) -> bool:
    return bool(_LIST_MARKER.match(text, s, e)) or _starts_qa_label(text, s, e, rules)


def _starts_qa_label(text: str, s: int, e: int, rules: LanguageRules) -> bool:
    colon = text.find(":", s, min(e, s + 20))
    return colon > s and text[s:colon].strip() in rules.qa_labels


def _hard_break(
    text: str, s: int, e: int, ns: int, ne: int, longest: int, rules: LanguageRules,
    block_start: int,
) -> tuple[bool, SegmentKind]:
    """Does the line break between line [s, e) and line [ns, ne) end a segment?"""
    if _starts_list_item(text, ns, ne, rules) or text[ns] in _BULLETS:
        return True, "sentence"
    nxt = _first_letter(text, ns, ne)
    next_starts = nxt is not None and (nxt.isupper() or nxt.isdigit())
    if not next_starts:
        return False, "sentence"
    if _starts_list_item(text, block_start, e, rules):
        return True, "sentence"
    return layout_break(text[s:e], text[ns:ne], longest), "line"


def layout_break(line: str, next_line: str, longest: int) -> bool:
    """Does the break after `line` (stripped) end a headline, caption, dateline or
    metadata line ("Posted 19 мая 2023, 13:29") rather than wrap a sentence?

    It does when `line` ends without punctuation, `next_line` starts a sentence
    (a capital or a digit), and the line was broken on purpose: it is short
    beside the paragraph's `longest` line, or the next line's first word would
    have fitted on it (a wrapping editor breaks only where the word does not fit).
    """
    if not line or not next_line:
        return False
    nxt = _first_letter(next_line, 0, len(next_line))
    if nxt is None or not (nxt.isupper() or nxt.isdigit()):
        return False
    last = line[-1]
    if last in _TERMINAL or last in _CLOSERS or last in ":;,":
        return False  # ends like a sentence: the punctuation rules decide
    first_word = len(next_line.split(None, 1)[0])
    return len(line) < 0.7 * longest or longest < 60 or len(line) + 1 + first_word <= longest


def _first_letter(text: str, s: int, e: int) -> str | None:
    for i in range(s, min(e, s + 4)):
        ch = text[i]
        if ch.isalnum():
            return ch
        if ch not in _OPENERS:
            return None
    return None


# --- sentences inside a block --------------------------------------------------


def _split_block(
    text: str, start: int, end: int, rules: LanguageRules, kind: SegmentKind
) -> Iterator[tuple[int, int, SegmentKind]]:
    seg_start = start
    pattern, _ = _candidate_pattern(text, start, end)
    for m in pattern.finditer(text, start, end):
        is_url = m.lastgroup == "url"
        cut, nxt = m.span(m.lastindex)
        if (m.start() if is_url else cut) < seg_start:
            continue  # inside a citation marker already taken into the last sentence
        pstart = cut
        low = max(start, cut - 16)
        while pstart > low and text[pstart - 1] in _PUNCT_RUN:
            pstart -= 1
        if pstart == cut or _TERMINAL_SET.isdisjoint(text[pstart:cut]):
            if nxt >= end:
                continue
            if text[nxt] in _BULLETS:
                # A bullet in running text starts an item.
                while cut > seg_start and text[cut - 1].isspace():
                    cut -= 1
            elif not (_capital_follows(text, nxt, end) and _ends_without_punctuation(
                text, seg_start, cut, is_url
            )):
                continue
        else:
            if nxt + 1 < end and text[nxt] in _QUOTES and text[nxt + 1].isspace():
                # 'детей? " Другой': a detached closing quote ends the sentence.
                cut = nxt + 1
                nxt = _WHITESPACE.match(text, cut, end).end()
            citation = _CITATION.match(text, nxt, end)
            if citation is not None:
                # "in 1799. [17] Placed": the marker belongs to the sentence it follows.
                cut = citation.end()
                ws = _WHITESPACE.match(text, cut, end)
                nxt = ws.end() if ws else cut
                if ws is None and nxt < end:
                    continue
                if nxt < end and not _capital_follows(text, nxt, end):
                    continue
            elif _inside_short_quote(text, seg_start, pstart, nxt, end):
                continue  # «70 дней. Бездна»: a title with a period, inside a quotation
            elif nxt >= end or not _is_boundary(
                text, pstart, cut, nxt, end, rules, start, seg_start
            ):
                continue
        s, e = seg_start, cut
        if s >= e or text[s].isspace() or text[e - 1].isspace():
            s, e = _trim(text, s, e)
        if s < e:
            yield s, e, _kind_of(text, s, e, rules, kind)
        seg_start = nxt
    s, e = _trim(text, seg_start, end)
    if s < e:
        yield s, e, _kind_of(text, s, e, rules, kind)


def _capital_follows(text: str, i: int, end: int) -> bool:
    while i < end and text[i] in _OPENERS:
        i += 1
    return i < end and text[i].isupper()


def _ends_without_punctuation(text: str, seg_start: int, cut: int, url: bool) -> bool:
    """Does text[:cut] end a sentence without punctuation right before the white space:
    an emoji, an emoticon, a URL, a citation marker after the punctuation?"""
    if not any(c.isalnum() for c in text[seg_start:cut]):
        return False  # "📙 Юлія": an emoji that opens a line is a bullet, not an end
    if _CITED_END.search(text, max(seg_start, cut - 24), cut):
        return True  # "in 2021.[3] It has": the punctuation is before the marker
    if url:
        return True
    if _EMOJI_END.search(text, max(seg_start, cut - 2), cut):
        i = cut
        while i > seg_start and (text[i - 1].isspace() or _EMOJI_END.match(text[i - 1])):
            i -= 1
        return text[i - 1] not in ",;:"  # "кніга; 📙 Другая": the emoji is a bullet
    m = _EMOTICON_END.search(text, max(seg_start, cut - 6), cut)
    if m is None:
        return False
    if m.group().startswith(")") or text[m.start() - 1:m.start()].isalnum():
        # "классные) Мы": a smile only if no "(" is left open before it.
        part = text[seg_start:cut]
        return part.count(")") > part.count("(")
    return True


_QUOTE_PAIRS = (("«", "»"), ("“", "”"), ("„", "“"))
_QUOTE_OPENER = re.compile("[«“„]")


def _inside_short_quote(text: str, seg_start: int, pstart: int, nxt: int, end: int) -> bool:
    """Is the punctuation inside a short quoted title that goes on for a word or three
    after it («Лепшы квас. Piano», “Афганістан. Я памятаю”), not a quoted sentence?"""
    if _QUOTE_OPENER.search(text, max(seg_start, pstart - 40), pstart) is None:
        return False  # no quotation opens near the punctuation (one scan, not three)
    for opener, closer in _QUOTE_PAIRS:
        start = text.rfind(opener, max(seg_start, pstart - 40), pstart)
        if start < 0 or text.find(closer, start + 1, nxt) >= 0:
            continue  # no quotation open at the punctuation
        close = text.find(closer, nxt, min(end, nxt + 30))
        if close < 0 or text.find(opener, nxt, close) >= 0:
            continue
        inside = text[nxt:close]
        if not any(c in _TERMINAL for c in inside) and len(inside.split()) <= 3 and len(
            text[start + 1:pstart].split()
        ) <= 5:
            return True
    return False


def _kind_of(text: str, s: int, e: int, rules: LanguageRules, kind: SegmentKind) -> SegmentKind:
    first = text[s]
    if first.isupper() and first not in "IVXLC":
        return kind  # the common case: no list marker opens with such a capital
    if first in _BULLETS or (
        _LIST_MARKER.match(text, s, e) and text[s] not in _DASHES
    ):
        return "list_item"
    return kind


def _is_boundary(
    text: str, pstart: int, pend: int, nxt: int, end: int, rules: LanguageRules, block: int,
    sentence_start: int,
) -> bool:
    """Is the punctuation text[pstart:pend], followed by white space and text[nxt], a boundary?"""
    punct = text[pstart:pend]
    ch = text[nxt]
    # What follows: a dialogue dash, a bullet, an opening quote, a word.
    if ch in _BULLETS:
        return True
    if ch in _DASHES:
        dash_end = nxt + 2 if text.startswith("--", nxt) else nxt + 1  # "-- Ты" as "— Ты"
        after = _WHITESPACE.match(text, dash_end, end)
        if after is None:
            return False  # "-word" or "—word": a hyphenated token, not dialogue
        letter = _first_letter(text, after.end(), end)
        return letter is not None and (letter.isupper() or letter.isdigit())
    i = nxt
    while i < end and text[i] in _OPENERS:
        i += 1
    if i >= end:
        return False
    first = text[i]
    if first.isalpha():
        if not first.isupper():
            # A period set after a closing quote or bracket is never an abbreviation's:
            # 'за кратамі». наступная' ends a sentence whose successor lost its capital.
            if len(punct) >= 2 and punct[-1] == "." and punct[-2] in _FINAL_CLOSERS:
                return True
            return _lowercase_start(text, punct, pstart, i, block, rules)
    elif i == nxt and first in "<*=~+>_" and not text.startswith("* ", nxt):
        # Mark-up or a separator after the end: "войска! <a href", "Graae. *** Bush".
        return True
    elif not (first.isdigit() or first in "$€£№#@"):
        return False  # more punctuation: ". . .", "?!)", a text of symbols
    if "?" in punct or "!" in punct or "…" in punct or "..." in punct:
        # '"Are you ready?" CNN reported.': a quotation and its attribution.
        return not (punct[-1] in _QUOTES and _attribution_follows(text, i, end, rules))
    if any(c in _CLOSERS for c in punct):
        return True  # 'He left.)' / 'победим».'
    # A single period after a word: is the word an abbreviation or an initial?
    token, tstart = _token_before(text, pstart, block)
    if not token:
        return True
    word = _next_word(text, i, end)
    if _is_initial(token) and (
        _INITIAL.match(text, i, end) or _is_initial(_previous_token(text, tstart, block)[:-1])
    ):
        # "А. С. Пушкин", "М. Дз. Зялінскага": an initial before or after another one.
        return False
    if _NUMBER.fullmatch(token):
        # "1. Sanctions" at the start of a line is an enumerator, not a sentence.
        if _ENUMERATOR.fullmatch(token) and (
            _at_line_start(text, tstart, block) or _starts_sentence(text, tstart, sentence_start)
        ):
            return False
        if token.isalpha() and len(token) == 1:  # a one-letter initial "C." / "I."
            return word in rules.starters
        return True
    cls = _abbreviation_class(
        text, token, tstart, block, rules, _starts_sentence(text, tstart, sentence_start)
    )
    if cls is None:
        return True
    if cls == NONFINAL:
        return False
    if cls == NUMBER:
        return not first.isdigit() and word in rules.starters
    if cls == AMBIGUOUS:
        return first.isdigit() or word in rules.starters
    if cls == FINAL_AFTER_NUMBER:
        before = _previous_token(text, tstart, block)
        if not before or not (before[-1].isdigit() or _NUMBER.fullmatch(before)):
            return False  # "г. Минск", "м. Октябрьская": before a name
        # "... его повторяют с 2015 г. Независимость ..." ends a sentence, but a
        # clause of only "в 2024 г." is an adverbial that goes on: "Кроме того, в
        # 2024 г. Совет принял ...", "У 2016 г. Ціханоўская ...".
        if first.isdigit() or word in rules.starters:
            return True
        clause = _CLAUSE_SPLIT.split(text[max(sentence_start, pstart - 120):pstart])[-1]
        return len(clause.split()) > 3
    return True  # FINAL


_INITIAL = re.compile(r"[A-ZА-ЯЁІЎЇЄҐ][a-zа-яёіўїєґ]?\.(?=\s)")


def _is_initial(token: str) -> bool:
    """A one- or two-letter capitalised token ("А", "Дз", "J"): a possible initial."""
    return 0 < len(token) <= 2 and token.isalpha() and token[0].isupper() and (
        len(token) == 1 or token[1].islower()
    )


def _lowercase_start(
    text: str, punct: str, pstart: int, i: int, block: int, rules: LanguageRules
) -> bool:
    """A sentence that starts in lowercase (e-mail, chat): after ? or ! (not a quotation's
    "!” he said"), before a URL, or after a period ending an ordinary lowercase word."""
    if text.startswith(("http://", "https://", "www."), i):
        return True
    if "?" in punct or "!" in punct:
        words = _WORD.findall(text, i, min(len(text), i + 40))[:2]
        if len(words) == 2 and words[1] in rules.speech_verbs:
            return False  # "Why? she asked."
        return punct[-1] not in _QUOTES and not text[pstart - 1:pstart].isupper()
    if punct != "." or rules.language != "en":
        # "Nice people... I hear": an ellipsis runs on. In Belarusian and Russian a
        # period before a lowercase word is far more often a typo or an abbreviation.
        return False
    token, tstart = _token_before(text, pstart, block)
    if token in _SHORT_FINAL_WORDS:
        return True  # "i loved it. why do you"
    return (
        (len(token) >= 3 if token.islower() else len(token) >= 4 and token[1:].islower())
        and token.isalpha()
        and _abbreviation_class(text, token, tstart, block, rules, False) is None
    )


# English two-letter words that end sentences and are no abbreviation.
_SHORT_FINAL_WORDS = frozenset({"it", "me", "us", "up", "in", "on", "so", "do", "go", "to"})


_CLAUSE_SPLIT = re.compile(r"[,;:(]|\s[—–-]\s")
_WORD = re.compile(r"[^\W_][\w'’-]*")


def _attribution_follows(text: str, i: int, end: int, rules: LanguageRules) -> bool:
    """Do one to four capitalised words and a speech verb follow ("Hammel added")?"""
    if not rules.speech_verbs:
        return False
    words = _WORD.findall(text, i, min(end, i + 80))[:5]
    if len(words) > 1 and words[0] == "I" and words[1] in rules.speech_verbs:
        return True  # '“Owwww!” I howled.': "I" is capitalised anywhere
    if not words or words[0] in rules.starters:
        return False  # '"Why?" She said ...' is a new sentence
    for k, word in enumerate(words):
        if word in rules.speech_verbs:
            return k > 0
        if not word[0].isupper() and word not in ("the", "of"):
            return False
    return False


def _abbreviation_class(
    text: str, token: str, tstart: int, block: int, rules: LanguageRules, initial: bool
) -> str | None:
    # "т. е." / "г. зн." written with a space: join with the short token before.
    prev = _previous_token(text, tstart, block) if len(token) <= 3 else ""
    if prev.endswith(".") and 1 < len(prev) <= 5:
        joined = rules.abbreviation_class(prev + token, initial)
        if joined is not None:
            return joined
    found = rules.abbreviation_class(token, initial)
    if found is not None:
        return found
    if len(token) == 1 and token.isupper():
        # A one-letter initial: "С. Ціханоўская", "P. Latushka". Lowercase
        # one-letter abbreviations ("п.", "с.") are listed in the data.
        return AMBIGUOUS
    if _DOTTED_LETTERS.fullmatch(token):
        return AMBIGUOUS  # "A.G.", "U.S.", "т.е.": dotted letters
    return None


def _starts_sentence(text: str, pos: int, sentence_start: int) -> bool:
    """Is `pos` the first word of the sentence (after opening quotes, dashes, bullets)?"""
    i = pos  # walk back over what may precede a first word: stops at the first other char
    while i > sentence_start:
        ch = text[i - 1]
        if not (ch.isspace() or ch in _OPENERS or ch in _DASHES or ch in _BULLETS):
            return False
        i -= 1
    return True


def _token_before(text: str, pos: int, block: int) -> tuple[str, int]:
    """The white-space delimited token ending at `pos`, without opening quotes."""
    i = pos
    low = max(block, pos - 48)
    while i > low and not text[i - 1].isspace():
        i -= 1
    while i < pos and text[i] in _OPENERS:
        i += 1
    return text[i:pos], i


def _previous_token(text: str, pos: int, block: int) -> str:
    """The token before the white space that precedes `pos` ("" at the block start)."""
    i = pos
    while i > block and text[i - 1].isspace():
        i -= 1
    if i == pos:
        return ""
    return _token_before(text, i, block)[0]


def _next_word(text: str, i: int, end: int) -> str:
    j = i
    stop = min(end, i + 40)
    while j < stop and (text[j].isalnum() or text[j] == "-"):
        j += 1
    return text[i:j]


def _at_line_start(text: str, pos: int, block: int) -> bool:
    i = pos
    while i > block and text[i - 1] in " \t":
        i -= 1
    return i == block or text[i - 1] == "\n"


# --- over-long sentences -----------------------------------------------------------


class _CutReport:
    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars
        self.count = 0
        self.first: int | None = None
        self.hard = 0

    def notices(self) -> list[Notice]:
        if not self.count:
            return []
        how = (
            f"; {self.hard} with no white space at all were cut mid-word" if self.hard else ""
        )
        return [
            Notice(
                "sentence-too-long",
                f"{self.count} over-long run(s) of text were cut into pieces of at most "
                f"{self.max_chars} characters at clause punctuation or white space "
                f"(first at character {self.first}){how}; check for missing punctuation",
            )
        ]


_LAST_SPACE = re.compile(r".*\s", re.DOTALL)
_CLAUSE_BREAK = re.compile(r"[;:,)\]»”](?=\s)|\s[—–](?=\s)")


def _enforce_max_length(
    text: str, start: int, end: int, max_chars: int, report: _CutReport
) -> Iterator[tuple[int, int]]:
    if end - start <= max_chars:
        yield start, end
        return
    s = start
    while end - s > max_chars:
        limit = s + max_chars
        cut = _best_cut(text, s, limit)
        if cut is None:
            url = _URL.match(text, s, min(end, limit + 4096))
            if url is not None and url.end() > limit:
                cut = url.end()  # never cut inside a URL or an e-mail address
            else:
                cut = limit
                while cut > s + 1 and unicodedata.combining(text[cut]):
                    cut -= 1  # keep a letter with its accents
                report.hard += 1
        if report.first is None:
            report.first = cut
        report.count += 1
        e = cut
        while e > s and text[e - 1].isspace():
            e -= 1
        yield s, e
        s = cut
        while s < end and text[s].isspace():
            s += 1
    if s < end:
        yield s, end


def _best_cut(text: str, s: int, limit: int) -> int | None:
    """The end of the last clause break in the second half, else the last white space."""
    half = s + (limit - s) // 2
    best = None
    for m in _CLAUSE_BREAK.finditer(text, half, limit):
        best = m.end() if not text[m.start()].isspace() else m.start()
    if best is not None and best > s:
        return best
    m = _LAST_SPACE.match(text, s + 1, limit)
    return m.end() - 1 if m is not None else None
