"""align-kit glossary validate | convert | stats."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from click.testing import CliRunner
from conftest import ROOT
from helpers import alignment

from align_kit.cli import cli
from align_kit.formats.alignment_file import write_alignment

TBX = str(ROOT / "glossaries" / "democratic-forces.tbx")


def test_validate_ok_and_json():
    result = CliRunner().invoke(cli, ["glossary", "validate", TBX])
    assert result.exit_code == 0 and "0 notices" in result.output
    result = CliRunner().invoke(cli, ["glossary", "validate", "--json", TBX])
    assert json.loads(result.output)["entries"] >= 40


def test_validate_conflict_exits_1_with_the_line(tmp_path):
    bad = tmp_path / "g.csv"
    bad.write_text("en,en_forbidden\nBelarus,\nMinsk,Belarus\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "validate", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:3: error:" in result.output


def test_convert_and_stats(tmp_path):
    out = tmp_path / "g.csv"
    result = CliRunner().invoke(cli, ["glossary", "convert", TBX, "-o", str(out)])
    assert result.exit_code == 0 and out.exists()
    result = CliRunner().invoke(cli, ["glossary", "stats", "--json", str(out)])
    stats = json.loads(result.output)
    assert stats["entries"] >= 40 and stats["forbidden_terms"]["en"] > 10
    result = CliRunner().invoke(cli, ["glossary", "stats", str(out)])
    assert "be:" in result.output and "forbidden" in result.output


def test_malformed_file_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "g.tbx"
    bad.write_text("<martif><text><body><termEntry></body></martif>", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.run([sys.executable, "-m", "align_kit", "glossary", "validate", str(bad)],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "not well-formed XML" in proc.stderr
    assert "Traceback" not in proc.stderr


def _align_kit(*args: str, cwd) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "align_kit", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=120)


def test_check_prints_the_glossarys_conflicts(tmp_path):
    path = tmp_path / "a.align.jsonl"
    write_alignment(alignment({"en": ["Minsk is the capital.", "Vilnius hosted the talks."],
                               "be": ["Мінск - сталіца.", "Вільня прыняла перамовы."]}), path)
    (tmp_path / "g.csv").write_text("id,en,en_forbidden\nc,Vilnius,\nd,Minsk,Vilnius\n",
                                    encoding="utf-8")
    done = _align_kit("check", str(path), "--glossary", "g.csv", cwd=tmp_path)
    assert "Traceback" not in done.stderr
    assert "g.csv:3: error:" in done.stderr and "approved in entry" in done.stderr, done.stderr
