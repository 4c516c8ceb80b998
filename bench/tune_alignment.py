#!/usr/bin/env python3
"""How the aligner's cost parameters were chosen: coordinate search on the dev sets.

The objective is the mean strict F1 of the three NTREX seed-1 pairs (batch mode,
as `bench/alignment.py` runs them) plus the mean strict F1 of the three pairs of
the sample corpus gold (`corpora/gold`, one document pair at a time, as
`bench/sample.py` runs them). NTREX alone pushes towards fewer merges, since its
sentences are 1-1 by construction once lines are split; the sample's genuine 1-2
sentences (a translator splitting a sentence) pull the other way. Other seeds
are never looked at here.

    python bench/tune_alignment.py                       # from the current defaults
    python bench/tune_alignment.py --start '{"null_cost": 2.0}' --rounds 2

Prints every step; the defaults in `align/dp.py` (`CostParams`) are the result.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

# Steps tried per parameter: factors for scale-like ones, offsets for the others.
STEPS = {"null_cost": (0.8, 1.25), "merge_prior": (-0.5, 0.5), "sim_weight": (0.8, 1.25),
         "bead_cost": (0.5, -0.5), "sim_background": (-0.5, 0.5), "sim_power": (0.25, -0.25),
         "size_power": (0.1, -0.1), "len_weight": (0.7, 1.4), "variance": (0.6, 1.6),
         "dot_weight": (2.0, -2.0), "detach_below": (0.05, -0.05), "detach_rest": (0.1, -0.05)}
FACTORS = {"null_cost", "sim_weight", "len_weight", "variance"}
BOUNDS = {"sim_background": (0.0, 1.0), "dot_weight": (0.0, 100.0), "bead_cost": (0.0, 10.0),
          "sim_power": (0.5, 3.0), "detach_rest": (0.0, 1.0)}


def f1(hyp: set, gold: set) -> float:
    tp = len(hyp & gold)
    if not tp:
        return 0.0
    p, r = tp / len(hyp), tp / len(gold)
    return 2 * p * r / (p + r)


def objective(params: dict, ntrex: Path) -> tuple[float, list[float], list[float]]:
    from alignment import LANG, PAIRS, documents, parse_gold

    import align_kit.align.core as core
    from align_kit.align import align_lines
    from align_kit.align.dp import CostParams

    core.default_params = lambda: CostParams(**params)
    dev = []
    for pair in PAIRS:
        s, t = pair.split("-")
        docs = list(documents(ntrex, pair))
        results = core.align_batch([(d[1], d[2]) for d in docs], LANG[s], LANG[t])
        hyp, gold = set(), set()
        for k, ((_n, _s, _t, g), (spans, _c, _i)) in enumerate(zip(docs, results, strict=True)):
            hyp |= {(k, tuple(range(a, b)), tuple(range(c, d))) for a, b, c, d in spans
                    if b > a and d > c}
            gold |= {(k, *x) for x in parse_gold(g) if x[0] and x[1]}
        dev.append(f1(hyp, gold))
    sample = []
    gold_dir = ROOT / "corpora" / "gold"
    groups = sorted({p.name.split(".")[0] for p in gold_dir.glob("*.sents")})
    for s, t in (("en", "be"), ("en", "ru"), ("be", "ru")):
        hyp, gold = set(), set()
        for k, group in enumerate(groups):
            src = (gold_dir / f"{group}.{s}.sents").read_text(encoding="utf-8").splitlines()
            tgt = (gold_dir / f"{group}.{t}.sents").read_text(encoding="utf-8").splitlines()
            hyp |= {(k, *b.indexes) for b in align_lines(src, tgt, s, t)
                    if b.indexes[0] and b.indexes[1]}
            gold |= {(k, *x) for x in parse_gold(gold_dir / f"{group}.{s}-{t}.gold")
                     if x[0] and x[1]}
        sample.append(f1(hyp, gold))
    return sum(dev) / 3 + sum(sample) / 3, dev, sample


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--start", default="{}", help="JSON overrides of the CostParams defaults")
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args(argv)
    from alignment import build, need_shared

    from align_kit.align.dp import CostParams

    need_shared()
    ntrex = build("ntrex-s1", 1)
    defaults = {f.name: getattr(CostParams(), f.name) for f in dataclasses.fields(CostParams)
                if f.name in STEPS}
    base = dict(defaults, **json.loads(a.start))
    best, dev, sample = objective(base, ntrex)
    print(f"start {best:.4f} dev {[round(x, 4) for x in dev]} sample "
          f"{[round(x, 4) for x in sample]} {json.dumps(base)}", flush=True)
    for _ in range(a.rounds):
        improved = False
        for key, steps in STEPS.items():
            if base.get(key) is None:
                continue
            for step in steps:
                cand = dict(base)
                cand[key] = round(base[key] * step if key in FACTORS else base[key] + step, 4)
                lo, hi = BOUNDS.get(key, (-1e9, 1e9))
                if not lo <= cand[key] <= hi:
                    continue
                score, dev, sample = objective(cand, ntrex)
                print(f"  {key}={cand[key]}: {score:.4f} dev {[round(x, 4) for x in dev]} "
                      f"sample {[round(x, 4) for x in sample]}", flush=True)
                if score > best + 1e-4:
                    best, base, improved = score, cand, True
                    print(f"better {best:.4f} {json.dumps(base)}", flush=True)
                    break
        if not improved:
            break
    print(f"final {best:.4f} {json.dumps(base)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
