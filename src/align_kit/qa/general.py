"""General QA checks over the beads of alignments, at Xbench / pofilter level.

Each check has a stable id (`GENERAL_CHECKS`) and a default severity. Checks are
plain functions of the texts; findings name the document, the bead (0-based
here, 1-based in what people read), the language and the span in the document.

Bilingual checks compare each translated side with the source side of its bead
(the alignment's original; else its first language). Monolingual checks
(doubled words, double spaces, mixed scripts) run on every side, source too:
a defect in the original is a defect as well.
"""

from __future__ import annotations

import math
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import regex

from align_kit.formats import inline
from align_kit.model import Alignment, Document, Finding, Severity

# id -> (default severity, needs a glossary, what it checks)
GENERAL_CHECKS: dict[str, tuple[Severity, bool, str]] = {
    "brackets": ("warning", False, "unpaired brackets, or a different number of them"),
    "quotes": ("warning", False, "unpaired quotation marks « » “ ” „ \" '"),
    "urls": ("error", False, "a URL of the source changed or missing in the target"),
    "emails": ("error", False, "an e-mail address of the source changed or missing"),
    "end-punctuation": ("warning", False, "one side ends with . ! ? … and the other not"),
    "start-capital": ("warning", False, "one side starts with a capital and the other not"),
    "doubled-words": ("warning", False, "the same word twice in a row"),
    "double-spaces": ("warning", False, "two or more spaces in a row"),
    "mixed-script": ("warning", False, "Latin look-alikes inside a Cyrillic word, or the "
                     "reverse"),
    "same-source-two-targets": ("warning", False, "one source text translated two ways "
                                "across the checked files"),
    "same-target-two-sources": ("info", False, "one translation given to two different "
                                "source texts across the checked files"),
    "length-ratio": ("info", False, "a translation much longer or shorter than the "
                     "document's usual ratio (robust z-score)"),
    "tags": ("error", False, "the inline-code placeholders of TMX/XLIFF ({1} {/1} {2/}) "
             "differ between source and target: missing, extra, or breaking nesting"),
    "term-count": ("info", True, "a glossary term more often in the source than in the "
                   "target (needs --glossary)"),
}


@dataclass(frozen=True)
class Pair:
    """One translated side of one bead and its source side, with texts and offsets."""

    alignment: Alignment
    bead: int
    source: int  # document index of the source side
    target: int  # document index of this side
    src_text: str
    tgt_text: str

    @property
    def doc(self) -> Document:
        return self.alignment.documents[self.target]

    @property
    def src_doc(self) -> Document:
        return self.alignment.documents[self.source]


def side_span(doc: Document, side: Sequence[int], lo: int | None = None,
              hi: int | None = None) -> tuple[int, int] | None:
    """Document offsets of the side's text `[lo:hi]` (the whole side by default).

    The side text joins its segments with one space; an offset there maps to the segment
    it falls in."""
    if not side:
        return None
    if lo is None or hi is None:
        return (doc.segments[side[0]].start, doc.segments[side[-1]].end)
    return (_doc_offset(doc, side, lo), _doc_offset(doc, side, max(lo, hi - 1)) + 1)


def _doc_offset(doc: Document, side: Sequence[int], offset: int) -> int:
    pos = 0
    for i in side:
        seg = doc.segments[i]
        if offset < pos + len(seg.text) + 1 or i == side[-1]:
            return seg.start + min(max(offset - pos, 0), max(len(seg.text) - 1, 0))
        pos += len(seg.text) + 1
    return doc.segments[side[-1]].end


def pairs(alignment: Alignment) -> Iterable[Pair]:
    """Every bead's translated sides that have a source side to compare with."""
    src = alignment.original_index
    for b, bead in enumerate(alignment.beads):
        if not bead.indexes[src]:
            continue
        texts = alignment.texts(bead)
        for k, side in enumerate(bead.indexes):
            if k != src and side:
                yield Pair(alignment, b, src, k, texts[src], texts[k])


