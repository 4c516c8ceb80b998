"""A verdict per document pair (`align.verdict`): unrelated documents, partial translations."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from align_kit.align import align_documents
from align_kit.align.core import align_segments
from align_kit.model import Document, Segment

GOLD = Path(__file__).resolve().parents[2] / "corpora" / "gold"
NAMES = sorted({p.name.split(".")[0] for p in GOLD.glob("*.sents")})
pytestmark = pytest.mark.skipif(not NAMES, reason="corpora/gold is not in this checkout")


def _lines(name: str) -> list[str]:
    return [x for x in (GOLD / name).read_text(encoding="utf-8").split("\n") if x.strip()]


def _gold(name: str) -> list[tuple[list[int], list[int]]]:
    out = []
    for row in (GOLD / name).read_text(encoding="utf-8").split("\n"):
        if row.strip():
            a, b = row.split(":")
            out.append((json.loads(a), json.loads(b)))
    return out


def test_unrelated_articles_warn_naming_both_files_with_low_confidence():
    a, b = GOLD / "journalists.be.sents", GOLD / "cc-elections.en.sents"
    res = subprocess.run([sys.executable, "-m", "align_kit", "align", str(a), str(b),
                          "--format", "jsonl"], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    warning = [x for x in res.stderr.splitlines() if "do not look like translations" in x]
    assert len(warning) == 1, res.stderr
    assert str(a) in warning[0] and str(b) in warning[0] and "score 0." in warning[0]
    scores = [json.loads(x)["score"] for x in res.stdout.splitlines()[1:] if x.strip()]
    assert scores and np.mean(scores) < 0.5


def test_translations_get_no_warning_and_stay_confident():
    a, b = GOLD / "journalists.en.sents", GOLD / "journalists.be.sents"
    res = subprocess.run([sys.executable, "-m", "align_kit", "align", str(a), str(b),
                          "--format", "jsonl"], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert "do not look like translations" not in res.stderr
    assert "no counterpart" not in res.stderr
    scores = [json.loads(x)["score"] for x in res.stdout.splitlines()[1:] if x.strip()]
    assert np.mean(scores) > 0.9


@pytest.mark.parametrize("la,lb", [("en", "be"), ("en", "ru"), ("be", "ru")])
def test_verdict_separates_translations_from_other_articles_of_the_sample(la, lb):
    wrong = []
    for k, name in enumerate(NAMES):
        src = _lines(f"{name}.{la}.sents")
        _, conf, info = align_segments(src, _lines(f"{name}.{lb}.sents"), la, lb)
        # 0.75, not 0.9: the confidence is conservative since the posterior fit (a
        # wrong bead counts 5x; the sample's translations average 0.80-0.99 there,
        # other articles 0.00-0.28).
        if not info["verdict"]["related"] or np.mean(conf) < 0.75:
            wrong.append(f"{name}: translation judged unrelated")
        other = NAMES[(k + 1) % len(NAMES)]
        _, conf, info = align_segments(src, _lines(f"{other}.{lb}.sents"), la, lb)
        if info["verdict"]["related"] or np.mean(conf) >= 0.5:
            wrong.append(f"{name}/{other}: unrelated judged a translation")
    # Measured: no translation missed; 1 unrelated pair in 24 passes (cc-elections
    # against journalists, which share their names) - allow one a language pair.
    assert len(wrong) <= 1, wrong


def _docs(src, tgt, la, lb):
    return [Document(id=f"x.{lang}", language=lang, text="\n".join(t),
                     segments=tuple(Segment(text=s, start=0, end=0) for s in t))
            for lang, t in ((la, src), (lb, tgt))]


@pytest.mark.parametrize("cut", ["first-half", "last-half", "middle-third"])
def test_partial_translation_leaves_the_uncovered_part_in_1_0_beads(cut):
    covered = uncovered = 0
    reported, truth = [], []
    for name in NAMES:
        for la, lb in (("en", "be"), ("en", "ru")):
            src, tgt = _lines(f"{name}.{la}.sents"), _lines(f"{name}.{lb}.sents")
            m = len(tgt)
            keep = {"first-half": range(m // 2, m), "last-half": range(0, m - m // 2),
                    "middle-third": [j for j in range(m) if not m // 3 <= j < 2 * m // 3]}[cut]
            kept = set(keep)
            lost = {i for a, b in _gold(f"{name}.{la}-{lb}.gold") for i in a
                    if b and not set(b) & kept}
            alignment = align_documents(_docs(src, [tgt[j] for j in keep], la, lb))
            alone = {i for bead in alignment.beads if not bead.indexes[1]
                     for i in bead.indexes[0]}
            covered += len(lost & alone)
            uncovered += len(lost)
            reported.append(alignment.parameters["verdict"]["uncovered_source"])
            truth.append(len(lost) / len(src))
    assert covered >= 0.8 * uncovered, (covered, uncovered)
    # The result says how much is uncovered, close to the truth on average.
    assert abs(np.mean(reported) - np.mean(truth)) < 0.1, (reported, truth)


def test_partial_translation_is_reported_on_the_command_line(tmp_path):
    src = _lines("pace-delegation.en.sents")
    tgt = _lines("pace-delegation.be.sents")
    a, b = tmp_path / "p.en.txt", tmp_path / "p.be.txt"
    a.write_text("\n".join(src) + "\n", encoding="utf-8")
    b.write_text("\n".join(tgt[: len(tgt) // 2]) + "\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "align_kit", "align", str(a), str(b)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    said = [x for x in res.stderr.splitlines() if "no counterpart in the other file" in x]
    assert len(said) == 1 and said[0].startswith(f"align-kit: {a}: warning: "), res.stderr
    assert "do not look like translations" not in res.stderr


def test_lone_sentences_get_a_confidence_of_their_own():
    """A 1-0 / 0-1 bead is scored by its own evidence (not a constant 0.941): a sentence
    whose length fits a neighbouring bead (a 2-1 cut in two) scores lower."""
    right, wrong = [], []
    for name in NAMES:
        src, tgt = _lines(f"{name}.en.sents"), _lines(f"{name}.be.sents")
        m = len(tgt)
        kept = range(m // 2, m)
        where = {j: k for k, j in enumerate(kept)}
        lost = {i for a, b in _gold(f"{name}.en-be.gold") for i in a
                if b and not any(j in where for j in b)}
        alignment = align_documents(_docs(src, [tgt[j] for j in kept], "en", "be"))
        for bead in alignment.beads:
            if not bead.indexes[1] and len(bead.indexes[0]) == 1:
                (right if bead.indexes[0][0] in lost else wrong).append(bead.score)
    assert len(set(right + wrong)) >= 5
    assert wrong and right and np.mean(wrong) < np.mean(right) - 0.1, (right, wrong)
