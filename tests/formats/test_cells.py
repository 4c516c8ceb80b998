"""Spreadsheet-safe cells (formats/cells.py) and `align --format tsv` (issue 14, item 6)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from align_kit.formats.cells import (
    escape_cell,
    read_tsv_row,
    tsv_field,
    tsv_row,
    tsv_unfield,
    unescape_cell,
)

ROOT = Path(__file__).resolve().parents[2]

TRICKY = ["=1+1", "+375 29 123", "-ism", "@SUM(A1)", "\tx", "\rx", "'=x", "''", "'", "'tis",
          "plain", "", "a=b", "'-'", "\\t", "a\tb\nc\\d\r"]


@pytest.mark.parametrize("text", TRICKY)
def test_escape_round_trips(text):
    assert unescape_cell(escape_cell(text)) == text
    assert tsv_unfield(tsv_field(text)) == text


@pytest.mark.parametrize("text", ["=1+1", "+375", "-ism", "@x", "\tx", "\rx"])
def test_formula_starts_get_a_quote(text):
    assert escape_cell(text) == "'" + text


def test_harmless_text_is_unchanged():
    for text in ["plain", "a=b", "'tis", "п'еса", "'", ""]:
        assert escape_cell(text) == text and unescape_cell(text) == text


def test_tsv_field_never_holds_a_tab_or_line_break():
    field = tsv_field("one\ttwo\nthree\r\\")
    assert "\t" not in field and "\n" not in field and "\r" not in field
    assert field == "one\\ttwo\\nthree\\r\\\\"
    assert read_tsv_row(tsv_row(["=a", "b\tc", "d\ne"]) + "\n") == ["=a", "b\tc", "d\ne"]


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "align_kit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_align_tsv_is_spreadsheet_safe(tmp_path):
    # Sentences that start a formula, and a TAB inside a sentence (issue 14, item 6).
    en = ["=HYPERLINK(\"http://x\",\"click\") was in the text.", "The tab\tis here.",
          "-5 degrees in Minsk.", "@home they said: +375 is the code."]
    be = ["=HYPERLINK(\"http://x\",\"click\") быў у тэксце.", "Табуляцыя\tтут.",
          "-5 градусаў у Мінску.", "@дома казалі: +375 — гэта код."]
    (tmp_path / "x.en.txt").write_text("\n".join(en) + "\n", encoding="utf-8")
    (tmp_path / "x.be.txt").write_text("\n".join(be) + "\n", encoding="utf-8")
    out = tmp_path / "x.tsv"
    res = _run("align", "x.en.txt", "x.be.txt", "--format", "tsv", "-o", str(out), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) == 4 and all(len(r) == 3 for r in rows)  # no extra column or row
    for row in rows:
        assert all(cell[:1] not in ("=", "+", "-", "@", "\t", "\r") for cell in row)
    assert rows[0][1].startswith("'=HYPERLINK")
    assert rows[1][1] == "The tab\\tis here."
    # The project's reader gives the sentences back exactly.
    back = [read_tsv_row(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r[1] for r in back] == en and [r[2] for r in back] == be