def sides(alignment: Alignment) -> Iterable[tuple[int, int, str]]:
    """(bead, document index, text) of every non-empty side, the source's too."""
    for b, bead in enumerate(alignment.beads):
        texts = alignment.texts(bead)
        for k, side in enumerate(bead.indexes):
            if side:
                yield b, k, texts[k]


def _finding(check: str, level: Severity, message: str, alignment: Alignment, b: int, k: int,
             lo: int | None = None, hi: int | None = None, term: str | None = None,
             expected: tuple[str, ...] = ()) -> Finding:
    doc = alignment.documents[k]
    side = alignment.beads[b].indexes[k]
    return Finding(check, level, message, doc.id, b, doc.language,
                   side_span(doc, side, lo, hi), None, term, expected)


# --- brackets and quotes ---

_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = {v: k for k, v in _OPEN.items()}
# "1)", "а)" at the start of a list item close nothing.
_LIST_MARK = regex.compile(r"^\s*[\p{L}\d]{1,2}\)")


def _bracket_balance(text: str) -> tuple[list[tuple[str, int]], Counter]:
    """Unpaired brackets (char, offset) and the pairs per kind."""
    text_for_scan = _LIST_MARK.sub(lambda m: " " * len(m.group()), text)
    stack: list[tuple[str, int]] = []
    unpaired: list[tuple[str, int]] = []
    closed: Counter = Counter()
    for i, c in enumerate(text_for_scan):
        if c in _OPEN:
            stack.append((c, i))
        elif c in _CLOSE:
            if stack and stack[-1][0] == _CLOSE[c]:
                stack.pop()
                closed[_CLOSE[c]] += 1
            else:
                unpaired.append((c, i))
    return sorted(unpaired + stack, key=lambda u: u[1]), closed


def check_brackets(p: Pair, level: Severity) -> list[Finding]:
    t_unpaired, t_pairs = _bracket_balance(p.tgt_text)
    s_unpaired, s_pairs = _bracket_balance(p.src_text)
    a = p.alignment
    if t_unpaired and Counter(c for c, _ in t_unpaired) != Counter(c for c, _ in s_unpaired):
        chars = "".join(c for c, _ in t_unpaired)
        first = t_unpaired[0][1]
        return [_finding("brackets", level, f"unpaired bracket(s) {chars}", a, p.bead,
                         p.target, first, first + 1, chars)]
    # Brackets added in a translation usually explain ("PACE (the Council of Europe's
    # assembly)"); brackets dropped lose text the source set apart.
    if not t_unpaired and not s_unpaired and sum(t_pairs.values()) < sum(s_pairs.values()):
        return [_finding("brackets", level,
                         f"{sum(s_pairs.values())} bracket pair(s) in the source, "
                         f"{sum(t_pairs.values())} in the target", a, p.bead, p.target)]
    return []


# Apostrophes inside or after a word (don't, Аб'яднаны, students') are no quotes.
_SINGLE_OPEN = regex.compile(r"(?:(?<=^)|(?<=[\s(\[«„“\"—–-]))'(?=[\p{L}\d])")
_SINGLE_CLOSE = regex.compile(r"(?<=[\p{L}\d.,!?…])'(?=$|[\s)\].,;:!?…»”\"“])")


