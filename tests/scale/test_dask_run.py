"""`run --executor dask` (issue 20) on a real 2-worker LocalCluster: the same alignment
files as the local run, bead for bead; a lost worker and a killed run still finish."""

from __future__ import annotations

import fcntl
import os
import re
import signal
import subprocess
import sys
import time

import pytest
from conftest import GLOSSARY, SAMPLE, alignment_files, archive, cli, env

from align_kit.formats.alignment_file import read_alignment
from align_kit.pipeline import RunOptions, run_corpus

GROUPS = 8  # corpora/sample


@pytest.fixture(scope="module")
def local_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("local") / "out"
    result = cli("run", SAMPLE, "-o", out, "--glossary", GLOSSARY, "--fail-on", "never")
    assert result.code == 0, result.stderr
    return out


def _assert_same_beads(out, reference) -> None:
    files = alignment_files(out)
    assert sorted(files) == sorted(alignment_files(reference))
    assert len(files) == GROUPS
    for name in files:
        mine, theirs = read_alignment(out / name), read_alignment(reference / name)
        assert [(b.indexes, b.score, sorted(b.flags)) for b in mine.beads] == \
            [(b.indexes, b.score, sorted(b.flags)) for b in theirs.beads], name
        assert [[s.text for s in d.segments] for d in mine.documents] == \
            [[s.text for s in d.segments] for d in theirs.documents], name
    assert files == alignment_files(reference)  # and byte for byte


def _all_stamped(out, groups: int) -> None:
    assert len(list(out.glob("*/.done.json"))) == groups


def test_dask_run_matches_local_run_bead_for_bead(tmp_path, local_run):
    out = tmp_path / "out"
    result = cli("run", SAMPLE, "-o", out, "--glossary", GLOSSARY, "--fail-on", "never",
                 "--executor", "dask",
                 "--jobs", "2")
    assert result.code == 0, result.stderr
    assert "Traceback" not in result.stderr
    _assert_same_beads(out, local_run)
    _all_stamped(out, GROUPS)
    # A second run (on the cluster too) finds every group up to date.
    again = cli("run", SAMPLE, "-o", out, "--glossary", GLOSSARY, "--fail-on", "never",
                 "--executor", "dask")
    assert again.code == 0, again.stderr
    assert again.stdout.count(": up to date,") == GROUPS


def test_dask_run_on_a_running_scheduler(tmp_path, local_run):
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        out = tmp_path / "out"
        result = cli("run", SAMPLE, "-o", out, "--glossary", GLOSSARY, "--fail-on", "never",
                 "--executor", "dask",
                     "--scheduler", cluster.scheduler_address)
        assert result.code == 0, result.stderr
        # In the library: the progress follows the futures, once for each group done.
        seen: list[tuple[str, int, int]] = []
        lib_out = tmp_path / "lib"
        run_corpus(SAMPLE, lib_out, RunOptions(glossary=str(GLOSSARY), executor="dask",
                                               scheduler=cluster.scheduler_address),
                   progress=lambda g, d, t: seen.append((g, d, t)))
    _assert_same_beads(out, local_run)
    _assert_same_beads(lib_out, local_run)
    assert [(d, t) for _, d, t in seen] == [(k, GROUPS) for k in range(1, GROUPS + 1)]
    assert sorted(g for g, _, _ in seen) == sorted(p.parent.name for p in
                                                  lib_out.glob("*/.done.json"))


def test_a_lost_worker_still_completes_every_group(tmp_path, local_run):
    out = tmp_path / "out"
    flag = tmp_path / "killed-once"
    # The first per-group task writes one group, then kills its worker process (os._exit);
    # Dask runs the lost task again on a worker that is alive.
    result = cli("run", SAMPLE, "-o", out, "--glossary", GLOSSARY, "--fail-on", "never",
                 "--executor", "dask",
                 "--jobs", "2", ALIGN_KIT_TEST_KILL_WORKER_ONCE=str(flag))
    assert flag.exists(), "the test hook did not kill a worker"
    assert result.code == 0, result.stderr
    assert "Traceback" not in result.stderr
    # The user learns of it: one line for the lost worker, naming the batch run again.
    lost = [line for line in result.stderr.splitlines() if "was lost" in line]
    assert len(lost) == 1, result.stderr
    assert lost[0].startswith("align-kit: warning: Dask worker tcp://"), lost[0]
    assert re.search(rf"runs its \d+ batch(es)? again on another worker \(groups "
                     rf"\d+(-\d+)?(, \d+(-\d+)?)* of {GROUPS}\)", lost[0]), lost[0]
    _all_stamped(out, GROUPS)
    _assert_same_beads(out, local_run)
    assert not list(out.rglob("*.tmp"))


