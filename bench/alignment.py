#!/usr/bin/env python3
"""Alignment benchmark: align-kit vs Gale-Church (`galechurch` on PyPI) on NTREX.

Builds the NTREX sets with ../shared/eval/make_ntrex_eval.py into bench/data,
aligns every document pair with align-kit (batch mode: the lexicon is learned
from all pairs of a language pair) and with `galechurch` (default parameters)
in the same run, scores both with ../shared/eval/score_alignment.py, and writes
docs/benchmarks/alignment.md: strict/lax F1 per pair, time, peak memory, the
reliability table of the confidences, the --translations upper bound, the scale
run (1x/2x/5x) and other seeds / perturbation rates.

    python bench/alignment.py              # everything (a few minutes)
    python bench/alignment.py --quick      # seed 1 only, no scale run
    python bench/alignment.py --fit-calibration   # print confidence coefficients
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
NTREX = SHARED / "data" / "ntrex"
DATA = ROOT / "bench" / "data"
OUT = ROOT / "bench" / "out"
DOC = ROOT / "docs" / "benchmarks" / "alignment.md"
DOC_REAL = ROOT / "docs" / "benchmarks" / "alignment-real.md"
sys.path.insert(0, str(ROOT / "src"))

LANG = {"eng": "en", "rus": "ru", "bel": "be", "ukr": "uk"}
PAIRS = ("eng-rus", "eng-bel", "bel-rus")
OTHER_PAIRS = ("eng-ukr", "ukr-rus", "bel-ukr")
NTREX_FILES = {"eng": "newstest2019-src.eng.txt", "rus": "newstest2019-ref.rus.txt",
               "bel": "newstest2019-ref.bel.txt", "ukr": "newstest2019-ref.ukr.txt"}


def need_shared() -> None:
    if not (EVAL / "score_alignment.py").exists() or not NTREX.exists():
        sys.exit(f"bench/alignment.py: {SHARED} is missing (../shared/eval and "
                 "../shared/data/ntrex are needed); run from a checkout beside the shared folder")


def build(name: str, seed: int, merge: float | None = None,
          pairs: tuple[str, ...] = PAIRS) -> Path:
    out = DATA / name
    if not (out / pairs[-1] / "align").exists():
        cmd = [sys.executable, str(EVAL / "make_ntrex_eval.py"), "--out", str(out),
               "--seed", str(seed), "--pairs", ",".join(pairs)]
        if merge is not None:
            cmd += ["--merge", str(merge)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return out


def read(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def documents(root: Path, pair: str):
    s, t = pair.split("-")
    for gold in sorted((root / pair / "align").glob("*.gold")):
        stem = gold.with_suffix("")
        yield stem.name, read(stem.with_suffix("." + s)), read(stem.with_suffix("." + t)), gold


def parse_gold(path: Path):
    beads = []
    for line in read(path):
        if line.strip():
            a, b = line.split(":")[:2]
            beads.append((tuple(int(x) for x in a.strip("[] ").split(",") if x.strip()),
                          tuple(int(x) for x in b.strip("[] ").split(",") if x.strip())))
    return beads


def write_beads(path: Path, spans, conf=None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for k, (i0, i1, j0, j1) in enumerate(spans):
        tail = f":{conf[k]:.3f}" if conf is not None else ""
        lines.append(f"{list(range(i0, i1))}:{list(range(j0, j1))}{tail}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def score(hyps: list[Path], golds: list[Path]) -> dict:
    res = subprocess.run([sys.executable, str(EVAL / "score_alignment.py"), "--json",
                          "-t", *map(str, hyps), "-g", *map(str, golds)],
                         check=True, capture_output=True, text=True)
    return json.loads(res.stdout)


def run_alignkit(root: Path, pair: str, tag: str, translations=None):
    from align_kit.align.core import align_batch

    s, t = pair.split("-")
    docs = list(documents(root, pair))
    tracemalloc.start()
    t0 = time.perf_counter()
    results = align_batch([(d[1], d[2]) for d in docs], LANG[s], LANG[t],
                          translations=translations)
    elapsed = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    hyps, golds = [], []
    for (name, _src, _tgt, gold), (spans, conf, _info) in zip(docs, results, strict=True):
        hyp = OUT / tag / pair / f"{name}.hyp"
        write_beads(hyp, spans, conf)
        hyps.append(hyp)
        golds.append(gold)
    return score(hyps, golds), elapsed, peak, docs, results


def run_galechurch(root: Path, pair: str, tag: str):
    import galechurch

    docs = list(documents(root, pair))
    tracemalloc.start()
    t0 = time.perf_counter()
    outs = []
    for _name, src, tgt, _gold in docs:
        block = galechurch.align(src, tgt)
        outs.append([(b.source_start, b.source_end, b.target_start, b.target_end)
                     for b in block.beads])
    elapsed = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    hyps, golds = [], []
    for (name, _s, _t, gold), spans in zip(docs, outs, strict=True):
        hyp = OUT / tag / f"gc-{pair}" / f"{name}.hyp"
        write_beads(hyp, spans)
        hyps.append(hyp)
        golds.append(gold)
    return score(hyps, golds), elapsed, peak


def reliability(docs, results, bins=(0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0001)):
    """Confidence bins vs strict correctness of the beads (both sides non-empty)."""
    rows = [[0, 0] for _ in range(len(bins) - 1)]
    for (_n, _s, _t, gold), (spans, conf, _i) in zip(docs, results, strict=True):
        g = set(parse_gold(gold))
        for (i0, i1, j0, j1), c in zip(spans, conf, strict=True):
            if i1 == i0 or j1 == j0:
                continue
            k = next(k for k in range(len(bins) - 1) if bins[k] <= c < bins[k + 1])
            rows[k][0] += 1
            rows[k][1] += (tuple(range(i0, i1)), tuple(range(j0, j1))) in g
    return [(bins[k], min(bins[k + 1], 1.0), n, ok) for k, (n, ok) in enumerate(rows)]


# --- translations from NTREX itself (bench only) -------------------------------------

def ntrex_rows() -> tuple[dict[str, list[str]], dict[str, dict[str, int]]]:
    texts = {lang: [x.strip() for x in read(NTREX / f)] for lang, f in NTREX_FILES.items()}
    index = {lang: {} for lang in texts}
    for lang, lines in texts.items():
        for row, line in enumerate(lines):
            index[lang].setdefault(line, row)
    return texts, index


def origin_rows(line: str, langs, index) -> list[int]:
    """The NTREX rows a perturbed line was joined from (greedy longest prefix)."""
    rows, rest = [], line
    by_start: dict[str, list[tuple[str, int]]] = {}
    for lang in langs:
        for text, row in index[lang].items():
            by_start.setdefault(text[:12], []).append((text, row))
    while rest:
        cands = [(t, r) for t, r in by_start.get(rest[:12], []) if rest.startswith(t)]
        if not cands:
            return rows
        text, row = max(cands, key=lambda c: len(c[0]))
        rows.append(row)
        rest = rest[len(text):].lstrip()
    return rows


def real_translations(docs, pair: str, via: str, texts, index) -> list[list[str]]:
    """Each source line's 'translation': the `via` sentences of the same origin."""
    s, t = pair.split("-")
    langs = (s, t)
    by_start: dict[str, list[tuple[str, int]]] = {}
    for lang in langs:
        for text, row in index[lang].items():
            by_start.setdefault(text[:12], []).append((text, row))
    out = []
    for _n, src, _t, _g in docs:
        lines = []
        for line in src:
            rows, rest = [], line
            while rest:
                cands = [(x, r) for x, r in by_start.get(rest[:12], []) if rest.startswith(x)]
                if not cands:
                    break
                x, r = max(cands, key=lambda c: len(c[0]))
                rows.append(r)
                rest = rest[len(x):].lstrip()
            lines.append(" ".join(texts[via][r] for r in rows) if rows else line)
        out.append(lines)
    return out