def _quote_balance(text: str) -> list[tuple[str, int]]:
    """Unpaired quotation marks (char, offset): « », „ “/”, “ ”, ‘ ’, straight " and '."""
    stack: list[tuple[str, int]] = []
    unpaired: list[tuple[str, int]] = []
    singles_open = {m.start() for m in _SINGLE_OPEN.finditer(text)}
    singles_close = {m.start() for m in _SINGLE_CLOSE.finditer(text)}
    for i, c in enumerate(text):
        top = stack[-1][0] if stack else ""
        if c in "«„‘":
            stack.append((c, i))
        elif c == "»":
            if top == "«":
                stack.pop()
            else:
                unpaired.append((c, i))
        elif c == "“":  # closes „ (be/ru/de style), else opens (en style)
            if top == "„":
                stack.pop()
            else:
                stack.append((c, i))
        elif c == "”":
            if top in ("“", "„"):
                stack.pop()
            else:
                unpaired.append((c, i))
        elif c == "’":  # an apostrophe too: it closes an open ‘ and is otherwise ignored
            if top == "‘":
                stack.pop()
        elif c == '"':
            if top == '"':
                stack.pop()
            else:
                stack.append((c, i))
        elif c == "'":
            if i in singles_open:
                stack.append((c, i))
            elif i in singles_close and top == "'":
                stack.pop()
    return sorted(unpaired + stack, key=lambda u: u[1])


def check_quotes(p: Pair, level: Severity) -> list[Finding]:
    """A side with a quotation mark left open (or closed twice) that the source does not have.

    Quotes are compared by count, not by style: « » in Belarusian for “ ” in English is
    right. A quotation that runs over two sentences leaves both sides of each bead unpaired
    alike, which is no finding; nor is a target that closes what its source leaves open (a
    quotation split over two source sentences, one in the translation)."""
    t, s = _quote_balance(p.tgt_text), _quote_balance(p.src_text)
    if len(t) > len(s):
        chars = "".join(c for c, _ in t)
        first = t[0][1]
        return [_finding("quotes", level, f"unpaired quotation mark(s) {chars}", p.alignment,
                         p.bead, p.target, first, first + 1, chars)]
    return []


# --- URLs and e-mail addresses ---

_EMAIL = regex.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = regex.compile(r"(?:https?://|www\.)[^\s<>«»“”\"']+", regex.I)
_TRAILING = ".,;:!?…)]}'\""


def _urls(text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in _URL.finditer(text):
        url = m.group()
        while url and url[-1] in _TRAILING:
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break  # https://en.wikipedia.org/wiki/X_(y) keeps its bracket
            url = url[:-1]
        out.append((url, m.start(), m.start() + len(url)))
    return out


def _emails(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().rstrip("."), m.start(), m.start() + len(m.group().rstrip(".")))
            for m in _EMAIL.finditer(text)]


def _compare_items(check: str, what: str, find: Callable[[str], list[tuple[str, int, int]]],
                   p: Pair, level: Severity, fold: Callable[[str], str]) -> list[Finding]:
    src, tgt = find(p.src_text), find(p.tgt_text)
    src_keys = Counter(fold(u) for u, _, _ in src)
    tgt_keys = Counter(fold(u) for u, _, _ in tgt)
    missing = [u for u, _, _ in src if (src_keys - tgt_keys)[fold(u)] > 0]
    extra = [(u, lo, hi) for u, lo, hi in tgt if (tgt_keys - src_keys)[fold(u)] > 0]
    out = []
    a = p.alignment
    if missing and extra:
        for (old, new) in zip(missing, extra, strict=False):
            out.append(_finding(check, level, f"{what} changed: {old!r} became {new[0]!r}", a,
                                p.bead, p.target, new[1], new[2], new[0], (old,)))
        missing, extra = missing[len(out):], extra[len(out):]
    for old in dict.fromkeys(missing):
        out.append(_finding(check, level, f"{what} {old!r} of the source is missing", a,
                            p.bead, p.target, term=old, expected=(old,)))
    for new, lo, hi in extra:
        out.append(_finding(check, level, f"{what} {new!r} is not in the source", a, p.bead,
                            p.target, lo, hi, new))
    return out


def _fold_url(url: str) -> str:
    url = regex.sub(r"^https?://", "", url, flags=regex.I)
    host, _, rest = url.partition("/")
    host = host.lower().removeprefix("www.")
    return host + ("/" + rest.rstrip("/") if rest.rstrip("/") else "")


