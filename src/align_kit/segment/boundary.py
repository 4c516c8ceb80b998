"""A trained boundary classifier over the rules' candidate positions (issue 18).

The rules (`splitter.py`) stay the candidate generator and the hard constraints;
this module decides, for every white-space gap inside a paragraph that could end
a sentence, whether it does:

- every gap after terminal punctuation (. ! ? … with closers), whether or not
  the rules split there (the rules' verdict is a feature);
- every gap before a capitalised word, an "@mention" or an emoji that follows a
  word without punctuation: the unpunctuated boundaries of headlines run into
  the text, captions and social media, which no punctuation rule finds;
- every line break the rules did not take as a hard break.

A rule boundary at a line break (list items, dialogue lines, layout breaks) and
a blank line are certain and never questioned.

The model is a logistic regression over sparse binary features: the tokens
before and after (lowercased, shape, length, known abbreviation), the
punctuation and quotes/brackets between, and Punkt-style unsupervised
statistics of the words (how often a word is written in lowercase, how often it
carries a period: `stats`), counted on raw text without any gold. Its weights
and statistics are `data/boundary.json`, written by `bench/train_segmenter.py`
and loaded once at first use; nothing is downloaded.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from bisect import bisect_left as _bisect
from bisect import bisect_right as _bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import accumulate as _accumulate
from operator import add as _add
from operator import sub as _sub
from pathlib import Path

from align_kit.segment.rules import LanguageRules

MODEL_PATH = Path(__file__).parent / "data" / "boundary.json"

_TERMINAL = ".!?…‼⁇⁈⁉"
_CLOSERS = "\"'»”“’)]}›"
_OPENERS = "\"'«„“‘([{‹`"
_DASHES = "—–-―"
_BULLETS = "•▪●◦‣∙■□➢►✓✔✅"
_EMOJI_RANGES = ((0x1F000, 0x1FAFF), (0x2600, 0x27BF), (0x2B00, 0x2BFF))
_WORD_CHARS = re.compile(r"[\w'’-]+")
# Words counted for the statistics: letters only (with inner apostrophes and hyphens).
_STAT_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W\d_])?")


def _is_emoji(ch: str) -> bool:
    o = ord(ch)
    return any(lo <= o <= hi for lo, hi in _EMOJI_RANGES) or ch in "\ufe0f\u200d"


def _char_class(ch: str) -> str:
    if ch.isalpha():
        return "A" if ch.isupper() else "a"
    if ch.isdigit():
        return "d"
    if ch in _TERMINAL:
        return "…" if ch in "…‼⁇⁈⁉" else ch
    if ch in _CLOSERS:
        return "q"
    if ch in _OPENERS:
        return "o"
    if ch in _DASHES:
        return "-"
    if ch in _BULLETS:
        return "b"
    if ch in "@#":
        return ch
    if _is_emoji(ch):
        return "e"
    if ch in ",;:":
        return ","
    return "x"


def _bucket(n: float, edges: Iterable[float]) -> int:
    k = 0
    for edge in edges:
        if n <= edge:
            return k
        k += 1
    return k


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float
    threshold: float
    # lang -> lowercased word -> (lowercase, capitalised after a word, with a period, total)
    stats: dict[str, dict[str, tuple[int, int, int, int]]]
    # Per language: remembered weight sums of tokens and contexts (see `_cuts`).
    cache: dict = dataclasses.field(default_factory=dict, compare=False, repr=False)


@cache
def load_model(path: Path = MODEL_PATH) -> Model | None:
    """The shipped model, or None where no model file is installed (rules alone then)."""
    if not path.is_file():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    stats = {lang: {w: tuple(v) for w, v in table.items()} for lang, table in raw["stats"].items()}
    return Model(raw["weights"], raw["bias"], raw.get("threshold", 0.0), stats)


# --- unsupervised statistics ------------------------------------------------------------


def count_stats(texts: Iterable[str]) -> dict[str, list[int]]:
    """Punkt-style word statistics over raw text (no gold): per lowercased word, how often
    it is written in lowercase, capitalised right after another word (not after . ! ? …
    nor at a line start: where a capital marks a name), written with a final period, and
    seen at all."""
    table: dict[str, list[int]] = {}
    for text in texts:
        prev_end = -1
        prev_final = True
        for m in _STAT_WORD.finditer(text):
            word = m.group()
            low = word.lower()
            row = table.get(low)
            if row is None:
                row = table[low] = [0, 0, 0, 0]
            row[3] += 1
            if word[0].islower():
                row[0] += 1
            elif not prev_final and "\n" not in text[prev_end:m.start()]:
                row[1] += 1
            after = text[m.end():m.end() + 1]
            if after == ".":
                row[2] += 1
            prev_end = m.end()
            gap = text[m.end():m.end() + 3].lstrip("\"'»”’)]")
            prev_final = bool(gap) and gap[0] in _TERMINAL
    return table


# --- candidates and features ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int  # the gap: text[start:end] is white space (or empty)
    end: int
    rule: bool  # the rules put a boundary here
    before: int = 0  # where the rules' sentence before the gap starts
    after: int = 0  # where the rules' sentence after the gap ends


def candidates(text: str, spans: list[tuple[int, int, str]]) -> list[Candidate]:
    """Every gap inside the rules' sentences `spans` of one paragraph that the classifier
    decides, the gaps between them included."""
    return [Candidate(*gap) for gap in _gaps(text, spans)]


def _gaps(
    text: str, spans: list[tuple[int, int, str]]
) -> list[tuple[int, int, bool, int, int]]:
    """`candidates` as plain tuples (start, end, rule, before, after): `decide` runs over
    some 12k gaps per 6k sentences, where building objects shows."""
    start, end = spans[0][0], spans[-1][1]
    # gap start -> gap end; the rules' own gaps (`ruled`) win over the patterns' (built by
    # comprehension and `update`: no method call per match).
    # Each pattern opens with a character class, so the scan stays in C (no lookbehind
    # tried at every position).
    ruled = {a[1]: b[0] for a, b in zip(spans, spans[1:], strict=False)}
    before = {m.start(): m.end() for m in _BEFORE_START.finditer(text, start, end)}
    found = _gap_ends(text, spans, ruled, before)
    # Where the rules' sentences around each gap start and end: a long one is suspect.
    out = []
    k = 0
    last = len(spans) - 1
    for pos in sorted(found):
        gap_end = found[pos]
        rule = pos in ruled
        while k < last and spans[k][1] <= pos and not (rule and spans[k][1] == pos):
            k += 1
        after = spans[k + 1][1] if rule else spans[k][1]
        out.append((pos, gap_end, rule, spans[k][0], after))
    return out


# The gaps worth a look: before a capital, an @mention, a hashtag, an emoji, a bullet or a
# dash (the unpunctuated boundaries); after terminal punctuation, a closing quote or
# bracket, an emoji or an emoticon's bracket ("Ждём фото😊 как бы"); at a line break.
_EMOJI_CLASS = "\u2600-\u27BF\U0001F000-\U0001FAFF"
# (`\s\s*`, not `\s+`: a single class first lets the scan skip ahead in C, 20% faster.)
_BEFORE_START = re.compile(
    rf"\s\s*(?=[\"«„“(']?[A-ZА-ЯЁІЎЇЄҐ@#{_EMOJI_CLASS}•▪●◦✔✅—–])"
)
_AFTER_MARK = re.compile(rf"[.!?…‼⁇⁈⁉\"'»”“’)\]}}›{_EMOJI_CLASS}\ufe0f]\s+")
# The same gaps, found by the character after (before) them, for `re.split`: a pattern that
# opens with one character class is scanned for in C, and every match is one character
# long, so the pieces' lengths give the gaps (`_gaps_before`). `_BEFORE_START` would stop
# at every space to look ahead; this stops only at a capital (or an opening quote) and
# looks one character back.
_START_CHAR = re.compile(
    rf"[\"«„“('A-ZА-ЯЁІЎЇЄҐ@#{_EMOJI_CLASS}•▪●◦✔✅—–](?<=\s.)"
    rf"(?:(?<![\"«„“('])|(?=[A-ZА-ЯЁІЎЇЄҐ@#{_EMOJI_CLASS}•▪●◦✔✅—–]))"
)


def _left_token(text: str, i: int, low: int) -> str:
    """The white-space delimited token ending at `i` (at most 40 characters)."""
    seg = text[max(low, i - 40):i]
    if not seg or seg[-1].isspace():
        return ""
    return seg.rsplit(None, 1)[-1]


def _right_token(text: str, j: int, high: int) -> str:
    seg = text[j:min(high, j + 40)]
    if not seg or seg[0].isspace():
        return ""
    return seg.split(None, 1)[0]


def _shape(word: str) -> str:
    if not word:
        return "_"
    first = word[0]
    if first.isdigit():
        return "d"
    if not first.isalpha():
        return "p"
    if word.isupper():
        return "U" if len(word) > 1 else "X"
    return "X" if first.isupper() else "x"


def _left_part(
    left: str, rules: LanguageRules, stats: dict[str, tuple[int, int, int, int]]
) -> tuple[tuple[str, str, str, str, str], list[str]]:
    """What the token before the gap says: its classes (lc, lgroup, punctuation tail,
    first character, shape) and its own features."""
    lang = rules.language
    # The last character, and the last one that is not a closer.
    core = left.rstrip(_CLOSERS)
    closed = "q" if len(core) < len(left) else ""
    lc = _char_class(core[-1]) + closed if core else ("q" if left else "_")
    words = _WORD_CHARS.findall(core)
    word = words[-1] if words else ""
    tail = core[core.rfind(word) + len(word):] if word else core
    lgroup = "p" if lc[0] in ".!?…" else "n"
    # The token's own first character: a "#hashtag" or an "@mention" before the gap.
    first = _char_class(left[0]) if left else "_"
    shape = f"{_shape(word)}{min(len(word), 6)}" if word else "_"
    f = []
    if word:
        low = word.lower()
        f.append(f"{lang}lw{low[-20:]}|{lgroup}")
        st = stats.get(low)
        if lgroup == "p":
            f.append(f"ab{rules.abbreviation_class(word, False)}")
            if st is not None:
                ratio = st[2] / st[3]
                f.append(f"lp{_bucket(ratio, (0.05, 0.3, 0.7, 0.95))}{_bucket(st[3], (1, 4))}")
            else:
                f.append("lp?")
        elif st is not None:
            # A left word seldom written in lowercase is a name: a headline rarely ends there.
            f.append(f"lo{_bucket(st[0] / st[3], (0.05, 0.5, 0.95))}")
    return (lc, lgroup, tail[-3:], first, shape), f


def _right_part(
    right: str, lgroup: str, rules: LanguageRules, stats: dict[str, tuple[int, int, int, int]]
) -> tuple[str, list[str]]:
    """What the token after the gap says: its class (rc) and its own features."""
    lang = rules.language
    core = right.lstrip(_OPENERS)
    opened = "o" if len(core) < len(right) else ""
    rc = (_char_class(core[0]) if core else "_") + opened
    m = _WORD_CHARS.match(core)
    word = m.group() if m else ""
    f = []
    if word:
        low = word.lower()
        r0 = rc[0]
        f.append(f"{lang}rw{low[:20]}|{lgroup}{r0}")
        f.append(f"rs{_shape(word)}{min(len(word), 6)}{lgroup}")
        f.append(f"st{word in rules.starters}{lgroup}{r0}")
        st = stats.get(low)
        if st is None:
            f.append(f"ro?{lgroup}{r0}")
        else:
            # Punkt's orthographic cue: a word usually written in lowercase but capitalised
            # here starts a sentence; one capitalised after other words too is a name.
            f.append(f"ro{_bucket(st[0] / st[3], (0.0, 0.2, 0.5, 0.8, 0.95))}"
                     f"m{_bucket(st[1] / st[3], (0.0, 0.05, 0.3))}{lgroup}{r0}")
            f.append(f"rn{_bucket(st[3], (1, 3, 10, 50))}{lgroup}{r0}")
    return rc, f


def _context(
    text: str, cand: Candidate, low: int, lang: str, left: tuple[str, str, str, str, str],
    rc: str,
) -> tuple[str, ...]:
    """The small-domain facts of the gap itself (a key: the weights of its features are
    summed once per distinct key)."""
    lc, lgroup, tail, first, shape = left
    nl = "n" if "\n" in text[cand.start:cand.end] else "s"
    # Words of the rules' sentence before and after the gap, and since the paragraph
    # start: a headline run into its text makes one long "sentence" of both.
    # (Counted in bounded windows: the buckets end at 40 and 15 words.)
    before = _bucket(text.count(" ", max(cand.before, cand.start - 500), cand.start),
                     (2, 5, 10, 20, 40))
    after = _bucket(text.count(" ", cand.end, min(cand.after, cand.end + 500)),
                    (2, 5, 10, 20, 40))
    para = _bucket(text.count(" ", max(low, cand.start - 200), cand.start), (3, 8, 15))
    return (lang, "R" if cand.rule else "r", lc, rc, nl, lgroup, tail, first, shape,
            str(before), str(after), str(para))


def _context_features(key: tuple[str, ...]) -> list[str]:
    lang, r, lc, rc, nl, lgroup, tail, first, shape, before, after, para = key
    r0 = rc[0]
    return [
        f"r{r}{lc}",
        f"c{lc}|{rc}",
        f"cr{r}{lc}|{rc}",
        f"{lang}cr{r}{lc}|{rc}",  # the same, per language: how each one's text runs
        f"n{nl}{lgroup}{rc}",
        f"pt{tail}|{r0}",
        f"lf{first}{lc}|{rc}",
        f"ls{shape}{lgroup}|{r0}",
        f"wl{before}{after}{lgroup}{r0}",
        f"wp{para}{lgroup}{r0}",
    ]


def features(
    text: str, cand: Candidate, low: int, high: int, rules: LanguageRules,
    stats: dict[str, tuple[int, int, int, int]],
) -> list[str]:
    """The binary features of one candidate gap (the training script calls this)."""
    left_info, left_f = _left_part(_left_token(text, cand.start, low), rules, stats)
    rc, right_f = _right_part(_right_token(text, cand.end, high), left_info[1], rules, stats)
    key = _context(text, cand, low, rules.language, left_info, rc)
    return _context_features(key) + left_f + right_f


_CACHE_LIMIT = 100_000


def _tables(model: Model, lang: str) -> tuple[dict, dict, dict, list]:
    """Per language: remembered weight sums of left tokens (with their context bounds),
    of right tokens (one table per left group), and of gap contexts, and the left tokens'
    classes by id (the context key holds the id, not five strings)."""
    tables = model.cache.get(lang)
    if tables is None:
        tables = model.cache[lang] = ({}, {"p": {}, "n": {}}, {}, [])
    lcache, rcache, ccache, infos = tables
    if len(lcache) > _CACHE_LIMIT or any(
        len(t) > _CACHE_LIMIT for t in rcache.values()
    ) or len(ccache) > _CACHE_LIMIT:
        # A bounded memory, however much text one process splits.
        lcache.clear()
        for t in rcache.values():
            t.clear()
        ccache.clear()
        infos.clear()
    return tables


def _gaps_before(pattern: re.Pattern[str], text: str, start: int, end: int) -> zip:
    """(gap start, gap end) of each white-space run of text[start:end] right before a
    one-character match of `pattern` (which looks back for the white space), in order.
    The positions are summed from the pieces' lengths in C: no match object per gap."""
    pieces = pattern.split(text[start:end])  # n + 1 pieces around n matches
    n = len(pieces) - 1
    del pieces[n]
    lens = list(map(len, pieces))
    # Match k stands after pieces 0..k and the k matches before it.
    ends = list(map(_add, _accumulate(lens), range(start, start + n)))
    # The run ends at the match: the white space that closes piece k.
    trail = map(_sub, lens, map(len, map(str.rstrip, pieces)))
    return zip(map(_sub, ends, trail), ends, strict=True)


