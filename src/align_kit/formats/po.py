"""PO files with polib: one per document and target language, merged on re-export.

Each bead with a source sentence is one entry: `msgctxt` "<alignment id>:bead-N"
(identical sentences never collide), `msgid` the source side, `msgstr` the
target side (or its machine draft), `#:` the source files and lines, `#.`
score, bead type, flags and findings, `#, fuzzy` for low confidence and
machine drafts. Writing over an existing PO merges the way `msgmerge` does:
the translator's msgstr, flags and comments win, references and extracted
comments are updated, vanished entries become obsolete (`#~`). No edit is
ever lost. Characters XML 1.0 cannot hold (controls from Word, lone surrogates)
are removed and reported here too, so PO, TMX and XLIFF carry the same texts.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import polib

from align_kit import __version__
from align_kit.errors import FormatError, InputError
from align_kit.formats._edit import Edit, apply_edits
from align_kit.formats._json import valid_score
from align_kit.formats._xml import Cleaner, xml_clean
from align_kit.formats.atomic import atomic_write
from align_kit.formats.tmx import rebuild_document
from align_kit.model import Alignment, Bead, Document, Notice, bead_index, bead_number

PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "be": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
}
LANGUAGE_NAMES = {"en": "English", "be": "Belarusian", "ru": "Russian", "uk": "Ukrainian"}
MT_COMMENT = "machine translation draft: check it, then remove the fuzzy flag"
GENERATOR = f"align-kit {__version__}"


def po_date(moment: datetime | None = None) -> str:
    moment = (moment or datetime.now(UTC)).astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M+0000")


def context(alignment_id: str, bead: int) -> str:
    """msgctxt / XLIFF id of bead index `bead`: "<id>:bead-N", N the 1-based bead number."""
    return f"{alignment_id}:bead-{bead_number(bead)}"


def parse_context(ctxt: str | None) -> tuple[str, int] | None:
    """(alignment id, 0-based bead index) of a context written by `context`."""
    if not ctxt or ":bead-" not in ctxt:
        return None
    doc, _, number = ctxt.rpartition(":bead-")
    if not number.isascii() or not number.isdigit() or int(number) < 1:
        return None
    return doc, bead_index(int(number))


def _sides(alignment: Alignment, target_lang: str, source_lang: str | None) -> tuple[int, int]:
    langs = alignment.languages
    if target_lang not in langs:
        raise InputError(f"the alignment {alignment.id!r} has no {target_lang!r} document "
                         f"(it has {', '.join(langs)})", hint="choose --pair or --lang among "
                         "those languages")
    if source_lang is None:
        source_lang = alignment.original if alignment.original in langs else None
        if source_lang in (None, target_lang):
            source_lang = next(lang for lang in langs if lang != target_lang)
    if source_lang not in langs or source_lang == target_lang:
        raise InputError(f"cannot use {source_lang!r} as the source language of "
                         f"{alignment.id!r}")
    return langs.index(source_lang), langs.index(target_lang)


class _Lines:
    """Line number of a character offset in a document's text."""

    def __init__(self, doc: Document) -> None:
        self.breaks = [i for i, c in enumerate(doc.text) if c == "\n"]

    def __call__(self, offset: int) -> int:
        return bisect.bisect_left(self.breaks, offset) + 1


def _reference(doc: Document) -> str:
    ref = doc.source or doc.id
    return ref.replace(" ", "\u00a0")  # a space would split the reference in two


def _comment(bead: Bead, findings: list[str], machine_only: bool) -> str:
    head = f"score: {bead.score!r}; type: {bead.kind}"
    if bead.flags:
        head += "; flags: " + " ".join(sorted(bead.flags))
    if machine_only:
        head += "; target: machine draft"
    return "\n".join([head, *findings])