def check_urls(p: Pair, level: Severity) -> list[Finding]:
    return _compare_items("urls", "URL", _urls, p, level, _fold_url)


def check_emails(p: Pair, level: Severity) -> list[Finding]:
    return _compare_items("emails", "e-mail address", _emails, p, level, str.lower)


# --- end punctuation and start capital ---

# (U+200B: where an inline code stood, formats.inline.mask)
_CLOSERS = "»”“’\"')]}\u200b"
_OPENERS = "«„“‘\"'([{—–-• \u200b"
_END = ".!?…"


def _last_mark(text: str) -> str:
    """The last character, closing quotes and brackets stepped over ("…end.»" -> ".")."""
    body = text.rstrip()
    while body and body[-1] in _CLOSERS:
        body = body[:-1].rstrip()
    return body[-1:] if body else ""


def check_end_punctuation(p: Pair, level: Severity) -> list[Finding]:
    s, t = _last_mark(p.src_text), _last_mark(p.tgt_text)
    s_end, t_end = s in _END and s != "", t in _END and t != ""
    a = p.alignment
    if s_end and not t_end:
        return [_finding("end-punctuation", level,
                         f"the source ends with {s!r}, the target does not", a, p.bead, p.target,
                         len(p.tgt_text) - 1, len(p.tgt_text), expected=(s,))]
    if t_end and not s_end:
        return [_finding("end-punctuation", level,
                         f"the target ends with {t!r}, the source does not", a, p.bead,
                         p.target, len(p.tgt_text) - 1, len(p.tgt_text))]
    if (s == "?") != (t == "?") and s_end and t_end:
        return [_finding("end-punctuation", level,
                         f"the source ends with {s!r}, the target with {t!r}", a, p.bead,
                         p.target, len(p.tgt_text) - 1, len(p.tgt_text), expected=(s,))]
    return []


def _first_letter(text: str) -> tuple[str, int] | None:
    """The first character after opening quotes, brackets and dashes, if it is a letter of
    a word that is not mixed-case (iPhone, eBay say nothing about the sentence)."""
    i = 0
    while i < len(text) and text[i] in _OPENERS:
        i += 1
    if i >= len(text) or not text[i].isalpha():
        return None
    word = regex.match(r"\p{L}+", text[i:])
    if word and any(c.isupper() for c in word.group()[1:]) and not word.group().isupper():
        return None
    return text[i], i


def check_start_capital(p: Pair, level: Severity) -> list[Finding]:
    s, t = _first_letter(p.src_text), _first_letter(p.tgt_text)
    if not s or not t or not (s[0].isupper() or s[0].islower()) or not (
            t[0].isupper() or t[0].islower()):
        return []
    if s[0].isupper() == t[0].isupper():
        return []
    how = "a capital" if s[0].isupper() else "a small letter"
    other = "a small letter" if s[0].isupper() else "a capital"
    return [_finding("start-capital", level, f"the source starts with {how}, the target with "
                     f"{other} ({t[0]!r})", p.alignment, p.bead, p.target, t[1], t[1] + 1,
                     t[0])]


# --- monolingual: doubled words, double spaces, mixed scripts ---

_DOUBLED = regex.compile(r"(?<![\p{L}\p{M}\d'’-])(\p{L}[\p{L}\p{M}'’]*)(\s+)(\1)"
                         r"(?![\p{L}\p{M}\d'’-])", regex.I)
# English grammar allows these twice ("he had had", "that that is").
_DOUBLE_OK = {"en": {"had", "that"}}


def check_doubled_words(a: Alignment, b: int, k: int, text: str,
                        level: Severity) -> list[Finding]:
    lang = a.documents[k].language
    out = []
    for m in _DOUBLED.finditer(text):
        word = m.group(1)
        if word.lower() in _DOUBLE_OK.get(lang, ()):
            continue
        if word[:1].isupper() and m.group(3)[:1].isupper():
            continue  # a name: "Roa Roa Hotel", "Bora Bora"
        pair = f"{m.group(1)} {m.group(3)}"
        out.append(_finding("doubled-words", level, f"doubled word {pair!r}", a, b, k,
                            m.start(), m.end(), word))
    return out


