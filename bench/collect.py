"""Gather the per-benchmark result pages into docs/benchmarks.md.

Each bench/<name>.py writes docs/benchmarks/<name>.md (so benchmarks can run
alone); this script puts them on one page in a fixed order.

    python bench/collect.py
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "docs" / "benchmarks"
ORDER = ["alignment", "alignment-real", "sample", "segmentation", "segmentation-sample",
         "glossary", "pairing",
         "formats", "mt", "scale"]

HEADER = """# Benchmarks

Every figure below was produced by the script named in its section, on the
machine it names, in one run that measures align-kit and its peer side by
side. Re-run one with `python bench/<name>.py`, then `python bench/collect.py`
to rebuild this page. The NTREX sets are generated from `../shared/data` by
`../shared/eval/make_ntrex_eval.py` and scored by `../shared/eval/score_*.py`.

"""


def _as_section(page: str) -> str:
    return "#" + page if page.startswith("# ") else page


def main() -> None:
    pages = sorted(PAGES.glob("*.md"), key=lambda p: (ORDER.index(p.stem)
                                                      if p.stem in ORDER else 99, p.stem))
    # Each page's title becomes a section of this one.
    body = "\n\n".join(_as_section(p.read_text(encoding="utf-8").strip()) for p in pages)
    (ROOT / "docs" / "benchmarks.md").write_text(HEADER + body + "\n", encoding="utf-8")
    print(f"docs/benchmarks.md: {len(pages)} sections")


if __name__ == "__main__":
    main()
