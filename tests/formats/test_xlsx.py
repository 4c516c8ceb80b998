"""The xlsx review round trip (issue 15): export, edit as a reviewer would with openpyxl, import."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from align_kit.formats.alignment_file import read_alignment, write_alignment
from align_kit.formats.xlsx import apply_xlsx, write_xlsx
from align_kit.model import bead_number

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpora" / "sample"
GLOSSARY = ROOT / "glossaries" / "democratic-forces.tbx"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "align_kit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def aligned(tmp_path_factory) -> Path:
    """A real sample group aligned by `align-kit run` (journalists: be, ru, en)."""
    root = tmp_path_factory.mktemp("xlsx")
    corpus = root / "corpus"
    corpus.mkdir()
    for p in SAMPLE.glob("journalists.*"):
        shutil.copy(p, corpus / p.name)
    res = _run("run", str(corpus), "--glossary", str(GLOSSARY), "-o", str(root / "out"),
               "--fail-on", "never", cwd=root)
    assert res.returncode == 0, res.stderr
    return root / "out" / "journalists" / "journalists.align.jsonl"


@pytest.fixture
def work(tmp_path, aligned) -> tuple[Path, Path]:
    """A copy of the alignment and its exported workbook (via the CLI)."""
    align = tmp_path / "j.align.jsonl"
    shutil.copy(aligned, align)
    res = _run("export", str(align), "--to", "xlsx", "-o", str(tmp_path / "rev") + "/",
               cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    book = tmp_path / "rev" / "journalists.xlsx"
    assert res.stdout.strip() == str(book)
    return align, book


def _col(ws, name: str) -> int:
    return [c.value for c in ws[1]].index(name) + 1


def test_workbook_layout(work):
    align, book = work
    a = read_alignment(align)
    wb = openpyxl.load_workbook(book)
    ws = wb["beads"]
    header = [c.value for c in ws[1]]
    assert header == ["bead", "be", "ru", "en", "confidence", "findings", "confirmed",
                      "align-kit id"]
    assert ws.max_row == len(a.beads) + 1
    assert ws.freeze_panes == "B2"
    assert ws.column_dimensions["H"].hidden and wb["align-kit"].sheet_state == "hidden"
    assert ws.cell(2, 1).alignment.wrap_text
    assert all(c.data_type in ("s", "n") for row in ws.iter_rows() for c in row)
    assert all(c.data_type == "s" for row in ws.iter_rows() for c in row if c.value is not None)
    for n, bead in enumerate(a.beads):
        row = ws[n + 2]
        assert row[0].value == str(bead_number(n))  # 1-based
        doc = a.documents[2]
        assert (row[3].value or "") == "\n".join(doc.segments[i].text for i in bead.indexes[2])
        assert row[4].value == f"{bead.score:.2f}"


def test_reviewer_edits_come_back(work, tmp_path):
    align, book = work
    before = read_alignment(align)
    wb = openpyxl.load_workbook(book)
    ws = wb["beads"]
    en, confirmed = _col(ws, "en"), _col(ws, "confirmed")
    # Bead 4 (row 5): the reviewer rewrites the English sentence.
    ws.cell(5, en).value = "As of 1 May, 37 journalists and media workers were in prison."
    # Bead 6 (row 7): a text a spreadsheet would take for a formula, typed as text ('=...).
    ws.cell(7, en).value = "=37 journalists, said BAJ."
    ws.cell(7, en).data_type = "s"
    # Bead 3 (row 4): confirmed.
    ws.cell(4, confirmed).value = "yes"
    wb.save(book)
    out = tmp_path / "after.align.jsonl"
    res = _run("import", str(book), "--into", str(align), "-o", str(out), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "2 bead(s) edited, 1 confirmed" in res.stderr
    after = read_alignment(out)
    k = after.languages.index("en")
    assert after.texts(after.beads[3])[k] == ("As of 1 May, 37 journalists and media workers "
                                              "were in prison.")
    assert after.texts(after.beads[5])[k] == "=37 journalists, said BAJ."
    assert "edited" in after.beads[3].flags and "edited" in after.beads[5].flags
    assert "reviewed" in after.beads[2].flags and "edited" not in after.beads[2].flags
    # The rest is unchanged: other beads, other languages, the document text around the edits.
    for n, (x, y) in enumerate(zip(before.beads, after.beads, strict=True)):
        if n not in (2, 3, 5):
            assert x == y and before.texts(x) == after.texts(y)
    for d0, d1 in zip(before.documents, after.documents, strict=True):
        if d0.language != "en":
            assert d0 == d1
        for s in d1.segments:
            assert d1.text[s.start:s.end].strip() == s.text
    old_en = before.documents[k]
    assert after.documents[k].text == old_en.text.replace(
        old_en.segments[before.beads[3].indexes[k][0]].text,
        "As of 1 May, 37 journalists and media workers were in prison.").replace(
        old_en.segments[before.beads[5].indexes[k][0]].text, "=37 journalists, said BAJ.")
    # Exported again, the "=" text is an escaped string cell, never a formula.
    again = tmp_path / "again.xlsx"
    write_xlsx(after, again)
    cell = openpyxl.load_workbook(again)["beads"].cell(7, en)
    assert cell.data_type == "s" and cell.value == "'=37 journalists, said BAJ."


def test_unchanged_workbook_changes_nothing(work, tmp_path):
    align, book = work
    result, notices = apply_xlsx(read_alignment(align), book)
    assert result == read_alignment(align)
    assert "0 bead(s) edited, 0 confirmed, 0 unconfirmed" in notices[-1].message


def test_sorted_rows_still_find_their_bead_and_lines_split_back(work):
    align, book = work
    base = read_alignment(align)
    wb = openpyxl.load_workbook(book)
    ws = wb["beads"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    rows.reverse()  # the reviewer sorted the sheet
    be, ru = _col(ws, "be"), _col(ws, "ru")
    k_ru = base.languages.index("ru")
    multi = next(n for n, b in enumerate(base.beads) if len(b.indexes[k_ru]) >= 2)
    for r, values in enumerate(rows, 2):
        for c, v in enumerate(values, 1):
            ws.cell(r, c).value = v
    target = next(r for r in range(2, ws.max_row + 1)
                  if ws.cell(r, 8).value == str(bead_number(multi)))
    lines = ws.cell(target, ru).value.split("\n")
    ws.cell(target, ru).value = "\n".join(f"{line} (!)" for line in lines)
    one = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 8).value == "1")
    ws.cell(one, be).value = ws.cell(one, be).value + "\nДругі сказ."
    wb.save(book)
    result, notices = apply_xlsx(base, book)
    side = result.beads[multi].indexes[k_ru]
    assert len(side) == len(lines)  # the same number of sentences, each edited in place
    assert [result.documents[k_ru].segments[i].text for i in side] == [f"{x} (!)" for x in lines]
    k_be = base.languages.index("be")
    assert len(result.beads[0].indexes[k_be]) == 2  # one more line: one more sentence
    assert result.documents[k_be].segments[1].text == "Другі сказ."
    assert any(n.code == "xlsx-lines" for n in notices)


def test_confirmed_cleared_and_deleted_rows(work, tmp_path):
    align, book = work
    base = read_alignment(align)
    from dataclasses import replace
    beads = list(base.beads)
    beads[1] = replace(beads[1], flags=beads[1].flags | {"reviewed"})
    base = replace(base, beads=tuple(beads))
    write_alignment(base, align)
    write_xlsx(base, book)
    wb = openpyxl.load_workbook(book)
    ws = wb["beads"]
    assert ws.cell(3, _col(ws, "confirmed")).value == "yes"
    ws.cell(3, _col(ws, "confirmed")).value = None
    ws.delete_rows(10)
    wb.save(book)
    result, notices = apply_xlsx(base, book)
    assert "reviewed" not in result.beads[1].flags
    assert result.beads[8] == base.beads[8]
    assert any(n.code == "xlsx-rows-missing" and "9" in n.message for n in notices)


def _edit(book: Path, fn) -> None:
    wb = openpyxl.load_workbook(book)
    fn(wb["beads"])
    wb.save(book)


@pytest.mark.parametrize("case,edit,message", [
    ("formula", lambda ws: setattr(ws.cell(3, 4), "value", "=1+1"),
     "row 3: the 'en' cell holds a formula"),
    ("confirmed", lambda ws: setattr(ws.cell(3, 7), "value", "maybe"),
     "row 3: confirmed must be yes or empty, not 'maybe'"),
    ("duplicate", lambda ws: [setattr(ws.cell(5, c), "value", ws.cell(4, c).value)
                              for c in range(1, 9)],
     "row 5 repeats bead 3 (also row 4)"),
    ("added", lambda ws: setattr(ws.cell(ws.max_row + 1, 2), "value", "Новы сказ."),
     "has no bead id"),
    ("id", lambda ws: setattr(ws.cell(3, 8), "value", "999"), "row 3: unknown bead id '999'"),
])
def test_bad_edits_are_refused_in_one_line(work, tmp_path, case, edit, message):
    align, book = work
    _edit(book, edit)
    out = tmp_path / "out.align.jsonl"
    res = _run("import", str(book), "--into", str(align), "-o", str(out), cwd=tmp_path)
    assert res.returncode == 2, res.stderr
    assert message in res.stderr and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and str(book) in res.stderr
    assert not out.exists()


def test_refusals(work, tmp_path):
    align, book = work
    out = tmp_path / "out.align.jsonl"
    res = _run("import", str(book), "-o", str(out), cwd=tmp_path)
    assert res.returncode == 2 and "needs --into" in res.stderr
    other = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["en", "be"])
    wb.active.append(["Hello", "Прывітанне"])
    wb.save(other)
    res = _run("import", str(other), "--into", str(align), "-o", str(out), cwd=tmp_path)
    assert res.returncode == 2 and "not an align-kit review workbook" in res.stderr
    fake = tmp_path / "fake.xlsx"
    fake.write_text("en,be\n", encoding="utf-8")
    res = _run("import", str(fake), "--into", str(align), "-o", str(out), cwd=tmp_path)
    assert res.returncode == 2 and "not an xlsx workbook" in res.stderr
    # The alignment changed since the export: an edit to a changed bead is refused.
    a = read_alignment(align)
    from align_kit.formats._edit import Edit, apply_edits
    changed = apply_edits(a, "en", {2: Edit("Changed meanwhile.")})
    moved = tmp_path / "changed.align.jsonl"
    write_alignment(changed, moved)
    _edit(book, lambda ws: setattr(ws.cell(4, 4), "value", "A reviewer's text."))
    res = _run("import", str(book), "--into", str(moved), "-o", str(out), cwd=tmp_path)
    assert res.returncode == 2 and "row 4 (bead 3): the alignment changed" in res.stderr
    for r in (res,):
        assert "Traceback" not in r.stderr
    assert not out.exists()
    # Export options that would leave beads out do not apply.
    res = _run("export", str(align), "--to", "xlsx", "--pair", "be-en", "-o", str(tmp_path / "x"),
               cwd=tmp_path)
    assert res.returncode == 2 and "do not apply to --to xlsx" in res.stderr