def test_a_run_without_a_lost_worker_says_nothing_of_one(tmp_path, monkeypatch):
    # In the library, without `warn`: the result carries the notices; here there are none
    # (the cluster's own shut-down at the end is no lost worker).
    monkeypatch.delenv("ALIGN_KIT_TEST_KILL_WORKER_ONCE", raising=False)
    result = run_corpus(SAMPLE, tmp_path / "out", RunOptions(executor="dask", jobs=2))
    assert len(result.groups) == GROUPS
    assert [n for n in result.notices if n.code == "worker-lost"] == []


def _temporaries(out) -> list:
    return list(out.rglob("*.tmp"))


def _lock_is_free(out) -> bool:
    fd = os.open(out / ".align-kit.lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def test_killed_dask_run_resumes_cleanly(tmp_path):
    corpus = archive(tmp_path / "archive", 48)
    out = tmp_path / "out"
    # Its own session: SIGKILL goes to the run and its cluster (scheduler, nannies,
    # workers) at once, as when a job scheduler or the OOM killer ends the whole job.
    process = subprocess.Popen(
        [sys.executable, "-m", "align_kit", "run", str(corpus), "-o", str(out),
         "--executor", "dask", "--jobs", "2"], env=env(), start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None:
        if len(list(out.glob("*/.done.json"))) >= 6:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the run finished before it was killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    for _ in range(100):  # every process of the run is gone
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("processes of the killed run are still alive")
    done_before = {p.parent.name for p in out.glob("*/.done.json")}
    assert 6 <= len(done_before) < 48

    rerun = cli("run", corpus, "-o", out, "--executor", "dask", "--jobs", "2")
    assert rerun.code == 0, rerun.stderr
    for group in done_before:  # finished groups are kept, not redone
        assert f"{group}: up to date" in rerun.stdout
    _all_stamped(out, 48)
    assert _temporaries(out) == [], "no temporaries of the killed run are left"
    assert _lock_is_free(out), "the run lock is released"
    # And the resumed archive is what an uninterrupted local run writes.
    reference = tmp_path / "reference"
    assert cli("run", corpus, "-o", reference).code == 0
    assert alignment_files(out) == alignment_files(reference)


def test_a_task_that_kills_every_worker_is_one_clear_error():
    # A task whose every attempt kills its worker (an input that runs a worker out of
    # memory, say): Dask gives it up after `allowed-failures` re-runs (KilledWorker), and
    # the run gets one AlignKitError with what to do, after a line a lost worker.
    import dask

    from align_kit.errors import AlignKitError
    from align_kit.executors import open_executor

    lines: list[str] = []
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), \
            open_executor("dask", jobs=2, say=lines.append) as executor:
        with pytest.raises(AlignKitError) as caught:
            executor.map(os._exit, [3])  # a real crash: the worker process just ends
        assert "lost its Dask worker too many times" in str(caught.value)
        assert "--executor local" in caught.value.hint
        # The cluster is still usable: the workers were replaced.
        assert executor.map(abs, [-1, 2]) == [1, 2]
    lost = [line for line in lines if "was lost" in line]
    assert 1 <= len(lost) <= 2, lines  # one a failed attempt
    assert all("items 1 of 1" in line for line in lost), lost


def test_dask_without_dask_installed_says_what_to_install(tmp_path):
    out = tmp_path / "out"
    # As on a machine without the extra: importing distributed fails.
    code = ("import sys; sys.modules['distributed'] = None; sys.argv[0] = 'align-kit'; "
            "from align_kit.cli import main; main()")
    done = subprocess.run([sys.executable, "-c", code, "run", str(SAMPLE), "-o", str(out),
                           "--executor", "dask"], capture_output=True, text=True, env=env())
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("align-kit: error: ") and "align-kit[dask]" in line
    assert not out.exists() or not any(out.iterdir())


def test_scheduler_without_dask_executor_is_a_usage_error(tmp_path):
    result = cli("run", SAMPLE, "-o", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:1")
    assert result.code == 2
    assert "Traceback" not in result.stderr
    assert "--executor dask" in result.stderr


def test_unreachable_scheduler_is_one_clear_line(tmp_path):
    out = tmp_path / "out"
    result = cli("run", SAMPLE, "-o", out, "--executor", "dask",
                 "--scheduler", "tcp://127.0.0.1:9")
    assert result.code == 2, result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "tcp://127.0.0.1:9" in line and "scheduler" in line
    assert not out.exists()


def test_archive_copies_pair_with_their_own_copy(tmp_path):
    corpus = archive(tmp_path / "archive", 16)
    out = tmp_path / "out"
    result = cli("run", corpus, "-o", out, "--executor", "dask", "--jobs", "2")
    assert result.code == 0, result.stderr
    names = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert len(names) == 16
    rows = [r for r in (out / "manifest.tsv").read_text(encoding="utf-8").splitlines()
            if r and not r.startswith("#") and not r.startswith("en\t")]
    assert len(rows) == 16
    for row in rows:
        cells = row.split("\t")[:3]
        copies = {c.rsplit("/", 1)[-1].split(".")[0] for c in cells if c}
        assert len(copies) == 1 and all(cells), row  # three files of one copy a group