def _gap_ends(text: str, spans: list[tuple[int, int, str]], ruled: dict[int, int],
              before: dict[int, int] | None = None) -> dict:
    """`_gaps`'s gap start -> gap end, unsorted, without the sentences around each gap;
    `before`: the gaps before a sentence start, if already found (else by the fast
    scan, `_gaps_before`)."""
    start, end = spans[0][0], spans[-1][1]
    found: dict[int, int] = dict(before if before is not None
                                 else _gaps_before(_START_CHAR, text, start, end))
    found.update(ruled)
    for m in _AFTER_MARK.finditer(text, start, end):
        i = m.start() + 1
        if i in found:
            continue
        if text[m.start()] in _CLOSERS and text[m.start()] != ")":
            k = i - 1
            while k > start and text[k - 1] in _CLOSERS:
                k -= 1
            if not (k > start and text[k - 1] in _TERMINAL):
                continue
        found[i] = m.end()
    nl = text.find("\n", start, end)
    while nl >= 0:
        i, j = nl, nl + 1
        while i > start and text[i - 1].isspace():
            i -= 1
        while j < end and text[j].isspace():
            j += 1
        found.setdefault(i, j)
        nl = text.find("\n", j, end)
    return found


def _cuts(
    model: Model, text: str, spans: list[tuple[int, int, str]], low: int, high: int,
    rules: LanguageRules,
) -> list[tuple[int, int]]:
    """The gaps of `_gaps(text, spans)` that end a sentence: the certain ones by `fixed`'s
    rules (no features built), the rest by the model's score. The sums of each token's and
    each context's weights are remembered, since the same words and gaps recur, so a scored
    gap mostly costs a few dict lookups and `str.count`s; they are added in the order
    `score` adds `features`, so the verdicts are the same to the last bit.

    Most scored gaps (a capital after a plain word: "met John") are far below the threshold
    whatever their context: where even the context's best weights (`_context_bound`) would
    not lift the token sums over it, the context is not computed at all.

    One flat loop with the helpers inlined: it runs over some 12k gaps per 6k sentences,
    where a function call or an object per gap shows (issue 18: as fast as razdel)."""
    w = model.weights
    # Below this, a gap is no boundary whatever its context (the margin covers the order
    # of the float additions: the weights are rounded to 1e-4).
    floor = model.threshold - model.bias - 1e-6
    bias = model.bias
    threshold = model.threshold
    lang = rules.language
    stats = model.stats.get(lang, {})
    lcache, rcache, ccache, infos = _tables(model, lang)
    ruled = {a[1]: b[0] for a, b in zip(spans, spans[1:], strict=False)}
    found = _gap_ends(text, spans, ruled)
    ends = None  # the rules' sentence ends, for the context (built when first needed)
    last = len(spans) - 1
    cuts = []
    for start in sorted(found):
        end = found[start]
        seg = text[start - 40 if start - 40 > low else low:start]  # `_left_token`
        left = seg.rsplit(None, 1)[-1] if seg and not seg[-1].isspace() else ""
        # `_certain`'s tests inline: most gaps are decided by them or go on to the model.
        rule = start in ruled
        if rule:
            nxt = text[end]
            if text[start - 1] in _TERMINAL and (nxt.isupper() or nxt.isdigit()):
                verdict = True  # `_certain`'s commonest case: "end. Next", "end! 2024"
            else:
                verdict = True if text.find("\n", start, end) >= 0 else _certain(
                    text, start, end, rule, rules, left)
        elif (mark := text[start - 1]) in _MARK_SET and left and not left.strip(_MARKS):
            verdict = False  # "— Of course": a dash, bullet or separator opens
        elif mark not in _ENDS:
            # No punctuation before: only an initial after the gap is certain ("С. Пушкин":
            # its period one or two characters on, unless quotes open it).
            verdict = False if (text[end] in _OPENERS or "." in text[end + 1:end + 3]) and (
                _OPEN_INITIAL.match(text, end)) else None
        else:
            verdict = _certain(text, start, end, rule, rules, left)
        if verdict is None:
            got = lcache.get(left)
            if got is None:
                info, f = _left_part(left, rules, stats)
                # (id, group, weight sum, context bounds by right class: no rule, rule)
                got = lcache[left] = (len(infos), info[1], sum(w.get(n, 0.0) for n in f),
                                      ({}, {}))
                infos.append(info)
            info_id, lgroup, lsum, bounds = got
            seg = text[end:end + 40 if end + 40 < high else high]  # `_right_token`
            right = seg.split(None, 1)[0] if seg and not seg[0].isspace() else ""
            rtable = rcache[lgroup]
            rgot = rtable.get(right)
            if rgot is None:
                rc, f = _right_part(right, lgroup, rules, stats)
                rgot = rtable[right] = (rc, sum(w.get(n, 0.0) for n in f))
            rc, rsum = rgot
            btable = bounds[rule]
            best = btable.get(rc)
            if best is None:
                best = btable[rc] = _context_bound(w, lang, rule, infos[info_id], rc)
            if lsum + rsum + best < floor:
                continue
            if ends is None:
                ends = [e for _, e, _ in spans]
            # The rules' sentence around the gap (the one before it, for a rule gap).
            k = (_bisect(ends, start) if rule else _bisect_right(ends, start))
            k = k if k < last else last
            before = spans[k][0]
            after = spans[k + 1][1] if rule else spans[k][1]
            # What `_context` computes, as a compact key (bisect_left is `_bucket`).
            nl = text.find("\n", start, end) >= 0
            nb = _bisect(_WORD_EDGES, text.count(
                " ", before if before > start - 500 else start - 500, start))
            na = _bisect(_WORD_EDGES, text.count(
                " ", end, after if after < end + 500 else end + 500))
            npara = _bisect(_PARA_EDGES, text.count(
                " ", low if low > start - 200 else start - 200, start))
            ckey = (info_id, rc, rule, nl, nb, na, npara)
            csum = ccache.get(ckey)
            if csum is None:
                lc, lgroup_, tail, first, shape = infos[info_id]
                key = (lang, "R" if rule else "r", lc, rc, "n" if nl else "s", lgroup_, tail,
                       first, shape, str(nb), str(na), str(npara))
                csum = ccache[ckey] = sum(w.get(n, 0.0) for n in _context_features(key))
            verdict = bias + lsum + rsum + csum > threshold
        if verdict:
            cuts.append((start, end))
    return cuts


