"""Train the sentence-boundary classifier shipped as src/align_kit/segment/data/boundary.json.

Data (all read-only, beside the project):

- `../shared/data/ud-dev/*` (running text and gold sentences of five UD treebanks);
- NTREX-128 segmentation sets, seed 1 (`bench/data/ntrex/raw`, built from
  `../shared/data/ntrex` by `../shared/eval/make_ntrex_eval.py` if absent);
- for the unsupervised word statistics only (no gold used), also the texts of
  `corpora/sample/*.txt`.

Every candidate gap the rules propose (see `segment/boundary.py`) becomes one
example, labelled by the gold: is there a gold boundary at that gap? The word
statistics a training example sees are counted *without* its own document
(five-way jackknife), so that unseen words are as frequent in training as they
are in new text. Logistic regression with L2, fitted by L-BFGS (numpy, scipy).

    python bench/train_segmenter.py             # train on everything, write the model
    python bench/train_segmenter.py --cv 5      # also: document-level 5-fold CV on ud-dev
    python bench/train_segmenter.py --cv 5 --no-write

`bench/segmentation.py` calls `cross_validate` for its cross-validated table.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from align_kit.segment import boundary  # noqa: E402
from align_kit.segment.rules import load_rules  # noqa: E402
from align_kit.segment.splitter import paragraph_spans, rule_spans  # noqa: E402

CODES = {"eng": "en", "rus": "ru", "bel": "be"}
MIN_COUNT = 3  # a feature seen fewer times in training is dropped
MIN_STAT = 3  # a word seen fewer times is left out of the statistics
L2 = 0.3
THRESHOLD = 0.0
JACKKNIFE = 5


def ud_docs() -> list[dict]:
    import segmentation as bench

    return [dict(d, source="ud") for d in bench.ud_documents()]


def ntrex_docs() -> list[dict]:
    import segmentation as bench

    bench.ensure_data()
    out = []
    raw = bench.DATA[1] / "raw"
    for lang in CODES:
        for path in sorted(raw.glob(f"*.{lang}.txt")):
            gold = [ln.strip() for ln in path.with_suffix(".sents").read_text(
                encoding="utf-8").splitlines() if ln.strip()]
            out.append({"set": f"ntrex-{lang}", "lang": lang, "genre": "news",
                        "stem": path.stem, "text": path.read_text(encoding="utf-8"),
                        "gold": gold, "source": "ntrex"})
    return out


def sample_texts() -> dict[str, list[str]]:
    """Raw texts of corpora/sample per language (for the statistics only)."""
    out: dict[str, list[str]] = {}
    for path in sorted((ROOT / "corpora" / "sample").glob("*.txt")):
        lang = path.stem.rsplit(".", 1)[-1]
        try:
            out.setdefault(lang, []).append(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue  # the sample set's deliberately mis-encoded files
    return out


def _gold_cuts(gold: list[str]) -> set[int]:
    out, pos = set(), 0
    for sent in gold:
        pos += sum(1 for ch in sent if not ch.isspace())
        out.add(pos)
    return out


def stats_for(texts: list[str]) -> dict[str, tuple[int, int, int, int]]:
    return {w: tuple(v) for w, v in boundary.count_stats(texts).items() if v[3] >= MIN_STAT}


def doc_examples(doc: dict, stats: dict) -> tuple[list[list[str]], list[int]]:
    """Features and gold labels of every candidate gap of one document."""
    text = doc["text"]
    rules = load_rules(CODES[doc["lang"]])
    cuts = _gold_cuts(doc["gold"])
    nonspace = [0, *itertools.accumulate(0 if ch.isspace() else 1 for ch in text)]
    feats, labels = [], []
    for start, end in paragraph_spans(text):
        spans = rule_spans(text, start, end, rules)
        if not spans:
            continue
        for cand in boundary.candidates(text, spans):
            left = boundary._left_token(text, cand.start, start)
            if boundary.fixed(text, cand, rules, left) is not None:
                continue  # the rules are certain here: the model is never asked
            feats.append(boundary.features(text, cand, start, end, rules, stats))
            labels.append(int(nonspace[cand.start] in cuts))
    return feats, labels


def examples(docs: list[dict], extra: dict[str, list[str]]) -> tuple[list[list[str]], list[int]]:
    """All examples of `docs`; each document's statistics leave out its own jackknife part."""
    feats: list[list[str]] = []
    labels: list[int] = []
    for lang, code in CODES.items():
        mine = [d for d in docs if d["lang"] == lang]
        for part in range(JACKKNIFE):
            held = [d for k, d in enumerate(mine) if k % JACKKNIFE == part]
            if not held:
                continue
            rest = [d["text"] for k, d in enumerate(mine) if k % JACKKNIFE != part]
            stats = stats_for(rest + extra.get(code, []))
            for d in held:
                f, y = doc_examples(d, stats)
                feats += f
                labels += y
    return feats, labels