_SPACES = regex.compile(r"[ \u00a0]{2,}")


def check_double_spaces(a: Alignment, b: int, k: int, text: str,
                        level: Severity) -> list[Finding]:
    # Between two segments of one side the joining space is ours, not the text's: look inside
    # each segment only.
    doc = a.documents[k]
    out = []
    for i in a.beads[b].indexes[k]:
        seg = doc.segments[i]
        for m in _SPACES.finditer(seg.text):
            out.append(Finding("double-spaces", level,
                               f"{len(m.group())} spaces in a row after "
                               f"{seg.text[max(0, m.start() - 15):m.start()]!r}",
                               doc.id, b, doc.language,
                               (seg.start + m.start(), seg.start + m.end()), None, m.group()))
    return out


_LETTERS_WORD = regex.compile(r"[\p{L}\p{M}]+")


def _script(c: str) -> str:
    if regex.match(r"\p{Cyrillic}", c):
        return "Cyrillic"
    if regex.match(r"\p{Latin}", c):
        return "Latin"
    return ""


def check_mixed_script(a: Alignment, b: int, k: int, text: str,
                       level: Severity) -> list[Finding]:
    out = []
    for m in _LETTERS_WORD.finditer(text):
        word = m.group()
        scripts = Counter(s for s in map(_script, word) if s)
        if len(scripts) < 2:
            continue
        main = "Cyrillic" if scripts["Cyrillic"] >= scripts["Latin"] else "Latin"
        odd = "Latin" if main == "Cyrillic" else "Cyrillic"
        letters = "".join(dict.fromkeys(c for c in word if _script(c) == odd))
        names = ", ".join(f"{c} ({unicodedata.name(c, '?').title()})" for c in letters)
        out.append(_finding("mixed-script", level,
                            f"{word!r} mixes scripts: {odd} {names} in a {main} word", a, b, k,
                            m.start(), m.end(), word))
    return out


# --- across beads: consistency, length ratio ---

def _norm(text: str) -> str:
    return " ".join(text.split())


def _key(text: str) -> str:
    # "It Is Very Bad." (a headline) and "It is very bad." are one translation.
    return _norm(text).casefold()


def check_consistency(alignments: Sequence[Alignment],
                      levels: Mapping[str, Severity]) -> list[Finding]:
    """One source text with two translations across the checked files (and the reverse)."""
    by_source: dict[tuple[str, str, str], dict[str, list[Pair]]] = defaultdict(
        lambda: defaultdict(list))
    by_target: dict[tuple[str, str, str], dict[str, list[Pair]]] = defaultdict(
        lambda: defaultdict(list))
    for a in alignments:
        for p in pairs(a):
            s, t = _key(p.src_text), _key(p.tgt_text)
            if not regex.search(r"\p{L}", s) or not regex.search(r"\p{L}", t):
                continue
            langs = (p.src_doc.language, p.doc.language)
            by_source[(*langs, s)][t].append(p)
            by_target[(*langs, t)][s].append(p)
    out: list[Finding] = []
    for check, groups, what in (("same-source-two-targets", by_source, "translated"),
                                ("same-target-two-sources", by_target, "given to")):
        level = levels.get(check)
        if level is None:
            continue
        for (_sl, _tl, _text), variants in groups.items():
            if len(variants) < 2:
                continue
            ranked = sorted(variants.items(), key=lambda kv: -len(kv[1]))
            usual_pairs = ranked[0][1]

            def shown(q: Pair, c: str = check) -> str:  # as written, not case-folded
                return _norm(q.tgt_text if c == "same-source-two-targets" else q.src_text)

            usual = shown(usual_pairs[0])
            where = _places(usual_pairs)
            for _other, group in ranked[1:]:
                for p in group:
                    other = shown(p)
                    if check == "same-source-two-targets":
                        msg = (f"this source is {what} {len(variants)} ways; {len(usual_pairs)}x "
                               f"{_short(usual)!r} ({where})")
                    else:
                        msg = (f"this translation is {what} {len(variants)} different sources; "
                               f"{len(usual_pairs)}x for {_short(usual)!r} ({where})")
                    out.append(_finding(check, level, msg, p.alignment, p.bead, p.target,
                                        term=_short(other), expected=(usual,)))
    return out


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _places(group: Sequence[Pair]) -> str:
    names = [f"{p.alignment.id or p.doc.id} bead {p.bead + 1}" for p in group[:3]]
    return ", ".join(names) + (", …" if len(group) > 3 else "")


