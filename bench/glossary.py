"""Glossary benchmark: planted-error recall / false alarms per language, and speed.

    .venv/bin/python bench/glossary.py            # both parts
    .venv/bin/python bench/glossary.py --quality  # planted-error set only (no ../shared)
    .venv/bin/python bench/glossary.py --general  # general-check probes vs pofilter

1. Quality: the planted-error set (tests/glossary/data, written for the project):
   recall and false-alarm rate per language, for align-kit's inflection-aware
   matcher and, in the same run, for an exact case-insensitive matcher of the
   kind Xbench / Verifika key-term checks use (the peer), both behind the same checks.
2. General checks (issue 19): eight be->en probes with one defect each and a
   clean pair (own sentences), written as alignment files, exported with
   `align-kit export --to po`, then checked by `align-kit check` and by
   translate-toolkit's `pofilter` on the same PO files: caught and spurious
   flags for both (`--general` runs this part alone).
3. Suggestions: for hand-declined forbidden hits in non-nominative cases
   (tests/glossary/data/suggest_cases.tsv, be and ru), how often the first
   suggested approved form is in the case and number of the hit, per case.
4. Speed: 5 000 glossary entries (en/be/ru n-grams sampled from NTREX-128) x
   50 000 segments (NTREX-128 sentences, in an en-be-ru alignment) through
   `check_alignment`, one process, one core; and the peer's terms x segments
   regex scan timed on a slice and extrapolated.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "glossary"))

import regex  # noqa: E402

from align_kit.glossary import TermMatch, TermMatcher, check_alignment, load_glossary  # noqa: E402
from align_kit.glossary.text import words  # noqa: E402
from align_kit.model import (  # noqa: E402
    Alignment,
    Bead,
    Document,
    Glossary,
    GlossaryEntry,
    Segment,
    Term,
)

SHARED = ROOT.parent / "shared"
NTREX = {"en": "newstest2019-src.eng.txt", "be": "newstest2019-ref.bel.txt",
         "ru": "newstest2019-ref.rus.txt"}


class ExactMatcher:
    """The peer: exact, case-insensitive whole-word matching, one regex per term."""

    def __init__(self, glossary: Glossary) -> None:
        self.patterns: dict[str, list[tuple[regex.Pattern, str, Term]]] = {}
        for entry in glossary.entries:
            for term in entry.terms:
                flags = 0 if term.case_sensitive else regex.IGNORECASE
                pat = regex.compile(r"(?<!\w)" + regex.escape(term.text) + r"(?!\w)", flags)
                self.patterns.setdefault(term.language, []).append((pat, entry.id, term))

    def find(self, text: str, lang: str) -> list[TermMatch]:
        found = []
        for pat, entry, term in self.patterns.get(lang, ()):
            for m in pat.finditer(text):
                found.append(TermMatch(entry, term, m.span(), m.group()))
        # longest first on overlaps, as a CAT tool's QA would report one hit
        found.sort(key=lambda m: (m.span[0], -(m.span[1] - m.span[0])))
        out, end = [], -1
        for m in found:
            if m.span[0] >= end:
                out.append(m)
                end = m.span[1]
        return out

    def entries_in(self, text: str, lang: str) -> set[str]:
        return {m.entry for m in self.find(text, lang)}


def quality() -> list[str]:
    import planted

    glossary = load_glossary(ROOT / "glossaries" / "democratic-forces.tbx")
    matchers = (("align-kit", TermMatcher(glossary)), ("exact (peer)", ExactMatcher(glossary)))
    rows = ["| set | matcher | lang | recall | false-alarm rate | planted | clean units |",
            "|---|---|---|---|---|---|---|"]
    print(f"{'set':<8} {'matcher':<13} {'lang':<4} {'recall':>8} {'false alarms':>13} "
          f"{'planted':>8} {'clean':>6}")
    for set_name, base in (("main", "planted_base.txt"), ("held-out", "planted_holdout.txt")):
        cases = planted.build_cases(glossary, base_file=planted.DATA / base)
        for name, matcher in matchers:
            res = planted.score(
                cases, lambda c, m=matcher: check_alignment(c.alignment(), glossary, matcher=m))
            for lang in planted.LANGS:
                r = res[lang]
                print(f"{set_name:<8} {name:<13} {lang:<4} {r['recall']:>8.1%} "
                      f"{r['false_alarm_rate']:>13.1%} {r['planted']:>8} {r['clean']:>6}")
                rows.append(f"| {set_name} | {name} | {lang} | {r['recall']:.1%} | "
                            f"{r['false_alarm_rate']:.1%} | {r['planted']} | {r['clean']} |")
            if name == "align-kit":
                for line in res["_missed"][:10]:
                    print("  missed:", line)
                for line in res["_alarms"][:10]:
                    print("  false alarm:", line)
        print(f"  ({set_name}: {len(cases)} beads, {sum(1 for c in cases if c.lang)} with a "
              f"planted error, {len(glossary.entries)} glossary entries)")
    return rows


SUGGEST_CASES = ROOT / "tests" / "glossary" / "data" / "suggest_cases.tsv"


def suggestion_cases() -> list[tuple[str, str, str, str, str, str]]:
    """(lang, before, hit, case, number, expected) rows of the hand-declined set."""
    rows = []
    for line in SUGGEST_CASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, before, hit, case, number, expected = line.split("\t")
            rows.append((lang, before, hit, case, number, expected))
    return rows


def suggestion_accuracy(glossary: Glossary | None = None,
                        matcher: TermMatcher | None = None) -> dict:
    """Per (lang, case): hits found as forbidden, and first suggestions in the same case."""
    from collections import defaultdict

    from align_kit.glossary.inflect import suggest

    glossary = glossary or load_glossary(ROOT / "glossaries" / "democratic-forces.tbx")
    matcher = matcher or TermMatcher(glossary)
    entries = {e.id: e for e in glossary.entries}
    out: dict = defaultdict(lambda: {"cases": 0, "found": 0, "same_case": 0})
    wrong = []
    for lang, before, hit, case, number, expected in suggestion_cases():
        text = f"{before} {hit} ужо даўно." if lang == "be" else f"{before} {hit} уже давно."
        start = len(before) + 1
        cell = out[(lang, f"{case} {number}")]
        cell["cases"] += 1
        m = next((m for m in matcher.find(text, lang) if m.status == "forbidden"
                  and m.span == (start, start + len(hit))), None)
        if m is None:
            wrong.append(f"{lang} {hit!r}: not found as forbidden")
            continue
        cell["found"] += 1
        approved = tuple(t.text for t in entries[m.entry].approved(lang))
        s = suggest(m.term.text, m.text, approved, lang, text[:m.span[0]],
                    entries[m.entry].subject == "person")
        if s.known and expected in s.forms[0]:
            cell["same_case"] += 1
        else:
            wrong.append(f"{lang} {before} {hit!r} ({case} {number}): suggested "
                         f"{' / '.join(s.best)!r}, needed {expected!r}")
    return {"cells": dict(out), "wrong": wrong}


def suggestions() -> list[str]:
    res = suggestion_accuracy()
    rows = ["| lang | case | hits | found as forbidden | suggestion in the same case |",
            "|---|---|---|---|---|"]
    print("\nSuggestions in the case of the hit (hand-declined, non-nominative):")
    for lang in ("be", "ru"):
        cells = {k[1]: v for k, v in res["cells"].items() if k[0] == lang}
        total = {key: sum(v[key] for v in cells.values()) for key in ("cases", "found",
                                                                       "same_case")}
        for case, v in sorted(cells.items()) + [("all", total)]:
            print(f"  {lang} {case:<7} {v['same_case']:>3}/{v['cases']:<3} same case "
                  f"({v['found']} found)")
            rows.append(f"| {lang} | {case} | {v['cases']} | {v['found']} | "
                        f"{v['same_case']} ({v['same_case'] / max(v['cases'], 1):.0%}) |")
    for line in res["wrong"]:
        print("  wrong:", line)
    return rows


def _gold_alignment(gold: Path, group: str, pair: str) -> Alignment:
    """A gold alignment of the sample corpus (corpora/gold) as an Alignment."""
    docs = []
    for lang in pair.split("-"):
        sents = (gold / f"{group}.{lang}.sents").read_text(encoding="utf-8").splitlines()
        text, segs = "", []
        for sent in sents:
            if text:
                text += "\n"
            segs.append(Segment(sent, len(text), len(text) + len(sent)))
            text += sent
        docs.append(Document(f"{group}.{lang}", lang, text, segments=tuple(segs)))
    beads = []
    for line in (gold / f"{group}.{pair}.gold").read_text(encoding="utf-8").splitlines():
        sides = line.split(":")[:2]
        beads.append(Bead(tuple(tuple(int(x) for x in regex.findall(r"\d+", side))
                                for side in sides)))
    original = "be" if "be" in pair else "ru"
    return Alignment(tuple(docs), tuple(beads), original=original, id=f"{group}.{pair}")


def sample_corpus(gold: Path) -> list[str]:
    """Findings on the sample corpus's hand-made gold alignments (real translations)."""
    from collections import Counter

    glossary = load_glossary(ROOT / "glossaries" / "democratic-forces.tbx")
    rows = ["| matcher | findings on the gold alignments (check, language: count) |", "|---|---|"]
    groups = sorted(p.name.split(".")[0] for p in gold.glob("*.en-be.gold"))
    alignments = [_gold_alignment(gold, g, pair) for g in groups
                  for pair in ("en-be", "en-ru", "be-ru")]
    n_beads = sum(len(a.beads) for a in alignments)
    print(f"\nSample corpus: {len(groups)} groups, {len(alignments)} gold alignments, "
          f"{n_beads} beads")
    for name, matcher in (("align-kit", TermMatcher(glossary)),
                          ("exact (peer)", ExactMatcher(glossary))):
        found = [f for a in alignments for f in check_alignment(a, glossary, matcher=matcher)]
        counts = Counter((f.check, f.language) for f in found)
        text = ", ".join(f"{c} {lang}: {n}" for (c, lang), n in sorted(counts.items()))
        print(f"  {name}: {len(found)} findings ({text})")
        rows.append(f"| {name} | {len(found)}: {text} |")
        if name == "align-kit":
            for f in found:
                print(f"    {f.document} bead {f.bead}: [{f.check}] {f.message}")
    return rows


