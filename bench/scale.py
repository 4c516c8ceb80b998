#!/usr/bin/env python3
"""Scale benchmark (issue 20): `run` over a synthetic archive, local pool vs Dask.

    python bench/scale.py                      # 1k groups; and 10k with --groups 1000 10000
    python bench/scale.py --groups 200 --configs dask
    python bench/scale.py --pairing-docs 10000 100000   # pairing only, one machine
    python bench/scale.py --profile 100        # where a group's time goes (cProfile)
    python bench/scale.py --groups 10000 --stages   # the corpus-wide parts only

The archive is corpora/sample (8 three-language articles in txt/md/html, several
encodings) copied under new names with small perturbations: every copy gets one
sentence with two numbers of its own in each language and its URLs a host of its own,
so pairing must tell a thousand near-identical copies apart. With ../shared present,
every fourth group is instead an NTREX document triple (8-30 random NTREX sentences,
the same ones in en/be/ru). Groups per second are measured end to end (ingest,
pairing, per-group work, reports) for `--executor local --jobs 1`, `--jobs 2` and
`--executor dask` with a 2-worker LocalCluster, in one run, each into a fresh output
folder. Nothing generated here is committed.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "sample"
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from align_kit.ingest.encoding import decode_bytes  # noqa: E402

# One sentence a copy, in each language, with the copy's own numbers in it.
EXTRA = {
    "en": "Archive record {a} was filed under number {b}.",
    "be": "Архіўны запіс {a} быў зарэгістраваны пад нумарам {b}.",
    "ru": "Архивная запись {a} была зарегистрирована под номером {b}.",
}
NTREX_FILES = {"en": "newstest2019-src.eng.txt", "be": "newstest2019-ref.bel.txt",
               "ru": "newstest2019-ref.rus.txt"}


def _perturbed(path: Path, copy: int) -> bytes:
    """The file's bytes with the copy's sentence added and its URLs on a host of their own,
    in the file's own encoding (some sample files are cp1251 or UTF-16)."""
    raw = path.read_bytes()
    decoded = decode_bytes(raw, path=str(path))
    lang = path.name.split(".")[-2]
    sentence = EXTRA[lang].format(a=100_000 + copy, b=7_000_000 + 13 * copy)
    text = decoded.text.replace("://", f"://c{copy}.")
    if path.suffix == ".html":
        text = text.replace("</p>", f"</p>\n<p>{sentence}</p>", 1)
    else:
        newline = "\r\n" if "\r\n" in text else "\n"
        text = text.rstrip() + newline + newline + sentence + newline
    encoding = decoded.encoding
    if encoding.lower().replace("-", "").replace("_", "") in ("utf16", "utf16le", "utf16be"):
        return raw[:2] + text.encode("utf-16-le" if raw[:2] == b"\xff\xfe" else "utf-16-be")
    return text.encode(encoding)


def _ntrex_sentences() -> dict[str, list[str]] | None:
    data = SHARED / "data" / "ntrex"
    if not all((data / name).is_file() for name in NTREX_FILES.values()):
        return None
    return {lang: [line.strip() for line in (data / name).open(encoding="utf-8")]
            for lang, name in NTREX_FILES.items()}


def synthetic_archive(out: Path, groups: int, *, ntrex: bool = True, seed: int = 1) -> int:
    """Write an archive of `groups` translation groups into `out`; return the group count."""
    out.mkdir(parents=True, exist_ok=True)
    bases = sorted({p.name.split(".")[0] for p in SAMPLE.iterdir() if p.is_file()})
    files = {b: sorted(p for p in SAMPLE.iterdir() if p.name.split(".")[0] == b) for b in bases}
    sents = _ntrex_sentences() if ntrex else None
    rng = random.Random(seed)
    copies = 0
    for k in range(groups):
        if sents is not None and k % 4 == 3:
            n = len(sents["en"])
            picks = rng.sample(range(n), rng.randint(8, 30))
            for lang in ("en", "be", "ru"):
                body = "\n\n".join(" ".join(sents[lang][p] for p in picks[i:i + 3])
                                   for i in range(0, len(picks), 3))
                (out / f"ntrex-{k:06d}.{lang}.txt").write_text(body + "\n", encoding="utf-8")
            continue
        base = bases[copies % len(bases)]  # every sample article in turn
        copies += 1
        for path in files[base]:
            name = f"{base}-{k:06d}." + ".".join(path.name.split(".")[1:])
            (out / name).write_bytes(_perturbed(path, k))
    return groups


CONFIGS = {
    "local-j1": ("local", 1),
    "local-j2": ("local", 2),
    "dask-2w": ("dask", 2),
}


