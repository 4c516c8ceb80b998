"""Reviewer edits as pure functions over Alignment: merge, split, move, mark reviewed."""

from __future__ import annotations

import pytest
from conftest import gold_alignment, small_alignment
from hypothesis import given, settings
from hypothesis import strategies as st

from align_kit.model import Alignment
from align_kit.report.edits import (
    EDITED,
    REVIEWED,
    EditError,
    mark_reviewed,
    merge_beads,
    move_segment,
    split_bead,
)


def kinds(alignment: Alignment) -> list[str]:
    return [b.kind for b in alignment.beads]


def assert_consistent(original: Alignment, edited: Alignment) -> None:
    """Every segment on every side is in exactly one bead, in document order."""
    for k, doc in enumerate(original.documents):
        order = [i for bead in edited.beads for i in bead.indexes[k]]
        assert order == list(range(len(doc.segments))), doc.id
    assert all(any(b.indexes) for b in edited.beads)


def test_merge_joins_two_beads_and_renumbers_findings(alignment):
    merged = merge_beads(alignment, 1)
    assert kinds(merged) == ["1-1-1", "2-2-2", "1-2-2", "1-1-1"]
    bead = merged.beads[1]
    assert bead.indexes == ((1, 2), (1, 2), (1, 2))
    assert bead.score == pytest.approx(0.42)
    assert EDITED in bead.flags
    # the finding on old bead 2 (en "prisoners of conscience") and old bead 3 follow
    by_check = {f.check: f.bead for f in merged.findings}
    assert by_check == {"forbidden-term": 1, "missing-term": 1, "untranslated": 2}
    assert_consistent(alignment, merged)
    assert alignment.beads[1].indexes == ((1,), (1,), (1,))  # the input is untouched


def test_merge_of_the_last_bead_or_an_unknown_bead_is_refused(alignment):
    with pytest.raises(EditError, match="last one"):
        merge_beads(alignment, 4)
    for bad in (5, -1, "2", True, None):
        with pytest.raises(EditError):
            merge_beads(alignment, bad)


def test_split_is_proportional_on_the_other_sides(alignment):
    # bead 3 is 1-2-2: split ru after its first sentence -> be/ru/en 1-1-1 + 0-1-1
    split = split_bead(alignment, 3, side=1, at=1)
    assert [b.indexes for b in split.beads[3:5]] == [((3,), (3,), (3,)), ((), (4,), (4,))]
    assert kinds(split) == ["1-1-1", "1-1-1", "1-1-1", "1-1-1", "0-1-1", "1-1-1"]
    assert split.beads[4].score == alignment.beads[3].score
    assert_consistent(alignment, split)


def test_split_can_detach_a_whole_side_and_take_explicit_cuts(alignment):
    detached = split_bead(alignment, 0, side=0, at=1)  # be stays, ru and en go to a new bead
    assert [b.indexes for b in detached.beads[:2]] == [((0,), (), ()), ((), (0,), (0,))]
    explicit = split_bead(alignment, 3, side=1, at=1, cuts=(1, 1, 2))
    assert [b.indexes for b in explicit.beads[3:5]] == [((3,), (3,), (3, 4)), ((), (4,), ())]
    assert_consistent(alignment, detached)
    assert_consistent(alignment, explicit)


def test_split_findings_follow_their_sentence():
    base = merge_beads(small_alignment(), 1)  # bead 1 = sentences 1-2 on every side
    split = split_bead(base, 1, side=2, at=1)
    by_check = {f.check: f.bead for f in split.findings}
    assert by_check["missing-term"] == 1  # ru "санкциям" is in sentence 1
    assert by_check["forbidden-term"] == 2  # en "prisoners of conscience" is in sentence 2


@pytest.mark.parametrize("bead, side, at", [(0, 0, 2), (0, 3, 0), (9, 0, 0), (2, 0, -1)])
def test_bad_splits_are_refused(alignment, bead, side, at):
    with pytest.raises(EditError):
        split_bead(alignment, bead, side, at)


def test_split_that_leaves_an_empty_bead_is_refused(alignment):
    with pytest.raises(EditError, match="empty bead"):
        split_bead(alignment, 0, side=0, at=1, cuts=(1, 1, 1))


def test_move_last_sentence_to_the_next_bead_and_back(alignment):
    moved = move_segment(alignment, 3, side=2, direction="next")  # en "It was the first..."
    assert moved.beads[3].indexes == ((3,), (3, 4), (3,))
    assert moved.beads[4].indexes == ((4,), (5,), (4, 5))
    back = move_segment(moved, 4, side=2, direction="prev")
    assert [b.indexes for b in back.beads] == [b.indexes for b in alignment.beads]
    assert_consistent(alignment, moved)


def test_move_that_empties_a_bead_removes_it(alignment):
    one = split_bead(alignment, 0, side=0, at=1)  # ((0,),(),()) + ((),(0,),(0,))
    moved = move_segment(one, 0, side=0, direction="next")
    assert moved.beads[0].indexes == ((0,), (0,), (0,))
    assert len(moved.beads) == len(alignment.beads)
    assert_consistent(alignment, moved)


