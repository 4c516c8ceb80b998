#!/usr/bin/env python3
"""Document pairing benchmark: NTREX `pairing/` accuracy and a 10 000-document scale run.

    python bench/pairing.py                 # both parts
    python bench/pairing.py --skip-scale    # NTREX only (seconds)
    python bench/pairing.py --scale-docs 2000

Part 1 builds the NTREX sets (seed 1) into bench/data/ntrex if missing and
pairs `pairing/{eng,bel,rus}/*.txt` (random names, no metadata, about 10% of
Belarusian and Russian documents missing). It reports the share of gold
groups reproduced exactly, pair precision/recall per language pair, and
precision/recall of "no counterpart" (a document and a language in which it
has none), next to two peers measured in the same run: plain Jaccard of the
same features with greedy best-first pairing (what a quick script would do),
and a length-only baseline (same one-to-one assignment, length ratio only).
Peers pair English with each other language; their be-ru pairs follow from
the English document they share.

Part 2 builds N synthetic documents a language from NTREX sentences in
random combinations (the same sentence numbers in every language, 10% of the
be/ru documents left out), in memory only, and reports time, peak memory and
accuracy. Nothing generated here is committed.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from align_kit.model import Document  # noqa: E402
from align_kit.pairing import DEFAULT_THRESHOLD, pair_documents  # noqa: E402
from align_kit.pairing.assign import assign_pairs  # noqa: E402

LANGS = {"eng": "en", "bel": "be", "rus": "ru"}
NTREX_FILES = {"eng": "newstest2019-src.eng.txt", "bel": "newstest2019-ref.bel.txt",
               "rus": "newstest2019-ref.rus.txt"}


def need_shared() -> None:
    if not (SHARED / "eval" / "make_ntrex_eval.py").exists():
        sys.exit(f"bench/pairing.py: {SHARED}/eval is missing; this benchmark needs the shared "
                 "evaluation kit (../shared/eval and ../shared/data/ntrex) beside the project.")


def build_ntrex(out: Path) -> Path:
    pairing = out / "pairing"
    if not (pairing / "gold.tsv").exists():
        subprocess.run([sys.executable, str(SHARED / "eval" / "make_ntrex_eval.py"),
                        "--out", str(out), "--seed", "1"], check=True, stdout=subprocess.DEVNULL)
    return pairing


def read_gold(path: Path) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    head = [LANGS[h] for h in lines[0].split("\t")]
    rows = []
    for line in lines[1:]:
        cells = line.split("\t")
        rows.append({lang: f"{lang}/{v}" for lang, v in zip(head, cells, strict=True)
                     if v != "-"})
    return rows


def evaluate(groups: list[dict[str, str]], documents: list[Document],
             gold: list[dict[str, str]]) -> dict[str, float]:
    """Exact groups, pair P/R per language pair, and P/R of 'no counterpart'.

    A gold row is reproduced when the same group is found; a row of one document
    (no counterpart in any language) when that document is in no group.
    """
    hyp_sets = {frozenset(g.items()) for g in groups}
    in_groups = {doc for g in groups for doc in g.values()}
    exact = sum(frozenset(g.items()) in hyp_sets if len(g) > 1
                else next(iter(g.values())) not in in_groups for g in gold)
    res: dict[str, float] = {"groups exact": exact / len(gold)}
    partner = {}
    for g in gold:
        for la, a in g.items():
            partner[(la, a)] = g
    hyp_partner = {}
    for g in groups:
        for la, a in g.items():
            hyp_partner[(la, a)] = g
    order = ["en", "be", "ru"]
    for i, la in enumerate(order):
        for lb in order[i + 1:]:
            gp = {(g[la], g[lb]) for g in gold if la in g and lb in g}
            hp = {(g[la], g[lb]) for g in groups if la in g and lb in g}
            res[f"{la}-{lb} precision"] = len(gp & hp) / len(hp) if hp else 1.0
            res[f"{la}-{lb} recall"] = len(gp & hp) / len(gp) if gp else 1.0
    # "No counterpart": a (document, other language) with nothing in that language.
    gold_none = {(d.id, lb) for d in documents for lb in order
                 if lb != d.language and lb not in partner.get((d.language, d.id), {})}
    hyp_none = {(d.id, lb) for d in documents for lb in order
                if lb != d.language and lb not in hyp_partner.get((d.language, d.id), {})}
    tp = len(gold_none & hyp_none)
    res["no-counterpart precision"] = tp / len(hyp_none) if hyp_none else 1.0
    res["no-counterpart recall"] = tp / len(gold_none) if gold_none else 1.0
    res["no-counterpart cases"] = len(gold_none)
    return res


def length_baseline(documents: list[Document]) -> list[dict[str, str]]:
    """Peer: pair by length ratio alone (one-to-one assignment of 1 - |log ratio|)."""
    import math
    by = {lang: [d for d in documents if d.language == lang] for lang in ("en", "be", "ru")}
    groups: dict[str, dict[str, str]] = {d.id: {"en": d.id} for d in by["en"]}
    for lb in ("be", "ru"):
        edges = {}
        for i, a in enumerate(by["en"]):
            for j, b in enumerate(by[lb]):
                s = 1.0 - abs(math.log(max(len(a.text), 1) / max(len(b.text), 1)))
                if s > 0.8:
                    edges[(i, j)] = s
        for i, j in assign_pairs(len(by["en"]), len(by[lb]), edges, 0.8).items():
            groups[by["en"][i].id][lb] = by[lb][j].id
    return [g for g in groups.values() if len(g) > 1]


def jaccard_greedy(documents: list[Document]) -> list[dict[str, str]]:
    """Peer: plain Jaccard of the same features (no weights), greedy best-first, no
    cross-language reconciliation; a pair needs Jaccard >= 0.1."""
    from align_kit.pairing.features import document_features
    by = {lang: [d for d in documents if d.language == lang] for lang in ("en", "be", "ru")}
    feats = {d.id: set(document_features(d).features) for d in documents}
    groups: dict[str, dict[str, str]] = {d.id: {"en": d.id} for d in by["en"]}
    for lb in ("be", "ru"):
        scored = []
        for a in by["en"]:
            for b in by[lb]:
                union = feats[a.id] | feats[b.id]
                if union:
                    scored.append((len(feats[a.id] & feats[b.id]) / len(union), a.id, b.id))
        scored.sort(reverse=True)
        used: set[str] = set()
        for score, a, b in scored:
            if score < 0.1 or lb in groups[a] or b in used:
                continue
            groups[a][lb] = b
            used.add(b)
    return [g for g in groups.values() if len(g) > 1]


def ntrex_part() -> dict[str, float]:
    pairing = build_ntrex(ROOT / "bench" / "data" / "ntrex")
    documents = []
    for l3, l2 in LANGS.items():
        for path in sorted((pairing / l3).glob("*.txt")):
            documents.append(Document(id=f"{l2}/{path.name}", language=l2,
                                      text=path.read_text(encoding="utf-8")))
    gold = read_gold(pairing / "gold.tsv")
    gold = [{k: v + ".txt" for k, v in g.items()} for g in gold]
    t0 = time.perf_counter()
    groups, unpaired = pair_documents(documents)
    elapsed = time.perf_counter() - t0
    ours = evaluate([dict(g.members) for g in groups], documents, gold)
    peer = evaluate(length_baseline(documents), documents, gold)
    peer2 = evaluate(jaccard_greedy(documents), documents, gold)
    counts = {lang: sum(d.language == lang for d in documents) for lang in ("en", "be", "ru")}
    print(f"NTREX pairing (seed 1): {counts['en']} en, {counts['be']} be, {counts['ru']} ru "
          f"documents, {len(gold)} gold groups; threshold {DEFAULT_THRESHOLD}; "
          f"{elapsed:.2f} s")
    print(f"{'measure':28} {'align-kit':>10} {'jaccard-greedy':>15} {'length-only':>12}")
    for key in ours:
        fmt = "{:>10.0f}" if key.endswith("cases") else "{:>10.3f}"
        print(f"{key:28} {fmt.format(ours[key])} {fmt.format(peer2[key]):>15} "
              f"{fmt.format(peer[key]):>12}")
    wrong = [g for g in groups if frozenset(g.members.items())
             not in {frozenset(x.items()) for x in gold}]
    for g in wrong:
        print("  wrong group:", dict(g.members), g.confidence)
    confidences = sorted(g.confidence for g in groups)
    print(f"group confidence: min {confidences[0]:.2f}, median "
          f"{confidences[len(confidences) // 2]:.2f}; unpaired documents {len(unpaired)}")
    print("threshold sweep (groups exact / no-counterpart precision / recall):")
    for t in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
        swept, _ = pair_documents(documents, threshold=t)
        r = evaluate([dict(g.members) for g in swept], documents, gold)
        print(f"  {t:4.2f}  {r['groups exact']:.3f}  {r['no-counterpart precision']:.3f}  "
              f"{r['no-counterpart recall']:.3f}")
    return ours


def read_ntrex_sentences() -> dict[str, list[str]]:
    data = SHARED / "data" / "ntrex"
    out = {}
    for l3, name in NTREX_FILES.items():
        with open(data / name, encoding="utf-8") as f:
            out[LANGS[l3]] = [line.strip() for line in f]
    return out


def scale_part(n_docs: int, seed: int = 1) -> None:
    sents = read_ntrex_sentences()
    n_sent = len(sents["en"])
    rng = random.Random(seed)
    documents: list[Document] = []
    gold: list[dict[str, str]] = []
    for _ in range(n_docs):
        size = rng.randint(8, 30)
        picks = rng.sample(range(n_sent), size)
        group = {}
        for lang in ("en", "be", "ru"):
            if lang != "en" and rng.random() < 0.1:
                continue
            doc_id = f"{lang}/{rng.getrandbits(40):010x}"
            paras, i = [], 0
            while i < size:
                step = rng.randint(1, 4)
                paras.append(" ".join(sents[lang][p] for p in picks[i:i + step]))
                i += step
            documents.append(Document(id=doc_id, language=lang, text="\n\n".join(paras) + "\n"))
            group[lang] = doc_id
        gold.append(group)
    rng.shuffle(documents)
    counts = {lang: sum(d.language == lang for d in documents) for lang in ("en", "be", "ru")}
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    groups, unpaired = pair_documents(documents)
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    res = evaluate([dict(g.members) for g in groups], documents, gold)
    print(f"\nScale run: {counts['en']} en, {counts['be']} be, {counts['ru']} ru synthetic "
          f"documents (8-30 random NTREX sentences each, seed {seed})")
    print(f"time {elapsed:.1f} s; peak memory {peak:.0f} MiB (process, documents included; "
          f"{rss_before:.0f} MiB before pairing)")
    peer = None
    if n_docs <= 2000:  # the all-pairs peer is quadratic; only on small runs
        t1 = time.perf_counter()
        peer = evaluate(jaccard_greedy(documents), documents, gold)
        print(f"peer jaccard-greedy (all pairs): {time.perf_counter() - t1:.1f} s")
    print(f"  {'measure':28} {'align-kit':>10}" + (f" {'jaccard-greedy':>15}" if peer else ""))
    for key, value in res.items():
        fmt = "{:>10.0f}" if key.endswith("cases") else "{:>10.4f}"
        tail = f" {fmt.format(peer[key]):>15}" if peer else ""
        print(f"  {key:28} {fmt.format(value)}{tail}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--skip-scale", action="store_true")
    ap.add_argument("--scale-docs", type=int, default=10_000)
    args = ap.parse_args(argv)
    need_shared()
    ntrex_part()
    if not args.skip_scale:
        scale_part(args.scale_docs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
