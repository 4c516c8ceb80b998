"""`run --jobs 2` (the local process pool) sends documents to worker processes: they
must pickle (their metadata was once a read-only mapping, and the pool hung); an input
that does not, or a worker that dies, is one clear error."""

from __future__ import annotations

import os
import pickle
import threading
import time

import pytest
from conftest import SAMPLE, alignment_files, cli

from align_kit.errors import AlignKitError
from align_kit.executors.local import LocalExecutor
from align_kit.ingest import read_folder


def test_documents_pickle():
    docs, _ = read_folder(SAMPLE, keep_going=True)
    assert pickle.loads(pickle.dumps(docs)) == docs


def test_jobs_2_writes_what_jobs_1_writes(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    assert cli("run", SAMPLE, "-o", one, timeout=200).code == 0
    result = cli("run", SAMPLE, "-o", two, "--jobs", "2", timeout=200)
    assert result.code == 0, result.stderr
    assert alignment_files(two) == alignment_files(one) and len(alignment_files(one)) == 8


def _length(item) -> int:
    return len(item[1])


def _die(item) -> int:
    if item == "die":
        os._exit(1)  # as an OOM-killed worker process: no clean-up
    return 0


def test_an_input_the_pool_cannot_pickle_is_one_clear_error():
    # A lock does not pickle (as a read-only mapping did, before model.py taught pickle).
    items = [(1, [1]), (2, threading.Lock()), (3, [1, 2])]
    started = time.monotonic()
    with LocalExecutor(2) as ex, pytest.raises(AlignKitError) as caught:
        list(ex.as_completed(_length, items))
    assert time.monotonic() - started < 30  # an error, not a wait
    message = str(caught.value)
    assert "--jobs 2: the input of task 2 of 3 cannot be sent to a worker process" in message
    assert "lock" in message and "--jobs 1" in message
    # The same items, all picklable, go through the pool.
    items[1] = (2, [1, 2, 3])
    with LocalExecutor(2) as ex:
        assert sorted(ex.as_completed(_length, items)) == [(0, 1), (1, 3), (2, 2)]


def test_a_dead_pool_worker_is_one_clear_error():
    with LocalExecutor(2) as ex, pytest.raises(AlignKitError, match="worker process died"):
        list(ex.as_completed(_die, ["ok", "die", "ok", "ok"]))
