"""docs/robustness.md lists every case the matrix tests run."""

import test_paths as paths
import test_structured_inputs as structured
import test_text_inputs as text
from conftest import ROOT


def test_every_case_is_in_the_documented_matrix():
    doc = (ROOT / "docs" / "robustness.md").read_text(encoding="utf-8")
    cases = [*text.CASES, *structured.BAD_FILES, *structured.GLOSSARY_CASES,
             *(c for c, data in structured.ALIGNMENT_CASES.items() if data is not None),
             *paths.PARAMS]
    missing = [case for case in cases if f"| {case} |" not in doc]
    assert missing == [], "regenerate the tables with tests/robustness/make_matrix_doc.py"
    header = "| parameter | expects | " + " | ".join(paths.KINDS) + " |"
    assert header in doc, "regenerate the path table with tests/robustness/make_matrix_doc.py"