# The general-check probes: (name, Belarusian source, English target with one defect,
# the align-kit check id and the pofilter test that should catch it). Own sentences.
PROBES: list[tuple[str, str, str, str, str]] = [
    ("unpaired bracket", "Сустрэча адбылася ў Варшаве (Польшча) у чацвер.",
     "The meeting took place in Warsaw (Poland on Thursday.", "brackets", "brackets"),
    ("unpaired quote", "Ён назваў рашэнне «крокам наперад».",
     "He called the decision “a step forward.", "quotes", "doublequoting"),
    ("changed URL", "Поўны тэкст заявы апублікаваны на https://example.org/statement-2025.",
     "The full text of the statement is published at https://example.org/statment-2025.",
     "urls", "urls"),
    ("changed e-mail", "Пытанні можна дасылаць на press@example.org.",
     "Questions can be sent to press@exmaple.org.", "emails", "emails"),
    ("doubled word", "Дэпутаты абмеркавалі становішча палітвязняў.",
     "The deputies discussed the the situation of political prisoners.", "doubled-words",
     "doublewords"),
    ("missing end punctuation", "Наступнае пасяджэнне прызначана на травень.",
     "The next session is scheduled for May", "end-punctuation", "endpunc"),
    ("double space", "Арганізацыя працуе з 2020 года.",
     "The organisation has been working  since 2020.", "double-spaces", "doublespacing"),
    ("lowercase start", "Журналісты патрабуюць вызвалення калег.",
     "journalists demand the release of their colleagues.", "start-capital", "startcaps"),
    ("clean pair", "Каардынацыйная рада правяла пасяджэнне ў Вільні 14 сакавіка.",
     "The Coordination Council held a meeting in Vilnius on 14 March.", "", ""),
]