def build_entries(alignment: Alignment, ks: int, kt: int, *, fuzzy_below: float,
                  template: bool, clean: Cleaner, min_score: float | None = None
                  ) -> tuple[list[polib.POEntry], int]:
    """The PO entries of one language pair, and how many beads had no source to be one."""
    src_doc, tgt_doc = alignment.documents[ks], alignment.documents[kt]
    src_lines, tgt_lines = _Lines(src_doc), _Lines(tgt_doc)
    by_bead: dict[int, list[str]] = {}
    for f in alignment.findings:
        if f.bead is not None and f.language in (None, src_doc.language, tgt_doc.language):
            by_bead.setdefault(f.bead, []).append(f"{f.severity} {f.check}: {f.message}")
    entries, skipped = [], 0
    for i, bead in enumerate(alignment.beads):
        if not valid_score(bead.score):  # never write "nan" into a PO comment
            raise FormatError(f"{alignment.id} bead {bead_number(i)}: score {bead.score!r} is not "
                              "a number between 0 and 1", path=clean.path)
        if min_score is not None and bead.score < min_score:
            continue
        src_side, tgt_side = bead.indexes[ks], bead.indexes[kt]
        msgid = clean(" ".join(src_doc.segments[j].text for j in src_side),
                      f"{alignment.id} bead {bead_number(i)} ({src_doc.language})")
        if not msgid:
            skipped += 1
            continue
        target = clean(" ".join(tgt_doc.segments[j].text for j in tgt_side),
                       f"{alignment.id} bead {bead_number(i)} ({tgt_doc.language})")
        draft = bead.drafts.get(tgt_doc.language)
        if draft is not None:
            draft = clean(draft, f"{alignment.id} bead {bead_number(i)} "
                          f"({tgt_doc.language} draft)")
        machine_only = not target and draft is not None
        msgstr = "" if template else (target or draft or "")
        machine = machine_only or "mt" in bead.flags
        flags = []
        if not template and msgstr and "reviewed" not in bead.flags and (
                machine or bead.score < fuzzy_below):
            flags.append("fuzzy")
        refs = [(_reference(src_doc), str(src_lines(src_doc.segments[src_side[0]].start)))]
        if tgt_side and not template:
            refs.append((_reference(tgt_doc), str(tgt_lines(tgt_doc.segments[tgt_side[0]].start))))
        comment = _comment(bead, by_bead.get(i, []), machine_only)
        # What align-kit wrote, so a re-export tells a translator's edit from its own text.
        head, nl, rest = comment.partition("\n")
        comment = f"{head}; written: {fingerprint(msgstr, flags)}{nl}{rest}"
        entries.append(polib.POEntry(
            msgctxt=context(alignment.id, i), msgid=msgid, msgstr=msgstr, flags=flags,
            occurrences=refs, comment=comment,
            tcomment=MT_COMMENT if machine and "fuzzy" in flags else ""))
    return entries, skipped


def _header(alignment: Alignment, source_lang: str, target_lang: str, template: bool,
            created: datetime | None, translator: str | None = None,
            team: str | None = None) -> dict[str, str]:
    date = po_date(created)
    name = LANGUAGE_NAMES.get(target_lang, target_lang)
    # No made-up address: the person and team come from --translator/--team, or stay unnamed
    # (an empty Last-Translator, the language's name as team) for the team to fill in.
    return {
        "Project-Id-Version": alignment.id or "align-kit",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": date,
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE" if template else date,
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>" if template else translator or "",
        "Language-Team": "LANGUAGE <LL@li.org>" if template else team or name,
        "Language": "" if template else target_lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=INTEGER; plural=EXPRESSION;" if template
        else PLURAL_FORMS.get(target_lang, "nplurals=2; plural=(n != 1);"),
        "X-Generator": GENERATOR,
        "X-Source-Language": source_lang,
    }


def load_po(path: str | os.PathLike) -> polib.POFile:
    """polib.pofile with our errors: FormatError (with the line where polib says) on bad input."""
    source = str(path)
    if Path(source).is_dir():
        raise FormatError("expected a PO file, found a folder", path=source)
    try:
        raw = Path(source).read_bytes()
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror or exc}", path=source) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise FormatError("the PO file is not UTF-8", path=source, line=line,
                          hint="convert it with msgconv --to-code=UTF-8") from None
    if not text.strip():
        raise FormatError("empty PO file", path=source)
    _check_strings_closed(text, source)
    try:
        # The path, not the text: polib would split text on U+0085/U+2028 as line breaks.
        return polib.pofile(source, wrapwidth=78, encoding="utf-8-sig")
    except (OSError, ValueError) as exc:
        message = str(exc)
        line = None
        if "line" in message:
            tail = message.rsplit("line", 1)[1].strip(" )")
            line = int(tail) if tail.isdigit() else None
        raise FormatError(f"malformed PO file: {message}", path=source, line=line,
                          hint="check it with msgfmt --check") from None


