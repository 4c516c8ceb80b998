"""Glossary enforcement: TBX/CSV/TSV glossaries, inflection-aware matching, QA checks, reports.

    glossary = load_glossary("glossaries/democratic-forces.tbx")
    matcher = TermMatcher(glossary)
    matcher.find("Каардынацыйнай радзе", "be")   # -> [TermMatch(entry=..., span=(0, 20))]
    findings = check_alignment(alignment, glossary, matcher=matcher)
    print(render_text(findings))
"""

from align_kit.glossary.checks import CHECKS, check_alignment, check_corpus, numbers
from align_kit.glossary.files import load_glossary, parse_glossary, save_glossary
from align_kit.glossary.matcher import TermMatch, TermMatcher
from align_kit.glossary.report import (
    findings_json,
    reaches,
    render_html,
    render_json,
    render_text,
    summary,
)
from align_kit.glossary.stats import glossary_stats
from align_kit.glossary.tabular import write_table
from align_kit.glossary.tbx import write_tbx

__all__ = [
    "CHECKS", "TermMatch", "TermMatcher", "check_alignment", "check_corpus", "findings_json",
    "glossary_stats", "load_glossary", "numbers", "parse_glossary", "reaches", "render_html",
    "render_json", "render_text", "save_glossary", "summary", "write_table", "write_tbx",
]
