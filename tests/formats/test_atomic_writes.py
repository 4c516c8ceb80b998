"""Every writer of formats/ is atomic: an interrupted write leaves the previous file intact."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from align_kit.formats.alignment_file import read_alignment, write_alignment
from align_kit.formats.po import write_po
from align_kit.formats.tmx import write_tmx
from align_kit.formats.xliff import write_xliff

from .samples import pair, three_way

SRC = str(Path(__file__).resolve().parents[2] / "src")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_tmx_stream_failing_midway_keeps_the_previous_file(tmp_path):
    path = tmp_path / "batch.tmx"
    write_tmx(three_way(), path)
    before = path.read_bytes()

    def alignments():
        yield pair(doc_id="one")
        yield pair(doc_id="two")
        raise RuntimeError("the aligner crashed")

    with pytest.raises(RuntimeError):
        write_tmx(alignments(), path)
    assert path.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_keyboard_interrupt_in_every_writer_keeps_previous_files(tmp_path, monkeypatch):
    alignment = three_way()
    paths = {"a.align.jsonl": lambda p: write_alignment(alignment, p),
             "a.po": lambda p: write_po(alignment, p, target_lang="en"),
             "a.xlf": lambda p: write_xliff(alignment, p, target_lang="en"),
             "a.tmx": lambda p: write_tmx(alignment, p)}
    for name, write in paths.items():
        write(tmp_path / name)
    before = {name: (tmp_path / name).read_bytes() for name in paths}

    # Ctrl-C inside each writer, after its whole temporary file was written.
    import align_kit.formats.atomic as atomic

    real = atomic.os.fsync

    def interrupt(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupt)
    for name, write in paths.items():
        with pytest.raises(KeyboardInterrupt):
            write(tmp_path / name)
    monkeypatch.setattr(atomic.os, "fsync", real)
    assert {name: (tmp_path / name).read_bytes() for name in paths} == before
    assert _leftovers(tmp_path) == []
    assert read_alignment(tmp_path / "a.align.jsonl") == alignment


WRITER = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
from align_kit.formats.tmx import write_tmx
from align_kit.formats.tmx import rebuild_document
from align_kit.model import Alignment, Bead

def slow():
    for n in range(100000):
        docs = (rebuild_document(f"d{n}.be", "be", ["Санкцыі ўзмацняюцца."] * 50),
                rebuild_document(f"d{n}.en", "en", ["Sanctions are tightening."] * 50))
        yield Alignment(docs, tuple(Bead(((i,), (i,)), 0.9) for i in range(50)), "be")
        print("wrote", n, flush=True)
        time.sleep(0.01)

write_tmx(slow(), sys.argv[2])
"""


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL])
def test_killed_writer_leaves_the_previous_tmx_intact(tmp_path, how):
    path = tmp_path / "batch.tmx"
    write_tmx(three_way(), path)
    before = path.read_bytes()
    proc = subprocess.Popen([sys.executable, "-c", WRITER, SRC, str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(5):  # let it write a few hundred TUs into its temporary file
            assert proc.stdout.readline().startswith("wrote")
        partial = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        assert partial, "the writer should be writing to a temporary file"
        proc.send_signal(how)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert path.read_bytes() == before
    if how == signal.SIGINT:  # Python unwinds and removes its temporary file
        deadline = time.monotonic() + 10
        while _leftovers(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _leftovers(tmp_path) == []
    # After SIGKILL nothing can clean up: the temporary file is hidden, never the target.
    assert all(name.startswith(".align-kit-batch.tmx.") for name in _leftovers(tmp_path))
    assert os.path.getsize(path) == len(before)


def test_atomic_write_keeps_the_permissions_of_the_file_it_replaces(tmp_path):
    import os

    from align_kit.formats.atomic import write_text_atomic

    target = tmp_path / "shared.po"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o644)
    write_text_atomic(target, "new")
    assert target.stat().st_mode & 0o777 == 0o644
    fresh = tmp_path / "fresh.po"
    write_text_atomic(fresh, "x")
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_live_writers_temporary_is_never_swept(tmp_path):
    # `run` sweeps what killed writers left; the temporary of an `export`, an `import` or the
    # editor still writing in the same folder is locked by its writer and stays.
    from align_kit.formats.atomic import all_or_nothing, atomic_write, remove_stale_temporaries

    target = tmp_path / "a.po"
    with atomic_write(target) as handle:
        handle.write("half")
        live = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        assert len(live) == 1
        assert remove_stale_temporaries(tmp_path) == [] and live[0].exists()
    assert target.read_text(encoding="utf-8") == "half"
    with all_or_nothing():  # written, not yet renamed: still its writer's
        with atomic_write(tmp_path / "b.po") as handle:
            handle.write("b")
        assert remove_stale_temporaries(tmp_path) == []
    assert (tmp_path / "b.po").read_text(encoding="utf-8") == "b"
    # A killed writer's leftover (nobody holds it) is swept.
    leftover = tmp_path / ".align-kit-c.po.k3j4h5g6.tmp"
    leftover.write_text("half", encoding="utf-8")
    assert remove_stale_temporaries(tmp_path) == [leftover]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.po", "b.po"]
