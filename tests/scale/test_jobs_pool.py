"""`run --jobs 2` (the local process pool) sends documents to worker processes: they
must pickle (their metadata is a read-only mapping), else the pool hangs."""

from __future__ import annotations

import pickle

from conftest import SAMPLE, alignment_files, cli

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