# --- scale run (child process: one core, its own peak RSS) ---------------------------

def scale_child(src_path: str, tgt_path: str, src_lang: str, tgt_lang: str) -> None:
    from align_kit.align.core import align_segments

    src, tgt = read(Path(src_path)), read(Path(tgt_path))
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # Timed run first (tracemalloc slows allocation), then a traced run for the
    # memory the alignment itself allocates (what grows with the input).
    t0 = time.perf_counter()
    spans, _conf, _ = align_segments(src, tgt, src_lang, tgt_lang)
    elapsed = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    align_segments(src, tgt, src_lang, tgt_lang)
    traced = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(json.dumps({"lines": [len(src), len(tgt)], "seconds": elapsed, "peak_mb": rss,
                      "base_mb": base_rss, "traced_mb": traced, "beads": len(spans)}))
    out = Path(src_path).with_suffix(".hyp")
    write_beads(out, spans)


def scale_run(root: Path, pair: str, times: int) -> dict:
    s, t = pair.split("-")
    src, tgt, gold = [], [], []
    for _ in range(times):
        for _n, a, b, g in documents(root, pair):
            for bs, bt in parse_gold(g):
                gold.append(f"{[x + len(src) for x in bs]}:{[x + len(tgt) for x in bt]}")
            src += a
            tgt += b
    d = OUT / "scale"
    d.mkdir(parents=True, exist_ok=True)
    sp, tp, gp = d / f"{pair}-x{times}.src", d / f"{pair}-x{times}.tgt", d / f"{pair}-x{times}.gold"
    sp.write_text("\n".join(src) + "\n", encoding="utf-8")
    tp.write_text("\n".join(tgt) + "\n", encoding="utf-8")
    gp.write_text("\n".join(gold) + "\n", encoding="utf-8")
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    res = subprocess.run(["taskset", "-c", "0", sys.executable, __file__, "--scale-child",
                          str(sp), str(tp), LANG[s], LANG[t]],
                         check=True, capture_output=True, text=True, env=env)
    info = json.loads(res.stdout.strip().splitlines()[-1])
    info["score"] = score([sp.with_suffix(".hyp")], [gp])
    return info


# --- calibration fit ------------------------------------------------------------------

