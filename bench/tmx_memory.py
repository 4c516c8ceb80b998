"""Peak memory of writing a 1 000 000-TU TMX, and of refusing hostile XML.

    python bench/tmx_memory.py [--tus 1000000] [--out bench/out/big.tmx]

The alignments are generated on the fly (1 000 documents x 1 000 beads,
three languages), so what is measured is the writer's own memory: the
process's peak resident set (ru_maxrss, libxml2 included), before and
after. Goal (issue 7): under 200 MB. The same figure is measured for a
naive writer that builds the whole tree with lxml and serialises it once (the
peer), on a tenth of the TUs, to show why the TMX writer streams. Then the
XML attacks (billion laughs, quadratic blowup, external entity) are timed
against read_tmx: goal (issue 10) under 1 s and 50 MB.
Needs nothing from ../shared.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CHILD_STREAM = r"""
import resource, sys, time
sys.path.insert(0, sys.argv[1])
from align_kit.formats.tmx import rebuild_document, write_tmx
from align_kit.model import Alignment, Bead
docs_n, beads_n = int(sys.argv[3]), int(sys.argv[4])
BE = "Палітвязень нумар {} застаецца ў турме, паведаміў Аб'яднаны пераходны кабінет."
RU = "Политзаключённый номер {} остаётся в тюрьме, сообщил Объединённый переходный кабинет."
EN = "Political prisoner number {} remains in prison, the United Transitional Cabinet said."
def alignments():
    for d in range(docs_n):
        ids = range(d * beads_n, (d + 1) * beads_n)
        docs = tuple(rebuild_document(f"doc{d}.{lang}", lang, [t.format(i) for i in ids])
                     for lang, t in (("be", BE), ("ru", RU), ("en", EN)))
        beads = tuple(Bead(((i,), (i,), (i,)), 0.9) for i in range(beads_n))
        yield Alignment(docs, beads, original="be", id=f"doc{d}")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
write_tmx(alignments(), sys.argv[2])
print(before, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.perf_counter() - t)
"""

CHILD_NAIVE = r"""
import resource, sys, time
from lxml import etree
n = int(sys.argv[2])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
root = etree.Element("tmx", version="1.4")
etree.SubElement(root, "header", srclang="be")
body = etree.SubElement(root, "body")
for i in range(n):
    tu = etree.SubElement(body, "tu", tuid=str(i))
    for lang, text in (("be", "Палітвязень нумар {} застаецца ў турме, паведаміў кабінет."),
                       ("ru", "Политзаключённый номер {} остаётся в тюрьме, сообщил кабинет."),
                       ("en", "Political prisoner number {} remains in prison, said the cabinet.")):
        tuv = etree.SubElement(tu, "tuv", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
        etree.SubElement(tuv, "seg").text = text.format(i)
etree.ElementTree(root).write(sys.argv[1], encoding="utf-8", xml_declaration=True)
print(before, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.perf_counter() - t)
"""


def _run(code: str, *args: str) -> tuple[float, float, float]:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         check=True).stdout.split()
    before, after, seconds = int(out[0]), int(out[1]), float(out[2])
    return before / 1024, after / 1024, seconds


def attacks() -> list[tuple[str, str, float, float]]:
    sys.path.insert(0, str(ROOT / "tests"))
    from formats.test_xml_safety import ATTACKS, CHILD, TMX_BODY  # noqa: PLC0415

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (prolog, payload) in sorted(ATTACKS.items()):
            path = Path(tmp) / f"{name}.tmx"
            path.write_text(prolog("tmx") + TMX_BODY.format(payload=payload), encoding="utf-8")
            out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT / "src"),
                                  "align_kit.formats.tmx", "read_tmx", str(path)],
                                 capture_output=True, text=True, check=True).stdout
            result = json.loads(out)
            message = result["outcome"].split(": ", 2)[-1][:70]
            rows.append((name, message, result["cpu_s"], result["grew_kb"] / 1024))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tus", type=int, default=1_000_000)
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "big.tmx"))
    args = parser.parse_args()
    beads = 1000
    docs = max(1, args.tus // beads)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    before, peak, seconds = _run(CHILD_STREAM, str(ROOT / "src"), str(out), str(docs),
                                 str(beads))
    size = out.stat().st_size / 2**20
    tus = docs * beads
    print(f"align-kit write_tmx (streamed): {tus:,} TUs, {size:,.0f} MiB file, "
          f"{seconds:.1f} s, peak RSS {peak:.0f} MB (interpreter and imports: {before:.0f} MB)")
    naive_n = tus // 10
    nb, npeak, nsec = _run(CHILD_NAIVE, str(out.with_suffix(".naive.tmx")), str(naive_n))
    print(f"peer: whole lxml tree then write: {naive_n:,} TUs, {nsec:.1f} s, "
          f"peak RSS {npeak:.0f} MB (start {nb:.0f} MB); x10 for {tus:,} TUs")
    print("goal: < 200 MB for 1 000 000 TUs:", "met" if peak < 200 else "NOT met")
    os.unlink(out.with_suffix(".naive.tmx"))
    os.unlink(out)
    print("\nhostile XML against read_tmx (goal < 1 s, < 50 MB):")
    for name, outcome, cpu, grew in attacks():
        print(f"  {name:22s} {cpu * 1000:7.1f} ms CPU  +{grew:5.1f} MB  {outcome}")
    print(f"\n(ru_maxrss; python {sys.version.split()[0]}, "
          f"{resource.getpagesize()}-byte pages)")


if __name__ == "__main__":
    main()
