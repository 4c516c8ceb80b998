"""The editor's file I/O: lossless round trip, numbered history, undo."""

from __future__ import annotations

import pytest
from conftest import small_alignment

from align_kit.errors import InputError
from align_kit.report.edits import merge_beads
from align_kit.report.storage import (
    file_version,
    history,
    load_alignment,
    locked,
    read_state,
    save_alignment,
    save_edit,
    undo,
    undo_depth,
)


def test_round_trip_keeps_documents_beads_and_findings(tmp_path):
    original = small_alignment()
    path = tmp_path / "meeting.align.jsonl"
    save_alignment(original, path)
    back = load_alignment(path)
    assert back.beads == original.beads
    assert back.findings == original.findings
    assert back.original == "be" and back.id == "meeting"
    for a, b in zip(back.documents, original.documents, strict=True):
        assert (a.id, a.language, a.text, a.segments) == (b.id, b.language, b.text, b.segments)


def test_parameters_survive_the_round_trip(tmp_path):
    path = tmp_path / "m.align.jsonl"
    alignment = small_alignment()
    matrix = [[1.0 if i == j else 0.25 for j in range(6)] for i in range(5)]
    save_alignment(type(alignment)(alignment.documents, alignment.beads,
                                   parameters={"similarity": matrix, "max_bead": 3}), path)
    assert dict(load_alignment(path).parameters) == {"similarity": matrix, "max_bead": 3}


def test_history_and_undo(tmp_path):
    path = tmp_path / "m.align.jsonl"
    save_alignment(small_alignment(), path)
    first = path.read_bytes()
    v1 = file_version(path)
    with locked(path):
        save_edit(merge_beads(load_alignment(path), 0), path)
        second = path.read_bytes()
        assert file_version(path) != v1
        save_edit(merge_beads(load_alignment(path), 0), path)
    kept = history(path)
    assert [p.name.split("-")[0] for p in kept] == ["000001", "000002", "000003"]
    # before the first edit, after each edit: the newest state is the file itself
    assert [read_state(k) for k in kept] == [first, second, path.read_bytes()]
    assert kept[-1].name == f"000003-{file_version(path)}.jsonl.gz"
    assert undo_depth(path) == 2
    with locked(path):
        assert undo(path)
        assert path.read_bytes() == second
        assert undo(path)
        assert not undo(path)
    assert path.read_bytes() == first and file_version(path) == v1
    assert undo_depth(path) == 0


def test_unreadable_files_raise_input_errors(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        load_alignment(tmp_path / "missing.align.jsonl")
    path = tmp_path / "bad.align.jsonl"
    save_alignment(small_alignment(), path)
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines[:3], '{"indexes": "oops"', *lines[4:]]) + "\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_alignment(path)
    assert err.value.line == 4
