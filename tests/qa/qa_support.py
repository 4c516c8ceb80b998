"""Real alignment files for the QA tests (own sentences), and align-kit in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from align_kit.formats.alignment_file import read_alignment, write_alignment
from align_kit.model import Alignment, Bead, Document, Segment

ROOT = Path(__file__).resolve().parents[2]
TBX = ROOT / "glossaries" / "democratic-forces.tbx"


def document(doc_id: str, lang: str, sentences: list[str]) -> Document:
    text, segments = "", []
    for s in sentences:
        if text:
            text += " "
        segments.append(Segment(s, len(text), len(text) + len(s)))
        text += s
    return Document(doc_id, lang, text, segments=tuple(segments))


def write_pairs(path: Path, pairs: list[tuple[str, str]], *, ids: str = "art",
                langs: tuple[str, str] = ("be", "en")) -> Path:
    """An alignment file of 1-1 beads (source, target), source language first; read back
    through the real reader, as `check` reads it."""
    docs = (document(f"{ids}.{langs[0]}", langs[0], [s for s, _ in pairs]),
            document(f"{ids}.{langs[1]}", langs[1], [t for _, t in pairs]))
    beads = tuple(Bead(((i,), (i,))) for i in range(len(pairs)))
    write_alignment(Alignment(docs, beads, original=langs[0], id=ids), path)
    return path


def load(path: Path) -> Alignment:
    return read_alignment(path)


def align_kit(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "align_kit", *map(str, args)],
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=120)
