"""`align-kit run` killed (SIGKILL) at 5 moments: no partial TMX/PO, and a re-run
resumes to the same outputs as an uninterrupted run. Plus: stale temporary files
from a killed writer are removed at the start of the next run.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time

import polib
import pytest
from conftest import ROOT, SAMPLE, cli
from lxml import etree

from align_kit.formats.atomic import atomic_write, remove_stale_temporaries

GLOSSARY = ROOT / "glossaries" / "democratic-forces.tbx"
GROUPS = 8


def _normalised(path, corpus) -> str:
    # Outputs name their sources by path: the copies of the corpus live in different folders.
    text = path.read_text(encoding="utf-8").replace(str(corpus), "CORPUS")
    if path.suffix == ".tmx":
        text = re.sub(r'(creationdate|changedate)="[^"]*"', r'\1=""', text)
    if path.suffix == ".po":
        text = re.sub(r'"(POT-Creation-Date|PO-Revision-Date): [^"]*"', r'"\1: "', text)
    return text


def _final_outputs(out, corpus) -> dict[str, str]:
    return {str(p.relative_to(out)): _normalised(p, corpus)
            for p in sorted(out.rglob("*"))
            if p.suffix in (".tmx", ".po", ".jsonl")}


def _assert_no_partial_files(out) -> None:
    for tmx in out.rglob("*.tmx"):
        etree.parse(str(tmx))  # every TMX present is whole, well-formed XML
    for po in out.rglob("*.po"):
        assert len(polib.pofile(str(po))) > 0, po
    for jsonl in out.rglob("*.align.jsonl"):
        assert jsonl.read_text(encoding="utf-8").endswith("\n"), jsonl
    visible = [p for p in out.rglob("*.tmp") if not p.name.startswith(".")]
    assert visible == []


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    base = tmp_path_factory.mktemp("reference")
    corpus = base / "corpus"
    shutil.copytree(SAMPLE, corpus)
    out = base / "out"
    result = cli("run", corpus, "-o", out, "--glossary", GLOSSARY, "--fail-on", "never")
    assert result.code == 0, result.stderr
    outputs = _final_outputs(out, corpus)
    assert sum(name.endswith(".tmx") for name in outputs) == GROUPS
    return outputs


def _kill_when(process, out, groups_started: int, timeout: float = 60.0) -> None:
    """SIGKILL once `groups_started` group folders exist (0: as soon as `out` exists)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if out.is_dir():
            started = sum(1 for p in out.iterdir() if p.is_dir())
            if started >= groups_started:
                break
        time.sleep(0.001)
    process.send_signal(signal.SIGKILL)
    process.wait()


@pytest.mark.parametrize("moment", [0, 1, 3, 5, 8])
def test_killed_run_leaves_no_partial_file_and_resumes(tmp_path, reference, moment):
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "align_kit", "run", corpus, "-o", out, "--glossary", GLOSSARY,
         "--fail-on", "never"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _kill_when(process, out, moment)
    assert process.returncode == -signal.SIGKILL, "the run finished before it was killed"
    if out.exists():
        _assert_no_partial_files(out)
    done_before = {p.parent.name for p in out.rglob(".done.json")} if out.exists() else set()
    print(f"killed with {len(done_before)} of {GROUPS} groups complete")

    rerun = cli("run", corpus, "-o", out, "--glossary", GLOSSARY, "--fail-on", "never")
    assert rerun.code == 0, rerun.stderr
    for group in done_before:  # finished groups are skipped, not redone
        assert f"{group}: up to date" in rerun.stdout
    assert not list(out.rglob("*.tmp")), "stale temporaries are removed on the re-run"
    _assert_no_partial_files(out)
    assert _final_outputs(out, corpus) == reference


def test_stale_temporaries_of_a_killed_writer_are_removed(tmp_path):
    group = tmp_path / "out" / "g"
    group.mkdir(parents=True)
    keep = group / "g.tmx"
    keep.write_text("<tmx/>")
    unrelated = group / ".notes.tmp"  # not an atomic_write name: left alone
    unrelated.write_text("mine")
    # A writer killed mid-write: the child dies inside atomic_write.
    child = (
        "import os, sys\n"
        f"sys.path.insert(0, {str(ROOT / 'src')!r})\n"
        "from align_kit.formats.atomic import atomic_write\n"
        f"with atomic_write({str(keep)!r}) as h:\n"
        "    h.write('<tmx><body>half'); h.flush(); os.kill(os.getpid(), 9)\n")
    subprocess.run([sys.executable, "-c", child], check=False)
    stale = [p for p in group.iterdir() if p.name.startswith(".align-kit-g.tmx.")]
    assert len(stale) == 1 and keep.read_text() == "<tmx/>"
    assert remove_stale_temporaries(tmp_path / "out") == stale
    assert sorted(p.name for p in group.iterdir()) == [".notes.tmp", "g.tmx"]
    with atomic_write(keep) as handle:  # and writing still works afterwards
        handle.write("<tmx></tmx>")
    assert keep.read_text() == "<tmx></tmx>"


def test_run_removes_stale_temporaries(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    out = tmp_path / "out"
    assert cli("run", corpus, "-o", out).code == 0
    stale = out / "cc-elections" / ".align-kit-cc-elections.tmx.abc123xy.tmp"
    stale.write_text("<tmx><body>half")
    assert cli("run", corpus, "-o", out).code == 0
    assert not stale.exists()