def fit_calibration(root: Path) -> None:
    """Fit the confidence of beads with two sides on real and synthetic beads together
    (issue 16): every dev set (NTREX seed 1 pairs, the real sets, the sample gold)
    weighted alike, label: the bead is exactly right. Prints the coefficients and the
    reliability per set with them."""
    import numpy as np

    from align_kit.align.calibration import FEATURES, bead_evidence
    from align_kit.align.core import align_batch, align_spans

    per_set: dict[str, tuple[list, list, list]] = {}
    runs: dict[str, list] = {}
    for ds in dev_sets(root):
        if ds["batch"]:
            res = align_batch([(d[0], d[1]) for d in ds["docs"]], *ds["langs"],
                              by_sentence=False)
        else:
            res = [align_spans(d[0], d[1], *(d[3] if len(d) > 3 else ds["langs"]))
                   for d in ds["docs"]]
        rows, labels, confs = [], [], []
        runs[ds["name"]] = []
        for d, (spans, conf, info) in zip(ds["docs"], res, strict=True):
            pd, params = info["evidence"]
            g = set(d[2])
            runs[ds["name"]].append((pd, params, spans, g))
            conf = info.get("local_confidence", conf)
            rows.append(bead_evidence(pd, params, spans))
            labels += [(tuple(range(i0, i1)), tuple(range(j0, j1))) in g
                       for i0, i1, j0, j1 in spans]
            confs += conf
        per_set[ds["name"]] = (np.vstack(rows), np.array(labels, dtype=float),
                               np.array(confs))
    Xs, ys, ws = [], [], []
    for X, y, _c in per_set.values():
        full = X[:, FEATURES.index("null")] == 0
        Xs.append(X[full])
        ys.append(y[full])
        ws.append(np.full(int(full.sum()), 1000.0 / max(int(full.sum()), 1)))
    X, y, wt = np.vstack(Xs), np.concatenate(ys), np.concatenate(ws)
    w = np.zeros(X.shape[1])
    for _ in range(60):  # Newton steps of weighted, L2-regularised logistic regression
        p = 1 / (1 + np.exp(-X @ w))
        grad = X.T @ (wt * (p - y)) + 0.1 * w
        hess = (X * (wt * p * (1 - p))[:, None]).T @ X + 0.1 * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    print("FEATURES =", FEATURES)
    print("COEFFICIENTS = np.array([" + ", ".join(f"{v:.4f}" for v in w) + "])")
    for name, (X, y, c) in per_set.items():
        null = X[:, FEATURES.index("null")] > 0
        conf = np.where(null, c, 1 / (1 + np.exp(-X @ w)))
        hi, wrong = conf >= 0.9, y == 0
        print(f"{name}: >= 0.9 {hi.sum()} beads, {y[hi].mean():.3f} right; "
              f"wrong {wrong.sum()}, {(conf[wrong] < 0.5).mean():.2f} under 0.5")
    fit_posterior(runs)


def _logistic(X, y, wt, reg: float = 0.1):
    """Weighted, L2-regularised logistic regression by Newton steps."""
    import numpy as np

    w = np.zeros(X.shape[1])
    for _ in range(60):
        p = 1 / (1 + np.exp(-X @ w))
        grad = X.T @ (wt * (p - y)) + reg * w
        hess = (X * (wt * p * (1 - p))[:, None]).T @ X + reg * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    return w


TEMPERATURES = (0.5, 0.75, 1.0, 1.5, 2.0, 3.0)
# A wrong bead passed as confident costs a reviewer more than a right bead sent to a
# second look: in the fit a wrong bead counts this many times a right one, so the
# confidence is conservative (at 1: calibrated, and on Bleualign dev only 38% of the
# wrong beads under 0.5, 93% right at >= 0.9; at 5 every real dev set meets issue
# 16's targets, at the price of sending more right beads to review).
WRONG_WEIGHT = 5.0


def fit_posterior(runs: dict) -> None:
    """The confidence over the path posterior (issue 16): for each temperature, the
    posterior of every bead of every dev set, a logistic fit over (bias, logit
    posterior, local log-odds) for beads with two sides and for 1-0 / 0-1 beads, each
    set weighted alike, a wrong bead counting WRONG_WEIGHT times; the temperature with
    the lowest mean (weighted) log-loss over the sets wins. Prints both targets per
    set for every temperature."""
    import numpy as np

    from align_kit.align.calibration import posterior_evidence

    best = None
    for temp in TEMPERATURES:
        per_set = {}
        for name, docs in runs.items():
            rows, lone, labels = [], [], []
            for pd, params, spans, g in docs:
                r, ln = posterior_evidence(pd, params, spans, temp)
                rows.append(r)
                lone.append(ln)
                labels += [(tuple(range(i0, i1)), tuple(range(j0, j1))) in g
                           for i0, i1, j0, j1 in spans]
            per_set[name] = (np.vstack(rows), np.concatenate(lone),
                             np.array(labels, dtype=float))
        coef = {}
        for part in (False, True):
            Xs, ys, ws = [], [], []
            for X, ln, y in per_set.values():
                sel = ln == part
                Xs.append(X[sel])
                ys.append(y[sel])
                w = np.where(y[sel] == 0, WRONG_WEIGHT, 1.0)
                ws.append(1000.0 * w / max(float(w.sum()), 1.0))
            coef[part] = _logistic(np.vstack(Xs), np.concatenate(ys), np.concatenate(ws))
        losses, lines = [], []
        for name, (X, ln, y) in per_set.items():
            z = np.where(ln, X @ coef[True], X @ coef[False])
            conf = 1 / (1 + np.exp(-z))
            eps = 1e-9
            losses.append(-np.mean(y * np.log(conf + eps)
                                   + WRONG_WEIGHT * (1 - y) * np.log(1 - conf + eps)))
            hi, wrong = conf >= 0.9, y == 0
            lines.append(f"  {name}: >= 0.9 {hi.sum()} beads, "
                         f"{y[hi].mean() if hi.any() else float('nan'):.3f} right; wrong "
                         f"{wrong.sum()}, {(conf[wrong] < 0.5).mean():.2f} under 0.5; "
                         f"right under 0.5 {(conf[~wrong] < 0.5).mean():.2f}; "
                         f"weighted log-loss {losses[-1]:.3f}")
        mean = float(np.mean(losses))
        print(f"T = {temp}: mean weighted log-loss {mean:.4f}")
        print("\n".join(lines), flush=True)
        if best is None or mean < best[0]:
            best = (mean, temp, coef)
    _mean, temp, coef = best
    print(f"TEMPERATURE = {temp}")
    print("POSTERIOR_COEFFICIENTS = np.array([" + ", ".join(f"{v:.4f}" for v in coef[False])
          + "])")
    print("NULL_POSTERIOR_COEFFICIENTS = np.array(["
          + ", ".join(f"{v:.4f}" for v in coef[True]) + "])")


