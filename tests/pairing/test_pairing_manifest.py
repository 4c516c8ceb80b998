"""The editable manifest: write, read back, and clear line-numbered errors."""

from __future__ import annotations

import os

import pytest
from pairing_articles import GROUPS, ORPHANS

from align_kit.errors import FormatError, InputError
from align_kit.formats.manifest import read_manifest, write_manifest
from align_kit.model import Document
from align_kit.pairing import pair_documents


def corpus(tmp_path):
    """Articles on disk (names that say nothing) and their Documents."""
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    docs = []
    n = 0
    for name, texts in GROUPS.items():
        for lang, text in texts.items():
            n += 1
            path = folder / ("sub" if n % 2 else "") / f"article-{n:02d}.txt"
            path.write_text(text, encoding="utf-8")
            docs.append(Document(id=f"{name}-{lang}", language=lang, text=text,
                                 source=str(path)))
    path = folder / "lonely.txt"
    path.write_text(ORPHANS["ru"], encoding="utf-8")
    docs.append(Document(id="lonely", language="ru", text=ORPHANS["ru"], source=str(path)))
    return folder, docs


def test_round_trip_with_documents(tmp_path):
    folder, docs = corpus(tmp_path)
    groups, unpaired = pair_documents(docs)
    manifest = folder / "manifest.tsv"
    write_manifest(groups, docs, manifest)
    text = manifest.read_text(encoding="utf-8")
    assert text.startswith("# align-kit pairing manifest")
    rows = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    assert rows[0] == ["en", "be", "ru", "confidence", "evidence"]
    assert len(rows) == 1 + len(groups) + len(unpaired)
    assert ["", "", "lonely.txt", "", "no counterpart found"] in rows
    assert all(len(r) == 5 for r in rows)
    back = read_manifest(manifest, docs)
    assert {frozenset(g.members.items()) for g in back} == {
        frozenset(g.members.items()) for g in groups}
    by_members = {frozenset(g.members.items()): g for g in groups}
    for b in back:
        g = by_members[frozenset(b.members.items())]
        assert abs(g.confidence - b.confidence) < 1e-3
        assert b.evidence == g.evidence
    # No temporary files left beside it.
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["sub", "manifest.tsv", "lonely.txt"] + [p.name for p in folder.glob("article-*.txt")])


def test_paths_are_relative_to_the_manifest(tmp_path):
    folder, docs = corpus(tmp_path)
    groups, _ = pair_documents(docs)
    manifest = tmp_path / "elsewhere" / "m.tsv"
    write_manifest(groups, docs, manifest)
    cells = [c for line in manifest.read_text(encoding="utf-8").splitlines()
             if not line.startswith("#") for c in line.split("\t")[:3] if c][3:]
    assert cells and all(c.startswith("../batch/") for c in cells)
    # Without documents, files are checked on disk and named as written.
    back = read_manifest(manifest)
    assert all(os.path.isfile(manifest.parent / p) for g in back for p in g.members.values())


def test_human_edit_is_read_back(tmp_path):
    folder, docs = corpus(tmp_path)
    groups, _ = pair_documents(docs)
    manifest = folder / "manifest.tsv"
    write_manifest(groups, docs, manifest)
    lines = manifest.read_text(encoding="utf-8").splitlines()
    # A person moves the orphan Russian article into the first group's ru cell
    # (and drops that group's Russian file into a row of its own).
    first = next(i for i, line in enumerate(lines) if "\t" in line and not
                 line.startswith(("#", "en\t")))
    cells = lines[first].split("\t")
    old_ru = cells[2]
    cells[2], cells[3] = "lonely.txt", ""
    lines[first] = "\t".join(cells)
    lines = [line for line in lines if not line.startswith("\t\tlonely.txt")]
    lines.append(f"\t\t{old_ru}\t\t")
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    back = read_manifest(manifest, docs)
    (edited,) = [g for g in back if g.members["ru"] == "lonely"]
    assert edited.confidence == 1.0
    assert len(back) == len(groups)


HEADER = "en\tbe\tru\tconfidence\tevidence\n"


