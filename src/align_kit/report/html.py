"""The review report: one self-contained HTML file over a set of alignments.

Summary first (documents, beads by type, a confidence histogram, glossary
findings by severity), then every document group with its languages side by
side, beads coloured by confidence, findings marked on their spans (the
glossary entry on hover), filters, `j`/`k` to jump between uncertain beads,
and an alignment plot per group. CSS and script are package data files
(`report/static/`) inlined into the page, so it works offline.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Callable, Sequence
from html import escape
from importlib import resources

from align_kit import __version__
from align_kit.align.explain import explain_bead
from align_kit.model import SEVERITIES, Alignment, Bead, Document, Finding, bead_number
from align_kit.report.plots import alignment_plot, confidence_colour, confidence_histogram

LOW_CONFIDENCE = 0.5
# (text, language) -> glossary matches in the text, each with .entry, .span (offsets into the
# text), .term (.text, .status): the shape of `align_kit.glossary.TermMatcher(glossary).find`.
TermFinder = Callable[[str, str], Sequence[object]]
_SEVERITY_RANK = {s: n for n, s in enumerate(SEVERITIES)}  # error 0 = worst


def static_text(name: str) -> str:
    """A CSS/JS/HTML file shipped beside this module."""
    return resources.files("align_kit.report").joinpath("static", name).read_text("utf-8")


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def finding_tooltip(f: Finding) -> str:
    """What a reviewer sees on hover: check, entry, term used, what was expected."""
    parts = [f"{f.severity}: {f.message}"]
    if f.entry:
        parts.append(f"entry: {f.entry}")
    if f.term:
        parts.append(f"term: {f.term}")
    if f.expected:
        parts.append("expected: " + ", ".join(f.expected))
    parts.append(f"check: {f.check}")
    return " · ".join(parts)


def is_uncertain(bead: Bead, findings: int, low: float) -> bool:
    return "reviewed" not in bead.flags and (bead.score < low or findings > 0)


def _segment_base(doc: Document, index: int) -> int | None:
    """Offset of the segment's text in the document (None when it cannot be found)."""
    seg = doc.segments[index]
    if doc.text[seg.start:seg.start + len(seg.text)] == seg.text:
        return seg.start
    found = doc.text.find(seg.text, seg.start)
    return found if found >= 0 else None


def _term_spans(text: str, language: str, finder: TermFinder | None) -> list[tuple[int, int, str]]:
    """Glossary matches in a segment: (start, end, tooltip)."""
    if finder is None:
        return []
    out = []
    for m in finder(text, language):
        term = getattr(m, "term", None)
        status = getattr(term, "status", "approved")
        label = f"glossary entry {getattr(m, 'entry', '?')}: {getattr(term, 'text', '')} ({status})"
        lo, hi = m.span  # type: ignore[attr-defined]
        out.append((max(lo, 0), min(hi, len(text)), label))
    return [t for t in out if t[0] < t[1]]


def _marked_text(doc: Document, index: int, findings: Sequence[Finding],
                 finder: TermFinder | None = None) -> tuple[str, set[int]]:
    """The segment's escaped text, findings in <mark>, glossary matches in <span class=term>.

    Also returns which findings were shown on the text.
    """
    seg = doc.segments[index]
    base = _segment_base(doc, index)
    spans: list[tuple[int, int, int]] = []
    if base is not None:
        for n, f in enumerate(findings):
            if f.span is None:
                continue
            lo, hi = max(f.span[0] - base, 0), min(f.span[1] - base, len(seg.text))
            if lo < hi:
                spans.append((lo, hi, n))
    terms = _term_spans(seg.text, doc.language, finder)
    if not spans and not terms:
        return escape(seg.text), set()
    edges = [e for a, b, _ in spans for e in (a, b)] + [e for a, b, _ in terms for e in (a, b)]
    cuts = sorted({0, len(seg.text), *edges})
    out = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        piece = escape(seg.text[lo:hi])
        in_terms = [label for a, b, label in terms if a <= lo and hi <= b]
        if in_terms:
            piece = f'<span class="term" title="{_attr(chr(10).join(in_terms))}">{piece}</span>'
        covering = [findings[n] for a, b, n in spans if a <= lo and hi <= b]
        if covering:
            worst = min(covering, key=lambda f: _SEVERITY_RANK.get(f.severity, 9))
            title = "\n".join(finding_tooltip(f) for f in covering)
            piece = (f'<mark class="finding sev-{_attr(worst.severity)}" '
                     f'title="{_attr(title)}">{piece}</mark>')
        out.append(piece)
    return "".join(out), {n for _, _, n in spans}


