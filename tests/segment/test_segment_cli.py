"""`align-kit split`: plain lines, JSON spans, errors as one line and exit 2."""

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from align_kit.cli import cli

TEXT = "Ціханоўская сустрэлася з П. Латушкам у 2023 г. у Варшаве. Яны абмеркавалі санкцыі.\n\n" \
       "— Калі вы вернецеся?\n— Хутка.\n"


def test_split_prints_one_sentence_per_line(tmp_path):
    path = tmp_path / "a.be.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["split", str(path), "--lang", "be"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Ціханоўская сустрэлася з П. Латушкам у 2023 г. у Варшаве.",
        "Яны абмеркавалі санкцыі.",
        "— Калі вы вернецеся?",
        "— Хутка.",
    ]


def test_split_json_has_spans_kind_paragraph(tmp_path):
    path = tmp_path / "a.be.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["split", str(path), "--lang", "be", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["language"] == "be" and data["notices"] == []
    segments = data["segments"]
    assert [s["paragraph"] for s in segments] == [0, 0, 1, 1]
    assert {s["kind"] for s in segments} == {"sentence"}
    for s in segments:
        assert TEXT[s["start"]:s["end"]] == s["text"]


def test_split_reports_cut_sentences_on_stderr(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("слова " * 200, encoding="utf-8")
    result = CliRunner().invoke(cli, ["split", str(path), "--lang", "be", "--max-chars", "100"])
    assert result.exit_code == 0
    assert "over-long" in result.stderr
    assert all(len(line) <= 100 for line in result.stdout.splitlines())


def test_split_reads_legacy_encodings_through_ingest(tmp_path):
    path = tmp_path / "cp1251.txt"
    path.write_bytes("Прывітанне, Вільня. Санкцыі засталіся ў сіле.".encode("cp1251"))
    src = Path(__file__).resolve().parents[2] / "src"
    env = dict(os.environ, PYTHONPATH=str(src))
    proc = subprocess.run([sys.executable, "-m", "align_kit", "split", str(path), "--lang", "be"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["Прывітанне, Вільня.", "Санкцыі засталіся ў сіле."]


def test_split_undecodable_file_is_exit_2_with_its_name(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    src = Path(__file__).resolve().parents[2] / "src"
    env = dict(os.environ, PYTHONPATH=str(src))
    proc = subprocess.run([sys.executable, "-m", "align_kit", "split", str(path), "--lang", "be"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 2
    assert "broken.txt" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_split_missing_file_is_exit_2(tmp_path):
    result = CliRunner().invoke(cli, ["split", str(tmp_path / "nope.txt"), "--lang", "en"])
    assert result.exit_code == 2
    assert "nope.txt" in result.stderr
