"""XLIFF 1.2: one bilingual file per alignment and target language, and back.

One `<trans-unit>` per bead with a source sentence, `id` "<alignment>:bead-N".
`state` says what a translator should do with it: "signed-off" for a
reviewed bead, "needs-review-translation" (with state-qualifier
"mt-suggestion" for machine drafts) under the confidence threshold,
"needs-translation" with no target, "translated" otherwise. Score, bead type
and flags ride in align-kit's own namespace (allowed by XLIFF 1.2 and
ignored by tools); findings are `<note>`s.
"""

from __future__ import annotations

import os

from lxml import etree

from align_kit import __version__
from align_kit.errors import FormatError
from align_kit.formats._edit import Edit, apply_edits
from align_kit.formats._xml import Cleaner, iter_elements, local, xml_clean
from align_kit.formats.atomic import atomic_write
from align_kit.formats.po import _sides, context, parse_context
from align_kit.formats.tmx import XML_LANG, rebuild_document
from align_kit.model import Alignment, Bead, Notice

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
    """Write the XLIFF 1.2 file of `alignment` towards `target_lang`, atomically."""
    ks, kt = _sides(alignment, target_lang, source_lang)
    src_doc, tgt_doc = alignment.documents[ks], alignment.documents[kt]
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
        if min_score is not None and bead.score < min_score:
            continue
        where = f"{alignment.id} bead {i}"
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
            "{http://www.w3.org/XML/1998/namespace}space": "preserve",
            f"{_AK}score": repr(float(bead.score)), f"{_AK}type": bead.kind})
        if "reviewed" in bead.flags:
            unit.set("approved", "yes")
        if bead.flags:
            unit.set(f"{_AK}flags", " ".join(sorted(bead.flags)))
        if machine_only:
            unit.set(f"{_AK}target", "machine-draft")
        etree.SubElement(unit, f"{_X}source", {XML_LANG: src_doc.language}).text = src
        if text:
            target = etree.SubElement(unit, f"{_X}target", {XML_LANG: tgt_doc.language,
                                                            "state": state})
            if qualifier:
                target.set("state-qualifier", qualifier)
            target.text = clean(text, where)
        for note in findings.get(i, []):
            etree.SubElement(unit, f"{_X}note", {"from": "align-kit"}).text = clean(note, where)
    etree.indent(header, level=2)
    _indent_units(root)
    with atomic_write(path, "wb") as out:
        out.write(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
        out.write(b"\n")
    return clean.notices


def _indent_units(root: etree._Element) -> None:
    # Indentation only between elements: the text of <source>/<target> is content.
    def walk(elem: etree._Element, depth: int) -> None:
        kids = list(elem)
        if not kids or local(elem) in ("source", "target", "note"):
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
        units.append({
            "id": elem.get("id", ""), "line": elem.sourceline,
            "source": _plain(sources[0]),
            "target": _plain(target) if target is not None else "",
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
    for u in units:
        try:
            score = float(u["score"]) if u["score"] is not None else (
                1.0 if u["state"] in CONFIRMED_STATES else 0.4)
        except ValueError:
            raise FormatError("bad ak:score", path=source, line=u["line"]) from None
        flags = frozenset(u["flags"].split())
        src_side = (len(sources),)
        sources.append(u["source"])
        drafts = {}
        if u["target"] and not u["machine_only"]:
            tgt_side: tuple[int, ...] = (len(targets),)
            targets.append(u["target"])
        else:
            tgt_side = ()
            if u["target"]:
                drafts[tgt_lang] = u["target"]
        beads.append(Bead((src_side, tgt_side), score, flags, drafts))
    documents = (rebuild_document(f"{alignment_id}.{src_lang}", src_lang, sources, source=source),
                 rebuild_document(f"{alignment_id}.{tgt_lang}", tgt_lang, targets, source=source))
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
        if xml_clean(msgid)[0] != u["source"]:
            raise FormatError(f"trans-unit {u['id']!r}: its source is not the alignment's "
                              "source sentence", path=source, line=u["line"])
        confirmed = u["approved"] or u["state"] in CONFIRMED_STATES
        edits[ctx[1]] = Edit(u["target"], confirmed)
    return apply_edits(alignment, tgt_lang, edits, fuzzy_below=fuzzy_below)