def run_config(corpus: Path, out: Path, executor: str, jobs: int) -> dict[str, float]:
    from align_kit.pipeline import RunOptions, run_corpus

    marks: list[float] = []
    load_before = os.getloadavg()[0]
    t0 = time.perf_counter()
    result = run_corpus(corpus, out, RunOptions(jobs=jobs, executor=executor, force=True),
                        progress=lambda g, d, t: marks.append(time.perf_counter()))
    total = time.perf_counter() - t0
    n = len(result.groups)
    # The machine is shared: the 1-minute load average before and after each row says how
    # much else ran; "after last group" is the serial tail (reading back, report.html).
    return {"groups": n, "total_s": total, "groups_per_s": n / total,
            "first_group_s": (marks[0] - t0) if marks else 0.0,
            "tail_s": (t0 + total - marks[-1]) if marks else 0.0,
            "load": (load_before, os.getloadavg()[0])}


def pairing_scale(n_docs: int, executor: str | None) -> dict[str, float]:
    """Pair `n_docs` synthetic documents a language (as bench/pairing.py's scale part, from
    NTREX sentences; without ../shared from the sample's sentences), time and peak memory."""
    from align_kit.model import Document
    from align_kit.pairing import pair_documents

    sents = _ntrex_sentences()
    if sents is None:
        from align_kit.ingest import read_folder
        from align_kit.segment import segment_document

        docs, _ = read_folder(SAMPLE, keep_going=True)
        sents = {lang: [s.text for d in docs if d.language == lang
                        for s in segment_document(d).segments] for lang in EXTRA}
        m = min(len(v) for v in sents.values())
        sents = {lang: v[:m] for lang, v in sents.items()}
    rng = random.Random(1)
    n_sent = min(len(v) for v in sents.values())
    documents = []
    for _ in range(n_docs):
        picks = rng.sample(range(n_sent), min(n_sent, rng.randint(8, 30)))
        for lang in ("en", "be", "ru"):
            if lang != "en" and rng.random() < 0.1:
                continue
            text = "\n\n".join(" ".join(sents[lang][p] for p in picks[i:i + 3])
                               for i in range(0, len(picks), 3))
            documents.append(Document(id=f"{lang}/{rng.getrandbits(40):010x}", language=lang,
                                      text=text + "\n"))
    rng.shuffle(documents)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    if executor is None:
        groups, _ = pair_documents(documents)
    else:
        from align_kit.executors import open_executor

        with open_executor(executor, jobs=2) as ex:
            groups, _ = pair_documents(documents, map_fn=ex.map)
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"docs_per_lang": n_docs, "seconds": elapsed, "peak_mib": peak,
            "before_mib": before, "groups": len(groups)}


def stages_config(corpus: Path, executor: str, jobs: int) -> dict[str, float]:
    """The corpus-wide parts of `run` alone (`--stages`): what grows with the archive
    rather than with a group. Cluster start-up, ingest, pairing, and the dispatch of every
    group's documents to the workers and back with a task that does nothing (`len`), so
    the executor's own cost per group shows without the aligner's."""
    from align_kit.executors import open_executor
    from align_kit.ingest import read_folder
    from align_kit.pipeline import find_groups

    t0 = time.perf_counter()
    with open_executor(executor, jobs=jobs) as ex:
        t1 = time.perf_counter()
        spread = ex.map if executor != "local" else None
        docs, _ = read_folder(corpus, keep_going=True, map_read=spread)
        t2 = time.perf_counter()
        groups, _ = find_groups(docs, None, spread)
        t3 = time.perf_counter()
        by_id = {d.id: d for d in docs}
        work = [[by_id[i] for i in g.members.values()] for g in groups]
        done = dict(ex.as_completed(len, work))
        t4 = time.perf_counter()
    assert len(done) == len(work)
    return {"start_s": t1 - t0, "ingest_s": t2 - t1, "pairing_s": t3 - t2,
            "dispatch_s": t4 - t3, "groups": len(groups)}


# Where a group's time goes (`--profile N`): the pipeline's parts, by function.
PROFILE_PARTS = [
    ("per-group work, all", "pipeline.py", "_process_group"),
    ("  align (align_documents)", "align/api.py", "align_documents"),
    ("  segment", "segment/document.py", "segment_document"),
    ("  export (TMX, PO, XLIFF)", "pipeline.py", "_export"),
    ("  alignment file", "alignment_file.py", "write_alignment"),
    ("  stamp", "pipeline.py", "_write_stamp"),
    ("  fsync (all atomic writes)", "~", "<built-in method posix.fsync>"),
    ("ingest (read_folder)", "ingest/reader.py", "read_folder"),
    ("pairing (find_groups)", "pipeline.py", "find_groups"),
    ("read back alignments", "alignment_file.py", "read_alignment"),
    ("report.html", "report/html.py", "render_report"),
]