def _context_bound(
    w: dict[str, float], lang: str, rule: bool, info: tuple[str, str, str, str, str], rc: str
) -> float:
    """The most the context features of a gap with these token classes can add, over every
    line-break flag and word count (`_context_features`: the features 4, 8 and 9 vary)."""
    lc, lgroup, tail, first, shape = info
    base = _context_features(
        (lang, "R" if rule else "r", lc, rc, "s", lgroup, tail, first, shape, "0", "0", "0"))
    fixed = sum(w.get(n, 0.0) for k, n in enumerate(base) if k not in (4, 8, 9))
    r0 = rc[0]
    return (
        fixed
        + max(w.get(f"n{nl}{lgroup}{rc}", 0.0) for nl in "ns")
        + max(w.get(f"wl{b}{a}{lgroup}{r0}", 0.0)
              for b in range(len(_WORD_EDGES) + 1) for a in range(len(_WORD_EDGES) + 1))
        + max(w.get(f"wp{p}{lgroup}{r0}", 0.0) for p in range(len(_PARA_EDGES) + 1))
    )


_WORD_EDGES = (2, 5, 10, 20, 40)
_PARA_EDGES = (3, 8, 15)


_MARKS = _DASHES + _BULLETS + _OPENERS + "*·~_=+"
_OPENS_ITEM = _DASHES + _BULLETS  # a string, as `_certain` has always tested ("" is in it)
_INITIAL = re.compile(r"[A-ZА-ЯЁІЎЇЄҐ][a-zа-яёіўїєґ]?\.\s+[A-ZА-ЯЁІЎЇЄҐ]")
# `_certain`'s test for an initial after the gap, its opening quotes included.
_OPEN_INITIAL = re.compile(f"[{re.escape(_OPENERS)}]*" + _INITIAL.pattern)
# The characters before a gap that `_certain` looks further at.
_ENDS = frozenset(_CLOSERS + _TERMINAL)
_MARK_SET = frozenset(_MARKS)