def fit(feats: list[list[str]], labels: list[int], l2: float = L2) -> tuple[dict, float]:
    from scipy import sparse
    from scipy.optimize import minimize

    counts = Counter(name for f in feats for name in set(f))
    names = sorted(n for n, c in counts.items() if c >= MIN_COUNT)
    index = {n: i for i, n in enumerate(names)}
    rows, cols = [], []
    for r, f in enumerate(feats):
        for name in set(f):
            i = index.get(name)
            if i is not None:
                rows.append(r)
                cols.append(i)
    x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(feats), len(names)))
    y = np.asarray(labels, dtype=float)

    def loss(wb: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = wb[:-1], wb[-1]
        z = x @ w + b
        # log(1 + e^z) - y z, computed stably
        nll = np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * float(w @ w)
        p = 1.0 / (1.0 + np.exp(-z))
        g = p - y
        grad = np.empty_like(wb)
        grad[:-1] = x.T @ g + l2 * w
        grad[-1] = g.sum()
        return nll, grad

    res = minimize(loss, np.zeros(len(names) + 1), jac=True, method="L-BFGS-B",
                   options={"maxiter": 500})
    w = res.x[:-1]
    weights = {n: round(float(v), 4) for n, v in zip(names, w, strict=True) if abs(v) >= 0.01}
    return weights, round(float(res.x[-1]), 4)


def train(
    docs: list[dict], extra: dict[str, list[str]], l2: float = L2, threshold: float = 0.0
) -> boundary.Model:
    feats, labels = examples(docs, extra)
    weights, bias = fit(feats, labels, l2)
    stats = {code: stats_for([d["text"] for d in docs if d["lang"] == lang] + extra.get(code, []))
             for lang, code in CODES.items()}
    return boundary.Model(weights, bias, threshold, stats)


def split_with(model: boundary.Model | None, text: str, lang: str) -> list[str]:
    """Sentences of `text` by the rules and `model` (None: the rules alone)."""
    rules = load_rules(CODES[lang])
    out = []
    for start, end in paragraph_spans(text):
        spans = rule_spans(text, start, end, rules)
        if model is not None:
            spans = list(boundary.decide(text, spans, start, end, rules, model))
        out += [text[s:e] for s, e, _ in spans]
    return out


def blocks(doc: dict, k: int) -> list[dict]:
    """`doc` cut into `k` blocks of consecutive paragraphs (for a treebank of fewer than `k`
    files: ru-taiga's one file holds 49 paragraphs of unrelated social-media threads)."""
    paras = paragraph_spans(doc["text"])
    if len(paras) < k:
        return [doc]
    bounds = [paras[(len(paras) * i) // k][0] for i in range(k)] + [len(doc["text"])]
    out, gold, used = [], doc["gold"], 0
    for a, b in zip(bounds, bounds[1:], strict=False):
        text = doc["text"][a:b]
        size = sum(1 for ch in text if not ch.isspace())
        mine, got = [], 0
        while used < len(gold) and got < size:
            got += sum(1 for ch in gold[used] if not ch.isspace())
            mine.append(gold[used])
            used += 1
        if got != size:
            return [doc]  # a gold sentence crosses a paragraph: keep the file whole
        out.append(dict(doc, text=text, gold=mine))
    return out


def cv_units(ud: list[dict], k: int) -> list[tuple[int, dict]]:
    """(index of the ud-dev file, unit) for every CV unit: a file, or a block of one."""
    per_set = Counter(d["set"] for d in ud)
    return [(i, unit) for i, d in enumerate(ud)
            for unit in (blocks(d, k) if per_set[d["set"]] < k else [d])]


def folds(docs: list[dict], k: int) -> list[int]:
    """The fold of each document: round robin within each treebank, so every fold holds
    documents of every treebank (ru-taiga is one document: it falls in fold 0)."""
    seen: Counter = Counter()
    out = []
    for d in docs:
        out.append(seen[d["set"]] % k)
        seen[d["set"]] += 1
    return out


def cross_validate(k: int = 5, l2: float = L2, threshold: float = 0.0) -> list[list[str]]:
    """Document-level K-fold CV on ud-dev: for each fold, train on the other folds of
    ud-dev plus all of NTREX, split the held-out documents. Returns, per ud-dev document
    (in `ud_docs()` order), the held-out sentences."""
    ud, ntrex, extra = ud_docs(), ntrex_docs(), sample_texts()
    units = cv_units(ud, k)
    fold_of = folds([u for _, u in units], k)
    hyps: list[list[str]] = [[] for _ in ud]
    for fold in range(k):
        train_docs = [u for (_, u), f in zip(units, fold_of, strict=True) if f != fold] + ntrex
        model = train(train_docs, extra, l2, threshold)
        for (i, unit), f in zip(units, fold_of, strict=True):
            if f == fold:
                hyps[i] += split_with(model, unit["text"], unit["lang"])
        print(f"fold {fold + 1}/{k} done", file=sys.stderr)
    return hyps


def _f1(pairs: list[tuple[list[str], list[str]]]) -> tuple[float, float, float]:
    tp = hyp = gold = 0
    for h, g in pairs:
        hc, gc = _gold_cuts(h), _gold_cuts(g)
        hc.discard(max(hc, default=0))
        gc.discard(max(gc, default=0))
        tp += len(hc & gc)
        hyp += len(hc)
        gold += len(gc)
    p, r = tp / max(hyp, 1), tp / max(gold, 1)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def print_errors(doc: dict, hyp: list[str]) -> None:
    """Each boundary where `hyp` and the gold differ, with its context (terminal only)."""
    text = doc["text"]
    flat = [i for i, ch in enumerate(text) if not ch.isspace()]
    gold, mine = _gold_cuts(doc["gold"]), _gold_cuts(hyp)
    for cut in sorted(gold ^ mine):
        if cut >= len(flat):
            continue
        pos = flat[cut]
        what = "missed" if cut in gold else "false"
        print(f"{doc['set']} {doc['stem']} {what}: {text[max(0, pos - 60):pos]!r} | "
              f"{text[pos:pos + 30]!r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cv", type=int, default=0, help="also run K-fold CV on ud-dev")
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--threshold", type=float, default=THRESHOLD,
                    help="a gap is a boundary where the model's score is above this")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--errors", metavar="LANG", choices=list(CODES),
                    help="print every cross-validated error on ud-dev LANG (with --cv)")
    args = ap.parse_args(argv)
    import segmentation as bench

    if not bench.UD.is_dir() or not bench.EVAL.is_dir():
        sys.exit(f"bench/train_segmenter.py: {bench.UD} or {bench.EVAL} not found; training "
                 "needs ../shared (ud-dev and NTREX) beside the project")
    ud, ntrex, extra = ud_docs(), ntrex_docs(), sample_texts()
    if args.cv:
        hyps = cross_validate(args.cv, args.l2, args.threshold)
        for lang in CODES:
            pairs = [(h, d["gold"]) for h, d in zip(hyps, ud, strict=True) if d["lang"] == lang]
            p, r, f = _f1(pairs)
            print(f"cv ud-dev {lang}: P {p:.4f} R {r:.4f} F1 {f:.4f}")
        if args.errors:
            for h, d in zip(hyps, ud, strict=True):
                if d["lang"] == args.errors:
                    print_errors(d, h)
        for name in sorted({d["set"] for d in ud}):
            pairs = [(h, d["gold"]) for h, d in zip(hyps, ud, strict=True) if d["set"] == name]
            rule = [(split_with(None, d["text"], d["lang"]), d["gold"]) for d in ud
                    if d["set"] == name]
            print(f"cv {name}: F1 {_f1(pairs)[2]:.4f} (rules {_f1(rule)[2]:.4f}, "
                  f"gold boundaries {sum(len(d['gold']) - 1 for d in ud if d['set'] == name)})")
    model = train(ud + ntrex, extra, args.l2, args.threshold)
    for lang in CODES:
        for name, docs in (("ud-dev", ud), ("ntrex", ntrex)):
            rule = [(split_with(None, d["text"], d["lang"]), d["gold"])
                    for d in docs if d["lang"] == lang]
            ours = [(split_with(model, d["text"], d["lang"]), d["gold"])
                    for d in docs if d["lang"] == lang]
            print(f"in-sample {name} {lang}: rules F1 {_f1(rule)[2]:.4f}, "
                  f"model F1 {_f1(ours)[2]:.4f}")
    if not args.no_write:
        payload = {
            "about": "align-kit sentence-boundary model; written by bench/train_segmenter.py",
            "bias": model.bias,
            "threshold": model.threshold,
            "weights": dict(sorted(model.weights.items())),
            "stats": {lang: {w: list(v) for w, v in sorted(t.items())}
                      for lang, t in model.stats.items()},
        }
        boundary.MODEL_PATH.write_text(
            json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n",
            encoding="utf-8")
        size = boundary.MODEL_PATH.stat().st_size
        print(f"wrote {boundary.MODEL_PATH.relative_to(ROOT)} ({size / 1024:.0f} KB, "
              f"{len(model.weights)} weights)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
