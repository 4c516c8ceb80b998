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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from align_kit.segment.rules import LanguageRules

MODEL_PATH = Path(__file__).parent / "data" / "boundary.json"

_TERMINAL = ".!?…‼⁇⁈⁉"
_CLOSERS = "\"'»”“’)]}›"
_OPENERS = "\"'«„“‘([{‹`"
_DASHES = "—–-―"
_BULLETS = "•▪●◦‣∙■□➢►✓✔✅"
_EMOJI_RANGES = ((0x1F000, 0x1FAFF), (0x2600, 0x27BF), (0x2B00, 0x2BFF))
# A gap worth a look without punctuation before it: the next token starts with a capital
# (after openers), an @mention, a hashtag, an emoji, a bullet or a dash.
_UNPUNCT = re.compile(
    r"(?<=\S)\s+(?=[\"«„“(']?[A-ZА-ЯЁІЎЇЄҐ@#\u2600-\u27BF\U0001F000-\U0001FAFF•▪●◦✔✅—–])"
)
# A gap after an emoji or an emoticon's bracket, whatever follows: "Ждём фото😊 как бы".
_AFTER_SMILE = re.compile(r"(?<=[)\u2600-\u27BF\U0001F000-\U0001FAFF\ufe0f])\s+(?=\S)")
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


@dataclass(frozen=True)
class Candidate:
    start: int  # the gap: text[start:end] is white space (or empty)
    end: int
    rule: bool  # the rules put a boundary here
    before: int = 0  # where the rules' sentence before the gap starts
    after: int = 0  # where the rules' sentence after the gap ends


def candidates(text: str, spans: list[tuple[int, int, str]]) -> list[Candidate]:
    """Every gap inside the rules' sentences `spans` of one paragraph that the classifier
    decides, the gaps between them included."""
    found: dict[int, Candidate] = {}
    start, end = spans[0][0], spans[-1][1]
    for a, b in zip(spans, spans[1:], strict=False):
        found[a[1]] = Candidate(a[1], b[0], True)
    for pattern in (_UNPUNCT, _AFTER_SMILE):
        for m in pattern.finditer(text, start, end):
            if m.start() not in found:
                found[m.start()] = Candidate(m.start(), m.end(), False)
    pos = start
    while True:
        # Gaps after terminal punctuation (the rules' own candidates) and line breaks.
        i = _next_gap(text, pos, end)
        if i < 0:
            break
        j = i
        while j < end and text[j].isspace():
            j += 1
        if i not in found:
            k = i
            while k > start and text[k - 1] in _CLOSERS:
                k -= 1
            if (k > start and text[k - 1] in _TERMINAL) or "\n" in text[i:j]:
                found[i] = Candidate(i, j, False)
        pos = j
    # Where the rules' sentences around each gap start and end: a long one is suspect.
    out = []
    k = 0
    for pos in sorted(found):
        cand = found[pos]
        while k + 1 < len(spans) and spans[k][1] <= pos and not (
            cand.rule and spans[k][1] == pos
        ):
            k += 1
        if cand.rule:
            out.append(dataclasses.replace(cand, before=spans[k][0], after=spans[k + 1][1]))
        else:
            out.append(dataclasses.replace(cand, before=spans[k][0], after=spans[k][1]))
    return out


_GAP = re.compile(r"(?<=[.!?…‼⁇⁈⁉\"'»”“’)\]}›])\s+|\n\s*")


def _next_gap(text: str, pos: int, end: int) -> int:
    m = _GAP.search(text, pos, end)
    return m.start() if m else -1


def _left_token(text: str, i: int, low: int) -> str:
    k = i
    stop = max(low, i - 40)
    while k > stop and not text[k - 1].isspace():
        k -= 1
    return text[k:i]


def _right_token(text: str, j: int, high: int) -> str:
    k = j
    stop = min(high, j + 40)
    while k < stop and not text[k].isspace():
        k += 1
    return text[j:k]


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


