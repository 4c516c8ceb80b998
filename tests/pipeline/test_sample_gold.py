"""The aligner against the hand-made gold of the sample corpus (corpora/gold)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from align_kit.align import align_lines

GOLD = Path(__file__).resolve().parents[2] / "corpora" / "gold"
GROUPS = sorted({p.name.split(".")[0] for p in GOLD.glob("*.sents")})


def read_beads(path: Path) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        src, tgt = line.split(":")[:2]
        beads.append((tuple(ast.literal_eval(src)), tuple(ast.literal_eval(tgt))))
    return beads


def strict_f1(hyp, gold) -> float:
    hyp = [b for b in hyp if b[0] and b[1]]
    gold = [b for b in gold if b[0] and b[1]]
    hits = len(set(hyp) & set(gold))
    p, r = hits / len(hyp), hits / len(gold)
    return 2 * p * r / (p + r) if hits else 0.0


@pytest.mark.parametrize("src,tgt,floor", [("en", "be", 0.95), ("en", "ru", 0.93),
                                           ("be", "ru", 0.98)])
def test_strict_f1_on_the_sample_gold(src, tgt, floor):
    hyp, gold = [], []
    for n, group in enumerate(GROUPS):
        a = (GOLD / f"{group}.{src}.sents").read_text(encoding="utf-8").splitlines()
        b = (GOLD / f"{group}.{tgt}.sents").read_text(encoding="utf-8").splitlines()
        # Offsets keep beads of different groups apart when pooled.
        hyp += [(tuple(i + 1000 * n for i in s), tuple(i + 1000 * n for i in t))
                for s, t in ((bead.indexes[0], bead.indexes[1])
                             for bead in align_lines(a, b, src, tgt))]
        gold += [(tuple(i + 1000 * n for i in s), tuple(i + 1000 * n for i in t))
                 for s, t in read_beads(GOLD / f"{group}.{src}-{tgt}.gold")]
    assert strict_f1(hyp, gold) >= floor
