"""CSV/TSV glossaries are spreadsheet-safe and round-trip losslessly (issue 14, item 6)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys

import pytest
from conftest import ROOT

from align_kit.glossary import load_glossary

FORMULA = ("=", "+", "-", "@", "\t", "\r")

# Terms a real glossary holds that a spreadsheet would read as formulas.
SOURCE = (
    "id,en,be,note\n"
    "phone,+375,+375,country code\n"
    "suffix,-ism,-ізм,\"=1+1 is a note, with a comma\"\n"
    "handle,@viasna96,@viasna96,\"line one\nline two\"\n"
    "quote,'tis,п'еса,-\n"
)


def _run(*args: str, cwd) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "align_kit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def _terms(path) -> dict[str, list[str]]:
    g = load_glossary(path)
    return {e.id: [t.text for t in e.terms] for e in g.entries}


@pytest.mark.parametrize("ext,delimiter", [(".csv", ","), (".tsv", "\t")])
def test_convert_csv_tbx_csv_keeps_formula_like_terms(tmp_path, ext, delimiter):
    src = tmp_path / "g.csv"
    src.write_text(SOURCE, encoding="utf-8")
    tbx, out = tmp_path / "g.tbx", tmp_path / f"back{ext}"
    for a, b in ((src, tbx), (tbx, out)):
        res = _run("glossary", "convert", str(a), "-o", str(b), cwd=tmp_path)
        assert res.returncode == 0, res.stderr
    # A spreadsheet (here: the csv module) sees no cell that starts a formula ...
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=delimiter))
    assert all(cell[:1] not in FORMULA for row in rows for cell in row)
    header = rows[0]
    by_id = {r[0]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert by_id["phone"]["en"] == "'+375" and by_id["suffix"]["en"] == "'-ism"
    assert by_id["handle"]["en"] == "'@viasna96"
    assert by_id["quote"]["en"] == "'tis"  # an ordinary apostrophe is left alone
    assert len(rows) == 5  # the note's line break stayed inside its (quoted) cell
    # ... and the project's reader gives every term and note back unchanged.
    assert _terms(out) == _terms(src)
    assert _terms(src)["phone"] == ["+375", "+375"]
    notes = {e.id: e.note for e in load_glossary(out).entries}
    assert notes["suffix"] == "=1+1 is a note, with a comma" and notes["quote"] == "-"
    assert notes["handle"].split() == ["line", "one", "line", "two"]  # TBX folds white space


def test_csv_to_tsv_keeps_a_line_break_inside_one_cell(tmp_path):
    src, out = tmp_path / "g.csv", tmp_path / "g.tsv"
    src.write_text(SOURCE, encoding="utf-8")
    res = _run("glossary", "convert", str(src), "-o", str(out), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    assert len(rows) == 5 and len({len(r) for r in rows}) == 1
    notes = {e.id: e.note for e in load_glossary(out).entries}
    assert notes["handle"] == "line one\nline two"
    assert _terms(out) == _terms(src)


def test_a_spreadsheet_saved_prefix_is_read_as_text(tmp_path):
    # A reviewer typed '=x in a spreadsheet and saved it as CSV: the term is "=x".
    src = tmp_path / "g.csv"
    src.write_text("en,be\n'=x,'-ism\n", encoding="utf-8")
    assert _terms(src)["line-2"] == ["=x", "-ism"]