def features(
    text: str, cand: Candidate, low: int, high: int, rules: LanguageRules,
    stats: dict[str, tuple[int, int, int, int]],
) -> list[str]:
    """The binary features of one candidate gap (the training script calls this too)."""
    lang = rules.language
    left = _left_token(text, cand.start, low)
    right = _right_token(text, cand.end, high)
    nl = "n" if "\n" in text[cand.start:cand.end] else "s"
    # Left: the last character and the last one that is not a closer.
    core_left = left.rstrip(_CLOSERS)
    closed = "q" if len(core_left) < len(left) else ""
    lc = _char_class(core_left[-1]) + closed if core_left else ("q" if left else "_")
    lword_m = list(_WORD_CHARS.finditer(core_left))
    lword = lword_m[-1].group() if lword_m else ""
    punct_tail = core_left[lword_m[-1].end():] if lword_m else core_left
    lgroup = "p" if lc[0] in ".!?…" else "n"
    # Right: the first character after openers.
    core_right = right.lstrip(_OPENERS)
    opened = "o" if len(core_right) < len(right) else ""
    rc = (_char_class(core_right[0]) if core_right else "_") + opened
    rword_m = _WORD_CHARS.match(core_right)
    rword = rword_m.group() if rword_m else ""
    r = "R" if cand.rule else "r"
    f = [
        f"r{r}{lc}",
        f"c{lc}|{rc}",
        f"cr{r}{lc}|{rc}",
        f"{lang}cr{r}{lc}|{rc}",  # the same, per language: how each one's text runs
        f"n{nl}{lgroup}{rc}",
        f"pt{punct_tail[-3:]}|{rc[0]}",
        # The token's own first character: a "#hashtag" or an "@mention" before the gap.
        f"lf{_char_class(left[0]) if left else '_'}{lc}|{rc}",
        # Words of the rules' sentence before and after the gap, and since the paragraph
        # start: a headline run into its text makes one long "sentence" of both.
        f"wl{_bucket(text.count(' ', cand.before, cand.start), (2, 5, 10, 20, 40))}"
        f"{_bucket(text.count(' ', cand.end, cand.after), (2, 5, 10, 20, 40))}{lgroup}{rc[0]}",
        f"wp{_bucket(text.count(' ', low, cand.start), (3, 8, 15))}{lgroup}{rc[0]}",
    ]
    llow = lword.lower()
    rlow = rword.lower()
    if lword:
        f.append(f"{lang}lw{llow[-20:]}|{lgroup}")
        f.append(f"ls{_shape(lword)}{min(len(lword), 6)}{lgroup}|{rc[0]}")
        if lgroup == "p":
            abbreviation = rules.abbreviation_class(lword, False)
            f.append(f"ab{abbreviation}")
            st = stats.get(llow)
            if st is not None:
                ratio = st[2] / st[3]
                f.append(f"lp{_bucket(ratio, (0.05, 0.3, 0.7, 0.95))}{_bucket(st[3], (1, 4))}")
            else:
                f.append("lp?")
        lst = stats.get(llow)
        if lst is not None and lgroup == "n":
            # A left word seldom written in lowercase is a name: a headline rarely ends there.
            f.append(f"lo{_bucket(lst[0] / lst[3], (0.05, 0.5, 0.95))}")
    if rword:
        f.append(f"{lang}rw{rlow[:20]}|{lgroup}{rc[0]}")
        f.append(f"rs{_shape(rword)}{min(len(rword), 6)}{lgroup}")
        f.append(f"st{rword in rules.starters}{lgroup}{rc[0]}")
        st = stats.get(rlow)
        if st is None:
            f.append(f"ro?{lgroup}{rc[0]}")
        else:
            # Punkt's orthographic cue: a word usually written in lowercase but capitalised
            # here starts a sentence; one capitalised after other words too is a name.
            lower = st[0] / st[3]
            mid = st[1] / st[3]
            f.append(f"ro{_bucket(lower, (0.0, 0.2, 0.5, 0.8, 0.95))}"
                     f"m{_bucket(mid, (0.0, 0.05, 0.3))}{lgroup}{rc[0]}")
            f.append(f"rn{_bucket(st[3], (1, 3, 10, 50))}{lgroup}{rc[0]}")
    return f


_MARKS = _DASHES + _BULLETS + _OPENERS + "*·~_=+"
_INITIAL = re.compile(r"[A-ZА-ЯЁІЎЇЄҐ][a-zа-яёіўїєґ]?\.\s+[A-ZА-ЯЁІЎЇЄҐ]")


def fixed(text: str, cand: Candidate, rules: LanguageRules) -> bool | None:
    """The rules' verdict where it is certain, else None (the model decides).

    Certain: a rule boundary at a line break (list items, dialogue, layout); a rule
    boundary after . ! ? … before a capital or a digit ("т.д. Затем", "2015 г.
    Независимость": the data decided); no boundary after a listed abbreviation that
    never ends a sentence ("Mr. Smith", "ул. Ленина") or a one-letter initial.
    """
    if cand.rule and "\n" in text[cand.start:cand.end]:
        return True
    left = _left_token(text, cand.start, max(0, cand.start - 41))
    if not cand.rule and left and all(ch in _MARKS for ch in left):
        return False  # "— Of course", "*** The count": a dash, bullet or separator opens
    j = cand.end
    while j < len(text) and text[j] in _OPENERS:
        j += 1
    nxt = text[j] if j < len(text) else ""
    if cand.rule and nxt in _BULLETS:
        return True  # "Требования: • свобода": a bullet in running text opens an item
    if not cand.rule and _INITIAL.match(text, j):
        return False  # "подписала С. Тихановская": an initial goes with its name
    i = cand.start
    while i > 0 and text[i - 1] in _CLOSERS:
        i -= 1
    if i == 0 or text[i - 1] not in _TERMINAL:
        return None
    if cand.rule:
        # "т.д. Затем", "яна. — Да канца", "патрэбы. • Новыя выбары".
        return True if nxt.isupper() or nxt.isdigit() or nxt in _DASHES + _BULLETS else None
    if text[i - 1] == "." and i == cand.start:
        word = _left_token(text, i - 1, max(0, i - 41))
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


def decide(
    text: str, spans: list[tuple[int, int, str]], low: int, high: int, rules: LanguageRules,
    model: Model,
) -> Iterator[tuple[int, int, str]]:
    """The paragraph's sentences: the rules' `spans` (start, end, kind) re-cut where the
    model disagrees. A rule boundary at a line break stays; any other gap is the model's."""
    if not spans:
        return
    stats = model.stats.get(rules.language, {})
    cuts: list[tuple[int, int]] = []
    for cand in candidates(text, spans):
        verdict = fixed(text, cand, rules)
        if verdict is None:
            verdict = score(model, features(text, cand, low, high, rules, stats)) > model.threshold
        if verdict:
            cuts.append((cand.start, cand.end))
    kinds = {s: k for s, _, k in spans}
    pos = spans[0][0]
    for s, e in cuts:
        if s > pos:
            yield pos, s, kinds.get(pos, "sentence")
        pos = max(pos, e)
    if spans[-1][1] > pos:
        yield pos, spans[-1][1], kinds.get(pos, "sentence")
