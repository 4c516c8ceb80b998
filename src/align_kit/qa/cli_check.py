"""What `align-kit check` does, kept out of cli.py (which only declares the options)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence

from align_kit.errors import InputError
from align_kit.model import Finding


def _ids(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _severities(values: Sequence[str]) -> dict[str, str]:
    out = {}
    for value in values:
        name, sep, level = value.partition("=")
        if not sep or not name.strip() or not level.strip():
            raise InputError(f"--severity {value!r} is not ID=LEVEL",
                             hint="e.g. --severity quotes=error")
        out[name.strip()] = level.strip().lower()
    return out


def run_check(alignments: Sequence[str], *, glossary_path: str | None, fmt: str,
              out: str | None, fail_on: str, only: str | None, skip: str | None,
              severity: Sequence[str], checklist_path: str | None, accepted_path: str | None,
              accept_all: str | None, echo: Callable[..., None]) -> int:
    """Run the checks and write the report; the exit code (0, or 1 at --fail-on)."""
    from align_kit.formats import qa_table
    from align_kit.formats.alignment_file import read_alignment
    from align_kit.formats.atomic import all_or_nothing, write_text_atomic
    from align_kit.formats.names import output_path
    from align_kit.glossary import findings_json, load_glossary, reaches, render_html, render_text
    from align_kit.qa.accepted import Fingerprints, load_accepted, write_accepted
    from align_kit.qa.checklist import load_checklist
    from align_kit.qa.runner import registry, run_checks

    if out:  # a folder (trailing / or existing): the report inside it
        out = output_path(out, f"glossary-report.{fmt}")
    if fmt == "xlsx" and not out:
        raise InputError("--format xlsx needs -o FILE.xlsx", hint="a workbook is not terminal "
                         "text")
    docs = [read_alignment(p) for p in alignments]
    glossary = None
    if glossary_path:
        glossary = load_glossary(glossary_path)
        for notice in glossary.notices:  # conflicts and duplicates weaken every check: say so
            echo(f"align-kit: {notice}", err=True)
    rules = load_checklist(checklist_path, set(registry())) if checklist_path else []
    accepted_keys = load_accepted(accepted_path) if accepted_path else set()
    if accept_all and os.path.exists(accept_all):
        load_accepted(accept_all)  # a malformed file: exit 2 before anything is written
    findings = run_checks(docs, glossary, only=_ids(only) or None, skip=_ids(skip),
                          severities=_severities(severity), checklist=rules)
    prints = Fingerprints(docs)
    is_accepted: Callable[[Finding], bool] = lambda f: prints.key(f) in accepted_keys  # noqa: E731
    open_findings = [f for f in findings if not is_accepted(f)]
    n_accepted = len(findings) - len(open_findings)
    note = (f"{n_accepted} accepted finding{'s' if n_accepted != 1 else ''} not shown "
            f"({accepted_path})\n") if accepted_path else ""
    # The report and the accepted-findings file land together or not at all.
    with all_or_nothing():
        if fmt in ("csv", "xlsx"):
            table = qa_table.rows(findings, docs, is_accepted)
            if fmt == "xlsx":
                qa_table.write_xlsx(table, out)
            elif out:
                qa_table.write_csv(table, out)
            else:
                echo(qa_table.csv_text(table), nl=False)
        else:
            if fmt == "html":
                text = render_html(open_findings, docs)
                if note:
                    text = text.replace("</h1>", f"</h1>\n<p>{note.strip()}</p>", 1)
            elif fmt == "json":
                data = findings_json(open_findings)
                data["accepted"] = n_accepted
                text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
            else:
                text = render_text(open_findings) + note
            if out:
                write_text_atomic(out, text)
            else:
                echo(text, nl=False)
        added = write_accepted(accept_all, findings, prints) if accept_all else 0
    if accept_all:
        echo(f"align-kit: {accept_all}: {added} finding{'s' if added != 1 else ''} added to "
             "the accepted findings", err=True)
    return 1 if fail_on != "never" and reaches(open_findings, fail_on) else 0