def _bead_findings(alignment: Alignment) -> dict[int, list[Finding]]:
    by_bead: dict[int, list[Finding]] = {}
    for f in alignment.findings:
        if f.bead is not None:
            by_bead.setdefault(f.bead, []).append(f)
    return by_bead


def _bead_row(alignment: Alignment, g: int, b: int, bead: Bead, findings: list[Finding],
              low: float, finder: TermFinder | None) -> str:
    uncertain = is_uncertain(bead, len(findings), low)
    classes = ["bead"]
    if bead.score < low:
        classes.append("low")
    if findings:
        classes.append("has-findings")
    if uncertain:
        classes.append("uncertain")
    if "reviewed" in bead.flags:
        classes.append("reviewed")
    flags = " ".join(sorted(bead.flags))
    cells = [
        f'<tr id="g{g}-b{b}" class="{" ".join(classes)}" data-score="{bead.score:.3f}" '
        f'data-kind="{_attr(bead.kind)}" data-findings="{len(findings)}" '
        f'data-flags="{_attr(flags)}">',
        f'<th class="num"><a href="#g{g}-b{b}">{bead_number(b)}</a></th>',
        f'<td class="score" style="background:{confidence_colour(bead.score)}" '
        f'title="confidence {bead.score:.3f}, type {_attr(bead.kind)}'
        f'{", " + _attr(flags) if flags else ""}">{bead.score:.2f}'
        f'{"<span class=check> ✓</span>" if "reviewed" in bead.flags else ""}</td>',
    ]
    shown: set[int] = set()
    for k, (doc, side) in enumerate(zip(alignment.documents, bead.indexes, strict=True)):
        mine = [f for f in findings
                if (not f.document or f.document == doc.id)
                and (not f.language or f.language == doc.language)]
        pieces = []
        for i in side:
            if not 0 <= i < len(doc.segments):
                pieces.append(f'<span class="seg missing">[segment {i} missing]</span>')
                continue
            text, marked = _marked_text(doc, i, mine, finder)
            shown |= {id(mine[n]) for n in marked}
            pieces.append(f'<span class="seg" data-i="{i}">{text}</span>')
        draft = bead.drafts.get(doc.language)
        if not side and draft:
            pieces.append(f'<span class="draft" title="machine draft">{escape(draft)}</span>')
        empty = "" if side else " empty"
        cells.append(f'<td class="side{empty}" lang="{_attr(doc.language)}" data-side="{k}">'
                     + " ".join(pieces) + "</td>")
    notes = "".join(
        f'<li class="sev-{_attr(f.severity)}{" shown" if id(f) in shown else ""}" '
        f'title="{_attr(finding_tooltip(f))}">{escape(f.message)}</li>'
        for f in sorted(findings, key=lambda f: _SEVERITY_RANK.get(f.severity, 9)))
    if bead.score < low:  # the scorers' evidence, in words, where a reviewer needs it
        notes += "".join(f'<li class="why">{escape(w)}</li>'
                         for w in explain_bead(alignment, b))
    cells.append(f'<td class="qa">{"<ul>" + notes + "</ul>" if notes else ""}</td></tr>')
    return "".join(cells)


def _group_section(alignment: Alignment, g: int, low: float, finder: TermFinder | None) -> str:
    by_bead = _bead_findings(alignment)
    docs = alignment.documents
    langs = " ⇄ ".join(escape(d.language) for d in docs)
    sources = "".join(
        f"<li><b>{escape(d.language)}</b> {escape(d.id)}"
        f"{' — ' + escape(d.source) if d.source else ''} ({len(d.segments)} segments)</li>"
        for d in docs)
    low_n = sum(1 for b in alignment.beads if b.score < low)
    head = "".join(f'<th lang="{_attr(d.language)}">{escape(d.language)}'
                   f'{" (original)" if d.language == alignment.original else ""}</th>'
                   for d in docs)
    rows = "\n".join(_bead_row(alignment, g, b, bead, by_bead.get(b, []), low, finder)
                     for b, bead in enumerate(alignment.beads))
    orphans = [f for f in alignment.findings if f.bead is None]
    orphan_html = ""
    if orphans:
        orphan_html = '<ul class="doc-findings">' + "".join(
            f'<li class="sev-{_attr(f.severity)}" title="{_attr(finding_tooltip(f))}">'
            f"{escape(f.message)}</li>" for f in orphans) + "</ul>"
    return (
        f'<section class="group" id="g{g}" data-group="{_attr(alignment.id)}">'
        f"<h2>{escape(alignment.id or f'group {g + 1}')} <small>{langs}</small></h2>"
        f'<div class="group-head"><figure>{alignment_plot(alignment)}'
        f"<figcaption>Alignment path: {escape(docs[0].language) if docs else ''} "
        "sentence index (x) against the others (y); boxes coloured by confidence."
        f"</figcaption></figure>"
        f'<div><ul class="sources">{sources}</ul>'
        f"<p>{len(alignment.beads)} beads, {low_n} below {low:.2f}, "
        f"{len(alignment.findings)} finding(s).</p>{orphan_html}</div></div>"
        f'<table class="beads"><thead><tr><th>#</th><th>conf.</th>{head}<th>QA</th></tr>'
        f"</thead><tbody>\n{rows}\n</tbody></table></section>"
    )