# Fewer pairs than this say nothing about a document's usual ratio.
MIN_BEADS_FOR_RATIO = 8
Z_LIMIT = 3.5
# Short sides vary most; characters added to both lengths damp them (and a floor on the
# spread keeps a very regular document from flagging tiny differences).
_SMOOTH = 10
_MIN_SPREAD = 0.08


def check_length_ratio(alignment: Alignment, level: Severity) -> list[Finding]:
    """Beads whose log length ratio is an outlier for this document: robust z-score
    (median and MAD of log((target + 10) / (source + 10)) over the document's 1-1 beads)."""
    by_target: dict[int, list[tuple[Pair, float]]] = defaultdict(list)
    for p in pairs(alignment):
        ratio = math.log((len(p.tgt_text) + _SMOOTH) / (len(p.src_text) + _SMOOTH))
        by_target[p.target].append((p, ratio))
    out = []
    for items in by_target.values():
        if len(items) < MIN_BEADS_FOR_RATIO:
            continue
        values = [r for _, r in items]
        median = statistics.median(values)
        mad = statistics.median(abs(v - median) for v in values)
        spread = max(mad / 0.6745, _MIN_SPREAD)
        for p, r in items:
            z = (r - median) / spread
            if abs(z) > Z_LIMIT:
                how = "longer" if z > 0 else "shorter"
                out.append(_finding(
                    "length-ratio", level,
                    f"the translation is {how} than usual in this document: "
                    f"{len(p.tgt_text)} characters for {len(p.src_text)} "
                    f"(usual ratio {math.exp(median):.2f}, z = {z:+.1f})",
                    p.alignment, p.bead, p.target))
    return out


# --- glossary term counts ---

def _occurrences(matches) -> Counter:
    """Times each concept is in a text: matches of one concept that overlap (an approved
    full name around a forbidden surname) are one occurrence; nested matches (a term
    inside a longer term's name) are the longer term's."""
    out: Counter = Counter()
    ends: dict[str, int] = {}
    for m in sorted((m for m in matches if not m.nested), key=lambda m: m.span):
        if m.span[0] >= ends.get(m.entry, -1):
            out[m.entry] += 1
        ends[m.entry] = max(ends.get(m.entry, -1), m.span[1])
    return out


def check_term_count(alignment: Alignment, matcher, level: Severity) -> list[Finding]:
    """A term the source has n times and the target fewer (but at least once: none at all
    is the glossary's term-missing)."""
    out = []
    for p in pairs(alignment):
        src = _occurrences(matcher.find(p.src_text, p.src_doc.language))
        tgt = _occurrences(matcher.find(p.tgt_text, p.doc.language))
        for entry, n in sorted(src.items()):
            if n >= 2 and 1 <= tgt[entry] < n:
                out.append(_finding("term-count", level,
                                    f"term {entry!r} is {n}x in the source, {tgt[entry]}x in "
                                    "the target", p.alignment, p.bead, p.target, term=entry))
                out[-1] = _with_entry(out[-1], entry)
    return out


def _with_entry(f: Finding, entry: str) -> Finding:
    return Finding(f.check, f.severity, f.message, f.document, f.bead, f.language, f.span,
                   entry, f.term, f.expected)


