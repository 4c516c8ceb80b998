"""Findings as text (terminals, grouped by document), JSON (CI) and HTML (reviewers)."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict

from align_kit.model import SEVERITIES, Alignment, Finding, bead_number

_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def summary(findings: Sequence[Finding]) -> dict[str, int]:
    return {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}


def reaches(findings: Iterable[Finding], level: str) -> bool:
    """Whether any finding is at `level` or worse (error > warning > info)."""
    return any(_RANK[f.severity] <= _RANK[level] for f in findings)


def render_text(findings: Sequence[Finding]) -> str:
    if not findings:
        return "No findings.\n"
    lines: list[str] = []
    current = None
    for f in findings:
        if f.document != current:
            current = f.document
            lines.append(f"{f.document or '(no document)'}")
        # People read 1-based bead numbers (model.bead_number), as in every other output.
        where = "unaligned" if f.bead is None else f"bead {bead_number(f.bead)}"
        span = f" @{f.span[0]}-{f.span[1]}" if f.span else ""
        lines.append(f"  {f.severity:<7} {where:<9} {f.language or '--'}{span}  "
                     f"[{f.check}] {f.message}")
    s = summary(findings)
    lines.append(f"{len(findings)} findings: {s['error']} errors, {s['warning']} warnings, "
                 f"{s['info']} info")
    return "\n".join(lines) + "\n"


def findings_json(findings: Sequence[Finding]) -> dict:
    """`bead` is the 1-based number people read; `bead_index` the 0-based index code uses."""
    return {"summary": summary(findings),
            "findings": [{**asdict(f), "span": list(f.span) if f.span else None,
                          "expected": list(f.expected),
                          "bead": None if f.bead is None else bead_number(f.bead),
                          "bead_index": f.bead} for f in findings]}


def render_json(findings: Sequence[Finding]) -> str:
    return json.dumps(findings_json(findings), ensure_ascii=False, indent=2) + "\n"


_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:2em;color:#222}
h1{font-size:1.4em} h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%} td,th{border:1px solid #ddd;padding:.3em .5em;
vertical-align:top;text-align:left} th{background:#f4f4f4}
mark.error{background:#f8c4c4} mark.warning{background:#fbe7a1} mark.info{background:#cfe3fb}
.sev-error{color:#a00;font-weight:600} .sev-warning{color:#8a6100} .sev-info{color:#245}
.seg{font-size:.95em}
"""


def render_html(findings: Sequence[Finding], alignments: Sequence[Alignment] = ()) -> str:
    """A self-contained page: per document, each finding with its segment, span highlighted."""
    docs = {d.id: d for a in alignments for d in a.documents}
    s = summary(findings)
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           "<title>align-kit glossary report</title>", f"<style>{_CSS}</style></head><body>",
           "<h1>Glossary and QA report</h1>",
           f"<p>{len(findings)} findings: {s['error']} errors, {s['warning']} warnings, "
           f"{s['info']} info.</p>"]
    current = None
    for f in findings:
        if f.document != current:
            if current is not None:
                out.append("</table>")
            current = f.document
            out.append(f"<h2>{html.escape(f.document or '(no document)')}</h2>")
            out.append("<table><tr><th>severity</th><th>bead</th><th>lang</th><th>check</th>"
                       "<th>finding</th><th>text</th></tr>")
        bead = "unaligned" if f.bead is None else str(bead_number(f.bead))
        out.append(
            f'<tr><td class="sev-{html.escape(f.severity)}">{html.escape(f.severity)}</td>'
            f"<td>{html.escape(bead)}</td><td>{html.escape(f.language or '')}</td>"
            f"<td>{html.escape(f.check)}</td><td>{html.escape(f.message)}</td>"
            f'<td class="seg">{_context(f, docs)}</td></tr>')
    if current is not None:
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _context(f: Finding, docs: dict) -> str:
    doc = docs.get(f.document)
    if doc is None or f.span is None:
        return html.escape(f.term or "")
    start, end = f.span
    seg = next((s for s in doc.segments if s.start <= start < s.end or
                (s.start <= start and end <= s.end)), None)
    lo, hi = (seg.start, seg.end) if seg else (max(0, start - 80), min(len(doc.text), end + 80))
    lo, hi = min(lo, start), max(hi, end)
    text = doc.text
    return (html.escape(text[lo:start]) + f'<mark class="{html.escape(f.severity)}">'
            + html.escape(text[start:end]) + "</mark>" + html.escape(text[end:hi]))
