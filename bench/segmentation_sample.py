"""Sentence splitting on the sample corpus gold, beside the peers of bench/segmentation.py.

    python bench/segmentation_sample.py     # writes docs/benchmarks/segmentation-sample.md

The articles of `corpora/sample` (read by ingest, as `run` reads them) against the
hand-checked sentences of `corpora/gold/*.sents`, scored by
`../shared/eval/score_segmentation.py` (boundaries, white space ignored), pooled per
language. The gold was written for this project and checked against align-kit's own
output, so align-kit's figure here is not independent evidence: ud-dev is.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import segmentation as seg  # noqa: E402  (the same splitters, scorer and counts)

from align_kit.ingest import read_document  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LANGS = {"en": "eng", "ru": "rus", "be": "bel"}


def sample_documents() -> list[tuple[str, str, list[str]]]:
    """(bench language, article text, gold sentences) for every gold file."""
    docs = []
    for gold in sorted((ROOT / "corpora" / "gold").glob("*.sents")):
        group, lang = gold.name.split(".")[:2]
        article = next((ROOT / "corpora" / "sample").glob(f"{group}.{lang}.*"))
        sentences = [s.strip() for s in gold.read_text(encoding="utf-8").split("\n")
                     if s.strip()]
        docs.append((LANGS[lang], read_document(article).text, sentences))
    return docs


def main() -> None:
    score = seg._scorer()
    docs = sample_documents()
    rows = ["| splitter | eng | rus | bel |", "|---|---|---|---|"]
    for _name, (label, split) in seg.make_splitters().items():
        cells = []
        for lang in ("eng", "rus", "bel"):
            tp = hyp = gold = 0
            for doc_lang, text, sentences in docs:
                if doc_lang == lang:
                    c = seg._counts(score, split(text, lang), sentences)
                    tp, hyp, gold = tp + c[0], hyp + c[1], gold + c[2]
            p, r, f = seg._prf(tp, hyp, gold)
            cells.append(f"{f:.4f} ({p:.3f} / {r:.3f})")
        rows.append(f"| {label} | " + " | ".join(cells) + " |")
    n = {lang: sum(1 for d in docs if d[0] == lang) for lang in ("eng", "rus", "bel")}
    page = [
        "# Sentence segmentation on the sample corpus gold",
        "",
        f"`python bench/segmentation_sample.py` — {date.today().isoformat()}. The articles "
        f"of `corpora/sample` ({n['eng']} en, {n['rus']} ru, {n['bel']} be; plain text, "
        "Markdown, HTML, read by ingest) against `corpora/gold/*.sents`; boundary F1 "
        "(P / R), pooled per language. The gold was written for the project and checked "
        "against align-kit's own output, so align-kit's figure here is not independent "
        "evidence (ud-dev above is).",
        "",
        *rows,
    ]
    out = ROOT / "docs" / "benchmarks" / "segmentation-sample.md"
    out.write_text("\n".join(page) + "\n", encoding="utf-8")
    print("\n".join(rows))
    print(f"\n{out.relative_to(ROOT)} written")


if __name__ == "__main__":
    main()