NOTES = """
## How align-kit aligns (what these figures measure)

- Lines are split into sentences first (`align.units`): an NTREX line often holds
  two or three sentences, cut differently on the other side ("A. B." against
  "A." and "B. C."). The sentences are aligned, then the lines regrouped into the
  smallest contiguous beads that contain every sentence link (a stray line inside
  a translated passage joins its bead). This is what lifted strict F1 from
  0.920 / 0.929 / 0.936 to the figures above; the gold beads are exactly such
  minimal groups. With `--translations`, a line is split only where its
  translation splits into as many sentences.
- After the search, an edge sentence of a merged bead that matches nothing on the
  other side (cosine under its background) is split off as 1-0 / 0-1, where the
  rest of the bead is well supported (cosine >= 0.1): a stray line the bead
  swallowed for the size bonus (seed 1: 0.966 / 0.979 / 0.982 -> 0.970 / 0.981 /
  0.986; the sample gold unchanged).
- Per-document adaptation (issue 16, `align.adapt`): after the lexicon pass, the
  rates of 1-0, 0-1 and merged beads are counted in the document itself, smoothed
  towards reference rates (pseudo-count 50), and each shape's cost moves by the log
  of reference over document rate; the search runs again (one EM step, as
  Gale-Church / hunalign's realign). Not for pairs the verdict finds unrelated.
  The split-off pass only cuts a sentence when the rest of the bead fits the other
  side's length at most 0.5 worse than the whole bead: a real half-merged sentence
  shares little vocabulary but its length is needed (a stray is not).
- Dynamic programme over beads up to 3 sentences a side (1-0 and 0-1 included),
  banded and coarse to fine (groups of 8 sentences aligned first, the fine band
  is the projected path widened by 20 sentences), so time and memory grow
  linearly; rows are filled with numpy.
- Bead cost: Gale-Church length term (ratio estimated per document pair, from
  the first pass's 1-1 beads in the second pass), plus a fixed cost per bead and
  a prior per extra sentence, minus two similarity rewards over rarity-weighted
  feature vectors of the two sides, each taken relative to a background (what
  unrelated sentences of the same documents score, as vecalign does): the
  cosine, times the square root of the bead's mean side size, and the dot product
  in units of a typical sentence pair, which adds up over the sentences a bead
  groups. 1-0/0-1 have a fixed cost, discounted for lines foreign to their own
  document (letters rare elsewhere in it).
- With translations the similarity weighs 4.2 times more and enters squared,
  and the translation is also compared with the target apart from the other
  evidence: cosine of rarity-weighted raw letter 2-5-grams minus its background,
  weight 40, merged spans included.
- Features (one scorer file each, chosen by name): anchors (numbers in every
  notation, month names en/be/ru/uk, URLs, e-mails, hashtags, Latin tokens in
  Cyrillic, ? ! quotes parentheses colons % and currencies), names (phonetic
  key across scripts), cognates (consonant skeletons of content words),
  glossary entry ids, a lexicon learned from the first pass (pooled over the
  batch here: `align-kit align --pairs`; stem pairs kept when their co-occurrence
  is significant, G2 at p < 0.001, and Dice >= 0.3), translations.
- Bead shapes: 1-0, 0-1, every shape up to 3-3, and one-to-many beads up to 1-4 /
  4-1 (`--max-bead 4`, the default).
- Confidence: the posterior of each bead over every path (forward-backward over the
  search's band and bead costs, temperature 0.75, `align.posterior`), calibrated by a
  logistic model over it, its neighbours' posteriors, the document's mean posterior
  and a per-bead model's log-odds (cosine, length deviation, bead size, evidence, a
  1-0 / 0-1 beside the bead, the cosine over the documents' background, the length
  gain of merging the bead with a neighbour; 1-0 / 0-1 beads have a model of their
  own), fitted on real and synthetic beads together (`--fit-calibration`: NTREX seed
  1, Bleualign dev, 1984, the sample gold, each set weighted alike, a wrong bead
  counted 5 times: conservative); a line bead's confidence is the lowest of its
  sentence beads'.
- Parameters (similarity weight 25, dot weight 7, length weight 0.7, null cost
  2.5, merge prior 3 per extra sentence, bead cost 0.5, full background, split-off
  thresholds 0 and 0.1) were
  chosen by coordinate search on the seed-1 dev set and the sample corpus gold
  together (`python bench/sample.py`); NTREX alone favoured fewer merges
  (seed-1 mean 0.979 against 0.975) but cost the sample's genuine 1-2 beads
  (en-ru 0.965 -> 0.872). The other seeds and `--merge 0.2` were not used.
"""


# --- every dev set side by side (issue 16) -------------------------------------------

SHAPES = ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1))


