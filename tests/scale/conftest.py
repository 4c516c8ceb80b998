"""Helpers for the scale tests: `python -m align_kit run` as a user runs it, and a
synthetic archive (bench/scale.py's, without NTREX) bigger than the sample."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpora" / "sample"
GLOSSARY = ROOT / "glossaries" / "democratic-forces.tbx"

pytest.importorskip("distributed", reason="the dask extra is not installed")


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


def env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), **extra}


def cli(*args: str | os.PathLike, timeout: int = 300, **extra: str) -> Result:
    command = [sys.executable, "-m", "align_kit", *map(str, args)]
    done = subprocess.run(command, capture_output=True, text=True, env=env(**extra),
                          timeout=timeout)
    return Result(done.returncode, done.stdout, done.stderr)


def archive(folder: Path, groups: int) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from scale import synthetic_archive
    finally:
        sys.path.remove(str(ROOT / "bench"))
    synthetic_archive(folder, groups, ntrex=False)
    return folder


def alignment_files(out: Path) -> dict[str, str]:
    """Every alignment file under `out`, by its path relative to `out`."""
    return {str(p.relative_to(out)): p.read_text(encoding="utf-8")
            for p in sorted(out.rglob("*.align.jsonl"))}
