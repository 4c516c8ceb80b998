"""Issue 18, speed: the fast scoring loop (`boundary._cuts`) and the rewritten candidate
patterns must give the very boundaries of the plain reference path (`candidates`,
`fixed`, `features`, `score`: what the training script runs).

corpora/ ships with the repository; ud-dev is used only where ../shared is present.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from align_kit.ingest.encoding import decode_bytes
from align_kit.segment import boundary, splitter
from align_kit.segment.rules import load_rules

ROOT = Path(__file__).resolve().parents[2]
UD = ROOT.parent / "shared" / "data" / "ud-dev"

# The rules' candidate pattern as it was, with a lookbehind (the reference for the new one).
_OLD_CORE = (
    rf"(?<=[{splitter._TERMINAL}{re.escape(splitter._CLOSERS)}{splitter._EMOJI}(DP^])\s+"
    rf"|\s(?=[{splitter._BULLETS}]\s)"
)
_OLD = re.compile(_OLD_CORE + r"|(?P<url>(?!))")
_OLD_URL = re.compile(_OLD_CORE + r"|(?:https?://|www\.)\S+(?P<url>\s+)")
_OLD_BEFORE_START = re.compile(
    rf"\s+(?=[\"«„“(']?[A-ZА-ЯЁІЎЇЄҐ@#{boundary._EMOJI_CLASS}•▪●◦✔✅—–])"
)

OWN = [
    ("ru", "Итак. Всё готово! ✓ проверено ✓ Дальше — ещё. • пункт • Пункт «Да.» Нет…  Так"),
    ("en", "See https://example.com/a.b. Then www.x.org or (www.y.com) now :D Fine ;) Ok ^^ Go"),
    ("be", "Ён сказаў: «Так!» — і пайшоў.\nНовы радок 😊 Далей (гл. ніжэй). Р. S. Канец"),
    ("en", "A  ✔  B. C)  D\tE.\u00a0F? “G.” H ) I"),
]


def _texts() -> list[tuple[str, str]]:
    out = list(OWN)
    for path in sorted((ROOT / "corpora" / "sample").iterdir()):
        # Some samples are in other encodings on purpose (the ingest tests).
        text = decode_bytes(path.read_bytes(), path=str(path)).text
        out += [(lang, text) for lang in ("en", "ru", "be")]
    return out


def _old_gaps(text: str, start: int, end: int) -> list[tuple[int, int]]:
    url = text.find("://", start, end) >= 0 or text.find("www.", start, end) >= 0
    return [m.span("url") if m.group("url") else m.span()
            for m in (_OLD_URL if url else _OLD).finditer(text, start, end)]


def _new_gaps(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pattern, _ = splitter._candidate_pattern(text, start, end)
    return [m.span(m.lastindex) for m in pattern.finditer(text, start, end)]


def test_candidate_patterns_find_the_same_gaps_as_the_lookbehind_forms() -> None:
    for _, text in _texts():
        for start, end in splitter.paragraph_spans(text):
            assert _new_gaps(text, start, end) == _old_gaps(text, start, end)
            assert [m.span() for m in boundary._BEFORE_START.finditer(text, start, end)] == [
                m.span() for m in _OLD_BEFORE_START.finditer(text, start, end)]


def _reference_cuts(text: str, spans, low: int, high: int, rules, model) -> list:
    """The plain path: a `Candidate`, `fixed`, the feature names and their weights."""
    stats = model.stats.get(rules.language, {})
    cuts = []
    for cand in boundary.candidates(text, spans):
        left = boundary._left_token(text, cand.start, low)
        verdict = boundary.fixed(text, cand, rules, left)
        if verdict is None:
            s = boundary.score(model, boundary.features(text, cand, low, high, rules, stats))
            assert abs(s - model.threshold) > 1e-9  # no tie the summation order could flip
            verdict = s > model.threshold
        if verdict:
            cuts.append((cand.start, cand.end))
    return cuts


def _check_same_cuts(texts: list[tuple[str, str]]) -> int:
    model = boundary.load_model()
    assert model is not None
    checked = 0
    for lang, text in texts:
        rules = load_rules(lang)
        for start, end in splitter.paragraph_spans(text):
            spans = splitter.rule_spans(text, start, end, rules)
            if not spans:
                continue
            fast = boundary._cuts(model, text, spans, start, end, rules)
            assert fast == _reference_cuts(text, spans, start, end, rules, model), (
                lang, text[start:start + 80])
            checked += len(fast)
    return checked


def test_fast_scoring_gives_the_reference_verdicts_on_corpora_and_own_text() -> None:
    assert _check_same_cuts(_texts()) > 500
    # Twice: the second pass runs on the remembered sums (the bench's warm runs).
    assert _check_same_cuts(_texts()) > 500


def test_a_gap_is_the_same_as_a_candidate() -> None:
    for lang, text in OWN:
        rules = load_rules(lang)
        for start, end in splitter.paragraph_spans(text):
            spans = splitter.rule_spans(text, start, end, rules)
            assert [tuple(getattr(c, f) for f in ("start", "end", "rule", "before", "after"))
                    for c in boundary.candidates(text, spans)] == boundary._gaps(text, spans)


@pytest.mark.skipif(not UD.is_dir(), reason="../shared/data/ud-dev is not here")
def test_fast_scoring_gives_the_reference_verdicts_on_ud_dev() -> None:
    langs = {"en": "en", "ru": "ru", "be": "be"}
    texts = [(langs[d.name[:2]], f.read_text(encoding="utf-8"))
             for d in sorted(UD.iterdir()) if d.is_dir() for f in sorted(d.glob("*.txt"))]
    assert texts
    assert _check_same_cuts(texts) > 3000


def test_the_context_bound_is_above_every_context_of_its_gap_classes() -> None:
    # The fast loop skips a gap's context where even this bound cannot lift it over the
    # threshold: it must hold for every line-break flag and word count.
    model = boundary.load_model()
    assert model is not None
    w = model.weights
    keys = set()
    for lang, text in _texts()[:12]:
        rules = load_rules(lang)
        stats = model.stats.get(lang, {})
        for start, end in splitter.paragraph_spans(text):
            spans = splitter.rule_spans(text, start, end, rules)
            for cand in boundary.candidates(text, spans):
                info, _ = boundary._left_part(boundary._left_token(text, cand.start, start),
                                              rules, stats)
                rc, _ = boundary._right_part(boundary._right_token(text, cand.end, end),
                                             info[1], rules, stats)
                keys.add((lang, cand.rule, info, rc))
    assert len(keys) > 50
    for lang, rule, info, rc in sorted(keys):
        bound = boundary._context_bound(w, lang, rule, info, rc)
        lc, lgroup, tail, first, shape = info
        sums = [
            sum(w.get(n, 0.0) for n in boundary._context_features(
                (lang, "R" if rule else "r", lc, rc, nl, lgroup, tail, first, shape,
                 str(b), str(a), str(p))))
            for nl in "ns" for b in range(6) for a in range(6) for p in range(4)
        ]
        # The varying features are independent, so the bound is reached, never passed.
        assert abs(max(sums) - bound) < 1e-9