def load_eval():
    import importlib.util

    spec = importlib.util.spec_from_file_location("score_alignment",
                                                  EVAL / "score_alignment.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dev_sets(ntrex: Path, with_ntrex: bool = True, extra: tuple = ()) -> list[dict]:
    """Every dev set: name, document pairs (src, tgt, gold beads), languages, and
    whether its documents are aligned as one batch (NTREX: a shared lexicon)."""
    sets = []
    ntrex_sets = [(ntrex, "NTREX s1")] if with_ntrex else []
    ntrex_sets += list(extra)
    for root, label in ntrex_sets:
        for pair in PAIRS:
            s, t = pair.split("-")
            docs = [(a, b, parse_gold(g)) for _n, a, b, g in documents(root, pair)]
            sets.append({"name": f"{label} {pair}", "docs": docs, "langs": (LANG[s], LANG[t]),
                         "batch": True})
    for name, a, b, la, lb, g in REAL_SETS:
        if (REAL / a).exists():
            sets.append({"name": name, "docs": [(read(REAL / a), read(REAL / b),
                                                 parse_gold(REAL / g))],
                         "langs": (la, lb), "batch": False})
    gdir = ROOT / "corpora" / "gold"
    docs = []
    for group in sorted({p.name.split(".")[0] for p in gdir.glob("*.sents")}):
        for la, lb in (("en", "be"), ("en", "ru"), ("be", "ru")):
            docs.append((read(gdir / f"{group}.{la}.sents"), read(gdir / f"{group}.{lb}.sents"),
                         parse_gold(gdir / f"{group}.{la}-{lb}.gold"), (la, lb)))
    sets.append({"name": "sample gold", "docs": docs, "langs": None, "batch": False})
    return sets


def spans_to_beads(spans) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(tuple(range(i0, i1)), tuple(range(j0, j1))) for i0, i1, j0, j1 in spans]


def align_set(ds: dict) -> tuple[list, list, float]:
    """align-kit's beads and confidences for every document of a dev set, and the time."""
    from align_kit.align.core import align_batch, align_segments

    t0 = time.perf_counter()
    if ds["batch"]:
        la, lb = ds["langs"]
        res = align_batch([(d[0], d[1]) for d in ds["docs"]], la, lb)
    else:
        res = [align_segments(d[0], d[1], *(d[3] if len(d) > 3 else ds["langs"]))
               for d in ds["docs"]]
    return ([spans_to_beads(r[0]) for r in res], [r[1] for r in res],
            time.perf_counter() - t0)


def gc_set(ds: dict) -> list:
    import galechurch

    out = []
    for d in ds["docs"]:
        block = galechurch.align(d[0], d[1])
        out.append(spans_to_beads([(b.source_start, b.source_end, b.target_start,
                                    b.target_end) for b in block.beads]))
    return out


def build_hunalign() -> Path | None:
    """hunalign built from ../shared/peers/hunalign into a temporary folder (its
    README.peer.md); None, with a line saying why, when it cannot be built."""
    import shutil
    import tempfile

    peer = SHARED / "peers" / "hunalign"
    if not (peer / "src" / "hunalign").exists():
        print(f"hunalign: skipped, {peer} not found")
        return None
    home = Path(tempfile.mkdtemp(prefix="align-kit-hunalign-")) / "hunalign"
    shutil.copytree(peer, home)
    res = subprocess.run(["make", "-C", str(home / "src" / "hunalign")], capture_output=True,
                         text=True)
    binary = home / "src" / "hunalign" / "hunalign"
    if res.returncode != 0 or not binary.exists():
        tail = (res.stderr or res.stdout).strip().splitlines()[-1:] or ["no output"]
        print(f"hunalign: skipped, the build failed ({tail[0]})")
        return None
    return binary


def hunalign_ladder(text: str, n: int, m: int) -> list:
    rungs = []
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            rungs.append((int(parts[0]), int(parts[1])))
    if not rungs or rungs[0] != (0, 0):
        rungs.insert(0, (0, 0))
    if rungs[-1] != (n, m):
        rungs.append((n, m))
    return [(i0, i1, j0, j1) for (i0, j0), (i1, j1) in zip(rungs[:-1], rungs[1:], strict=True)
            if (i1, j1) != (i0, j0)]


