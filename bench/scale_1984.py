#!/usr/bin/env python3
"""The 1984 scale table alone (issue 16, speed): align-kit, optionally an older align-kit
tree, and hunalign, side by side in one run, one core each (taskset).

    python bench/scale_1984.py                      # x1 x2 x4 x8
    python bench/scale_1984.py --before /tmp/main/src --times 1 8

Each align-kit run is a fresh process (`align_segments` on the pair repeated; wall
time, CPU time and peak RSS of the process; the import of the package is not timed,
as in `bench/alignment.py --scale-child`). At x1 align-kit runs first with its compiled
loops' cache removed (`align/kernels.py`: the JIT compile counted), then again with
the cache. On a shared machine compare CPU time as well as wall time.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import alignment as A  # noqa: E402 - the bench module beside this one

CHILD = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from align_kit.align.core import align_segments
src = Path(sys.argv[2]).read_text(encoding="utf-8").splitlines()
tgt = Path(sys.argv[3]).read_text(encoding="utf-8").splitlines()
c0, t0 = time.process_time(), time.perf_counter()
spans, _conf, _ = align_segments(src, tgt, "hu", "en")
print(json.dumps({"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "beads": len(spans)}))
"""


def child(src_dir: Path, sp: Path, tp: Path) -> dict:
    return A.one_core([sys.executable, "-c", CHILD, str(src_dir), str(sp), str(tp)])


def cell(r: dict | None) -> str:
    if r is None:
        return "- | - | -"
    cpu = f"{r['cpu']:.1f} s" if "cpu" in r else "-"
    return f"{r['seconds']:.1f} s | {cpu} | {r['peak_mb']:.0f} MB"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--times", type=int, nargs="+", default=[1, 2, 4, 8])
    ap.add_argument("--before", type=Path, help="the src folder of another align-kit tree")
    ap.add_argument("--no-hunalign", action="store_true")
    a = ap.parse_args(argv)
    A.need_shared()
    hun = None if a.no_hunalign else A.build_hunalign()
    hu, en = A.read(A.REAL / "1984-hu-en/hu.txt"), A.read(A.REAL / "1984-hu-en/en.txt")
    ours = A.ROOT / "src"
    print("| 1984 copies | lines | align-kit wall | CPU | peak RSS | align-kit before: wall "
          "| CPU | peak RSS | hunalign wall | CPU | peak RSS |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for times in a.times:
        sp, tp = A.copies_1984(times)
        rows = []
        if times == min(a.times):
            for f in (ours / "align_kit" / "align" / "__pycache__").glob("kernels.*.nb*"):
                f.unlink()
            rows.append(("cold JIT cache", child(ours, sp, tp)))
        rows.append(("", child(ours, sp, tp)))
        before = child(a.before, sp, tp) if a.before else None
        hres = A.scale_hunalign(hun, times) if hun is not None and times <= 4 else None
        for note, r in rows:
            label = f"x{times}" + (f" ({note})" if note else "")
            print(f"| {label} | {len(hu) * times} / {len(en) * times} | {cell(r)} | "
                  f"{cell(before)} | {cell(hres)} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