def _probe_alignment(name: str, be: str, en: str) -> Alignment:
    docs = (Document(f"{name}.be", "be", be, segments=(Segment(be, 0, len(be)),)),
            Document(f"{name}.en", "en", en, segments=(Segment(en, 0, len(en)),)))
    return Alignment(docs, (Bead(((0,), (0,))),), original="be", id=name)


def _pofilter_tests(po_path: Path, out_path: Path) -> list[str]:
    import subprocess

    import polib

    tool = Path(sys.executable).parent / "pofilter"
    subprocess.run([str(tool), "--progress=none", "-i", str(po_path), "-o", str(out_path)],
                   check=True, capture_output=True, text=True)
    if not out_path.exists():
        return []
    tests = []
    for entry in polib.pofile(str(out_path)):
        for line in (entry.tcomment or "").splitlines():
            m = regex.match(r"\(pofilter\) ([\w-]+):", line.strip())
            if m:
                tests.append(m.group(1))
    return tests


def general_probes() -> list[str]:
    """The 8 probes and the clean pair through align-kit check and pofilter."""
    import json
    import subprocess
    import tempfile

    from align_kit.formats.alignment_file import write_alignment

    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))

    def align_kit(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "align_kit", *args], capture_output=True,
                              text=True, env=env, check=False)

    rows = ["| probe (be→en) | align-kit | pofilter |", "|---|---|---|"]
    totals = {"align-kit": [0, 0], "pofilter": [0, 0]}  # caught, spurious
    print("\nGeneral checks: 8 probes with one defect each and a clean pair, be->en")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n, (name, be, en, ours, theirs) in enumerate(PROBES, 1):
            slug = f"probe{n}"
            path = folder / f"{slug}.align.jsonl"
            write_alignment(_probe_alignment(slug, be, en), path)
            result = align_kit("check", str(path), "--format", "json", "--fail-on", "never")
            if result.returncode != 0:
                sys.exit(f"align-kit check failed: {result.stderr}")
            found_ak = [f["check"] for f in json.loads(result.stdout)["findings"]]
            po_dir = folder / f"{slug}-po"
            result = align_kit("export", str(path), "--to", "po", "--pair", "be-en",
                               "-o", str(po_dir))
            if result.returncode != 0:
                sys.exit(f"align-kit export failed: {result.stderr}")
            po = next(po_dir.glob("*.po"))
            found_pf = _pofilter_tests(po, folder / f"{slug}.pofilter.po")
            cells = []
            for tool, found, want in (("align-kit", found_ak, ours), ("pofilter", found_pf,
                                                                      theirs)):
                caught = bool(want) and want in found
                # pofilter's simplecaps on the lowercase start is about the planted defect too
                related = {want} | ({"simplecaps"} if want == "startcaps" else set())
                spurious = [c for c in found if c not in related]
                totals[tool][0] += caught
                totals[tool][1] += len(spurious)
                mark = ("caught" if caught else "missed") if want else "-"
                cells.append(mark + (f"; spurious: {', '.join(spurious)}" if spurious else ""))
            print(f"  {name:<24} align-kit: {cells[0]:<40} pofilter: {cells[1]}")
            rows.append(f"| {name} | {cells[0]} | {cells[1]} |")
    n = sum(1 for p in PROBES if p[3])
    line = (f"| **total** | **{totals['align-kit'][0]}/{n} caught, {totals['align-kit'][1]} "
            f"spurious** | **{totals['pofilter'][0]}/{n} caught, {totals['pofilter'][1]} "
            "spurious** |")
    rows.append(line)
    print(f"  total: align-kit {totals['align-kit'][0]}/{n} caught, {totals['align-kit'][1]} "
          f"spurious; pofilter {totals['pofilter'][0]}/{n} caught, {totals['pofilter'][1]} "
          "spurious")
    return rows