def hunalign_pair(binary: Path, src: list[str], tgt: list[str], realign: bool,
                  one_core: bool = False) -> tuple[list, float, float]:
    """hunalign's beads for one document pair, its wall time and peak RSS (MB)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        sp, tp = Path(tmp) / "src.txt", Path(tmp) / "tgt.txt"
        sp.write_text("\n".join(src) + "\n", encoding="utf-8")
        tp.write_text("\n".join(tgt) + "\n", encoding="utf-8")
        cmd = [str(binary), *(["-realign"] if realign else []),
               str(binary.parent.parent.parent / "data" / "null.dic"), str(sp), str(tp)]
        if one_core and _has_taskset():
            cmd = ["taskset", "-c", "0", *cmd]
        cmd = ["/usr/bin/time", "-f", "%M", *cmd] if Path("/usr/bin/time").exists() else cmd
        t0 = time.perf_counter()
        res = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp)
        wall = time.perf_counter() - t0
    if res.returncode != 0:
        raise RuntimeError(f"hunalign failed: {res.stderr.strip()[-200:]}")
    rss = 0.0
    if cmd[0] == "/usr/bin/time":
        last = res.stderr.strip().splitlines()[-1:]
        rss = float(last[0]) / 1024 if last and last[0].isdigit() else 0.0
    return spans_to_beads(hunalign_ladder(res.stdout, len(src), len(tgt))), wall, rss


def _has_taskset() -> bool:
    import shutil

    return shutil.which("taskset") is not None


def shape_scores(hyps: list, golds: list) -> dict[tuple[int, int], tuple[float, float]]:
    """Strict recall and precision per bead shape (1-0 / 0-1 included)."""
    out = {}
    for shape in SHAPES:
        tp = nh = ng = 0
        for hyp, gold in zip(hyps, golds, strict=True):
            h = {b for b in hyp if (len(b[0]), len(b[1])) == shape}
            g = {b for b in gold if (len(b[0]), len(b[1])) == shape}
            tp += len(h & g)
            nh += len(h)
            ng += len(g)
        out[shape] = (tp / ng if ng else float("nan"), tp / nh if nh else float("nan"), ng, nh)
    return out


def side_by_side(ntrex: Path, hunalign: Path | None, extra: tuple = ()) -> tuple[list, dict]:
    """Every dev set through align-kit, Gale-Church and hunalign (plain, -realign):
    strict (lax) F1, then per-shape recall / precision. Returns markdown lines and
    align-kit's strict F1 per set."""
    ev = load_eval()
    systems = ["align-kit", "Gale-Church"] + (["hunalign", "hunalign -realign"]
                                              if hunalign else [])
    f1_rows = ["| set | " + " | ".join(systems) + " |", "|---|" + "---|" * len(systems)]
    shape_rows = ["| set | system | " + " | ".join(f"{a}-{b} R / P" for a, b in SHAPES) + " |",
                  "|---|---|" + "---|" * len(SHAPES)]
    ours: dict[str, float] = {}
    for ds in dev_sets(ntrex, extra=extra):
        golds = [d[2] for d in ds["docs"]]
        runs = {}
        runs["align-kit"], _conf, _t = align_set(ds)
        runs["Gale-Church"] = gc_set(ds)
        if hunalign:
            for label, flag in (("hunalign", False), ("hunalign -realign", True)):
                runs[label] = [hunalign_pair(hunalign, d[0], d[1], flag)[0] for d in ds["docs"]]
        cells = []
        for system in systems:
            res = ev.summarize([ev.score(h, g) for h, g in zip(runs[system], golds,
                                                                 strict=True)])
            if system == "align-kit":
                ours[ds["name"]] = res["strict"]["f1"]
            cells.append(f"{res['strict']['f1']:.3f} ({res['lax']['f1']:.3f})")
            sc = shape_scores(runs[system], golds)
            shape_rows.append(f"| {ds['name']} | {system} | " + " | ".join(
                "-" if not sc[s][2] and not sc[s][3] else
                f"{sc[s][0]:.2f} / {sc[s][1]:.2f} ({sc[s][2]}/{sc[s][3]})" for s in SHAPES) + " |")
        f1_rows.append(f"| {ds['name']} | " + " | ".join(cells) + " |")
        print(f1_rows[-1], flush=True)
    return f1_rows + ["", "Per bead shape: strict recall / precision (gold beads / proposed "
                      "beads of that shape).", ""] + shape_rows, ours


def scale_hunalign(hunalign: Path, times: int) -> dict:
    hu, en = read(REAL / "1984-hu-en/hu.txt"), read(REAL / "1984-hu-en/en.txt")
    _b, wall, rss = hunalign_pair(hunalign, hu * times, en * times, False, one_core=True)
    return {"seconds": wall, "peak_mb": rss}


def copies_1984(times: int) -> tuple[Path, Path]:
    """The 1984 pair repeated `times` over, written to bench/out/scale (src, tgt)."""
    d = OUT / "scale"
    d.mkdir(parents=True, exist_ok=True)
    hu, en = read(REAL / "1984-hu-en/hu.txt"), read(REAL / "1984-hu-en/en.txt")
    sp, tp = d / f"1984-x{times}.src", d / f"1984-x{times}.tgt"
    sp.write_text("\n".join(hu * times) + "\n", encoding="utf-8")
    tp.write_text("\n".join(en * times) + "\n", encoding="utf-8")
    return sp, tp


def one_core(cmd: list[str]) -> dict:
    """Run `cmd` on one core (taskset where there is one, one BLAS thread) and return
    the JSON object its last line prints."""
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    if _has_taskset():
        cmd = ["taskset", "-c", "0", *cmd]
    res = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
    return json.loads(res.stdout.strip().splitlines()[-1])


def scale_1984(times: int) -> dict:
    sp, tp = copies_1984(times)
    return one_core([sys.executable, __file__, "--scale-child", str(sp), str(tp), "hu", "en"])


def dev_main(quick: bool, hun: bool, sets: bool = True, scale: bool = True) -> int:
    """`--dev`: the side-by-side tables and (unless quick) the 1984 scale table, each
    written to its own generated block of docs/benchmarks/alignment-real.md."""
    hunalign = build_hunalign() if hun else None
    if sets:
        seed1 = build("ntrex-s1", 1)
        extra = () if quick else ((build("ntrex-s2", 2), "NTREX s2"),
                                  (build("ntrex-s3", 3), "NTREX s3"))
        md, _ours = side_by_side(seed1, hunalign, extra)
        md += ["", "Reliability of the confidence per set (every bead, 1-0 / 0-1 included):",
               ""]
        md += real_reliability()
        print("\n".join(md))
        head = ["## Side by side, every dev set", "",
                "`python bench/alignment.py --dev`: every dev set through align-kit, "
                "Gale-Church (`galechurch`, PyPI) and hunalign (built from "
                "`../shared/peers/hunalign`, empty dictionary, plain and `-realign`) in one "
                "run. Strict F1 (lax F1 in brackets), scored with "
                "`../shared/eval/score_alignment.py`. NTREX: batch mode, lines split into "
                "sentences; the real sets and the sample gold: one document pair at a time "
                "(`align_segments`).", ""]
        write_generated(DOC_REAL, head, md, "dev")
    if scale and not quick:
        md = ["| 1984 copies | lines | align-kit wall | align-kit peak RSS | "
              "hunalign wall | hunalign peak RSS |", "|---|---|---|---|---|---|"]
        for times in (1, 2, 4, 8):
            ak = scale_1984(times)
            hu = scale_hunalign(hunalign, times) if hunalign and times <= 4 else None
            hcell = (f"{hu['seconds']:.1f} s | {hu['peak_mb']:.0f} MB" if hu else
                     "not run (over 16 min at x8) | -")
            md.append(f"| x{times} | {ak['lines'][0]} / {ak['lines'][1]} | "
                      f"{ak['seconds']:.1f} s | {ak['peak_mb']:.0f} MB | {hcell} |")
            print(md[-1], flush=True)
        head = ["## Scale, generated", "", "`python bench/alignment.py --dev` (or "
                "`--dev --scale-only`): the 1984 pair repeated, one core (taskset), wall "
                "time and peak RSS of the process, hunalign (plain) in the same run.", ""]
        write_generated(DOC_REAL, head, md, "scale")
    print(f"\nwritten to {DOC_REAL.relative_to(ROOT)}")
    return 0


