import subprocess
import sys
from pathlib import Path

import polib
from click.testing import CliRunner

from align_kit.cli import cli
from align_kit.formats.alignment_file import read_alignment, write_alignment

from .samples import pair, three_way

SRC = str(Path(__file__).resolve().parents[2] / "src")
ENV = {"SOURCE_DATE_EPOCH": "1783593000"}


def _run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], env=ENV)
    return result


def test_export_import_export_changes_nothing(tmp_path):
    aligned = tmp_path / "cabinet.align.jsonl"
    write_alignment(three_way(), aligned)
    for to, out in (("tmx", tmp_path / "one.tmx"), ("po", tmp_path / "po"),
                    ("xliff", tmp_path / "xlf")):
        assert _run("export", aligned, "--to", to, "-o", out).exit_code == 0
    # TMX: import as a new alignment, export again: the same bytes.
    assert _run("import", tmp_path / "one.tmx", "-o", tmp_path / "back.align.jsonl").exit_code == 0
    assert _run("export", tmp_path / "back.align.jsonl", "--to", "tmx", "-o",
                tmp_path / "two.tmx").exit_code == 0
    assert (tmp_path / "one.tmx").read_bytes() == (tmp_path / "two.tmx").read_bytes()
    # PO and XLIFF: import into the alignment, export again over the files: nothing changes.
    po = tmp_path / "po" / "cabinet.be-en.po"
    xlf = tmp_path / "xlf" / "cabinet.be-ru.xlf"
    before = {p: p.read_bytes() for p in (po, xlf)}
    assert _run("import", po, "--into", aligned, "-o", aligned).exit_code == 0
    assert _run("import", xlf, "--into", aligned, "-o", aligned).exit_code == 0
    assert read_alignment(aligned) == three_way()
    assert _run("export", aligned, "--to", "po", "-o", tmp_path / "po").exit_code == 0
    assert _run("export", aligned, "--to", "xliff", "-o", tmp_path / "xlf").exit_code == 0
    assert {p: p.read_bytes() for p in (po, xlf)} == before


def test_translator_edits_flow_back_and_survive_reexport(tmp_path):
    aligned = tmp_path / "p.align.jsonl"
    write_alignment(pair(), aligned)
    assert _run("export", aligned, "--to", "po", "--pair", "be-en", "-o", tmp_path).exit_code == 0
    po_path = tmp_path / "prisoners.be-en.po"
    po = polib.pofile(str(po_path))
    po[3].msgstr = "Political prisoner No. 3 is still behind bars."
    po.save(str(po_path))
    result = _run("import", po_path, "--into", aligned, "-o", aligned, "--json")
    assert result.exit_code == 0, result.output
    assert '"written"' in result.output
    back = read_alignment(aligned)
    assert back.texts(back.beads[3])[1] == "Political prisoner No. 3 is still behind bars."
    assert "reviewed" in back.beads[3].flags


def test_pot_min_score_and_several_inputs(tmp_path):
    one, two = tmp_path / "a.align.jsonl", tmp_path / "b.align.jsonl"
    write_alignment(three_way(), one)
    write_alignment(pair("ru", doc_id="visas"), two)
    result = _run("export", one, two, "--to", "pot", "-o", tmp_path / "pot")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "pot").iterdir()) == ["cabinet.be.pot",
                                                                    "visas.be.pot"]
    result = _run("export", one, two, "--to", "tmx", "--min-score", "0.5", "-o",
                  tmp_path / "x.tmx")
    assert result.exit_code == 0
    assert (tmp_path / "x.tmx").read_text(encoding="utf-8").count("<tu ") == 4 + 16


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx><body><tu>", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "align_kit", "import", str(bad), "-o",
                          str(tmp_path / "x.align.jsonl")], capture_output=True, text=True,
                         env={"PYTHONPATH": SRC}, timeout=120)
    assert run.returncode == 2
    assert run.stderr.startswith(f"align-kit: error: {bad}:1: malformed TMX")
    assert len(run.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.align.jsonl").exists()
    (tmp_path / "notes.docx").write_bytes(b"x")
    result = _run("import", tmp_path / "notes.docx", "-o", tmp_path / "y.align.jsonl")
    assert result.exit_code == 2 and "cannot tell the format" in result.output
    aligned = tmp_path / "a.align.jsonl"
    write_alignment(three_way(), aligned)
    result = _run("export", aligned, "--to", "po", "--pair", "en-uk", "-o", tmp_path)
    assert result.exit_code == 2 and "no uk document" in result.output