def fixed(
    text: str, cand: Candidate, rules: LanguageRules, left: str | None = None
) -> bool | None:
    """The rules' verdict where it is certain, else None (the model decides).

    Certain: a rule boundary at a line break (list items, dialogue, layout); a rule
    boundary after . ! ? … before a capital or a digit ("т.д. Затем", "2015 г.
    Независимость": the data decided); no boundary after a listed abbreviation that
    never ends a sentence ("Mr. Smith", "ул. Ленина") or a one-letter initial.
    """
    if left is None:
        left = _left_token(text, cand.start, 0)
    return _certain(text, cand.start, cand.end, cand.rule, rules, left)


def _certain(
    text: str, start: int, end: int, rule: bool, rules: LanguageRules, left: str
) -> bool | None:
    """`fixed` over the gap's fields (no `Candidate` built in `decide`'s loop)."""
    if rule and text.find("\n", start, end) >= 0:
        return True
    if not rule and left and not left.strip(_MARKS):
        return False  # "— Of course", "*** The count": a dash, bullet or separator opens
    j = end
    while j < len(text) and text[j] in _OPENERS:
        j += 1
    nxt = text[j] if j < len(text) else ""
    if rule and nxt in _BULLETS:
        return True  # "Требования: • свобода": a bullet in running text opens an item
    if not rule and _INITIAL.match(text, j):
        return False  # "подписала С. Тихановская": an initial goes with its name
    i = start
    while i > 0 and text[i - 1] in _CLOSERS:
        i -= 1
    if i == 0 or text[i - 1] not in _TERMINAL:
        return None
    if rule:
        # "т.д. Затем", "яна. — Да канца", "патрэбы. • Новыя выбары".
        return True if nxt.isupper() or nxt.isdigit() or nxt in _OPENS_ITEM else None
    if text[i - 1] == "." and i == start:
        if nxt.islower() and rules.language != "en" and text[i - 2:i - 1] != ".":
            # "(ум. ок. 934)", "13 чел. / км2" aside, "группы pweination. com": outside
            # English a period before a lowercase word is an abbreviation's or a typo
            # (the rules' own verdict, `_lowercase_start`); in CV the model, asked here,
            # only ever added false boundaries.
            return False
        word = left[:-1]
        if len(word) == 1 and word.isupper():
            return False
        if rules.abbreviation_class(word, False) == "nonfinal":
            return False
    return None


