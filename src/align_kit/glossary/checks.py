"""QA checks over an alignment: terms, forbidden variants, consistency, numbers, letters.

Every check yields `Finding`s that name the document, the bead, the language
and the character span in that document's text, so a report can point at it.

Checks (default severity):
- term-missing (error): a concept's term is in the original (or in the other
  sides) of a bead but no approved term of it is on this side;
- forbidden-term (error): a forbidden variant, in any language, aligned or not;
- inconsistent-translation (warning): one concept rendered by different
  approved terms across a document (or corpus, `check_corpus`);
- untranslated (error): source-language text left in the target;
- number-mismatch (warning): numbers that differ between the sides of a bead;
- wrong-letters (error): и/щ/ъ in Belarusian, ў/і in Russian; info inside a
  short quoted name («Наша Ніва» in Russian text, «русский мир» in Belarusian);
- term-spelling (warning): a term found but written with Latin look-alike
  letters (Лaтушка, Беларусi) or without its apostrophe (Абяднаны).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

import regex

from align_kit.glossary.inflect import suggestion
from align_kit.glossary.matcher import TermMatch, TermMatcher
from align_kit.glossary.text import APOSTROPHES, INVISIBLE, mixed_script, words
from align_kit.model import Alignment, Document, Finding, Glossary, Severity, Term

CHECKS: dict[str, Severity] = {
    "term-missing": "error",
    "forbidden-term": "error",
    "inconsistent-translation": "warning",
    "untranslated": "error",
    "number-mismatch": "warning",
    "wrong-letters": "error",
    "term-spelling": "warning",
}

# Adjectives are often rendered by a noun phrase ("Belarusian" -> "of Belarus").
_NOT_REQUIRED = {"adjective", "adj", "adjf"}
_WRONG_LETTERS = {"be": regex.compile(r"[иИщЩъЪ]"), "ru": regex.compile(r"[ўЎіІ]")}
_CYR_WORD = regex.compile(r"\p{Cyrillic}[\p{Cyrillic}'’ʼ-]*")
_LAT_WORD = regex.compile(r"\p{Latin}[\p{Latin}'’-]*")
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’ʼ]*")
# 1 000 / 1,000 / 1 000 / 2.6 / 2,6 / 90%
_NUMBER = regex.compile(r"(?<![\p{L}\d])\d+(?:(?:[ \u00a0\u202f\u2009,.])\d+)*")


def _severities(overrides: Mapping[str, Severity] | None) -> dict[str, Severity]:
    out = dict(CHECKS)
    for check, level in (overrides or {}).items():
        if check not in CHECKS:
            raise ValueError(f"unknown check {check!r}; known: {', '.join(CHECKS)}")
        if level not in ("error", "warning", "info", "off"):
            raise ValueError(f"severity must be error, warning, info or off, not {level!r}")
        out[check] = level
    return out


def _segment_matches(matcher: TermMatcher, doc: Document) -> list[list[TermMatch]]:
    """Matches per segment, spans shifted to document offsets."""
    out = []
    for seg in doc.segments:
        found = matcher.find(seg.text, doc.language)
        out.append([TermMatch(m.entry, m.term, (m.span[0] + seg.start, m.span[1] + seg.start),
                              m.text, m.nested) for m in found])
    return out


def check_alignment(alignment: Alignment, glossary: Glossary, *,
                    severities: Mapping[str, Severity] | None = None,
                    matcher: TermMatcher | None = None) -> list[Finding]:
    """All findings for one alignment, sorted by bead, language, position."""
    findings, _ = _check(alignment, glossary, _severities(severities), matcher)
    return _sorted(findings)


def check_corpus(alignments: Iterable[Alignment], glossary: Glossary, *,
                 severities: Mapping[str, Severity] | None = None,
                 matcher: TermMatcher | None = None) -> list[Finding]:
    """Findings of every alignment plus inconsistent translations across the corpus."""
    sev = _severities(severities)
    matcher = matcher or TermMatcher(glossary)
    findings: list[Finding] = []
    uses: list[_Use] = []
    for alignment in alignments:
        found, used = _check(alignment, glossary, sev, matcher)
        findings += found
        uses += used
    if sev["inconsistent-translation"] != "off":
        already = {(f.document, f.bead, f.span) for f in findings
                   if f.check == "inconsistent-translation"}
        for f in _inconsistent(uses, sev["inconsistent-translation"], "the corpus"):
            if (f.document, f.bead, f.span) not in already:
                findings.append(f)
    return _sorted(findings)


def _sorted(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.document, -1 if f.bead is None else f.bead,
                                           f.language or "", f.span or (0, 0), f.check))


# (document id, bead, target language, entry, source term, target term text, span)
_Use = tuple[str, int, str, str, str, str, tuple[int, int]]


def _check(alignment: Alignment, glossary: Glossary, sev: dict[str, Severity],
           matcher: TermMatcher | None) -> tuple[list[Finding], list[_Use]]:
    matcher = matcher or TermMatcher(glossary)
    docs = alignment.documents
    langs = [d.language for d in docs]
    original = alignment.original if alignment.original in langs else (langs[0] if langs else None)
    per_doc = [_segment_matches(matcher, d) for d in docs]
    bead_of: list[dict[int, int]] = [{} for _ in docs]
    for b, bead in enumerate(alignment.beads):
        for k, side in enumerate(bead.indexes):
            for i in side:
                bead_of[k][i] = b
    entries = {e.id: e for e in glossary.entries}
    approved_terms = {(e.id, lang): e.approved(lang) for e in glossary.entries
                      for lang in e.languages}
    subjects = {e.id: e.subject for e in glossary.entries}
    findings: list[Finding] = []
    uses: list[_Use] = []

    # forbidden variants: every segment of every document, aligned or not
    if sev["forbidden-term"] != "off":
        for k, doc in enumerate(docs):
            for i, matches in enumerate(per_doc[k]):
                for m in matches:
                    if m.status != "forbidden":
                        continue
                    approved = entries[m.entry].approved(doc.language)
                    seg = doc.segments[i]
                    # `expected`: what to write there, in the case of the hit where known
                    use, expected = suggestion(m, approved, doc.language,
                                               doc.text[seg.start:m.span[0]],
                                               entries[m.entry].subject == "person")
                    findings.append(Finding(
                        "forbidden-term", sev["forbidden-term"], f"forbidden {m.text!r}" + use,
                        doc.id, bead_of[k].get(i), doc.language, m.span, m.entry, m.text,
                        expected))
    if sev["term-spelling"] != "off":
        for k, doc in enumerate(docs):
            for i, matches in enumerate(per_doc[k]):
                findings += _spelling(doc, bead_of[k].get(i), matches, sev["term-spelling"])
    if sev["wrong-letters"] != "off":
        for doc in docs:
            findings += _wrong_letters(doc, bead_of[docs.index(doc)], sev["wrong-letters"])

    for b, bead in enumerate(alignment.beads):
        sides = [[m for i in side for m in per_doc[k][i]] for k, side in enumerate(bead.indexes)]
        # a nested term (Council of Europe inside the full name of PACE) renders its
        # concept, but is not asked for on the other sides: the longer name is
        present = [{m.entry for m in side if not m.nested} for side in sides]
        rendered = [{m.entry for m in side} for side in sides]
        nonempty = [bool(side) for side in bead.indexes]
        src_side = langs.index(original) if original in langs else 0
        source_terms: dict[str, str] = {}
        for m in sides[src_side]:
            source_terms.setdefault(m.entry, f"{langs[src_side]}:{m.term.text.lower()}")
        for k, side in enumerate(sides):
            if k == src_side:
                continue
            for m in side:
                if m.status == "approved" and m.entry in source_terms:
                    uses.append((docs[k].id, b, docs[k].language, m.entry,
                                 source_terms[m.entry], m.term.text, m.span))
        texts = [" ".join(docs[k].segments[i].text for i in side)
                 for k, side in enumerate(bead.indexes)]
        if sev["term-missing"] != "off":
            findings += _missing(alignment, b, sides, present, nonempty, original,
                                 approved_terms, texts, sev["term-missing"], rendered,
                                 subjects)
        starts = [docs[k].segments[side[0]].start if side else 0
                  for k, side in enumerate(bead.indexes)]
        src = langs.index(original) if original in langs else 0
        if sev["number-mismatch"] != "off":
            findings += _numbers(alignment, b, texts, nonempty, src, starts,
                                 sev["number-mismatch"])
        if sev["untranslated"] != "off":
            findings += _untranslated(alignment, b, texts, nonempty, src, starts,
                                      sev["untranslated"])
    if sev["inconsistent-translation"] != "off":
        findings += _inconsistent(uses, sev["inconsistent-translation"], "the document")
    return findings, uses


def _derived(approved: tuple[Term, ...], tokens: list[str]) -> bool:
    """A one-word name rendered by a word derived from it: Belarus -> Belarusian citizens."""
    for term in approved:
        name = term.text.lower()
        if " " not in name and len(name) >= 5 and any(
                t.startswith(name) and t != name for t in tokens):
            return True
    return False


def _missing(alignment: Alignment, b: int, sides, present, nonempty, original,
             approved_terms: dict[tuple[str, str], tuple[Term, ...]], texts: list[str],
             level: Severity, rendered=None, subjects: Mapping[str, str | None] | None = None
             ) -> list[Finding]:
    rendered = rendered if rendered is not None else present
    subjects = subjects or {}
    docs = alignment.documents
    langs = [d.language for d in docs]
    out = []
    src = langs.index(original) if original in langs else 0
    for k, doc in enumerate(docs):
        if not nonempty[k]:
            continue
        others = [j for j in range(len(docs)) if j != k and nonempty[j]]
        if not others:
            continue
        # a concept the original has; or, on the original side, one all the others have
        if k != src and nonempty[src]:
            wanted = present[src] - rendered[k]
            from_lang = langs[src]
        elif k == src and len(others) >= 2:
            wanted = set.intersection(*(present[j] for j in others)) - rendered[k]
            from_lang = "+".join(langs[j] for j in others)
        else:
            continue
        tokens: list[str] | None = None
        for entry_id in sorted(wanted):
            approved = approved_terms.get((entry_id, doc.language), ())
            expected = tuple(t.text for t in approved)
            if not expected or all(t.part_of_speech in _NOT_REQUIRED for t in approved):
                continue
            if tokens is None:
                tokens = [w.lower() for w in words(texts[k])]
            if _derived(approved, tokens):
                continue
            if subjects.get(entry_id) == "place" and _place_adjective(approved, tokens,
                                                                      doc.language):
                continue
            source = next(m for j in range(len(docs)) for m in sides[j] if m.entry == entry_id)
            seg_idx = alignment.beads[b].indexes[k]
            first, last = doc.segments[seg_idx[0]], doc.segments[seg_idx[-1]]
            out.append(Finding(
                "term-missing", level,
                f"{source.text!r} ({from_lang}) is not rendered as {' / '.join(expected)!r}",
                doc.id, b, doc.language, (first.start, last.end), entry_id, source.text,
                expected))
    return out


# After the stem of a place name: the suffix of its adjective (варшаўскі, віленскі,
# гродзенскі, брэсцкі, минский, гродненский) and an adjective ending.
_ADJ_END = (r"(?:і|ы|ая|ае|ага|ому|аму|ім|ым|ой|ай|ую|ія|ыя|іх|ых|імі|ымі|ий|ый|ое|ее|ого|ему|"
            r"им|ом|ие|ые|их|ими|ыми)")
_PLACE_ADJ = regex.compile(r"\p{L}{0,3}?(?:ск|цк)" + _ADJ_END)
_ADJ_ENDING = regex.compile(_ADJ_END)
_NAME_END = "аяоеэьйў"


def _place_adjective(approved: tuple[Term, ...], tokens: list[str], lang: str) -> bool:
    """A place rendered by its adjective: "у варшаўскіх падзеях" for "events in Warsaw"."""
    if lang not in ("be", "ru", "uk"):
        return False
    for term in approved:
        name = term.text.lower().replace("ё", "е")
        if " " in name:
            continue
        stem = name.rstrip(_NAME_END).replace("ь", "")
        # the last letter of the stem may change (Вільня/віленскі, Гродна/гродзенскі)
        prefix = stem[:-1]
        if len(prefix) < 3:
            continue
        for t in tokens:
            t = t.replace("ё", "е").replace("ь", "")
            if t == name:
                continue
            if t.startswith(prefix) and _PLACE_ADJ.fullmatch(t[len(prefix):]):
                return True
            # Мінск / мінскі, Віцебск / віцебскі
            if stem.endswith(("ск", "цк")) and t.startswith(stem) and \
                    _ADJ_ENDING.fullmatch(t[len(stem):]):
                return True
    return False


_ASCII_LETTER = regex.compile(r"[A-Za-z]")


def _minority_letters(word: str) -> list[str]:
    """The letters of a mixed-script word that are not in its main script."""
    cyr = [c for c in word if regex.match(r"\p{Cyrillic}", c)]
    lat = [c for c in word if regex.match(r"\p{Latin}", c)]
    minority = lat if len(cyr) >= len(lat) else cyr
    script = "Latin" if minority is lat else "Cyrillic"
    return [f"{script} {c!r}" for c in dict.fromkeys(minority)]


def _spelling(doc: Document, bead: int | None, matches: list[TermMatch],
              level: Severity) -> list[Finding]:
    """A found term written with look-alike letters, invisible characters or no apostrophe."""
    out = []
    for m in matches:
        if m.nested:
            continue  # the longer match around it is checked: one note for the words
        apostrophe = doc.language == "be" and "'" in m.term.text
        if not apostrophe and (m.text.isascii() or not _ASCII_LETTER.search(m.text)):
            continue  # the usual case: nothing to look at
        problems = []
        written = [w for w in regex.split(r"[\s\-\u2010\u2011]+", m.text) if w]
        mixed = [w for w in written if mixed_script(w.translate({ord(c): None
                                                                  for c in INVISIBLE}))]
        if mixed:
            letters = sorted({c for w in mixed for c in _minority_letters(w)})
            problems.append(f"mixed script: {', '.join(repr(w) for w in mixed)} mixes Latin "
                            f"and Cyrillic look-alike letters ({' '.join(letters)}); retype "
                            f"them in one script")
        if apostrophe:
            term_words = words(m.term.text)
            for w in words(m.text):
                for tw in term_words:
                    if "'" in tw and not any(a in w for a in APOSTROPHES) and \
                            w.lower().startswith(tw.lower().split("'")[0]) and \
                            len(w) >= len(tw) - 1:
                        problems.append(f"missing apostrophe: {w!r} (write {tw!r})")
                        break
        for problem in problems:
            out.append(Finding("term-spelling", level, f"{m.text!r}: {problem}", doc.id, bead,
                               doc.language, m.span, m.entry, m.text, (m.term.text,)))
    return out


def _same_rendering(a: str, b: str) -> bool:
    """"Tsikhanouskaya" and "Sviatlana Tsikhanouskaya" are one rendering, short and full."""
    wa, wb = set(words(a.lower())), set(words(b.lower()))
    return wa <= wb or wb <= wa


def _inconsistent(uses: list[_Use], level: Severity, scope: str) -> list[Finding]:
    """One source term rendered by different approved terms (Lukashenka / Lukashenko)."""
    by_source: dict[tuple[str, str, str], list[_Use]] = defaultdict(list)
    for use in uses:
        by_source[(use[2], use[3], use[4])].append(use)
    out = []
    for (lang, entry, _source), group in by_source.items():
        counts = Counter(u[5].lower() for u in group)
        if len(counts) < 2:
            continue
        usual = counts.most_common(1)[0][0]
        for doc_id, b, _, _, source, term, span in group:
            if term.lower() != usual and not _same_rendering(term, usual):
                out.append(Finding(
                    "inconsistent-translation", level,
                    f"{source.split(':', 1)[1]!r} rendered {term!r} here, {counts[usual]}x "
                    f"{usual!r} elsewhere in {scope}",
                    doc_id, b, lang, span, entry, term, (usual,)))
    return out


# A short quoted name: «Наша Ніва», „Позірк“, "русский мир" (at most five words).
_QUOTED = regex.compile(r"«[^«»\n]{1,60}»|„[^„“”\n]{1,60}[“”]|“[^“”\n]{1,60}”|\"[^\"\n]{1,60}\"")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)
            if len(_WORD.findall(m.group())) <= 5]


def _wrong_letters(doc: Document, bead_of: dict[int, int], level: Severity) -> list[Finding]:
    pattern = _WRONG_LETTERS.get(doc.language)
    if not pattern:
        return []
    out = []
    for i, seg in enumerate(doc.segments):
        quoted = _quoted_spans(seg.text)
        for w in _CYR_WORD.finditer(seg.text):
            if pattern.search(w.group()):
                letters = "".join(sorted(set(pattern.findall(w.group()))))
                other = "Russian" if doc.language == "be" else "Belarusian/Ukrainian"
                # a name quoted in the other language (a newspaper, a slogan) is legitimate
                inside = any(a <= w.start() and w.end() <= b for a, b in quoted)
                out.append(Finding(
                    "wrong-letters", "info" if inside else level,
                    f"{w.group()!r} has {other} letter(s) {letters} in {doc.language} text"
                    + (" (inside a quoted name: left as quoted)" if inside else ""),
                    doc.id, bead_of.get(i), doc.language,
                    (seg.start + w.start(), seg.start + w.end()), None, w.group()))
    return out


_EN_NUMBERS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_EN_NUMBER_WORD = regex.compile(r"\b(" + "|".join(_EN_NUMBERS) + r")\b", regex.I)
# Belarusian and Russian numerals one to ten, by the stems of their case forms.
_CYR_NUMBER_STEMS = (
    (1, "адзін|адна|адно|адну|адным|адной|адная|один|одна|одно|одну|одним|одной|одного"),
    (2, "два|дзве|двух|двум|двума|дзвюма|двое"),
    (3, "тры|трох|тром|трыма|три|трех|трёх|трем|трём|тремя|трое"),
    (4, "чатыр|четыр"), (5, "пяц|пять|пяти|пятью"), (6, "шэсц|шасц|шест|шести"),
    (7, "сем(?!['’ʼ]?[яюі])|сям(?!['’ʼ])|семь|семи"), (8, "восем|васьм|восьм"),
    (9, "дзевяц|дзевяць|девят"), (10, "дзесяц|дзесяць|десят"))
# Belarusian and Russian numerals one to ten, by the stems of their case forms.
_CYR_NUMBERS = [(regex.compile(r"\b(?:" + pattern + r")\p{L}*", regex.I), str(value))
                for value, pattern in _CYR_NUMBER_STEMS]


def _spelled(text: str, lang: str) -> set[str]:
    """Small numbers written as words (one to twenty in English, one to ten in be/ru)."""
    if lang == "en":
        return {_EN_NUMBERS[m.group(1).lower()] for m in _EN_NUMBER_WORD.finditer(text)}
    if lang in ("be", "ru", "uk"):
        return {value for pattern, value in _CYR_NUMBERS if pattern.search(text)}
    return set()


def numbers(text: str) -> Counter:
    """Numbers in `text`, written the same whatever the convention: 1 000 = 1,000 = 1000."""
    out: Counter = Counter()
    for m in _NUMBER.finditer(text):
        raw = m.group()
        parts = regex.split(r"[ \u00a0\u202f\u2009,.]", raw)
        seps = regex.findall(r"[ \u00a0\u202f\u2009,.]", raw)
        if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]) and len(parts[0]) <= 3:
            out["".join(parts)] += 1  # thousands groups
        elif len(parts) == 2 and seps[0] in ",.":
            out[f"{parts[0]}.{parts[1]}"] += 1  # a decimal
        else:
            for p in parts:  # a list such as "2015 2020" or "9.07"
                out[p] += 1
    return out


def _numbers(alignment: Alignment, b: int, texts: list[str], nonempty: list[bool], src: int,
             starts: list[int], level: Severity) -> list[Finding]:
    """Numbers that differ between sides; with three sides the odd one out is to blame."""
    docs = alignment.documents
    sides = [k for k in range(len(docs)) if nonempty[k]]
    if len(sides) < 2:
        return []
    sets = {k: frozenset(numbers(texts[k])) for k in sides}
    if len(set(sets.values())) == 1:
        return []
    # a number one side spells out ("eight-year", "three hours") excuses the digits
    spelled = {k: _spelled(texts[k], docs[k].language) for k in sides}

    def differ(k: int, j: int) -> tuple[list[str], list[str]]:
        return (sorted(sets[j] - sets[k] - spelled[k]), sorted(sets[k] - sets[j] - spelled[j]))

    blamed: list[tuple[int, int]] = []  # (side, the side it is compared with)
    if len(sides) >= 3:
        for k in sides:
            others = [j for j in sides if j != k]
            if all(any(differ(k, j)) for j in others) and not any(
                    any(differ(a, c)) for a in others for c in others if a < c):
                blamed.append((k, others[0]))
    if not blamed:
        ref = src if src in sides else sides[0]
        blamed = [(k, ref) for k in sides if k != ref and any(differ(k, ref))]
    out = []
    for k, ref in blamed:
        doc = docs[k]
        missing, extra = differ(k, ref)
        parts = []
        if missing:
            parts.append(f"{', '.join(missing)} missing")
        if extra:
            parts.append(f"{', '.join(extra)} not in the {docs[ref].language} text")
        seg = alignment.beads[b].indexes[k]
        span = (doc.segments[seg[0]].start, doc.segments[seg[-1]].end)
        out.append(Finding("number-mismatch", level, "numbers differ: " + "; ".join(parts),
                           doc.id, b, doc.language, span, None, None, tuple(missing)))
    return out


def _untranslated(alignment: Alignment, b: int, texts: list[str], nonempty: list[bool],
                  src: int, starts: list[int], level: Severity) -> list[Finding]:
    docs = alignment.documents
    if not nonempty[src]:
        return []
    source = texts[src]
    src_words = [w.lower() for w in _WORD.findall(source)]
    out = []
    for k, doc in enumerate(docs):
        if k == src or not nonempty[k]:
            continue
        target = texts[k]
        seg = alignment.beads[b].indexes[k]
        span = (doc.segments[seg[0]].start, doc.segments[seg[-1]].end)
        reason = None
        tgt_words = [w.lower() for w in _WORD.findall(target)]
        if len(tgt_words) >= 3 and tgt_words == src_words:
            reason = "the target repeats the source"
        elif doc.language == "en" and docs[src].language != "en":
            run = _longest_run(_CYR_WORD, target)
            if run >= 3:
                reason = f"{run} Cyrillic words in a row in the English text"
        elif doc.language != "en" and docs[src].language == "en":
            run = _longest_run(_LAT_WORD, target)
            if run >= 4:
                reason = f"{run} Latin words in a row in the {doc.language} text"
        elif len(tgt_words) >= 6:
            shared = _longest_shared(src_words, tgt_words)
            if shared >= 6:
                reason = f"{shared} words copied from the {docs[src].language} text"
        if reason:
            out.append(Finding("untranslated", level, f"untranslated text: {reason}",
                               doc.id, b, doc.language, span, None, None, ()))
    return out


def _longest_run(pattern: regex.Pattern, text: str) -> int:
    best = run = 0
    for w in _WORD.findall(text):
        if pattern.fullmatch(w):
            run += 1
            best = max(best, run)
        elif not w.isdigit():
            run = 0
    return best


def _longest_shared(a: Sequence[str], b: Sequence[str]) -> int:
    grams = {tuple(a[i:i + 6]) for i in range(len(a) - 5)}
    return 6 if any(tuple(b[i:i + 6]) in grams for i in range(len(b) - 5)) else 0