def write(tmp_path, body: str, files=("a.txt", "b.txt", "c.txt")):
    for name in files:
        (tmp_path / name).write_text("x", encoding="utf-8")
    path = tmp_path / "manifest.tsv"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize("body, line, words", [
    ("# c\n" + HEADER + "a.txt\tmissing.txt\t\t0.9\t\n", 3, "unknown file 'missing.txt'"),
    (HEADER + "a.txt\tb.txt\t\t\t\n\tc.txt\ta.txt\t\t\n", 3, "already in the group on line 2"),
    (HEADER + "a.txt\tb.txt\t\t\n", 2, "4 columns, the header has 5"),
    (HEADER + "a.txt\tb.txt\tc.txt\t\t\textra\n", 2, "6 columns"),
    (HEADER + "a.txt\tb.txt\t\tsure\t\n", 2, "confidence 'sure'"),
    (HEADER + "a.txt\tb.txt\t\t1.5\t\n", 2, "from 0 to 1"),
    ("english\tbelarusian\n", 1, "header row"),
    ("en\ten\tconfidence\n", 1, "header row"),
])
def test_errors_name_the_line(tmp_path, body, line, words):
    path = write(tmp_path, body)
    with pytest.raises(FormatError) as err:
        read_manifest(path)
    assert err.value.line == line and words in str(err.value)
    assert str(path) in str(err.value) and err.value.hint


def test_no_header_missing_file_and_bad_encoding(tmp_path):
    with pytest.raises(FormatError, match="no header"):
        read_manifest(write(tmp_path, "# only comments\n\n"))
    with pytest.raises(InputError, match="not found"):
        read_manifest(tmp_path / "nope.tsv")
    bad = tmp_path / "cp1251.tsv"
    bad.write_bytes(HEADER.encode() + "а.txt\tб.txt\t\t\t\n".encode("cp1251"))
    with pytest.raises(FormatError, match="not UTF-8"):
        read_manifest(bad)


def test_language_column_must_match_the_document(tmp_path):
    docs = [Document(id="a", language="en", text="x", source=str(tmp_path / "a.txt")),
            Document(id="b", language="ru", text="x", source=str(tmp_path / "b.txt"))]
    path = write(tmp_path, HEADER + "a.txt\tb.txt\t\t\t\n")
    with pytest.raises(FormatError, match="in the be column but its text is ru") as err:
        read_manifest(path, docs)
    assert err.value.line == 2
    path.write_text(HEADER + "a.txt\t\tb.txt\t\t\n", encoding="utf-8")
    (group,) = read_manifest(path, docs)
    assert dict(group.members) == {"en": "a", "ru": "b"}


def test_single_file_rows_and_blank_lines_are_not_groups(tmp_path):
    path = write(tmp_path, HEADER + "\n" + "a.txt\t\t\t\t\n\t\t\t\t\n" +
                 "b.txt\t\tc.txt\t0.75\tnumbers 12 | names Латушка\n")
    (group,) = read_manifest(path)
    assert dict(group.members) == {"en": "b.txt", "ru": "c.txt"}
    assert group.confidence == 0.75 and group.evidence == ("numbers 12", "names Латушка")


def test_utf8_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "m.tsv"
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    path.write_bytes(("\ufeff" + HEADER + "a.txt\tb.txt\t\t\t\n").replace("\n", "\r\n")
                     .encode("utf-8"))
    (group,) = read_manifest(path)
    assert dict(group.members) == {"en": "a.txt", "be": "b.txt"}


def test_write_refuses_unknown_member(tmp_path):
    from align_kit.model import DocumentGroup
    doc = Document(id="a", language="en", text="x")
    with pytest.raises(InputError, match="not among the documents"):
        write_manifest([DocumentGroup(members={"en": "a", "be": "zzz"})], [doc],
                       tmp_path / "m.tsv")
    assert not (tmp_path / "m.tsv").exists()


def test_file_names_that_look_like_formulas_are_escaped_and_read_back(tmp_path):
    # A manifest is edited in a spreadsheet: a file named "=cmd.txt" must stay text there.
    folder, docs = corpus(tmp_path)
    renamed = []
    for doc in docs:
        path = os.path.join(os.path.dirname(doc.source), "=" + os.path.basename(doc.source))
        os.rename(doc.source, path)
        renamed.append(Document(id=doc.id, language=doc.language, text=doc.text, source=path))
    groups, _ = pair_documents(renamed)
    manifest = folder / "manifest.tsv"
    write_manifest(groups, renamed, manifest)
    cells = [c for line in manifest.read_text(encoding="utf-8").splitlines()
             if not line.startswith("#") for c in line.split("\t")]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert any(c.startswith("'=") for c in cells)
    back = read_manifest(manifest, renamed)
    assert {frozenset(g.members.items()) for g in back} == {
        frozenset(g.members.items()) for g in groups}
