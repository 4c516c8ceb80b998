"""One registry of check ids and severities; runs the general, checklist and glossary checks.

    findings = run_checks(alignments)                        # general checks only
    findings = run_checks(alignments, glossary, skip={"length-ratio"},
                          severities={"quotes": "error"}, checklist=load_checklist(path))
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from align_kit.errors import InputError
from align_kit.formats import inline
from align_kit.glossary import CHECKS as GLOSSARY_CHECKS
from align_kit.glossary import TermMatcher, check_corpus
from align_kit.model import Alignment, Finding, Glossary, Severity
from align_kit.qa.checklist import Rule, apply_rules
from align_kit.qa.general import GENERAL_CHECKS, check_general, pairs

# The glossary checks that need no glossary: they look at the texts alone.
_GLOSSARY_FREE = {"number-mismatch", "untranslated", "wrong-letters"}


def registry(checklist: Sequence[Rule] = ()) -> dict[str, tuple[Severity, bool]]:
    """Every check id -> (default severity, needs a glossary)."""
    out: dict[str, tuple[Severity, bool]] = {
        check: (level, check not in _GLOSSARY_FREE) for check, level in GLOSSARY_CHECKS.items()}
    for check, (level, needs, _what) in GENERAL_CHECKS.items():
        out.setdefault(check, (level, needs))
    for rule in checklist:
        out[rule.id] = (rule.severity, False)
    return out


def _unknown(name: str, known: Collection[str], what: str) -> InputError:
    close = difflib.get_close_matches(name, list(known), 1)
    hint = f"did you mean {close[0]!r}?" if close else "known: " + ", ".join(sorted(known))
    return InputError(f"unknown check {name!r} in {what}", hint=hint)


def select_checks(known: Mapping[str, tuple[Severity, bool]], *,
                  only: Collection[str] | None = None, skip: Collection[str] = (),
                  severities: Mapping[str, str] | None = None,
                  glossary: bool = False) -> dict[str, Severity]:
    """check id -> severity of the checks to run; InputError (with a did-you-mean) for an
    unknown id, or for a glossary check asked for by name without a glossary."""
    for name in [*(only or ()), *skip]:
        if name not in known:
            raise _unknown(name, known, "--checks" if name in (only or ()) else "--skip-checks")
    levels: dict[str, str] = {c: level for c, (level, _) in known.items()}
    for name, level in (severities or {}).items():
        if name not in known:
            raise _unknown(name, known, "--severity")
        if level not in ("error", "warning", "info", "off"):
            raise InputError(f"severity {level!r} for {name!r} is not error, warning, info "
                             "or off")
        levels[name] = level
    chosen = list(only) if only else list(known)
    if glossary is False:
        needing = [c for c in (only or ()) if known[c][1]]
        if needing:
            raise InputError(f"check {needing[0]!r} needs a glossary", hint="add --glossary FILE")
        chosen = [c for c in chosen if not known[c][1]]
    return {c: levels[c] for c in chosen if c not in skip and levels[c] != "off"}  # type: ignore[misc]


def run_checks(alignments: Sequence[Alignment], glossary: Glossary | None = None, *,
               only: Collection[str] | None = None, skip: Collection[str] = (),
               severities: Mapping[str, str] | None = None,
               checklist: Sequence[Rule] = ()) -> list[Finding]:
    """The findings of every selected check over `alignments`, sorted like the glossary's."""
    known = registry(checklist)
    levels = select_checks(known, only=only, skip=skip, severities=severities,
                           glossary=glossary is not None)
    findings: list[Finding] = []
    # Every check but `tags` reads the sentences with their inline-code placeholders blanked.
    raw, alignments = alignments, [without_placeholders(a) for a in alignments]
    # The glossary's checks (numbers among them) run as they are, the others set off.
    glossary_levels = {c: levels.get(c, "off") for c in GLOSSARY_CHECKS}
    if any(level != "off" for level in glossary_levels.values()):
        findings += check_corpus(alignments, glossary or Glossary(()),
                                 severities=glossary_levels)  # type: ignore[arg-type]
    matcher = TermMatcher(glossary) if glossary is not None and "term-count" in levels else None
    general = {c: level for c, level in levels.items()
               if c in GENERAL_CHECKS and c not in GLOSSARY_CHECKS and c != "tags"}
    findings += check_general(alignments, general, matcher)
    if "tags" in levels:
        findings += check_general(raw, {"tags": levels["tags"]})
    rules = [r for r in checklist if r.id in levels]
    if rules:
        for a in alignments:
            for p in pairs(a):
                findings += apply_rules(rules, p, levels)
    findings = _without_covered_mixed_script(findings)
    return sorted(findings, key=lambda f: (f.document, -1 if f.bead is None else f.bead,
                                           f.language or "", f.span or (0, 0), f.check))


def without_placeholders(alignment: Alignment) -> Alignment:
    """The alignment with the placeholders of imported inline codes blanked (same length,
    so every span found in it is a span of the original); unchanged without codes."""
    documents = []
    for doc in alignment.documents:
        tagged = inline.decode(doc.metadata)
        if not tagged:
            documents.append(doc)
            continue
        text, segments = doc.text, list(doc.segments)
        for i in tagged:
            if 0 <= i < len(segments):
                seg = segments[i]
                masked = inline.mask(text[seg.start:seg.end])
                text = text[:seg.start] + masked + text[seg.end:]
                segments[i] = replace(seg, text=masked)
        documents.append(replace(doc, text=text, segments=tuple(segments)))
    return replace(alignment, documents=tuple(documents))


def _without_covered_mixed_script(findings: list[Finding]) -> list[Finding]:
    """Drop a general `mixed-script` finding inside a `term-spelling` finding's span.

    A look-alike letter inside a glossary term is reported once, by the term check,
    which names the term; the general check speaks for words outside terms.
    """
    terms = [f for f in findings if f.check == "term-spelling" and f.span
             and "mixed script" in f.message]

    def covered(f: Finding) -> bool:
        return any(t.document == f.document and t.language == f.language
                   and t.span[0] <= f.span[0] and f.span[1] <= t.span[1] for t in terms)

    return [f for f in findings
            if not (f.check == "mixed-script" and f.span and terms and covered(f))]
