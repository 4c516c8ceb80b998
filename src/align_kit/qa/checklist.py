"""User regex checklists, in the spirit of Xbench checklists (format in docs/qa.md).

A checklist is a TSV (or CSV, by its extension) file with a header row:

    id	severity	language	source	target	message

One rule a row; `#` starts a comment line. A rule fires on a bead side when
every pattern it gives holds: `source` must match the source side, `target`
the translated side; a pattern written `!PATTERN` must NOT match. An empty
pattern is no condition (at least one must be given). `language` is the
translated side's language (`be`, `ru`, `en`), or `*` / empty for any.
Patterns are Python `regex` patterns, case-sensitive unless they say `(?i)`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import regex

from align_kit.errors import InputError
from align_kit.formats.checklist import read_checklist_table
from align_kit.model import SEVERITIES, Finding, Severity
from align_kit.qa.general import Pair, _finding

COLUMNS = ("id", "severity", "language", "source", "target", "message")
_ID = regex.compile(r"[a-z0-9][a-z0-9-]*")
# A pattern longer than this is a mistake (and a slow one).
MAX_PATTERN = 2000


@dataclass(frozen=True)
class Condition:
    pattern: regex.Pattern
    negated: bool

    def holds(self, text: str) -> regex.Match | bool | None:
        found = self.pattern.search(text, timeout=1.0)
        return (found is None) if self.negated else found


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    language: str  # "" = any
    source: Condition | None
    target: Condition | None
    message: str
    line: int


def load_checklist(path: str | Path, known_ids: set[str] = frozenset()) -> list[Rule]:
    """The rules of a checklist file; InputError naming the line of a bad row."""
    table = read_checklist_table(path, COLUMNS)
    source = table.source
    for col in table.header:
        if col not in COLUMNS:
            close = difflib.get_close_matches(col, COLUMNS, 1)
            raise InputError(f"unknown column {col!r}", path=source, line=table.header_line,
                             hint=f"did you mean {close[0]!r}?" if close
                             else "columns: " + ", ".join(COLUMNS))
    for col in ("id", "source", "target"):
        if col not in table.header:
            raise InputError(f"the checklist has no {col!r} column", path=source,
                             line=table.header_line, hint="columns: " + ", ".join(COLUMNS))
    seen: dict[str, int] = {}
    return [_rule(dict(zip(table.header, cells, strict=False)), source, n, known_ids, seen)
            for n, cells in table.rows]


def _rule(row: dict[str, str], source: str, n: int, known_ids: set[str],
          seen: dict[str, int]) -> Rule:
    rule_id = row.get("id", "")
    if not _ID.fullmatch(rule_id):
        raise InputError(f"rule id {rule_id!r} is not lower-case letters, digits and '-'",
                         path=source, line=n, hint="e.g. eu-abbreviation")
    if rule_id in known_ids:
        raise InputError(f"rule id {rule_id!r} is a built-in check", path=source, line=n,
                         hint="choose another id")
    if rule_id in seen:
        raise InputError(f"rule id {rule_id!r} is used on line {seen[rule_id]} too",
                         path=source, line=n, hint="every rule needs its own id")
    seen[rule_id] = n
    severity = row.get("severity") or "warning"
    if severity not in SEVERITIES:
        raise InputError(f"severity {severity!r} is not error, warning or info", path=source,
                         line=n)
    language = row.get("language", "")
    language = "" if language in ("", "*") else language.lower()
    conditions = [_condition(row.get(col, ""), col, source, n) for col in ("source", "target")]
    if conditions == [None, None]:
        raise InputError(f"rule {rule_id!r} has neither a source nor a target pattern",
                         path=source, line=n)
    message = row.get("message") or f"checklist rule {rule_id}"
    return Rule(rule_id, severity, language, conditions[0], conditions[1], message, n)  # type: ignore[arg-type]


def _condition(text: str, column: str, source: str, n: int) -> Condition | None:
    if not text:
        return None
    negated = text.startswith("!")
    pattern = text[1:] if negated else text
    if len(pattern) > MAX_PATTERN:
        raise InputError(f"the {column} pattern is longer than {MAX_PATTERN} characters",
                         path=source, line=n)
    try:
        return Condition(regex.compile(pattern, regex.V1), negated)
    except regex.error as exc:
        raise InputError(f"the {column} pattern {pattern!r} is not a valid regular "
                         f"expression: {exc}", path=source, line=n) from None


def apply_rules(rules: list[Rule], p: Pair, levels: dict[str, Severity]) -> list[Finding]:
    out = []
    for rule in rules:
        if rule.id not in levels or (rule.language and rule.language != p.doc.language):
            continue
        try:
            s = rule.source.holds(p.src_text) if rule.source else True
            t = rule.target.holds(p.tgt_text) if rule.target else True
        except TimeoutError:
            raise InputError(f"checklist rule {rule.id!r} (line {rule.line}) takes too long on "
                             f"{p.doc.id} bead {p.bead + 1}",
                             hint="simplify its pattern (nested repeats?)") from None
        if not (s and t):
            continue
        lo = hi = None
        if isinstance(t, regex.Match):
            lo, hi = t.span()
        term = t.group() if isinstance(t, regex.Match) else None
        out.append(_finding(rule.id, levels[rule.id], rule.message, p.alignment, p.bead,
                            p.target, lo, hi if hi and hi > (lo or 0) else None, term))
    return out