def write_generated(path: Path, head: list[str], md: list[str], name: str) -> None:
    """Write the tables between the markers of block `name` in `path`, keeping what
    was written by hand around them (before-and-after notes, analyses)."""
    markers = (f"<!-- generated ({name}) by `python bench/alignment.py --dev`: edits "
               "between these markers are replaced on the next run -->",
               f"<!-- end of generated ({name}) -->")
    block = "\n".join([markers[0], *head, *md, markers[1]])
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if markers[0] in old and markers[1] in old:
        before, rest = old.split(markers[0], 1)
        after = rest.split(markers[1], 1)[1]
        text = before + block + after
    elif old:
        text = old.rstrip("\n") + "\n\n" + block + "\n"
    else:
        text = block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --- report ---------------------------------------------------------------------------

def fmt(r: dict, k: str = "f1") -> str:
    return f"{r['strict'][k]:.3f} ({r['lax'][k]:.3f})"


REAL = SHARED / "data" / "real-align"
REAL_SETS = (("bleualign-dev de-fr", "bleualign-dev/dev.de", "bleualign-dev/dev.fr", "de", "fr",
              "bleualign-dev/dev.gold"),
             ("1984 hu-en", "1984-hu-en/hu.txt", "1984-hu-en/en.txt", "hu", "en",
              "1984-hu-en/hu-en.gold"))


