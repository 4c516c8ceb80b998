"""The editor's history (issue 14 item 7, issue 15): states after each edit, bounded, deduplicated,
gzip, and crash-safe saves (kill -9 at random moments never loses the last completed edit).
"""

from __future__ import annotations

import gzip
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import ROOT, make_document, small_alignment

from align_kit.model import Alignment, Bead
from align_kit.report.edits import mark_reviewed, merge_beads
from align_kit.report.storage import (
    HISTORY_MIN_BYTES,
    entry_version,
    file_version,
    history,
    history_dir,
    load_alignment,
    locked,
    prune,
    read_state,
    recover,
    save_alignment,
    save_edit,
    undo,
)


@pytest.fixture
def path(tmp_path) -> Path:
    target = tmp_path / "m.align.jsonl"
    save_alignment(small_alignment(), target)
    return target


def toggle(path: Path, bead: int) -> None:
    alignment = load_alignment(path)
    bead %= len(alignment.beads)
    with locked(path):
        save_edit(mark_reviewed(alignment, bead, "reviewed" not in alignment.beads[bead].flags),
                  path)


def test_states_are_gzip_and_the_newest_is_the_file(path):
    toggle(path, 0)
    kept = history(path)
    assert len(kept) == 2
    assert kept[-1].read_bytes()[:2] == b"\x1f\x8b"  # gzip
    assert gzip.decompress(kept[-1].read_bytes()) == path.read_bytes()
    assert entry_version(kept[-1]) == file_version(path)


def test_history_is_bounded_by_count_oldest_pruned_first(path):
    for n in range(60):
        toggle(path, n)
    kept = history(path)
    assert len(kept) == 50
    assert [int(k.name[:6]) for k in kept] == list(range(12, 62))  # 61 states, the first 11 gone
    assert read_state(kept[-1]) == path.read_bytes()


def test_history_is_bounded_by_bytes(path):
    for n in range(10):
        toggle(path, n)
    sizes = [k.stat().st_size for k in history(path)]
    dropped = prune(path, max_bytes=sum(sizes[-3:]))
    assert len(dropped) == 8 and len(history(path)) == 3
    assert read_state(history(path)[-1]) == path.read_bytes()
    prune(path, max_bytes=1)  # never the newest: the last state stays recoverable
    assert len(history(path)) == 1


def big_alignment(sentences: int) -> Alignment:
    """About 1 MB on disk: long, different sentences, 1-1 beads."""
    be = [f"Сказ нумар {n}: " + "пасяджэнне кабінета адбылося ў Вільні " * 3
          for n in range(sentences)]
    en = [f"Sentence number {n}: " + "the cabinet met in Vilnius this week " * 3
          for n in range(sentences)]
    docs = (make_document("big.be", "be", be), make_document("big.en", "en", en))
    return Alignment(docs, tuple(Bead(((n,), (n,)), 0.9) for n in range(sentences)),
                     original="be", id="big")


def test_thirty_edits_on_a_1mb_file_stay_small(tmp_path):
    """The issue: 30 edits on a 1 MB file made a 31 MB history."""
    target = tmp_path / "big.align.jsonl"
    save_alignment(big_alignment(2500), target)
    size = target.stat().st_size
    assert size > 1_000_000
    for n in range(30):
        toggle(target, n * 7)
    total = sum(k.stat().st_size for k in history(target))
    assert len(history(target)) == 31
    assert total <= max(HISTORY_MIN_BYTES, 10 * size)
    assert total < 4 * size  # gzip: far below 31 copies


def test_identical_consecutive_states_are_kept_once(path):
    toggle(path, 1)
    alignment = load_alignment(path)
    with locked(path):
        save_edit(mark_reviewed(alignment, 1, True), path)  # already reviewed: same bytes
        recover(path)
        recover(path)
    assert len(history(path)) == 2


def test_a_change_made_behind_the_editors_back_is_recorded(path):
    toggle(path, 0)
    save_alignment(merge_beads(load_alignment(path), 2), path)  # a script, not the editor
    by_script = path.read_bytes()
    toggle(path, 0)
    states = [read_state(k) for k in history(path)]
    assert states[-2] == by_script and len(states) == 4
    with locked(path):
        assert undo(path)
    assert path.read_bytes() == by_script


def test_recover_removes_only_our_own_temporaries(path):
    folder = history_dir(path)
    folder.mkdir(exist_ok=True)
    ours = [path.parent / f".{path.name}.review-k3j4h5.tmp", folder / ".000002-x.review-a.tmp",
            folder / f".render.review-{os.getpid() + 1}.tmp"]
    theirs = [path.parent / f".{path.name}.ab12cd34.tmp",  # another program's atomic write
              path.parent / ".other.align.jsonl.review-k3j4h5.tmp", path.parent / "notes.tmp"]
    for f in ours + theirs:
        f.write_text("partial", encoding="utf-8")
    with locked(path):
        done = recover(path)
    assert not any(f.exists() for f in ours)
    assert all(f.exists() for f in theirs)
    assert sum("stale temporary" in d for d in done) == 3