_PO_STRING = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(.*)$')


def _check_strings_closed(text: str, source: str) -> None:
    """polib silently drops a string whose closing quote is missing: refuse the file instead."""
    # Only "\n" ends a PO line: U+0085 and U+2028 inside a string are text.
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip(" \t\r")
        if stripped.startswith("#~"):
            stripped = stripped[2:].strip(" \t")
        elif stripped.startswith("#"):
            continue
        match = _PO_STRING.match(stripped)
        if not match:
            continue
        body = match.group(1)
        if not body.endswith('"') or not _unescaped_end(body):
            raise FormatError("malformed PO file: a string is not closed", path=source,
                              line=number, hint="add the closing quote; check with msgfmt --check")


def _unescaped_end(body: str) -> bool:
    """Whether the final quote of `body` is not escaped by a backslash."""
    backslashes = len(body[:-1]) - len(body[:-1].rstrip("\\"))
    return backslashes % 2 == 0


def write_po(alignment: Alignment, path: str | os.PathLike, *, target_lang: str,
             fuzzy_below: float = 0.5, template: bool = False, source_lang: str | None = None,
             min_score: float | None = None, created: datetime | None = None,
             translator: str | None = None, team: str | None = None) -> list[Notice]:
    """Write (or merge into) the PO file of `alignment` towards `target_lang`, atomically.

    `template` writes a POT (empty msgstr, no merge); `min_score` leaves out beads
    under that confidence; `translator` and `team` ("Name <email>") fill the
    Last-Translator and Language-Team headers (a merge keeps the file's own, unless
    given). Returns Notices (beads left out for want of a source sentence, entries made
    obsolete ...).
    """
    ks, kt = _sides(alignment, target_lang, source_lang)
    src_lang = alignment.languages[ks]
    clean = Cleaner(str(path))
    entries, skipped = build_entries(alignment, ks, kt, fuzzy_below=fuzzy_below,
                                     template=template, clean=clean, min_score=min_score)
    notices = clean.notices
    if skipped:
        notices.append(Notice("po-no-source", f"{alignment.id}: {skipped} bead(s) with no "
                              f"{src_lang} sentence are not in the PO (a PO entry needs a msgid)",
                              "info", str(path)))
    po = polib.POFile(wrapwidth=78)
    po.metadata = _header(alignment, src_lang, target_lang, template, created, translator, team)
    po.header = (f"{alignment.id}: {src_lang} -> {target_lang}, written by align-kit.\n"
                 "Re-exporting merges into this file: your translations and flags are kept.")
    target = Path(path)
    if target.exists() and not template:
        old = load_po(target)
        entries, merged = merge_entries(old, entries)
        notices.extend(Notice("po-merged", m, "info", str(path)) for m in merged)
        po.metadata = dict(old.metadata) or po.metadata
        po.metadata["X-Generator"] = GENERATOR
        for key, value in (("Last-Translator", translator), ("Language-Team", team)):
            if value:
                po.metadata[key] = value
        po.header = old.header or po.header
    for entry in entries:
        po.append(entry)
    with atomic_write(target, "w", newline="\n") as out:
        out.write(str(po))
    return notices


def fingerprint(msgstr: str, flags: list[str]) -> str:
    """A digest of what a translator would change in an entry: its msgstr and fuzziness."""
    text = f"{'fuzzy' in flags}\x1f{msgstr}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _edited(entry: polib.POEntry) -> bool:
    """Whether a translator changed the msgstr or fuzzy flag align-kit wrote (or, with no
    record of what it wrote, an older align-kit's file: then the translator wins)."""
    head = (entry.comment or "").split("\n", 1)[0]
    recorded = next((part.split(":", 1)[1].strip() for part in head.split(";")
                     if part.strip().startswith("written:")), None)
    return recorded != fingerprint(entry.msgstr, entry.flags)