def profile_run(corpus: Path, out: Path) -> None:
    """cProfile a `--jobs 1` run, in CPU time (the machine is shared: wall time would
    count other jobs), and say where the time goes."""
    import cProfile
    import pstats

    from align_kit.pipeline import RunOptions, run_corpus

    prof = cProfile.Profile(time.process_time)
    prof.enable()
    result = run_corpus(corpus, out, RunOptions(jobs=1, force=True))
    prof.disable()
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    total = max(v[3] for v in stats.values())
    n = len(result.groups)
    print(f"  profile, --jobs 1, {n} groups: {total:.1f} s CPU (under cProfile), "
          f"{total / n * 1000:.0f} ms a group")
    for label, file_part, func in PROFILE_PARTS:
        cum = sum(v[3] for (f, _, name), v in stats.items()
                  if name == func and (file_part == "~" or f.endswith(file_part)))
        print(f"  {label:30} {cum:8.2f} s {100 * cum / total:5.1f}%")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--groups", type=int, nargs="*", default=[1000])
    ap.add_argument("--configs", nargs="*", default=list(CONFIGS), choices=list(CONFIGS))
    ap.add_argument("--pairing-docs", type=int, nargs="*", default=[])
    ap.add_argument("--pairing-executor", choices=["none", "dask"], default="none")
    ap.add_argument("--no-ntrex", action="store_true")
    ap.add_argument("--keep", help="build the archives here and keep them")
    ap.add_argument("--stages", action="store_true",
                    help="instead of whole runs: time the corpus-wide parts only")
    ap.add_argument("--profile", type=int, metavar="N",
                    help="instead of timing: cProfile a --jobs 1 run over N groups")
    args = ap.parse_args(argv)
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    for n in args.pairing_docs:
        ex = None if args.pairing_executor == "none" else args.pairing_executor
        res = pairing_scale(n, ex)
        print(f"pairing {n} docs/language ({args.pairing_executor}): {res['seconds']:.1f} s, "
              f"peak {res['peak_mib']:.0f} MiB (process; {res['before_mib']:.0f} MiB before), "
              f"{res['groups']} groups", flush=True)
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="align-kit-scale-"))
    if args.profile:
        corpus = base / f"archive-{args.profile}"
        if not corpus.is_dir():
            synthetic_archive(corpus, args.profile, ntrex=not args.no_ntrex)
        try:
            profile_run(corpus, base / f"out-profile-{args.profile}")
        finally:
            if not args.keep:
                shutil.rmtree(base, ignore_errors=True)
        return 0
    try:
        for n in args.groups:
            corpus = base / f"archive-{n}"
            if not corpus.is_dir():
                synthetic_archive(corpus, n, ntrex=not args.no_ntrex)
            print(f"\narchive {n} groups ({sum(1 for _ in corpus.iterdir())} files)", flush=True)
            if not args.stages:
                print(f"  {'config':10} {'groups':>7} {'total s':>9} {'groups/s':>9} "
                      f"{'to 1st group s':>15} {'after last s':>13} {'load 1-min':>11}")
            else:
                print(f"  {'config':10} {'groups':>7} {'start s':>8} {'ingest s':>9} "
                      f"{'pairing s':>10} {'dispatch s':>11} {'load 1-min':>11}")
            for name in args.configs:
                executor, jobs = CONFIGS[name]
                if args.stages:
                    load = os.getloadavg()[0]
                    res = stages_config(corpus, executor, jobs)
                    load_s = f"{load:.1f}-{os.getloadavg()[0]:.1f}"
                    print(f"  {name:10} {res['groups']:>7} {res['start_s']:>8.1f} "
                          f"{res['ingest_s']:>9.1f} {res['pairing_s']:>10.1f} "
                          f"{res['dispatch_s']:>11.1f} {load_s:>11}", flush=True)
                    continue
                out = base / f"out-{n}-{name}"
                shutil.rmtree(out, ignore_errors=True)
                res = run_config(corpus, out, executor, jobs)
                load = f"{res['load'][0]:.1f}-{res['load'][1]:.1f}"
                print(f"  {name:10} {res['groups']:>7} {res['total_s']:>9.1f} "
                      f"{res['groups_per_s']:>9.2f} {res['first_group_s']:>15.1f} "
                      f"{res['tail_s']:>13.1f} {load:>11}", flush=True)
                shutil.rmtree(out, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