def test_bad_moves_are_refused(alignment):
    with pytest.raises(EditError, match="no next bead"):
        move_segment(alignment, 4, 0, "next")
    with pytest.raises(EditError, match="no prev bead"):
        move_segment(alignment, 0, 0, "prev")
    with pytest.raises(EditError, match="direction"):
        move_segment(alignment, 1, 0, "up")
    empty_side = split_bead(alignment, 0, side=0, at=1)
    with pytest.raises(EditError, match="no sentence"):
        move_segment(empty_side, 0, 1, "next")


def test_mark_reviewed_sets_and_clears_the_flag(alignment):
    marked = mark_reviewed(alignment, 2)
    assert REVIEWED in marked.beads[2].flags
    assert marked.beads[2].indexes == alignment.beads[2].indexes
    assert REVIEWED not in mark_reviewed(marked, 2, reviewed=False).beads[2].flags
    # a structural edit clears it: the person has not seen the new bead yet
    assert REVIEWED not in merge_beads(marked, 2).beads[2].flags


EDIT = st.tuples(st.sampled_from(["merge", "split", "move", "review"]), st.integers(0, 40),
                 st.integers(0, 2), st.integers(0, 3), st.booleans())


@settings(max_examples=60, deadline=None)
@given(st.lists(EDIT, max_size=12))
def test_any_sequence_of_edits_keeps_every_sentence_once_in_order(steps):
    start = gold_alignment("journalists")
    current = start
    for op, bead, side, at, flag in steps:
        try:
            if op == "merge":
                current = merge_beads(current, bead)
            elif op == "split":
                current = split_bead(current, bead, side, at)
            elif op == "move":
                current = move_segment(current, bead, side, "next" if flag else "prev")
            else:
                current = mark_reviewed(current, bead, flag)
        except EditError:
            continue
        assert_consistent(start, current)
        assert all(f.bead is None or 0 <= f.bead < len(current.beads) for f in current.findings)


# --- segment text edits (issue 15): the document text stays consistent ---------------------

def _consistent(alignment) -> None:
    for doc in alignment.documents:
        for seg in doc.segments:
            assert doc.text[seg.start:seg.end] == seg.text
        for f in alignment.findings:
            if f.span is not None and f.document == doc.id:
                assert doc.text[f.span[0]:f.span[1]] == f.term
    for k, doc in enumerate(alignment.documents):
        assert sorted(i for b in alignment.beads for i in b.indexes[k]) == list(
            range(len(doc.segments)))


def test_edit_segment_text_rebuilds_the_text_and_later_spans(alignment):
    from align_kit.report.edits import EDITED, edit_segment_text

    changed = edit_segment_text(alignment, 2, 1, "Sviatlana Tsikhanouskaya  called\nfor more.")
    _consistent(changed)
    assert changed.documents[2].segments[1].text == "Sviatlana Tsikhanouskaya called for more."
    assert changed.documents[2].segments[2].text == alignment.documents[2].segments[2].text
    assert EDITED in changed.beads[1].flags and EDITED not in changed.beads[2].flags


def test_delete_and_insert_segments(alignment):
    from align_kit.report.edits import EditError, delete_segment, insert_segment

    gone = delete_segment(alignment, 1, 4)  # "Это была первая такая встреча."
    _consistent(gone)
    assert gone.beads[3].kind == "1-1-2" and "edited" in gone.beads[3].flags
    assert len(gone.documents[1].segments) == 5
    added = insert_segment(alignment, 0, 0, 1, "Новы сказ.")
    _consistent(added)
    assert added.beads[0].kind == "2-1-1"
    assert added.documents[0].segments[1].text == "Новы сказ."
    at_end = insert_segment(alignment, 4, 2, 1, "The end.")
    _consistent(at_end)
    assert at_end.documents[2].text.endswith("\n\nThe end.")
    with pytest.raises(EditError, match="empty"):
        insert_segment(alignment, 0, 0, 0, "  ")


def test_split_takes_one_position_per_side(alignment):
    from align_kit.report.edits import split_bead

    merged = merge_beads(alignment, 3)  # 2-3-3
    split = split_bead(merged, 3, 0, 1, cuts=[1, 2, 1])
    assert [b.kind for b in split.beads[3:5]] == ["1-2-1", "1-1-2"]


def test_explain_names_numbers_omissions_and_length(alignment):
    from dataclasses import replace

    from align_kit.align.explain import explain_bead
    from align_kit.model import Bead

    why = explain_bead(alignment, 1)  # Tsikhanouskaya on every side
    assert "names on every side: Святлана, Ціханоўская" in why
    beads = (*alignment.beads[:4], Bead(((4,), (), (5,)), 0.2))
    gapped = replace(alignment, beads=beads)
    assert "nothing on the Russian side: omission?" in explain_bead(gapped, 4)
    long_en = replace(alignment, beads=(*alignment.beads[:3], Bead(((3,), (3, 4), (3, 4, 5)),
                                                                    0.1), ))
    assert any("English is" in w and "as long as Belarusian" in w
               for w in explain_bead(long_en, 3)), explain_bead(long_en, 3)
