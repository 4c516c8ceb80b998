"""Text, JSON and HTML reports of findings."""

from __future__ import annotations

import json

from helpers import alignment
from lxml import html as lxml_html

from align_kit.glossary import check_alignment, reaches, render_html, render_json, render_text


def _findings(glossary, matcher):
    be = ["Каардынацыйная рада <script>alert(1)</script> сабралася.", "Фота з Вільні."]
    en = ["The Coordinating Council <script>alert(1)</script> met.", "Photo from Wilno."]
    a = alignment({"be": be, "en": en})
    return a, check_alignment(a, glossary, matcher=matcher)


def test_text_report_groups_by_document(glossary, matcher):
    _, findings = _findings(glossary, matcher)
    text = render_text(findings)
    lines = text.splitlines()
    assert lines[0] == "art.en"
    assert "error   bead 1 " in lines[1] and "[forbidden-term]" in lines[1]  # 1-based
    assert lines[-1] == "2 findings: 2 errors, 0 warnings, 0 info"
    assert render_text([]) == "No findings.\n"


def test_json_report_for_ci(glossary, matcher):
    _, findings = _findings(glossary, matcher)
    data = json.loads(render_json(findings))
    assert data["summary"] == {"error": 2, "warning": 0, "info": 0}
    first = data["findings"][0]
    assert first["check"] == "forbidden-term" and first["document"] == "art.en"
    assert first["span"] == [4, 24] and first["expected"] == ["Coordination Council"]
    assert first["bead"] == 1 and first["bead_index"] == 0  # number people read; code's index
    assert reaches(findings, "error") and reaches(findings, "warning")
    assert not reaches([], "info")


def test_html_report_escapes_everything_and_highlights_the_span(glossary, matcher):
    a, findings = _findings(glossary, matcher)
    page = render_html(findings, [a])
    assert "<script>" not in page and "&lt;script&gt;" in page
    tree = lxml_html.fromstring(page)
    marks = [m.text for m in tree.iter("mark")]
    assert marks == ["Coordinating Council", "Wilno"]
    assert tree.findtext(".//h2") == "art.en"
    assert "<link" not in page and "src=" not in page  # self-contained
    beads = [row.findall("td")[1].text for row in tree.iter("tr") if row.findall("td")]
    assert beads == ["1", "2"]  # 1-based, as the text report and every export
