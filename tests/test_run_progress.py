"""`run` shows progress inside a long article on a terminal only; `--quiet` for scripts."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpora" / "gold"


@pytest.fixture(scope="module")
def long_corpus(tmp_path_factory) -> Path:
    """One be/en article pair of ~650 sentences each (the gold sentences, four times)."""
    corpus = tmp_path_factory.mktemp("long") / "corpus"
    corpus.mkdir()
    for lang in ("be", "en"):
        lines = [line for f in sorted(GOLD.glob(f"*.{lang}.sents"))
                 for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
        (corpus / f"long.{lang}.txt").write_text("\n\n".join(lines * 4) + "\n", encoding="utf-8")
    return corpus


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def _on_a_terminal(*args: str | os.PathLike) -> str:
    """stdout and stderr of `python -m align_kit ARGS` run on a pseudo-terminal."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: its stdout and stderr are the terminal
        os.execve(sys.executable, [sys.executable, "-m", "align_kit", *map(str, args)], _env())
    seen = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, seen.decode(errors="replace")
    return seen.decode("utf-8", errors="replace")


def test_a_terminal_sees_sentences_aligned_with_an_estimate(long_corpus, tmp_path):
    seen = _on_a_terminal("run", long_corpus, "-o", tmp_path / "out")
    assert "long: 0/" in seen and " sentences aligned" in seen
    assert "s left" in seen  # the estimate, once some sentences are done
    assert "long: original be (default order be, ru, en)" in seen


def test_a_script_sees_no_progress_and_quiet_silences_the_terminal(long_corpus, tmp_path):
    done = subprocess.run([sys.executable, "-m", "align_kit", "run", long_corpus, "-o",
                           tmp_path / "piped"], capture_output=True, text=True, env=_env(),
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert "sentences aligned" not in done.stderr and "\r" not in done.stderr
    quiet = _on_a_terminal("run", long_corpus, "-o", tmp_path / "quiet", "--quiet")
    assert "sentences aligned" not in quiet and "groups" not in quiet
    assert "original be" not in quiet  # --quiet keeps the per-group lines only
    assert "long: " in quiet
