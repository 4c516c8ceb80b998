import json

import pytest

from align_kit.errors import FormatError
from align_kit.formats.alignment_file import read_alignment, write_alignment
from align_kit.model import Alignment

from .samples import pair, three_way


def test_round_trip_is_lossless_for_every_field(tmp_path):
    alignment = three_way()
    path = tmp_path / "cabinet.align.jsonl"
    write_alignment(alignment, path)
    back = read_alignment(path)
    assert back == alignment
    # Field by field, so a failure says which one.
    for a, b in zip(alignment.documents, back.documents, strict=True):
        assert (a.text, a.paragraphs, a.segments, dict(a.metadata), a.notices, a.checksum) == \
            (b.text, b.paragraphs, b.segments, dict(b.metadata), b.notices, b.checksum)
        for seg in b.segments:  # spans stay valid
            assert b.text[seg.start:seg.end] == seg.text
    assert back.beads == alignment.beads
    assert back.findings == alignment.findings
    assert dict(back.parameters) == dict(alignment.parameters)
    assert (back.original, back.id) == ("be", "cabinet")


def test_layout_header_then_one_line_per_bead(tmp_path):
    path = tmp_path / "a.align.jsonl"
    write_alignment(three_way(), path)
    lines = path.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    assert header["format"] == "align-kit-alignment" and header["version"] == 1
    assert header["languages"] == ["be", "ru", "en"] and header["original"] == "be"
    assert header["tool"]["name"] == "align-kit"
    assert header["documents"][0]["source"] == "corpora/sample/cabinet.be.md"
    assert header["documents"][0]["checksum"] == "sha256:0f00"
    assert len(lines) == 1 + 7
    bead2 = json.loads(lines[3])
    assert bead2["type"] == "2-1-2" and bead2["indexes"] == [[2, 3], [2], [2, 3]]
    assert bead2["texts"][2] == 'Pavel Latushka spoke about new sanctions. He added: "The ' \
        'pressure must grow."'
    assert bead2["findings"][0]["term"] == "Латушко"
    bead3 = json.loads(lines[4])
    assert bead3["flags"] == ["mt"] and "en" in bead3["drafts"]
    # Findings that name no bead live in the header.
    assert [f["check"] for f in header["findings"]] == ["length"]


def _corrupt(tmp_path, edit):
    path = tmp_path / "a.align.jsonl"
    write_alignment(pair(), path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    edit(lines)
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(("edit", "line", "words"), [
    (lambda ls: ls.__setitem__(3, "{not json\n"), 4, "not valid JSON"),
    (lambda ls: ls.__setitem__(5, ls[5].replace('"indexes":[[4],[4]]', '"indexes":[[4],[99]]')),
     6, "do not name segments"),
    (lambda ls: ls.__setitem__(2, ls[2].replace("Political", "Politikal")), 3, "texts differ"),
    (lambda ls: ls.__setitem__(2, ls[2].replace('"score":', '"scor":')), 3, "missing field"),
    (lambda ls: ls.__setitem__(0, ls[0].replace("Палітвязень нумар 3", "Палітвязень нумар 8")),
     1, "checksum"),
    (lambda ls: ls.__setitem__(0, '{"format": "something-else"}\n'), 1, "not an align-kit"),
])
def test_malformed_files_name_the_line(tmp_path, edit, line, words):
    path = _corrupt(tmp_path, edit)
    with pytest.raises(FormatError) as info:
        read_alignment(path)
    assert info.value.line == line
    assert words in info.value.message
    assert str(path) in str(info.value)


def test_truncated_file_is_refused(tmp_path):
    path = _corrupt(tmp_path, lambda ls: ls.__delitem__(slice(10, None)))
    with pytest.raises(FormatError, match="truncated"):
        read_alignment(path)


@pytest.mark.parametrize("content", [b"", b"\n\n", b"\xff\xfe\x00garbage"])
def test_empty_or_binary_files(tmp_path, content):
    path = tmp_path / "x.align.jsonl"
    path.write_bytes(content)
    with pytest.raises(FormatError):
        read_alignment(path)


def test_folder_and_missing_file(tmp_path):
    with pytest.raises(FormatError, match="folder"):
        read_alignment(tmp_path)
    with pytest.raises(FormatError, match="cannot read"):
        read_alignment(tmp_path / "missing.align.jsonl")


def test_parameters_that_json_cannot_hold_are_refused(tmp_path):
    bad = Alignment(pair().documents, pair().beads, parameters={"model": object()})
    with pytest.raises(FormatError, match="JSON"):
        write_alignment(bad, tmp_path / "a.align.jsonl")
    assert not list(tmp_path.iterdir())