def real_reliability() -> list[str]:
    """Reliability of the confidence on the real dev sets and the sample gold, every
    bead (1-0 / 0-1 included): how many beads at >= 0.9 are strictly right, and how
    many wrong beads score under 0.5 (issue 16 targets: >= 97%, >= half)."""
    from align_kit.align.core import align_spans

    def gold(path: Path) -> set:
        return {(tuple(json.loads(a)), tuple(json.loads(b)))
                for a, b in (x.split(":") for x in path.read_text().split("\n") if x.strip())}

    def one(s, t, la, lb, g) -> list[tuple[float, bool]]:
        spans, conf, _ = align_spans(s, t, la, lb)
        return [(c, (tuple(range(i0, i1)), tuple(range(j0, j1))) in g)
                for (i0, i1, j0, j1), c in zip(spans, conf, strict=True)]

    sets: list[tuple[str, list]] = []
    if REAL.exists():
        for name, a, b, la, lb, g in REAL_SETS:
            sets.append((name, one(read(REAL / a), read(REAL / b), la, lb, gold(REAL / g))))
    items: list = []
    gdir = ROOT / "corpora" / "gold"
    for name in sorted({p.name.split(".")[0] for p in gdir.glob("*.sents")}):
        for la, lb in (("en", "be"), ("en", "ru"), ("be", "ru")):
            s = [x for x in (gdir / f"{name}.{la}.sents").read_text().split("\n") if x.strip()]
            t = [x for x in (gdir / f"{name}.{lb}.sents").read_text().split("\n") if x.strip()]
            items += one(s, t, la, lb, gold(gdir / f"{name}.{la}-{lb}.gold"))
    sets.append(("sample gold (en-be, en-ru, be-ru)", items))
    # The last column is the price of a conservative confidence: right beads a
    # reviewer is sent to look at.
    md = ["| set | beads | strictly right | >= 0.9: beads | >= 0.9: right | wrong | "
          "wrong under 0.5 | right under 0.5 |", "|---|---|---|---|---|---|---|---|"]
    for name, rows in sets:
        ok = [o for _, o in rows]
        hi = [o for c, o in rows if c >= 0.9]
        bad = [c for c, o in rows if not o]
        good = [c for c, o in rows if o]
        md.append(f"| {name} | {len(rows)} | {sum(ok) / max(len(ok), 1):.3f} | {len(hi)} | "
                  f"{sum(hi) / max(len(hi), 1):.3f} | {len(bad)} | "
                  f"{sum(c < 0.5 for c in bad) / max(len(bad), 1):.3f} | "
                  f"{sum(c < 0.5 for c in good) / max(len(good), 1):.3f} |")
    return md


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="seed 1 only, no scale run")
    ap.add_argument("--fit-calibration", action="store_true")
    ap.add_argument("--dev", action="store_true",
                    help="every dev set side by side (align-kit, Gale-Church, hunalign) and "
                         "the 1984 scale table; with --quick: NTREX seed 1 only, no scale")
    ap.add_argument("--no-hunalign", action="store_true", help="leave hunalign out")
    ap.add_argument("--no-scale", action="store_true", help="with --dev: no scale table")
    ap.add_argument("--scale-only", action="store_true", help="with --dev: the scale table only")
    ap.add_argument("--scale-child", nargs=4, metavar=("SRC", "TGT", "SL", "TL"),
                    help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.scale_child:
        scale_child(*a.scale_child)
        return 0
    need_shared()
    if a.dev:
        return dev_main(a.quick, not a.no_hunalign, sets=not a.scale_only,
                        scale=not a.no_scale)
    seed1 = build("ntrex-s1", 1)
    if a.fit_calibration:
        fit_calibration(seed1)
        return 0
    import galechurch

    import align_kit

    md: list[str] = []
    say = print

    def both(line: str = "") -> None:
        say(line)
        md.append(line)

    both("# Sentence alignment benchmark")
    both()
    both(f"align-kit {align_kit.__version__} (default scorers, batch mode) vs `galechurch` "
         f"{galechurch.__version__} (PyPI, default parameters), same files, same run, scored "
         "with `../shared/eval/score_alignment.py`. Command: `python bench/alignment.py`.")
    both()
    both("## NTREX dev set (seed 1, default perturbation)")
    both()
    both("Strict F1 (lax F1 in brackets); time and peak Python memory (tracemalloc) for "
         "all 123 documents of the pair.")
    both()
    both("| pair | align-kit | Gale-Church | align-kit P / R strict | align-kit time | "
         "GC time | align-kit peak MB |")
    both("|---|---|---|---|---|---|---|")
    all_docs, all_results = [], []
    for pair in PAIRS:
        r, el, peak, docs, results = run_alignkit(seed1, pair, "s1")
        g, gel, _gpeak = run_galechurch(seed1, pair, "s1")
        all_docs += docs
        all_results += results
        both(f"| {pair} | **{fmt(r)}** | {fmt(g)} | {r['strict']['precision']:.3f} / "
             f"{r['strict']['recall']:.3f} | {el:.1f} s | {gel:.2f} s | {peak / 2**20:.0f} |")
    both()
    both("## Reliability of the confidence (seed 1, all pairs, beads with both sides)")
    both()
    both("| confidence | beads | strictly correct |")
    both("|---|---|---|")
    for lo, hi, n, ok in reliability(all_docs, all_results):
        share = f"{ok / n:.3f}" if n else "-"
        both(f"| {lo:.2f}-{hi:.2f} | {n} | {share} |")
    hi_n = sum(n for lo, _h, n, _o in reliability(all_docs, all_results) if lo >= 0.9)
    hi_ok = sum(o for lo, _h, _n, o in reliability(all_docs, all_results) if lo >= 0.9)
    both()
    both(f"Beads with confidence >= 0.9: {hi_n}, of which {hi_ok / max(hi_n, 1):.3f} strictly "
         "correct.")
    both()
    both("## Reliability on real translations (every bead, 1-0 / 0-1 included)")
    both()
    for line in real_reliability():
        both(line)
    both()
    both("## Upper bound with real translations (`--translations`)")
    both()
    both("Each source line comes with a human translation of the same NTREX sentences "
         "(eng-bel: the Russian ones; eng-rus: the Ukrainian ones), recovered by looking the "
         "line's sentences up in the original NTREX files (bench only).")
    both()
    both("| pair | via | align-kit + translations | align-kit alone |")
    both("|---|---|---|---|")
    texts, index = ntrex_rows()
    for pair, via in (("eng-bel", "rus"), ("eng-rus", "ukr")):
        docs = list(documents(seed1, pair))
        tr = real_translations(docs, pair, via, texts, index)
        r, *_ = run_alignkit(seed1, pair, "tr", translations=tr)
        r0 = score(sorted((OUT / "s1" / pair).glob("*.hyp")), [d[3] for d in docs])
        both(f"| {pair} | {via} | **{fmt(r)}** | {fmt(r0)} |")
    if not a.quick:
        both()
        both("## Other seeds, perturbation rates and language pairs (generalisation check)")
        both()
        both("Nothing was tuned on these sets; Ukrainian was never looked at during "
             "development.")
        both()
        both("| set | pair | align-kit | Gale-Church |")
        both("|---|---|---|---|")
        # Ukrainian never entered the development: other language pairs.
        for name, seed, merge, pairs in (("ntrex-s2", 2, None, PAIRS),
                                         ("ntrex-s3", 3, None, PAIRS),
                                         ("ntrex-m20", 1, 0.2, PAIRS),
                                         ("ntrex-uk", 1, None, OTHER_PAIRS)):
            root = build(name, seed, merge, pairs)
            label = f"seed {seed}" + (f", --merge {merge}" if merge else "")
            for pair in pairs:
                r, *_ = run_alignkit(root, pair, name)
                g, *_ = run_galechurch(root, pair, name)
                both(f"| {label} | {pair} | {fmt(r)} | {fmt(g)} |")
        both()
        both("## Scale run (eng-rus, all documents concatenated and repeated; one core)")
        both()
        both("Peak RSS is the whole process (interpreter, numpy, scipy: the 'before' column "
             "is the RSS after the input is read); the traced peak is what the alignment "
             "itself allocates (tracemalloc, a second run), which is what grows with the input: "
             "a floor of about 30 MB (feature building, the first pass's lexicon) covers the "
             "small runs, then it grows in proportion (5x -> 10x doubles it). The goal is for "
             "5x: under 10 s on one core and under 300 MB.")
        both()
        both("| copies | lines (src / tgt) | wall time | peak RSS (before) | traced peak | "
             "strict (lax) F1 |")
        both("|---|---|---|---|---|---|")
        for times in (1, 2, 5, 10):
            info = scale_run(seed1, "eng-rus", times)
            both(f"| {times}x | {info['lines'][0]} / {info['lines'][1]} | "
                 f"{info['seconds']:.1f} s | {info['peak_mb']:.0f} MB ({info['base_mb']:.0f} MB) "
                 f"| {info['traced_mb']:.0f} MB | {fmt(info['score'])} |")
    md.extend(NOTES.splitlines())
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text("\n".join(md) + "\n", encoding="utf-8")
    say(f"\nwritten to {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
