"""`align-kit report` and `align-kit review` on the command line."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, gold_alignment

from align_kit.cli import cli
from align_kit.report.storage import save_alignment


def test_report_command_writes_one_html_file(tmp_path, alignment_file):
    other = tmp_path / "journalists.align.jsonl"
    save_alignment(gold_alignment("journalists"), other)
    out = tmp_path / "out" / "report.html"
    result = CliRunner().invoke(cli, ["report", str(alignment_file), str(other), "-o", str(out),
                                      "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["groups"] == 2 and summary["beads"] == 5 + 17
    assert summary["findings"] == {"error": 1, "warning": 1, "info": 1}
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.count('<section class="group"') == 2
    result = CliRunner().invoke(cli, ["report", str(alignment_file), "-o", str(out),
                                      "--title", "Meeting"])
    assert result.exit_code == 0
    assert result.output.startswith(f"wrote {out}: 1 group(s), 5 beads, 2 below 0.50")


def test_report_command_rejects_a_missing_or_broken_file(tmp_path):
    broken = tmp_path / "broken.align.jsonl"
    broken.write_text("not json at all\n", encoding="utf-8")
    for path in (tmp_path / "missing.align.jsonl", broken):
        result = subprocess.run(
            [sys.executable, "-m", "align_kit", "report", str(path), "-o",
             str(tmp_path / "r.html")], capture_output=True, text=True, timeout=60,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        assert result.returncode == 2
        assert result.stderr.startswith("align-kit: error: ") and "Traceback" not in result.stderr
        assert str(path) in result.stderr
    assert not (tmp_path / "r.html").exists()


def test_review_command_serves_until_stopped(alignment_file):
    proc = subprocess.Popen(
        [sys.executable, "-m", "align_kit", "review", str(alignment_file), "--no-browser"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    try:
        line = proc.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+/)\?token=([\w-]+)", line)
        url, token = found.group(1), found.group(2)
        with urllib.request.urlopen(f"{url}api/alignment?token={token}", timeout=10) as response:
            assert json.loads(response.read())["file"] == Path(alignment_file).name
        with pytest.raises(urllib.error.HTTPError) as refused:  # without the token: 403
            urllib.request.urlopen(url + "api/alignment", timeout=10)
        assert refused.value.code == 403
    finally:
        proc.terminate()
        proc.wait(10)


def test_review_command_reports_a_busy_port(alignment_file):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["review", str(alignment_file), "--port", str(port),
                                          "--no-browser"])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output


def test_report_command_marks_glossary_terms(tmp_path, alignment_file):
    import pytest

    glossary = ROOT / "glossaries" / "democratic-forces.tbx"
    try:
        from align_kit.glossary import TermMatcher  # noqa: F401
    except ImportError:
        pytest.skip("the glossary stage (align_kit.glossary.TermMatcher) is not merged yet")
    if not glossary.exists():
        pytest.skip("glossaries/democratic-forces.tbx is not merged yet")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", str(alignment_file), "-o", str(out),
                                      "--glossary", str(glossary)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count('<span class="term"') >= 3
