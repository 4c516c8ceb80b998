import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from align_kit.cli import cli
from align_kit.formats.alignment_file import read_alignment

EN = "Tsikhanouskaya met Latushka in Vilnius on 9 July.\nThe meeting lasted two hours.\n"
GLOSSARY = str(Path(__file__).resolve().parents[2] / "glossaries" / "democratic-forces.tbx")
BE = "Ціханоўская сустрэлася з Латушкам у Вільні 9 ліпеня. Сустрэча доўжылася дзве гадзіны.\n"


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_align_two_files_beads_format(tmp_path):
    a, b = write(tmp_path, "x.en.txt", EN), write(tmp_path, "x.be.txt", BE)
    res = CliRunner().invoke(cli, ["align", a, b, "--format", "beads"])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("[0, 1]:[0]:")


def test_align_jsonl_and_tsv(tmp_path):
    a, b = write(tmp_path, "x.en.txt", EN), write(tmp_path, "x.be.txt", BE)
    res = CliRunner().invoke(cli, ["align", a, b, "--format", "tsv"])
    assert res.exit_code == 0 and "\t" in res.output
    out = tmp_path / "x.align.jsonl"
    res = CliRunner().invoke(cli, ["align", a, b, "--format", "jsonl", "-o", str(out)])
    assert res.exit_code == 0
    # The alignment file every later stage reads (it used to be a layout of its own that
    # check, export, report and review refused: "no header line").
    alignment = read_alignment(out)
    assert alignment.id == "x" and alignment.languages == ("en", "be")
    assert alignment.beads[0].indexes == ((0, 1), (0,))
    doc = alignment.documents[0]
    assert [doc.text[s.start:s.end] for s in doc.segments] == [s.text for s in doc.segments]
    for argv in (["check", str(out), "--glossary", GLOSSARY, "--fail-on", "never"],
                 ["export", str(out), "--to", "po", "-o", str(tmp_path / "po")],
                 ["report", str(out), "-o", str(tmp_path / "report.html")]):
        res = CliRunner().invoke(cli, argv)
        assert res.exit_code == 0, (argv, res.output)
    assert list((tmp_path / "po").glob("*.po"))


def test_batch_mode(tmp_path):
    a, b = write(tmp_path, "x.en.txt", EN), write(tmp_path, "x.be.txt", BE)
    lst = write(tmp_path, "list.tsv", f"{a}\t{b}\n")
    res = CliRunner().invoke(cli, ["align", "--pairs", lst, "-o", str(tmp_path / "o")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "o" / "x.en.beads").read_text().startswith("[0, 1]:[0]")


def test_missing_file_exits_2(tmp_path):
    a = write(tmp_path, "x.en.txt", EN)
    src = Path(__file__).resolve().parents[2] / "src"
    proc = subprocess.run([sys.executable, "-m", "align_kit", "align", a, str(tmp_path / "no")],
                          capture_output=True, text=True, env={"PYTHONPATH": str(src)})
    assert proc.returncode == 2
    assert "no such file" in proc.stderr and "Traceback" not in proc.stderr