# --- inline tags (placeholders of TMX/XLIFF codes, formats/inline.py) ---


def _nesting_error(found: Sequence[inline.Tag]) -> inline.Tag | None:
    """The first placeholder that closes out of order or is never closed/opened."""
    stack: list[inline.Tag] = []
    for t in found:
        if t.kind == "open":
            stack.append(t)
        elif t.kind == "close":
            if not stack or stack[-1].id != t.id:
                return t
            stack.pop()
    return stack[-1] if stack else None


def check_tags(alignment: Alignment, level: Severity) -> list[Finding]:
    """Source and target placeholders differ, in beads imported with inline codes only.

    Only a bead whose sides were imported from a unit with codes is checked: its literal
    braces are escaped (`{{`), so a `{1}` there is a tag; elsewhere it is plain text."""
    recorded = [inline.decode(d.metadata) for d in alignment.documents]
    if not any(recorded):
        return []  # no tags in this alignment: nothing to compare, nothing to say
    out: list[Finding] = []
    for p in pairs(alignment):
        bead = alignment.beads[p.bead]
        if not any(i in recorded[k] for k, side in enumerate(bead.indexes) for i in side):
            continue
        src, tgt = inline.tags(p.src_text), inline.tags(p.tgt_text)
        src_count = Counter(t.text for t in src)
        tgt_count = Counter(t.text for t in tgt)
        a, b, k = p.alignment, p.bead, p.target
        for text in src_count - tgt_count:
            out.append(_finding("tags", level, f"tag {text} of the source is missing in the "
                                "target", a, b, k, term=text))
        for t in tgt:
            if (tgt_count - src_count)[t.text]:
                out.append(_finding("tags", level, f"tag {t.text} is not in the source",
                                    a, b, k, t.start, t.end, t.text))
                tgt_count[t.text] -= 1
        if src_count == Counter(t.text for t in tgt) and _nesting_error(src) is None:
            wrong = _nesting_error(tgt)
            if wrong is not None:
                out.append(_finding("tags", level, f"tag {wrong.text} breaks the nesting of "
                                    "the paired tags (" + "".join(t.text for t in tgt
                                                                  if t.kind != "single") + ")",
                                    a, b, k, wrong.start, wrong.end, wrong.text))
    return out


# --- all of them ---

PAIR_CHECKS: dict[str, Callable[[Pair, Severity], list[Finding]]] = {
    "brackets": check_brackets, "quotes": check_quotes, "urls": check_urls,
    "emails": check_emails, "end-punctuation": check_end_punctuation,
    "start-capital": check_start_capital,
}
SIDE_CHECKS: dict[str, Callable[[Alignment, int, int, str, Severity], list[Finding]]] = {
    "doubled-words": check_doubled_words, "double-spaces": check_double_spaces,
    "mixed-script": check_mixed_script,
}


def check_general(alignments: Sequence[Alignment], levels: Mapping[str, Severity],
                  matcher=None) -> list[Finding]:
    """Findings of the general checks in `levels` (check id -> severity; absent: off)."""
    out: list[Finding] = []
    pair_checks = [(c, f) for c, f in PAIR_CHECKS.items() if c in levels]
    side_checks = [(c, f) for c, f in SIDE_CHECKS.items() if c in levels]
    for a in alignments:
        if pair_checks:
            for p in pairs(a):
                for check, fn in pair_checks:
                    out += fn(p, levels[check])
        if side_checks:
            for b, k, text in sides(a):
                for check, fn in side_checks:
                    out += fn(a, b, k, text, levels[check])
        if "length-ratio" in levels:
            out += check_length_ratio(a, levels["length-ratio"])
        if "tags" in levels:
            out += check_tags(a, levels["tags"])
        if "term-count" in levels and matcher is not None:
            out += check_term_count(a, matcher, levels["term-count"])
    out += check_consistency(alignments, levels)
    return out
