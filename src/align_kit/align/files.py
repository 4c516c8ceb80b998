"""Reading and writing the aligner's line-based files (one segment per line).

The project's full alignment-file writer lives in `align_kit.formats`; the
simple per-bead outputs of `align-kit align` are produced by `render_beads`,
the one function to switch when that writer lands.
"""

from __future__ import annotations

import json
from pathlib import Path

import regex

from align_kit.errors import InputError
from align_kit.formats.cells import tsv_row
from align_kit.model import Bead

_LANG_SUFFIX = {"en": "en", "eng": "en", "be": "be", "bel": "be", "ru": "ru", "rus": "ru",
                "uk": "uk", "ukr": "uk"}


def read_lines(path: str | Path) -> list[str]:
    """Lines of a text file in any encoding ingest knows, one segment each, no line ends."""
    from align_kit.ingest.encoding import decode_bytes

    p = Path(path)
    if not p.is_file():
        raise InputError("no such file", path=str(p), hint="give a text file, one segment per line")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or "cannot read the file", path=str(p)) from None
    lines = [line.strip() for line in decode_bytes(data, path=str(p)).text.splitlines()]
    if not any(lines):
        raise InputError("empty file", path=str(p), hint="give a text file, one segment per line")
    return lines


def guess_language(path: str | Path, lines: list[str]) -> str:
    """The language a file name says (x.be.txt, 001.bel) or, failing that, its letters."""
    for part in reversed(Path(path).name.lower().split(".")[1:]):
        if part in _LANG_SUFFIX:
            return _LANG_SUFFIX[part]
    text = " ".join(lines[:200]).lower()
    if not regex.search(r"\p{Cyrillic}", text):
        return "en" if regex.search(r"\p{Latin}", text) else "und"
    score = {
        "be": len(regex.findall(r"[ўі]", text)),
        "ru": len(regex.findall(r"[ыэ]", text)) * 0 + len(regex.findall(r"[иъщ]", text)),
        "uk": len(regex.findall(r"[їєґ]", text)) * 3,
    }
    return max(score, key=score.get)


def render_beads(beads: list[Bead], texts: list[list[str]], langs: list[str], fmt: str) -> str:
    """Beads as `beads` (the eval format), `tsv` (texts) or `jsonl` (one JSON per bead)."""
    out = []
    for k, bead in enumerate(beads):
        if fmt == "beads":
            out.append(":".join(f"[{', '.join(map(str, side))}]" for side in bead.indexes)
                       + f":{bead.score:.3f}")
        elif fmt == "tsv":
            cells = [" ".join(texts[d][i] for i in side) for d, side in enumerate(bead.indexes)]
            # Spreadsheet-safe, one bead per line: formula starts get a `'`, TAB and
            # line breaks inside a sentence are written as \t and \n (formats/cells.py).
            out.append(tsv_row([f"{bead.score:.3f}", *cells]))
        elif fmt == "jsonl":
            out.append(json.dumps({
                "bead": k,
                "kind": bead.kind,
                "score": bead.score,
                "indexes": {lang: list(side) for lang, side in zip(langs, bead.indexes,
                                                                  strict=True)},
                "texts": {lang: [texts[d][i] for i in side]
                          for d, (lang, side) in enumerate(zip(langs, bead.indexes,
                                                               strict=True))},
            }, ensure_ascii=False))
        else:
            raise InputError(f"unknown format {fmt!r}", hint="use jsonl, beads or tsv")
    return "\n".join(out) + ("\n" if out else "")