def general_on_gold(gold: Path) -> list[str]:
    """False alarms of the general checks on real translations: the sample corpus gold."""
    from collections import Counter

    from align_kit.qa import GENERAL_CHECKS, run_checks

    groups = sorted(p.name.split(".")[0] for p in gold.glob("*.en-be.gold"))
    alignments = [_gold_alignment(gold, g, pair) for g in groups
                  for pair in ("en-be", "en-ru", "be-ru")]
    glossary = load_glossary(ROOT / "glossaries" / "democratic-forces.tbx")
    found = run_checks(alignments, glossary, only=list(GENERAL_CHECKS))
    counts = Counter(f.check for f in found)
    n_beads = sum(len(a.beads) for a in alignments)
    text = ", ".join(f"{c}: {n}" for c, n in sorted(counts.items())) or "none"
    print(f"\nGeneral checks on the sample corpus gold ({len(alignments)} alignments, "
          f"{n_beads} beads of real translations): {len(found)} findings ({text})")
    for f in found:
        print(f"    {f.document} bead {f.bead + 1 if f.bead is not None else '-'}: "
              f"[{f.check}] {f.message}")
    return [f"General checks on the sample corpus gold ({len(alignments)} alignments, "
            f"{n_beads} beads of real translations, en-be / en-ru / be-ru): {len(found)} "
            f"findings ({text})."]