def report_summary(alignments: Sequence[Alignment], low: float = LOW_CONFIDENCE) -> dict:
    """The figures the summary shows (also handy for `--json` and for tests)."""
    beads = [b for a in alignments for b in a.beads]
    kinds = Counter(b.kind for b in beads)
    severities = Counter(f.severity for a in alignments for f in a.findings)
    return {
        "groups": len(alignments),
        "documents": sum(len(a.documents) for a in alignments),
        "beads": len(beads),
        "low_confidence": sum(1 for b in beads if b.score < low),
        "reviewed": sum(1 for b in beads if "reviewed" in b.flags),
        "kinds": dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
        "findings": {s: severities.get(s, 0) for s in SEVERITIES},
    }


def _summary_section(alignments: Sequence[Alignment], low: float) -> str:
    s = report_summary(alignments, low)
    kinds = "".join(f'<tr data-kind="{_attr(k)}"><td>{escape(k)}</td><td class="n">{n}</td></tr>'
                    for k, n in s["kinds"].items())
    sev = "".join(f'<tr class="sev-{sv}"><td>{sv}</td><td class="n" id="sum-{sv}">{n}</td></tr>'
                  for sv, n in s["findings"].items())
    scores = [b.score for a in alignments for b in a.beads]
    toc = "".join(f'<li><a href="#g{g}">{escape(a.id or f"group {g + 1}")}</a> '
                  f'<small>{" ⇄ ".join(escape(d.language) for d in a.documents)}, '
                  f"{len(a.beads)} beads</small></li>" for g, a in enumerate(alignments))
    return (
        '<section id="summary"><h2>Summary</h2><div class="cards">'
        f'<div class="card"><span class="big" id="sum-groups">{s["groups"]}</span> groups, '
        f'<span class="big" id="sum-documents">{s["documents"]}</span> documents, '
        f'<span class="big" id="sum-beads">{s["beads"]}</span> beads, '
        f'<span class="big" id="sum-low">{s["low_confidence"]}</span> below {low:.2f}, '
        f'<span id="sum-reviewed">{s["reviewed"]}</span> reviewed</div>'
        f'<div class="card"><h3>Beads by type</h3><table id="kinds">{kinds}</table></div>'
        f'<div class="card"><h3>Confidence</h3>{confidence_histogram(scores)}</div>'
        f'<div class="card"><h3>Glossary findings</h3><table id="severities">{sev}</table></div>'
        f'</div><ol class="toc">{toc}</ol></section>'
    )


def _filters(alignments: Sequence[Alignment]) -> str:
    kinds = sorted({b.kind for a in alignments for b in a.beads})
    options = "".join(f'<option value="{_attr(k)}">{escape(k)}</option>' for k in kinds)
    return (
        '<nav id="filters"><label><input type="checkbox" id="f-low"> low confidence only</label>'
        '<label><input type="checkbox" id="f-findings"> findings only</label>'
        f'<label>type <select id="f-kind"><option value="">all</option>{options}</select></label>'
        '<span id="f-count"></span>'
        '<span class="keys"><kbd>j</kbd>/<kbd>k</kbd> next/previous uncertain bead</span></nav>'
    )


def render_report(alignments: Sequence[Alignment], *, title: str = "align-kit review report",
                  low: float = LOW_CONFIDENCE, generated: str | None = None,
                  term_finder: TermFinder | None = None) -> str:
    """One self-contained HTML page over `alignments` (no external assets).

    Beads below `low` count as uncertain; `term_finder` (e.g.
    `TermMatcher(glossary).find`) marks glossary terms in the text, the entry on hover.
    """
    alignments = list(alignments)
    when = generated or _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = "\n".join(_group_section(a, g, low, term_finder) for g, a in enumerate(alignments))
    css = static_text("report.css")
    script = static_text("report.js").replace("</", "<\\/")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="align-kit {_attr(__version__)}">'
        f"<style>{css}</style></head>"
        f'<body data-low="{low}"><header><h1>{escape(title)}</h1>'
        f"<p>align-kit {escape(__version__)} · {escape(when)}</p></header>"
        f"{_summary_section(alignments, low)}{_filters(alignments)}<main>{body}</main>"
        f"<script>{script}</script></body></html>\n"
    )