def merge_entries(old: polib.POFile, fresh: list[polib.POEntry]
                  ) -> tuple[list[polib.POEntry], list[str]]:
    """msgmerge for our entries, following the alignment as XLIFF's `merge_units` does.

    Old and fresh entries are paired by context and msgid, then by msgid alone (the
    sentence moved to another bead), then by context alone (its source changed). An
    entry the translator left as align-kit wrote it takes the fresh msgstr (a bead fix
    moves translations with their sentences); an edited one wins; an edited one whose
    source changed is kept as fuzzy with the previous msgid (`#| msgid`). Edited entries
    no longer in the alignment stay as obsolete (`#~`); nothing edited is lost.
    """
    live = [e for e in old if not e.obsolete]
    by_key = {(e.msgctxt, e.msgid): e for e in live}
    by_msgid: dict[str, list[polib.POEntry]] = {}
    by_ctxt: dict[str | None, polib.POEntry] = {}
    for e in live:
        by_msgid.setdefault(e.msgid, []).append(e)
        by_ctxt.setdefault(e.msgctxt, e)
    used: set[int] = set()
    pairs: dict[int, tuple[polib.POEntry, str]] = {}

    def take(n: int, prev: polib.POEntry | None, how: str) -> None:
        if prev is not None and id(prev) not in used:
            used.add(id(prev))
            pairs[n] = (prev, how)

    for n, entry in enumerate(fresh):
        take(n, by_key.get((entry.msgctxt, entry.msgid)), "same")
    for n, entry in enumerate(fresh):
        if n not in pairs:
            take(n, next((e for e in by_msgid.get(entry.msgid, []) if id(e) not in used),
                         None), "moved")
    for n, entry in enumerate(fresh):
        prev = by_ctxt.get(entry.msgctxt)
        if n not in pairs and prev is not None and _edited(prev) and prev.msgstr:
            take(n, prev, "changed")
    counts = {"same": 0, "moved": 0, "changed": 0}
    for n, (prev, how) in pairs.items():
        entry = fresh[n]
        if prev.tcomment and prev.tcomment != MT_COMMENT:
            entry.tcomment = prev.tcomment  # the translator's own comment
        if _edited(prev):
            entry.msgstr = prev.msgstr
            entry.flags = list(prev.flags)
            if how == "changed":
                entry.flags = sorted({*entry.flags, "fuzzy"})
                entry.previous_msgid = prev.msgid
            elif prev.previous_msgid:
                entry.previous_msgid = prev.previous_msgid
        counts[how] += 1
    out = list(fresh)
    vanished = 0
    for e in old:
        if id(e) in used:
            continue
        if not e.obsolete and (not e.msgstr or not _edited(e)):
            continue  # nothing a translator wrote: drop
        if not e.obsolete:
            vanished += 1
        e.obsolete = True
        e.occurrences = []
        out.append(e)
    notes = []
    if vanished:
        notes.append(f"{vanished} edited entr{'y' if vanished == 1 else 'ies'} no longer in "
                     "the alignment kept as obsolete (#~)")
    if counts["moved"]:
        notes.append(f"{counts['moved']} translation(s) followed their sentence to a new bead "
                     "number")
    if counts["changed"]:
        notes.append(f"{counts['changed']} edited entr{'y' if counts['changed'] == 1 else 'ies'}"
                     " whose source sentence changed kept as fuzzy, with the previous msgid "
                     "(#| msgid): check them")
    return out, notes


# --- reading ---------------------------------------------------------------------------------


def _parse_comment(comment: str) -> tuple[float | None, set[str], bool]:
    score, flags, machine_only = None, set(), False
    first = comment.split("\n", 1)[0]
    for part in first.split(";"):
        key, _, value = part.strip().partition(":")
        value = value.strip()
        if key == "score":
            try:
                score = float(value)
            except ValueError:
                pass
        elif key == "flags":
            flags = set(value.split())
        elif key == "target" and value == "machine draft":
            machine_only = True
    return score, flags, machine_only


def _entries(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in po if not e.obsolete and e.msgid]


