"""`align_documents(..., fixed=...)`: reviewed beads stay as they are, the rest is aligned
between them, every segment once, in order (align/fixed.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from align_kit.align import align_documents
from align_kit.errors import InputError
from align_kit.ingest import read_document
from align_kit.model import Bead
from align_kit.pipeline import original_first
from align_kit.segment import segment_document

SAMPLE = Path(__file__).resolve().parents[2] / "corpora" / "sample"


def _documents(group: str, langs: tuple[str, ...]):
    files = [p for p in SAMPLE.iterdir() if p.name.split(".")[0] == group
             and p.name.split(".")[1] in langs]
    return [segment_document(d) for d in original_first([read_document(p) for p in files])]


def _covers(beads, documents) -> None:
    for k, doc in enumerate(documents):
        assert [i for b in beads for i in b.indexes[k]] == list(range(len(doc.segments)))


@pytest.mark.parametrize("langs", [("be", "en"), ("be", "en", "ru")])
def test_fixed_beads_are_kept_and_the_rest_aligned_around_them(langs):
    documents = _documents("journalists", langs)
    plain = align_documents(documents).beads
    # A reviewer's beads: one moved off the aligner's choice (two beads merged), flagged.
    merged = Bead(tuple(a + b for a, b in zip(plain[3].indexes, plain[4].indexes, strict=True)),
                  score=0.99, flags=frozenset({"reviewed"}))
    kept = [replace(plain[1], flags=frozenset({"edited"}), score=0.12), merged]
    beads = align_documents(documents, fixed=kept).beads
    _covers(beads, documents)
    assert kept[0] in beads and merged in beads  # as given: indexes, score and flags
    assert beads.index(merged) > beads.index(kept[0])
    # Outside the fixed beads, the normal aligner gives what it gave before.
    assert beads[-1].indexes == plain[-1].indexes


def test_fixed_beads_that_overlap_or_are_not_contiguous_are_refused():
    documents = _documents("journalists", ("be", "en"))
    with pytest.raises(InputError, match="overlap"):
        align_documents(documents, fixed=[Bead(((0, 1), (0,))), Bead(((1,), (1,)))])
    with pytest.raises(InputError, match="contiguous"):
        align_documents(documents, fixed=[Bead(((0, 2), (0,)))])


def test_a_fixed_bead_with_an_empty_side_and_one_at_the_end():
    documents = _documents("journalists", ("be", "en"))
    n0, n1 = (len(d.segments) for d in documents)
    fixed = [Bead(((2,), ()), flags=frozenset({"reviewed"})),
             Bead(((n0 - 1,), (n1 - 1,)), flags=frozenset({"reviewed"}))]
    beads = align_documents(documents, fixed=fixed).beads
    _covers(beads, documents)
    assert beads[-1] == fixed[1] and fixed[0] in beads