def general_on_ntrex() -> list[str]:
    """The general checks over NTREX-128 (en original, be and ru references), ../shared."""
    from collections import Counter

    from align_kit.qa import GENERAL_CHECKS, run_checks

    if not (SHARED / "data" / "ntrex").is_dir():
        print("\n(NTREX not found under ../shared; general checks on NTREX skipped)")
        return []
    sents = _ntrex()
    n = len(sents["en"])
    alignments = []
    for lang in ("be", "ru"):
        docs = []
        for side, doc_id in ((lang, f"ntrex.{lang}"), ("en", f"ntrex.en-{lang}")):
            segs, pos = [], 0
            for s in sents[side]:
                segs.append(Segment(s, pos, pos + len(s)))
                pos += len(s) + 1
            docs.append(Document(doc_id, side, " ".join(sents[side]), segments=tuple(segs)))
        # NTREX is translated from English; be/ru stand as the source here, as in a be->en job
        alignments.append(Alignment(tuple(docs), tuple(Bead(((i,), (i,))) for i in range(n)),
                                    original=lang, id=f"ntrex-{lang}-en"))
    found = run_checks(alignments, only=[c for c in GENERAL_CHECKS if c != "term-count"])
    counts = Counter((f.check, f.language) for f in found)
    text = ", ".join(f"{c} {lang}: {k}" for (c, lang), k in sorted(counts.items()))
    print(f"\nGeneral checks on NTREX-128 be->en and ru->en ({2 * n} bead pairs): "
          f"{len(found)} findings ({text})")
    return [f"General checks on NTREX-128 be→en and ru→en ({2 * n} bead pairs): {len(found)} "
            f"findings ({text})."]


def _ntrex() -> dict[str, list[str]]:
    folder = SHARED / "data" / "ntrex"
    if not folder.is_dir():
        sys.exit(f"bench/glossary.py: {folder} is missing; the speed part needs ../shared "
                 "(run with --quality for the planted-error set alone)")
    return {lang: (folder / name).read_text(encoding="utf-8").splitlines()
            for lang, name in NTREX.items()}


def _synthetic_glossary(sents: dict[str, list[str]], n: int, rng: random.Random) -> Glossary:
    """n entries: for a random NTREX line, a 1-3 word n-gram of it in each language."""
    entries = []
    seen: set[tuple[str, str]] = set()
    lines = len(sents["en"])
    while len(entries) < n:
        i = rng.randrange(lines)
        terms = []
        for lang in ("en", "be", "ru"):
            ws = [w for w in words(sents[lang][i]) if len(w) > 3]
            if not ws:
                break
            k = rng.choice((1, 2, 2, 3))
            j = rng.randrange(max(1, len(ws) - k + 1))
            text = " ".join(ws[j:j + k])
            if (lang, text.lower()) in seen:
                break
            terms.append(Term(text, lang, "forbidden" if rng.random() < 0.1 else "approved"))
        if len(terms) == 3:
            for t in terms:
                seen.add((t.language, t.text.lower()))
            entries.append(GlossaryEntry(f"s{len(entries)}", tuple(terms)))
    return Glossary(tuple(entries))


def _alignment(sents: dict[str, list[str]], n_beads: int, rng: random.Random) -> Alignment:
    order = [rng.randrange(len(sents["en"])) for _ in range(n_beads)]
    docs = []
    for lang in ("be", "ru", "en"):
        segs, text = [], []
        pos = 0
        for i in order:
            s = sents[lang][i]
            segs.append(Segment(s, pos, pos + len(s)))
            text.append(s)
            pos += len(s) + 1
        docs.append(Document(f"ntrex.{lang}", lang, " ".join(text), segments=tuple(segs)))
    beads = tuple(Bead(((k,), (k,), (k,))) for k in range(n_beads))
    return Alignment(tuple(docs), beads, original="be")


