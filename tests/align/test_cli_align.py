import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from align_kit.cli import cli

EN = "Tsikhanouskaya met Latushka in Vilnius on 9 July.\nThe meeting lasted two hours.\n"
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
    out = tmp_path / "o.jsonl"
    res = CliRunner().invoke(cli, ["align", a, b, "--format", "jsonl", "-o", str(out)])
    assert res.exit_code == 0
    import json

    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["indexes"] == {"en": [0, 1], "be": [0]}


def test_batch_mode(tmp_path):
    a, b = write(tmp_path, "x.en.txt", EN), write(tmp_path, "x.be.txt", BE)
    lst = write(tmp_path, "list.tsv", f"{a}\t{b}\n")
    res = CliRunner().invoke(cli, ["align", "--pairs", lst, "--out-dir", str(tmp_path / "o")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "o" / "x.en.beads").read_text().startswith("[0, 1]:[0]")


def test_missing_file_exits_2(tmp_path):
    a = write(tmp_path, "x.en.txt", EN)
    src = Path(__file__).resolve().parents[2] / "src"
    proc = subprocess.run([sys.executable, "-m", "align_kit", "align", a, str(tmp_path / "no")],
                          capture_output=True, text=True, env={"PYTHONPATH": str(src)})
    assert proc.returncode == 2
    assert "no such file" in proc.stderr and "Traceback" not in proc.stderr
