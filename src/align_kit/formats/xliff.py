"""XLIFF 1.2: one bilingual file per alignment and target language, and back.

One `<trans-unit>` per bead with a source sentence, `id` "<alignment>:bead-N".
`state` says what a translator should do with it: "signed-off" for a
reviewed bead, "needs-review-translation" (with state-qualifier
"mt-suggestion" for machine drafts) under the confidence threshold,
"needs-translation" with no target, "translated" otherwise. Score, bead type
and flags ride in align-kit's own namespace (allowed by XLIFF 1.2 and
ignored by tools); findings are `<note>`s.

Writing over an existing XLIFF of the same alignment merges the way
`msgmerge` does for PO (`merge_units`): a translator's target, state,
approval, notes and anything else their tool added survive a re-export.
`ak:written` (a digest of the target, state and approval align-kit wrote)
tells an untouched unit, which follows the alignment, from an edited one,
which wins. Any other file at the path is refused, never overwritten.
"""

from __future__ import annotations

import copy
import hashlib
import os
from pathlib import Path

from lxml import etree

from align_kit import __version__
from align_kit.errors import FormatError
from align_kit.formats import inline
from align_kit.formats._edit import Edit, apply_edits
from align_kit.formats._json import valid_score
from align_kit.formats._xml import (
    Cleaner,
    iter_elements,
    local,
    parse_safely,
    xml_clean,
)
from align_kit.formats.atomic import atomic_write
from align_kit.formats.po import _sides, context, parse_context
from align_kit.formats.tmx import XML_LANG, rebuild_document
from align_kit.model import Alignment, Bead, Notice, bead_number

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
AK_NS = "urn:align-kit:xliff"
_X = f"{{{XLIFF_NS}}}"
_AK = f"{{{AK_NS}}}"
CONFIRMED_STATES = {"translated", "final", "signed-off"}


def unit_state(bead: Bead, has_target: bool, machine: bool,
               fuzzy_below: float) -> tuple[str, str | None]:
    """The XLIFF 1.2 `state` (and `state-qualifier`) of a bead's target."""
    if not has_target:
        return "needs-translation", None
    if "reviewed" in bead.flags:
        return "signed-off", None
    if machine:
        return "needs-review-translation", "mt-suggestion"
    if bead.score < fuzzy_below:
        return "needs-review-translation", "fuzzy-match"
    return "translated", None


