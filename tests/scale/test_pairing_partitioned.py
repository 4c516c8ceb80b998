"""Pairing at archive scale (issue 20): candidate generation by blocks of documents, on
a real Dask cluster, gives exactly the single-machine result."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import archive

from align_kit.executors import batches, open_executor
from align_kit.ingest import read_folder
from align_kit.pairing import pair_documents
from align_kit.pairing.features import document_features
from align_kit.pairing.scoring import score_candidates


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    corpus = archive(tmp_path_factory.mktemp("pairing") / "archive", 40)
    docs, _ = read_folder(corpus, keep_going=True)
    return docs


@pytest.fixture(scope="module")
def cluster():
    with open_executor("dask", jobs=2) as executor:
        yield executor


def test_candidate_blocks_on_the_cluster_give_the_same_candidates(documents, cluster):
    feats = {lang: [document_features(d) for d in documents if d.language == lang]
             for lang in ("en", "be")}
    whole = score_candidates(feats["en"], feats["be"])
    for block in (1, 7, 16):
        parts = score_candidates(feats["en"], feats["be"], block=block, map_blocks=cluster.map)
        for name in ("rows", "cols", "similarity", "score", "length_ratio"):
            assert np.array_equal(getattr(whole, name), getattr(parts, name)), (block, name)
        assert parts.weights == whole.weights
        assert parts.usual_log_ratio == whole.usual_log_ratio


def test_pairing_on_the_cluster_gives_the_same_groups(documents, cluster):
    groups, unpaired = pair_documents(documents)
    assert len(groups) == 40 and not unpaired
    for block in (5, 512):
        got, got_unpaired = pair_documents(documents, map_fn=cluster.map, block=block)
        assert got == groups  # members, confidence, evidence and ids alike
        assert [d.id for d in got_unpaired] == [d.id for d in unpaired]


def test_reading_on_the_cluster_gives_the_same_documents(tmp_path, documents, cluster):
    corpus = archive(tmp_path / "archive", 40)
    here, notices = read_folder(corpus, keep_going=True)
    there, notices_there = read_folder(corpus, keep_going=True, map_read=cluster.map)
    assert here == there and notices == notices_there


def test_an_unreadable_file_read_on_the_cluster_is_the_same_notice(tmp_path, cluster):
    corpus = archive(tmp_path / "archive", 8)
    (corpus / "broken.en.txt").write_bytes(b"\x00\x01binary\x00" * 100)
    here, notices = read_folder(corpus, keep_going=True)
    there, notices_there = read_folder(corpus, keep_going=True, map_read=cluster.map)
    assert here == there and notices == notices_there
    assert any(n.code == "file-unreadable" and n.path.endswith("broken.en.txt")
               for n in notices_there)


def test_batches_cover_every_item_once_in_order():
    for n in (0, 1, 7, 100, 10_000):
        for workers in (1, 2, 16):
            parts = batches(n, workers)
            assert [k for part in parts for k in part] == list(range(n))
            assert all(1 <= len(part) <= 32 for part in parts)
    assert len(batches(10_000, 2)) == 313  # 32 groups a task: scheduling costs little
    assert len(batches(8, 2)) == 8  # few groups: one a task, both workers busy


def test_local_executor_yields_every_result_once():
    with open_executor("local", jobs=2) as executor:
        got = dict(executor.as_completed(abs, [-3, 1, -2, 5]))
    assert got == {0: 3, 1: 1, 2: 2, 3: 5}