def score(model: Model, feats: list[str]) -> float:
    w = model.weights
    return model.bias + sum(w.get(name, 0.0) for name in feats)


def probability(model: Model, feats: list[str]) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score(model, feats)))))


# A letter or digit: `[^\W_]` is `str.isalnum` per character, searched in C.
_ALNUM = re.compile(r"[^\W_]")


def _no_bare_pieces(
    text: str, start: int, end: int, cuts: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Drop a cut that would leave a piece without a letter or digit ("ловится? 🎣 Судак":
    the emoji goes with the sentence before it, or with the next one at the start), unless
    the cut is a line break."""
    out: list[tuple[int, int]] = []
    pos = start
    for s, e in cuts:
        if _ALNUM.search(text, pos, s) is None:
            if out and "\n" not in text[out[-1][0]:out[-1][1]]:
                out.pop()  # join the bare piece to the sentence before it
            elif not out and "\n" not in text[s:e]:
                continue  # a bare first piece joins the sentence after it
        out.append((s, e))
        pos = e
    if out and _ALNUM.search(text, pos, end) is None and "\n" not in text[out[-1][0]:out[-1][1]]:
        out.pop()
    return out


def decide(
    text: str, spans: list[tuple[int, int, str]], low: int, high: int, rules: LanguageRules,
    model: Model,
) -> Iterator[tuple[int, int, str]]:
    """The paragraph's sentences: the rules' `spans` (start, end, kind) re-cut where the
    model disagrees. A rule boundary at a line break stays; any other gap is the model's."""
    if not spans:
        return
    cuts = _cuts(model, text, spans, low, high, rules)
    cuts = _no_bare_pieces(text, spans[0][0], spans[-1][1], cuts)
    kinds = {s: k for s, _, k in spans}
    pos = spans[0][0]
    for s, e in cuts:
        if s > pos:
            yield pos, s, kinds.get(pos, "sentence")
        pos = max(pos, e)
    if spans[-1][1] > pos:
        yield pos, spans[-1][1], kinds.get(pos, "sentence")
