"""An HTML page saved as .txt is read as HTML, with a notice (issue 17), like a PDF as .txt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = """<!DOCTYPE html>
<html lang="be"><head><meta charset="utf-8"><title>Навіны</title></head>
<body><nav>Галоўная | Навіны</nav>
<article><h1>Санкцыі</h1>
<p>Рада Еўрапейскага саюза ўхваліла новы пакет санкцый супраць рэжыму.</p>
<p>Пакет закранае дзясяткі прадпрыемстваў і службовых асоб.</p></article>
</body></html>
"""


def _ingest(*args: str | os.PathLike) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "align_kit", "ingest", *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=120)


def test_an_html_page_saved_as_txt_is_read_as_html_with_a_notice(tmp_path):
    page = tmp_path / "sanctions.be.txt"
    page.write_text(PAGE, encoding="utf-8")
    done = _ingest(page, "--json")
    assert done.returncode == 0, done.stderr
    [doc] = json.loads(done.stdout)
    assert "<p>" not in doc["text"] and "<html" not in doc["text"]
    assert "Рада Еўрапейскага саюза" in doc["text"]
    assert "Галоўная" not in doc["text"]  # navigation left out, as for a .html file
    assert [n["code"] for n in doc["notices"]].count("html-in-text-file") == 1
    said = [line for line in done.stderr.splitlines() if "HTML page" in line]
    assert said == [f"align-kit: {page}: warning: this .txt file is an HTML page (it starts "
                    "with HTML markup): read as HTML, its tags left out; rename it .html to "
                    "say so"]


def test_prose_that_mentions_a_tag_stays_plain_text(tmp_path):
    text = tmp_path / "howto.en.txt"
    text.write_text("Put the title in the <head> element and the article in <body>.\n\n"
                    "Then save the page and publish it on the site.\n", encoding="utf-8")
    done = _ingest(text, "--json")
    assert done.returncode == 0, done.stderr
    [doc] = json.loads(done.stdout)
    assert "<head>" in doc["text"]
    assert "html-in-text-file" not in [n["code"] for n in doc["notices"]]
