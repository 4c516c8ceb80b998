"""Checks every glossary gets on load: languages, empty terms, duplicates, conflicts."""

from __future__ import annotations

import regex

from align_kit.errors import FormatError
from align_kit.glossary.text import words
from align_kit.languages import ALIASES, ISO_639_1
from align_kit.model import GlossaryEntry, Notice, Term

_TAG = regex.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")


def language_code(tag: str, *, path: str | None, line: int | None,
                  notices: list[Notice]) -> str:
    """"en-GB" -> "en"; a malformed tag is an error, an unknown code a notice."""
    m = _TAG.match(tag.strip())
    if not m:
        raise FormatError(f"{tag!r} is not a language code", path=path, line=line,
                          hint="use ISO 639-1 codes such as en, be, ru")
    code = m.group(1).lower()
    if code in ALIASES and code not in ISO_639_1:
        # A three-letter code read as written would never match a document's language:
        # every term of the column would be silently unused.
        raise FormatError(f"{tag!r} is not an ISO 639-1 language code; did you mean "
                          f"{ALIASES[code]!r}?", path=path, line=line,
                          hint="align-kit names languages by two-letter codes: en, be, ru, uk")
    if code not in ISO_639_1:
        notices.append(Notice("unknown-language", f"unknown language code {tag!r}", "warning",
                              path, line))
    return code


def term_key(term: Term) -> tuple[str, str]:
    return term.language, " ".join(w.lower().replace("ё", "е") for w in words(term.text))


def check_entries(entries: list[GlossaryEntry], path: str | None,
                  notices: list[Notice], lines: dict[tuple[str, int], int]) -> list[GlossaryEntry]:
    """Drop duplicate terms, report duplicates and conflicts between entries.

    `lines[(entry id, term position)]` gives the line of each term for messages.
    """
    seen: dict[tuple[str, str], tuple[str, str, int | None]] = {}  # key -> entry, status, line
    ids: dict[str, int | None] = {}
    out = []
    for entry in entries:
        if entry.id in ids:
            notices.append(Notice("duplicate-id", f"entry id {entry.id!r} already used on line "
                                  f"{ids[entry.id]}", "error", path, entry.source_line))
        ids[entry.id] = entry.source_line
        kept: list[Term] = []
        own: dict[tuple[str, str], str] = {}
        for pos, term in enumerate(entry.terms):
            line = lines.get((entry.id, pos), entry.source_line)
            key = term_key(term)
            if not key[1]:
                notices.append(Notice("empty-term", f"empty {term.language} term in entry "
                                      f"{entry.id!r} skipped", "warning", path, line))
                continue
            if key in own:
                if own[key] != term.status:
                    notices.append(Notice("conflict", f"{term.language} term {term.text!r} is "
                                          f"both approved and forbidden in entry {entry.id!r}",
                                          "error", path, line))
                else:
                    notices.append(Notice("duplicate-term", f"{term.language} term "
                                          f"{term.text!r} repeated in entry {entry.id!r}",
                                          "info", path, line))
                continue
            own[key] = term.status
            if key in seen:
                other, status, other_line = seen[key]
                if status != term.status:
                    notices.append(Notice(
                        "conflict", f"{term.language} term {term.text!r} is {term.status} here "
                        f"but {status} in entry {other!r} (line {other_line})", "error", path,
                        line))
                elif term.status == "approved":
                    notices.append(Notice(
                        "duplicate-term", f"{term.language} term {term.text!r} also in entry "
                        f"{other!r} (line {other_line})", "warning", path, line))
            else:
                seen[key] = (entry.id, term.status, line)
            kept.append(term)
        if not kept:
            notices.append(Notice("empty-entry", f"entry {entry.id!r} has no terms; skipped",
                                  "warning", path, entry.source_line))
            continue
        if len(kept) != len(entry.terms):
            entry = GlossaryEntry(entry.id, tuple(kept), entry.note, entry.subject,
                                  entry.source_line)
        out.append(entry)
    return out
