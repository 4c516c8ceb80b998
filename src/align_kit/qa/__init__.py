"""General QA checks (Xbench / pofilter level), user checklists and accepted findings.

    from align_kit.qa import run_checks
    findings = run_checks(alignments)                      # general checks, no glossary
    findings = run_checks(alignments, glossary, skip={"length-ratio"})

Check ids, severities and the checklist and accepted-findings formats: docs/qa.md.
"""

from align_kit.qa.accepted import Fingerprints, load_accepted, write_accepted
from align_kit.qa.checklist import load_checklist
from align_kit.qa.general import GENERAL_CHECKS, check_general
from align_kit.qa.runner import registry, run_checks, select_checks

__all__ = ["GENERAL_CHECKS", "Fingerprints", "check_general", "load_accepted",
           "load_checklist", "registry", "run_checks", "select_checks", "write_accepted"]
