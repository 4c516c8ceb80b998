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


def test_candidate_block_selects_as_the_dense_reference_even_with_ties():
    # Values on a coarse grid: many ties at every rank. The block's column-wise best (done
    # on the transpose, for speed) must be the selection np.argpartition makes down the
    # columns of the dense product, and its pairs each row's best, row ids global.
    from scipy import sparse

    from align_kit.pairing.scoring import candidate_block

    for seed in range(12):
        rows = sparse.random(37, 30, density=0.15, random_state=seed, format="csr")
        rows.data = np.round(rows.data * 3) / 3
        index_bt = sparse.random(30, 53, density=0.15, random_state=seed + 50, format="csr")
        index_bt.data = np.round(index_bt.data * 2) / 2
        rows, index_bt = rows.astype(np.float32), index_bt.astype(np.float32)
        dense = (rows @ index_bt).toarray()
        for top_k in (1, 3, 5):
            pairs, best_rows, best_vals = candidate_block((100, rows), index_bt=index_bt,
                                                          top_k=top_k)
            part = np.argpartition(-dense, top_k - 1, axis=0)[:top_k, :]
            assert np.array_equal(best_rows, (part + 100).T), (seed, top_k)
            assert np.array_equal(best_vals, np.take_along_axis(dense, part, axis=0).T)
            assert best_rows.dtype == np.int32 and best_rows.shape == (53, top_k)
            row_part = np.argpartition(-dense, top_k - 1, axis=1)[:, :top_k]
            expect = {(100 + r, int(c)) for r in range(37) for c in row_part[r]
                      if dense[r, c] > 0}
            assert pairs == expect