def write_xliff(alignment: Alignment, path: str | os.PathLike, *, target_lang: str,
                source_lang: str | None = None, fuzzy_below: float = 0.5,
                min_score: float | None = None) -> list[Notice]:
    """Write (or merge into) the XLIFF 1.2 file of `alignment` towards `target_lang`, atomically.

    Writing over an existing XLIFF of the same alignment and languages merges
    the way `msgmerge` does (see `merge_units`): the translator's targets,
    states, approvals and notes win. Any other file at `path` is refused with a
    FormatError, never overwritten. Returns Notices (XML-illegal characters
    removed, units that moved, became fuzzy or were dropped).
    """
    ks, kt = _sides(alignment, target_lang, source_lang)
    src_doc, tgt_doc = alignment.documents[ks], alignment.documents[kt]
    target_path = Path(path)
    old_root = None
    if target_path.exists() or target_path.is_symlink():
        old_root = _existing_xliff(target_path, alignment.id, src_doc.language, tgt_doc.language)
    clean = Cleaner(str(path))
    root = etree.Element(f"{_X}xliff", nsmap={None: XLIFF_NS, "ak": AK_NS}, version="1.2")
    file_el = etree.SubElement(root, f"{_X}file", {
        "original": clean(src_doc.source or src_doc.id, "file name"),
        "source-language": src_doc.language, "target-language": tgt_doc.language,
        "datatype": "plaintext", "tool-id": "align-kit", f"{_AK}alignment": alignment.id})
    header = etree.SubElement(file_el, f"{_X}header")
    etree.SubElement(header, f"{_X}tool", {"tool-id": "align-kit", "tool-name": "align-kit",
                                           "tool-version": __version__})
    body = etree.SubElement(file_el, f"{_X}body")
    findings: dict[int, list[str]] = {}
    for f in alignment.findings:
        if f.bead is not None and f.language in (None, src_doc.language, tgt_doc.language):
            findings.setdefault(f.bead, []).append(f"{f.severity} {f.check}: {f.message}")
    for i, bead in enumerate(alignment.beads):
        if not valid_score(bead.score):  # never write "nan" into ak:score
            raise FormatError(f"{alignment.id} bead {bead_number(i)}: score {bead.score!r} is not "
                              "a number between 0 and 1", path=str(path))
        if min_score is not None and bead.score < min_score:
            continue
        where = f"{alignment.id} bead {bead_number(i)}"
        src = clean(" ".join(src_doc.segments[j].text for j in bead.indexes[ks]), where)
        if not src:
            continue
        tgt = " ".join(tgt_doc.segments[j].text for j in bead.indexes[kt])
        draft = bead.drafts.get(tgt_doc.language)
        machine_only = not tgt and draft is not None
        text = tgt or draft or ""
        state, qualifier = unit_state(bead, bool(text), machine_only or "mt" in bead.flags,
                                      fuzzy_below)
        unit = etree.SubElement(body, f"{_X}trans-unit", {
            "id": clean(context(alignment.id, i), where),
            XML_SPACE: "preserve",
            f"{_AK}score": repr(float(bead.score)), f"{_AK}type": bead.kind})
        if "reviewed" in bead.flags:
            unit.set("approved", "yes")
        if bead.flags:
            unit.set(f"{_AK}flags", " ".join(sorted(bead.flags)))
        if machine_only:
            unit.set(f"{_AK}target", "machine-draft")
        source_el = etree.SubElement(unit, f"{_X}source", {XML_LANG: src_doc.language})
        # Placeholders of imported inline codes become the real codes again (inline.py).
        _fill(source_el, src, src_doc.metadata, bead.indexes[ks])
        if text:
            target = etree.SubElement(unit, f"{_X}target", {XML_LANG: tgt_doc.language,
                                                            "state": state})
            if qualifier:
                target.set("state-qualifier", qualifier)
            _fill(target, clean(text, where), tgt_doc.metadata,
                  bead.indexes[kt] if tgt else ())
        for note in findings.get(i, []):
            etree.SubElement(unit, f"{_X}note", {"from": "align-kit"}).text = clean(note, where)
        # What align-kit wrote, so a re-export can tell a translator's edit from its own text.
        unit.set(f"{_AK}written", fingerprint(unit))
    notices = clean.notices
    if old_root is not None:
        merged = merge_units(old_root, file_el)
        notices.extend(Notice("xliff-merged", message, level, str(path))
                       for level, message in merged)
    etree.indent(header, level=2)
    _indent_units(root)
    etree.cleanup_namespaces(root)  # restored codes carried their own xmlns
    with atomic_write(target_path, "wb") as out:
        out.write(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
        out.write(b"\n")
    return notices


def _fill(elem: etree._Element, text: str, metadata, side) -> None:
    codes = inline.side_codes(metadata, side)
    if codes is None or not inline.restore(elem, text, codes, "xliff"):
        elem.text = text


# --- merging into an existing XLIFF ----------------------------------------------------------

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# What align-kit writes on <file> and <trans-unit>; everything else there is the translator's.
_OWN_FILE_ATTRS = {"original", "source-language", "target-language", "datatype", "tool-id"}
_OWN_UNIT_ATTRS = {"id", XML_SPACE, "approved"}
_REFUSE_HINT = "choose another output path, or move that file away"


def fingerprint(unit: etree._Element) -> str:
    """A digest of a unit's target, its state and approval: what a translator would change."""
    target = next((c for c in unit if local(c) == "target"), None)
    parts = [unit.get("approved", "")]
    if target is not None:
        parts += [target.get("state", ""), target.get("state-qualifier", ""),
                  "".join(target.itertext()), " ".join(local(e) for e in target.iter())]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def _existing_xliff(path: Path, alignment_id: str, src_lang: str,
                    tgt_lang: str) -> etree._Element:
    """The root of the XLIFF at `path`, if it is this alignment's; FormatError otherwise."""
    where = str(path)
    if path.is_dir():
        raise FormatError("is a folder, not an XLIFF file: refusing to write there",
                          path=where, hint=_REFUSE_HINT)
    try:
        root = parse_safely(path, "XLIFF", "xliff")
    except FormatError as exc:
        raise FormatError(f"exists and is not an XLIFF file align-kit can merge into, refusing "
                          f"to overwrite it ({exc.message})", path=where, line=exc.line,
                          hint=_REFUSE_HINT) from None
    files = [f for f in root if local(f) == "file"]
    if root.get("version") != "1.2" or len(files) != 1:
        raise FormatError("exists and is not a one-file XLIFF 1.2 written by align-kit, "
                          "refusing to overwrite it", path=where, hint=_REFUSE_HINT)
    file_el = files[0]
    owner = file_el.get(f"{_AK}alignment")
    ids = [parse_context(u.get("id")) for u in file_el.iter(f"{_X}trans-unit")]
    if owner is None and ids and all(c is not None and c[0] == alignment_id for c in ids):
        owner = alignment_id  # written without ak:alignment, but every unit is ours
    if owner != alignment_id:
        mine = f"of alignment {owner!r}" if owner else "not written by align-kit"
        raise FormatError(f"exists and is an XLIFF {mine}, not of {alignment_id!r}: refusing "
                          "to overwrite it", path=where, hint=_REFUSE_HINT)
    langs = tuple((file_el.get(a) or "").split("-")[0].lower()
                  for a in ("source-language", "target-language"))
    if langs != (src_lang, tgt_lang):
        raise FormatError(f"exists and is the {langs[0]}->{langs[1]} XLIFF of {alignment_id!r}, "
                          f"not {src_lang}->{tgt_lang}: refusing to overwrite it",
                          path=where, hint=_REFUSE_HINT)
    return root


def _ours(elem: etree._Element) -> bool:
    """Children align-kit writes into a trans-unit (and rewrites on every export)."""
    return local(elem) in ("source", "target") or (local(elem) == "note"
                                                   and elem.get("from") == "align-kit")


def _source_text(unit: etree._Element) -> str:
    source = next((c for c in unit if local(c) == "source"), None)
    return _plain(source) if source is not None else ""


def merge_units(old_root: etree._Element, file_el: etree._Element) -> list[tuple[str, str]]:
    """Merge the old XLIFF into the fresh `<file>`, as msgmerge: nothing edited is lost.

    Old and fresh units are paired by id and source, then by source alone (the
    bead number moved), then by id alone (the source changed). A paired unit
    whose target the translator left as align-kit wrote it takes the fresh
    target; otherwise the translator's target, state and approval win (for a
    changed source the target is kept as fuzzy, the old source and target in an
    `<alt-trans>`). The translator's notes, other elements and attributes are
    kept; units no longer in the alignment are dropped and reported. Returns
    (level, message) pairs.
    """
    old_file = next(f for f in old_root if local(f) == "file")
    _keep_file_extras(old_file, file_el)
    old_units = list(old_file.iter(f"{_X}trans-unit"))
    fresh = list(file_el.iter(f"{_X}trans-unit"))
    by_key = {(u.get("id"), _source_text(u)): u for u in old_units}
    by_source: dict[str, list[etree._Element]] = {}
    by_id: dict[str | None, etree._Element] = {}
    for u in old_units:
        by_source.setdefault(_source_text(u), []).append(u)
        by_id.setdefault(u.get("id"), u)
    pairs: dict[int, tuple[etree._Element, str]] = {}
    used: set[int] = set()

    def take(n: int, old: etree._Element | None, how: str) -> None:
        if old is not None and id(old) not in used:
            used.add(id(old))
            pairs[n] = (old, how)

    for n, unit in enumerate(fresh):
        take(n, by_key.get((unit.get("id"), _source_text(unit))), "same")
    for n, unit in enumerate(fresh):
        if n not in pairs:
            take(n, next((u for u in by_source.get(_source_text(unit), [])
                          if id(u) not in used), None), "moved")
    for n, unit in enumerate(fresh):
        old = by_id.get(unit.get("id"))
        if n not in pairs and old is not None and _edited(old):
            take(n, old, "changed")
    counts = {"same": 0, "moved": 0, "changed": 0}
    for n, (old, how) in pairs.items():
        _merge_unit(fresh[n], old, changed=how == "changed")
        counts[how] += 1
    dropped = [u for u in old_units if id(u) not in used]
    edited = [u.get("id") or "?" for u in dropped if _edited(u)]
    notes = []
    if counts["moved"]:
        notes.append(("info", f"{counts['moved']} translation(s) followed their sentence to a "
                      "new bead number"))
    if counts["changed"]:
        notes.append(("warning", f"{counts['changed']} unit(s) whose source sentence changed "
                      "keep the translator's target as fuzzy (state needs-review-translation):"
                      " check them"))
    if dropped:
        message = f"{len(dropped)} unit(s) no longer in the alignment were dropped"
        if edited:
            shown = ", ".join(edited[:5]) + (" ..." if len(edited) > 5 else "")
            message += f", {len(edited)} of them with a translator's edit ({shown})"
        notes.append(("warning" if edited else "info", message))
    return notes


def _edited(unit: etree._Element) -> bool:
    """Whether a translator changed the target, state or approval align-kit wrote."""
    return unit.get(f"{_AK}written") != fingerprint(unit)


def _merge_unit(unit: etree._Element, old: etree._Element, *, changed: bool) -> None:
    if _edited(old) and fingerprint(old) != fingerprint(unit):
        fresh_target = next((c for c in unit if local(c) == "target"), None)
        old_target = next((c for c in old if local(c) == "target"), None)
        if fresh_target is not None:
            unit.remove(fresh_target)
        if old_target is not None:
            kept = copy.deepcopy(old_target)
            kept.tail = None
            if changed:
                kept.set("state", "needs-review-translation")
                kept.set("state-qualifier", "fuzzy-match")
            source = next(c for c in unit if local(c) == "source")
            source.addnext(kept)
        approved = None if changed else old.get("approved")
        if approved is None:
            unit.attrib.pop("approved", None)
        else:
            unit.set("approved", approved)
        if old_target is not None and changed:
            alt = etree.SubElement(unit, f"{_X}alt-trans",
                                   {"origin": "align-kit: previous source"})
            old_source = next(c for c in old if local(c) == "source")
            alt.append(copy.deepcopy(old_source))
            alt.append(copy.deepcopy(old_target))
            for child in alt:
                child.tail = None
        # The target is the translator's now (no longer a bare machine draft): no
        # fingerprint, so later exports keep it.
        unit.attrib.pop(f"{_AK}written", None)
        unit.attrib.pop(f"{_AK}target", None)
    for name, value in old.attrib.items():
        if name not in _OWN_UNIT_ATTRS and not name.startswith(_AK):
            unit.set(name, value)
    source = next(c for c in unit if local(c) == "source")
    for child in old:
        if _ours(child) or not isinstance(child.tag, str):
            continue
        if local(child) == "seg-source":
            # Segmentation of the source: it follows <source> (schema order), stale if changed.
            if not changed:
                extra = copy.deepcopy(child)
                extra.tail = None
                source.addnext(extra)
            continue
        extra = copy.deepcopy(child)
        extra.tail = None
        unit.append(extra)


def _keep_file_extras(old_file: etree._Element, file_el: etree._Element) -> None:
    """The translator's attributes on <file> and elements in its <header> survive."""
    for name, value in old_file.attrib.items():
        if name not in _OWN_FILE_ATTRS and not name.startswith(_AK):
            file_el.set(name, value)
    old_header = next((c for c in old_file if local(c) == "header"), None)
    header = next(c for c in file_el if local(c) == "header")
    if old_header is None:
        return
    leading = 0  # <skl> and <phase-group> come first in a header (schema order)
    for child in old_header:
        if isinstance(child.tag, str) and not (local(child) == "tool"
                                               and child.get("tool-id") == "align-kit"):
            extra = copy.deepcopy(child)
            extra.tail = None
            if local(child) in ("skl", "phase-group"):
                header.insert(leading, extra)
                leading += 1
            else:
                header.append(extra)


_STRUCTURE = {"xliff", "file", "body", "group", "trans-unit", "alt-trans"}


def _indent_units(root: etree._Element) -> None:
    # Indentation only between structural elements: text in <source>, <target>, <note> and
    # in what a translator's tool added is content.
    def walk(elem: etree._Element, depth: int) -> None:
        kids = list(elem)
        if not kids or local(elem) not in _STRUCTURE:
            return
        elem.text = "\n" + "  " * (depth + 1)
        for n, kid in enumerate(kids):
            kid.tail = "\n" + "  " * (depth + (1 if n < len(kids) - 1 else 0))
            walk(kid, depth + 1)
    walk(root, 0)


def _units(path: str) -> tuple[dict, list[dict]]:
    info: dict = {}
    units: list[dict] = []
    for elem in iter_elements(path, ("trans-unit", "file"), "XLIFF", "xliff"):
        file_el = elem if local(elem) == "file" else next(
            (a for a in elem.iterancestors() if local(a) == "file"), None)
        if file_el is not None and not info:
            info = {"source": file_el.get("source-language"),
                    "target": file_el.get("target-language"),
                    "alignment": file_el.get(f"{_AK}alignment"),
                    "original": file_el.get("original")}
        if local(elem) == "file":
            continue
        sources = [c for c in elem if local(c) == "source"]
        targets = [c for c in elem if local(c) == "target"]
        if len(sources) != 1:
            raise FormatError("a <trans-unit> must hold one <source>", path=path,
                              line=elem.sourceline)
        target = targets[0] if targets else None
        # Inline codes become placeholders; a unit with codes escapes every `{` (inline.py).
        src_parts = inline.parse(sources[0], "xliff")
        tgt_parts = inline.parse(target, "xliff") if target is not None else []
        tagged = inline.has_codes(src_parts) or inline.has_codes(tgt_parts)
        src_text, src_codes = inline.render(src_parts, tagged)
        tgt_text, tgt_codes = inline.render(tgt_parts, tagged)
        units.append({
            "id": elem.get("id", ""), "line": elem.sourceline,
            "source": src_text, "source_plain": _plain(sources[0]),
            "target": tgt_text, "tagged": tagged, "codes": (src_codes, tgt_codes),
            "state": target.get("state", "") if target is not None else "",
            "approved": elem.get("approved") == "yes",
            "score": elem.get(f"{_AK}score"), "flags": elem.get(f"{_AK}flags", ""),
            "machine_only": elem.get(f"{_AK}target") == "machine-draft"})
    return info, units


def _plain(elem: etree._Element) -> str:
    # Inline codes (g, x, bx, ex, ph ...) dropped, text of <g>/<mrk> kept.
    parts = [elem.text or ""]
    for child in elem:
        if local(child) in ("g", "mrk"):
            parts.append(_plain(child))
        parts.append(child.tail or "")
    return "".join(parts)


def read_xliff(path: str | os.PathLike) -> Alignment:
    """An XLIFF 1.2 file as a two-document alignment (one 1-1 bead per trans-unit)."""
    source = str(path)
    info, units = _units(source)
    src_lang = (info.get("source") or "en").split("-")[0].lower()
    tgt_lang = (info.get("target") or "").split("-")[0].lower()
    if not tgt_lang:
        raise FormatError("the <file> names no target-language", path=source,
                          hint="set target-language on <file>")
    ctx = [parse_context(u["id"]) for u in units]
    alignment_id = info.get("alignment") or next((c[0] for c in ctx if c), None) \
        or os.path.basename(source).split(".")[0]
    sources, targets, beads = [], [], []
    codes: tuple[dict, dict] = ({}, {})  # segment index -> codes, source and target
    for u in units:
        try:
            score = float(u["score"]) if u["score"] is not None else (
                1.0 if u["state"] in CONFIRMED_STATES else 0.4)
        except ValueError:
            raise FormatError("bad ak:score", path=source, line=u["line"]) from None
        if not valid_score(score):
            raise FormatError(f"ak:score {u['score']!r} is not a number between 0 and 1",
                              path=source, line=u["line"])
        flags = frozenset(u["flags"].split())
        src_side = (len(sources),)
        if u["tagged"]:
            codes[0][len(sources)] = u["codes"][0]
        sources.append(u["source"])
        drafts = {}
        if u["target"] and not u["machine_only"]:
            tgt_side: tuple[int, ...] = (len(targets),)
            if u["tagged"]:
                codes[1][len(targets)] = u["codes"][1]
            targets.append(u["target"])
        else:
            tgt_side = ()
            if u["target"]:
                drafts[tgt_lang] = u["target"]
        beads.append(Bead((src_side, tgt_side), score, flags, drafts))
    # The original markup of the inline codes rides in the documents' metadata (inline.py).
    meta = [{inline.METADATA_KEY: inline.encode(c)} if c else {} for c in codes]
    documents = (rebuild_document(f"{alignment_id}.{src_lang}", src_lang, sources, source=source,
                                  metadata=meta[0]),
                 rebuild_document(f"{alignment_id}.{tgt_lang}", tgt_lang, targets, source=source,
                                  metadata=meta[1]))
    return Alignment(documents, tuple(beads), original=src_lang, id=alignment_id)


def apply_xliff(alignment: Alignment, path: str | os.PathLike, *,
                fuzzy_below: float = 0.5) -> Alignment:
    """`alignment` with the targets of an XLIFF file written from it applied."""
    source = str(path)
    info, units = _units(source)
    tgt_lang = (info.get("target") or "").split("-")[0].lower()
    if tgt_lang not in alignment.languages:
        raise FormatError(f"the XLIFF targets {tgt_lang!r}, which the alignment "
                          f"{alignment.id!r} does not have", path=source)
    src_lang = (info.get("source") or "").split("-")[0].lower()
    ks, _ = _sides(alignment, tgt_lang, src_lang if src_lang in alignment.languages else None)
    edits: dict[int, Edit] = {}
    for u in units:
        ctx = parse_context(u["id"])
        if ctx is None or ctx[0] != alignment.id or ctx[1] >= len(alignment.beads):
            raise FormatError(f"trans-unit {u['id']!r} does not belong to alignment "
                              f"{alignment.id!r}", path=source, line=u["line"])
        msgid = " ".join(alignment.documents[ks].segments[j].text
                         for j in alignment.beads[ctx[1]].indexes[ks])
        if xml_clean(msgid)[0] not in (u["source"], u["source_plain"]):
            raise FormatError(f"trans-unit {u['id']!r}: its source is not the alignment's "
                              "source sentence", path=source, line=u["line"])
        confirmed = u["approved"] or u["state"] in CONFIRMED_STATES
        edits[ctx[1]] = Edit(u["target"], confirmed)
    return apply_edits(alignment, tgt_lang, edits, fuzzy_below=fuzzy_below)