def test_an_interrupted_save_is_rolled_back_or_completed(path):
    toggle(path, 0)
    last = path.read_bytes()
    # killed after the pending state was written, before the file: rolled back
    with locked(path):
        recover(path)
    pending = history_dir(path) / "000009-0123456789abcdef.pending.gz"
    pending.write_bytes(gzip.compress(b"never saved"))
    with locked(path):
        assert recover(path) == ["rolled back an interrupted save (the file kept the previous "
                                 "edit)"]
    assert not pending.exists() and path.read_bytes() == last
    assert read_state(history(path)[-1]) == last
    # killed after the file was replaced, before the pending entry was renamed: completed
    toggle(path, 1)
    newest = history(path)[-1]
    os.replace(newest, newest.with_name(newest.name.replace(".jsonl.gz", ".pending.gz")))
    with locked(path):
        assert recover(path) == ["completed an interrupted save"]
    assert history(path)[-1] == newest


def test_an_interrupted_undo_is_rolled_back_or_completed(path):
    toggle(path, 0)
    toggle(path, 1)
    newest = history(path)[-1]
    undone = newest.with_name(newest.name.replace(".jsonl.gz", ".undone.gz"))
    os.replace(newest, undone)  # killed before the file was written
    with locked(path):
        assert recover(path) == ["rolled back an interrupted undo"]
    assert history(path)[-1] == newest
    with locked(path):
        assert undo(path)
    after_undo = path.read_bytes()
    save_alignment(load_alignment(path), path)  # same bytes: no change
    assert path.read_bytes() == after_undo and len(history(path)) == 2


CHILD = textwrap.dedent("""
    import sys
    from align_kit.report.server import ReviewServer, apply_edit
    from align_kit.report.storage import (entry_version, history, load_alignment, render,
                                          file_version)

    path = sys.argv[1]
    server = ReviewServer(path, quiet=True)  # recovers what the previous kill left
    print("start", file_version(path), flush=True)
    n = int(sys.argv[2])
    while True:
        version = file_version(path)
        beads = load_alignment(path).beads
        if n % 6 == 5 and len(history(path)) > 1:
            body = {"op": "undo", "version": version}
            expect = entry_version(history(path)[-2])
        else:
            b = n % len(beads)
            if n % 6 == 2 and b + 1 < len(beads):
                body = {"op": "merge", "bead": b, "version": version}
            else:
                body = {"op": "review", "bead": b, "version": version,
                        "reviewed": "reviewed" not in beads[b].flags}
            expect = file_version.__globals__["_version_of"](
                render(apply_edit(load_alignment(path), body), path))
        print("undo" if body["op"] == "undo" else "try", expect, flush=True)
        state = server.edit(body)
        print("done", state["version"], flush=True)
        n += 1
""")


def test_killing_the_save_at_random_moments_never_loses_the_last_edit(tmp_path):
    """SIGKILL the editor's save loop at 14 random moments: the file and its history always
    hold the last completed edit (or the one in flight, when its file write had landed)."""
    target = tmp_path / "m.align.jsonl"
    alignment = small_alignment()
    # more beads, so merges go on for a while: the small alignment three times over
    docs = tuple(make_document(d.id, d.language, [s.text for s in d.segments] * 3)
                 for d in alignment.documents)
    sizes = [len(d.segments) for d in alignment.documents]
    beads = tuple(Bead(tuple(tuple(i + r * n for i in side) for side, n
                             in zip(b.indexes, sizes, strict=True)), b.score)
                  for r in range(3) for b in alignment.beads)
    save_alignment(Alignment(docs, beads, original="be", id="m"), target)
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    rng = random.Random(1415)
    done_total = 0
    for round_ in range(14):
        proc = subprocess.Popen([sys.executable, str(script), str(target), str(round_ * 7)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env)
        time.sleep(rng.uniform(0.5, 1.6))
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(10)
        assert "Traceback" not in err, err
        lines = [line.split() for line in out.splitlines() if line.count(" ") == 1]
        if not lines:
            continue  # killed while starting up
        assert lines[0][0] == "start"
        completed = [v for what, v in lines if what in ("done", "start")][-1]
        in_flight = lines[-1][1] if lines[-1][0] in ("try", "undo") else None
        done_total += sum(what == "done" for what, _ in lines)
        # the file is whole and is the last completed edit, or the one in flight
        load_alignment(target)
        assert file_version(target) in (completed, in_flight)
        with locked(target):
            recover(target)
        kept = history(target)
        assert entry_version(kept[-1]) == file_version(target)
        assert read_state(kept[-1]) == target.read_bytes()
        if not (lines[-1][0] == "undo" and file_version(target) == in_flight):
            assert completed in [entry_version(k) for k in kept]  # (an undo drops it on purpose)
        leftovers = [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")
                     or ".pending." in p.name or ".undone." in p.name]
        assert leftovers == []
    assert done_total > 14  # the kills did land in the middle of a stream of saves
    for entry in history(target):  # every kept state is a whole alignment file
        scratch = tmp_path / "check.align.jsonl"
        scratch.write_bytes(read_state(entry))
        load_alignment(scratch)