def speed(n_terms: int, n_segments: int) -> list[str]:
    rng = random.Random(1)
    sents = _ntrex()
    glossary = _synthetic_glossary(sents, n_terms, rng)
    n_beads = n_segments // 3
    alignment = _alignment(sents, n_beads, rng)
    total_segments = sum(len(d.segments) for d in alignment.documents)
    start, cpu = time.perf_counter(), time.process_time()
    matcher = TermMatcher(glossary)
    built, built_cpu = time.perf_counter() - start, time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    findings = check_alignment(alignment, glossary, matcher=matcher)
    checked, checked_cpu = time.perf_counter() - start, time.process_time() - cpu
    # the peer: every term's regex over every segment, timed on a slice
    peer = ExactMatcher(glossary)
    slice_n = 300
    start = time.process_time()  # CPU time: the shared machine's load does not distort it
    for doc in alignment.documents:
        for seg in doc.segments[:slice_n]:
            peer.find(seg.text, doc.language)
    per_seg = (time.process_time() - start) / (slice_n * len(alignment.documents))
    peer_total = per_seg * total_segments
    print(f"\nSpeed: {len(glossary.entries)} entries ({sum(len(e.terms) for e in glossary.entries)}"
          f" terms, en/be/ru), {total_segments} segments ({n_beads} beads x 3 languages), "
          f"one core")
    print(f"  align-kit: index built in {built:.1f} s (CPU {built_cpu:.1f} s), check_alignment "
          f"in {checked:.1f} s (CPU {checked_cpu:.1f} s), {len(findings)} findings; "
          f"total {built + checked:.1f} s wall, {built_cpu + checked_cpu:.1f} s CPU")
    print(f"  load average during the run: {os.getloadavg()[0]:.1f} "
          f"(wall time counts waiting for a shared core; CPU time does not)")
    print(f"  exact regex scan (peer, terms x segments): {per_seg * 1000:.1f} ms CPU per segment, "
          f"about {peer_total:.0f} s CPU for all {total_segments} segments (extrapolated from "
          f"{slice_n * 3})")
    return [
        "| | wall | CPU |",
        "|---|---|---|",
        f"| align-kit: build the index ({len(glossary.entries)} entries) | {built:.1f} s "
        f"| {built_cpu:.1f} s |",
        f"| align-kit: `check_alignment`, {total_segments} segments, all checks | {checked:.1f} s "
        f"| {checked_cpu:.1f} s |",
        f"| align-kit total | **{built + checked:.1f} s** | **{built_cpu + checked_cpu:.1f} s** |",
        f"| peer: exact regex per term x segment (extrapolated from {slice_n * 3} segments) "
        f"| | about {peer_total:.0f} s |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quality", action="store_true", help="planted-error set only")
    parser.add_argument("--general", action="store_true",
                        help="general-check probes vs pofilter only")
    parser.add_argument("--terms", type=int, default=5000)
    parser.add_argument("--segments", type=int, default=50000)
    parser.add_argument("--corpus-gold", type=Path, default=ROOT / "corpora" / "gold",
                        help="gold folder of the sample corpus (skipped when missing)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    if args.general:
        rows = general_probes()
        if args.corpus_gold.is_dir():
            rows += [""] + general_on_gold(args.corpus_gold)
        print("\n".join(rows))
        return
    rows = quality()
    rows += [""] + general_probes()
    rows += [""] + suggestions()
    if args.corpus_gold.is_dir():
        rows += [""] + sample_corpus(args.corpus_gold)
        rows += [""] + general_on_gold(args.corpus_gold)
    else:
        print(f"\n(sample corpus gold not found at {args.corpus_gold}; skipped)")
    if not args.quality:
        rows += [""] + general_on_ntrex()
        rows += [""] + speed(args.terms, args.segments)
    print("\nMarkdown for docs/benchmarks/glossary.md:\n")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