def read_po(path: str | os.PathLike) -> Alignment:
    """A PO file as a two-document alignment: msgids the source, msgstrs the target.

    Each entry is one 1-1 bead (a side that joined several sentences comes back
    as one segment); use `apply_po` to bring edits back into the original alignment.
    """
    source = str(path)
    po = load_po(source)
    target_lang = (po.metadata.get("Language") or "").split("_")[0].split("-")[0].lower()
    source_lang = (po.metadata.get("X-Source-Language") or "en").lower()
    if not target_lang:
        raise FormatError("the PO header names no Language (is it a POT template?)",
                          path=source, hint="set Language: in the header")
    entries = _entries(po)
    ids = [parse_context(e.msgctxt) for e in entries]
    alignment_id = next((c[0] for c in ids if c), Path(source).name.split(".")[0])
    order = sorted(range(len(entries)),
                   key=lambda n: (ids[n][1] if ids[n] else 10**9, n))
    sources, targets, beads = [], [], []
    for n in order:
        e = entries[n]
        score, flags, machine_only = _parse_comment(e.comment or "")
        if score is not None and not valid_score(score):
            raise FormatError(f"entry {e.msgctxt or e.msgid[:30]!r}: score {score!r} is not a "
                              "number between 0 and 1", path=source, line=e.linenum)
        if score is None:
            score = 0.4 if "fuzzy" in e.flags else 1.0
        sides: tuple[tuple[int, ...], tuple[int, ...]]
        drafts = {}
        src_index = len(sources)
        sources.append(e.msgid)
        if e.msgstr and not machine_only:
            sides = ((src_index,), (len(targets),))
            targets.append(e.msgstr)
        else:
            sides = ((src_index,), ())
            if e.msgstr:
                drafts[target_lang] = e.msgstr
        beads.append(Bead(sides, score, frozenset(flags), drafts))
    documents = (rebuild_document(f"{alignment_id}.{source_lang}", source_lang, sources,
                                  source=source),
                 rebuild_document(f"{alignment_id}.{target_lang}", target_lang, targets,
                                  source=source))
    return Alignment(documents, tuple(beads), original=source_lang, id=alignment_id)


def apply_po(alignment: Alignment, path: str | os.PathLike, *,
             fuzzy_below: float = 0.5) -> Alignment:
    """`alignment` with the translations of a PO file written from it applied.

    Edited msgstrs replace the target side (marked "reviewed" unless fuzzy);
    removing the fuzzy flag approves a bead. Raises FormatError if the PO does
    not belong to this alignment (other ids or source sentences).
    """
    source = str(path)
    po = load_po(source)
    target_lang = (po.metadata.get("Language") or "").split("_")[0].split("-")[0].lower()
    if target_lang not in alignment.languages:
        raise FormatError(f"the PO is for {target_lang or 'no language'!r}, which the "
                          f"alignment {alignment.id!r} does not have", path=source)
    src_lang = po.metadata.get("X-Source-Language")
    ks, _ = _sides(alignment, target_lang, src_lang if src_lang in alignment.languages else None)
    src_doc = alignment.documents[ks]
    edits: dict[int, Edit] = {}
    for e in _entries(po):
        ctx = parse_context(e.msgctxt)
        if ctx is None or ctx[0] != alignment.id:
            raise FormatError(f"entry {e.msgctxt!r} does not belong to alignment "
                              f"{alignment.id!r}", path=source, line=e.linenum,
                              hint="import the PO into the alignment it was exported from")
        bead_n = ctx[1]
        if bead_n >= len(alignment.beads):
            raise FormatError(f"entry {e.msgctxt!r}: the alignment has no bead "
                              f"{bead_number(bead_n)}",
                              path=source, line=e.linenum)
        msgid, _ = xml_clean(" ".join(src_doc.segments[j].text
                                      for j in alignment.beads[bead_n].indexes[ks]))
        if msgid != e.msgid:
            raise FormatError(f"entry {e.msgctxt!r}: its msgid is not the alignment's source "
                              "sentence", path=source, line=e.linenum,
                              hint="the alignment changed since the export; export again "
                              "(translations are merged) and import that")
        edits[bead_n] = Edit(e.msgstr, "fuzzy" not in e.flags)
    return apply_edits(alignment, target_lang, edits, fuzzy_below=fuzzy_below)
