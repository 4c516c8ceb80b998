"""TMX 1.4b: write translation memories streamed, read them back into alignments.

One `<tu>` per bead, one `<tuv>` per language with text. The writer streams
with `lxml.etree.xmlfile`: one TU is built, written and dropped at a time, so
a million TUs never sit in memory. What a CAT tool needs is in standard
places (header attributes, `tuid`, `srclang`); what align-kit needs to read
its own file back losslessly is in `x-` props, which every tool ignores:

- TU props: `x-document` (alignment id), `x-bead` (1-based bead number), `x-score`,
  `x-alignment` (bead type, e.g. 2-1), `x-mt` (languages drafted by machine
  translation), `x-flags`, `x-finding` (one per finding, JSON; also a
  readable `<note>`), and on the first TU of each alignment `x-align-kit`
  (JSON: documents' ids, languages and metadata, original language, parameters, findings
  on no bead; no local paths or checksums, which stay in the alignment file).
- TUV props: `x-segments` (character lengths of the sentences a side joins,
  when more than one), `x-paragraphs` (the paragraph of each of those
  sentences), `x-kinds` (their kinds, when one is not a plain sentence),
  `x-draft` (a machine draft beside a human text), `x-mt` (the seg itself is
  a machine draft: the side had no human text).

The reader rebuilds each document's paragraphs from `x-paragraphs` (and
their kinds from `x-align-kit`); a TMX without them (a foreign tool's, or an
older align-kit's) gets one paragraph per sentence, and a Notice says so.

Characters XML 1.0 cannot hold are removed and reported as Notices.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import get_args

import regex
from lxml import etree

from align_kit import __version__
from align_kit.errors import FormatError, InputError
from align_kit.formats import inline
from align_kit.formats._edit import Edit, apply_edits
from align_kit.formats._json import loads_strict, valid_score
from align_kit.formats._xml import Cleaner, iter_elements, local
from align_kit.formats.atomic import atomic_write
from align_kit.model import (
    Alignment,
    Bead,
    Document,
    Finding,
    Notice,
    Paragraph,
    ParagraphKind,
    Segment,
    SegmentKind,
    bead_index,
    bead_number,
)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TMX_DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
SEGMENT_KINDS = set(get_args(SegmentKind))
PARAGRAPH_KINDS = set(get_args(ParagraphKind))


def tmx_date(moment: datetime | None = None) -> str:
    """TMX dates are UTC in the form YYYYMMDDThhmmssZ."""
    moment = moment or datetime.now(UTC)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def parse_pair(pair: str | tuple[str, str] | None) -> tuple[str, str] | None:
    if pair is None:
        return None
    if isinstance(pair, str):
        parts = [p.strip() for p in pair.replace("_", "-").split("-")]
        if len(parts) != 2 or not all(parts) or parts[0] == parts[1]:
            raise InputError(f"bad language pair {pair!r}", hint="write it like en-be")
        return parts[0], parts[1]
    return pair


_JSON_UNSAFE = regex.compile("[\ud800-\udfff\ufffe\uffff]")


def _json(value: object) -> str:
    # json escapes control characters; the few other characters XML cannot hold become \u escapes.
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _finding_dict(f: Finding, position: int) -> dict:
    return {"n": position, "check": f.check, "severity": f.severity, "message": f.message,
            "document": f.document, "bead": f.bead, "language": f.language,
            "span": list(f.span) if f.span else None, "entry": f.entry, "term": f.term,
            "expected": list(f.expected)}


def _finding_from(d: dict) -> tuple[int, Finding]:
    return d.get("n", 0), Finding(
        check=d["check"], severity=d["severity"], message=d["message"],
        document=d.get("document", ""), bead=d.get("bead"), language=d.get("language"),
        span=tuple(d["span"]) if d.get("span") else None, entry=d.get("entry"),
        term=d.get("term"), expected=tuple(d.get("expected") or ()))


def _prop(parent: etree._Element, kind: str, value: str) -> None:
    etree.SubElement(parent, "prop", type=kind).text = value


def _sides(alignment: Alignment, bead: Bead) -> list[list[str]]:
    return [[doc.segments[i].text for i in side]
            for doc, side in zip(alignment.documents, bead.indexes, strict=True)]


def _paragraph_kinds(doc: Document) -> dict[str, str]:
    # Only the paragraphs that are not plain text: most documents need nothing here.
    return {str(n): p.kind for n, p in enumerate(doc.paragraphs) if p.kind != "text"}


def _tu(alignment: Alignment, index: int, languages: set[str] | None, header_src: str,
        first: bool, clean: Cleaner, positions: dict[int, list[tuple[int, Finding]]],
        min_score: float | None, skip_empty: bool, keep_partial: bool = True,
        partial: list[int] | None = None) -> etree._Element | None:
    bead = alignment.beads[index]
    if not valid_score(bead.score):  # never write "nan" or "inf" into a TMX
        raise FormatError(f"{alignment.id} bead {bead_number(index)}: score {bead.score!r} is not "
                          "a number between 0 and 1", path=clean.path)
    if min_score is not None and bead.score < min_score:
        return None
    sides = _sides(alignment, bead)
    picked = [k for k, doc in enumerate(alignment.documents)
              if languages is None or doc.language in languages]
    if skip_empty and any(not "".join(sides[k]) for k in picked):
        return None
    if not keep_partial:
        # A TU a CAT tool can use has its source-language entry and one translation at least.
        present = {alignment.documents[k].language for k in picked
                   if "".join(sides[k]) or alignment.documents[k].language in bead.drafts}
        shown = {alignment.documents[k].language for k in picked}
        source = alignment.original if alignment.original in shown else header_src
        if source not in present or len(present) < 2:
            if partial is not None:
                partial.append(index)
            return None
    where = f"{alignment.id} bead {bead_number(index)}"
    tu = etree.Element("tu", tuid=clean(f"{alignment.id}:{bead_number(index)}", where))
    src = alignment.original or header_src
    if src != header_src:
        tu.set("srclang", src)
    findings = positions.get(index, [])
    for _, f in findings:
        etree.SubElement(tu, "note").text = clean(f"{f.severity}: {f.check}: {f.message}", where)
    if first:
        meta = {"id": alignment.id, "original": alignment.original,
                "languages": list(alignment.languages),
                "parameters": dict(alignment.parameters),
                "findings": [_finding_dict(f, n) for n, f in positions.get(-1, [])],
                # No local paths or checksums: those stay in the alignment file.
                "documents": [{"id": d.id, "language": d.language, "encoding": d.encoding,
                               "metadata": dict(d.metadata),
                               "paragraph_kinds": _paragraph_kinds(d)}
                              for d in alignment.documents]}
        _prop(tu, "x-align-kit", _json(meta))
    _prop(tu, "x-document", clean(alignment.id, where))
    _prop(tu, "x-bead", str(bead_number(index)))
    _prop(tu, "x-score", repr(float(bead.score)))
    _prop(tu, "x-alignment", bead.kind)
    if bead.drafts:
        _prop(tu, "x-mt", " ".join(sorted(bead.drafts)))
    if bead.flags:
        _prop(tu, "x-flags", " ".join(sorted(bead.flags)))
    for n, f in findings:
        _prop(tu, "x-finding", _json(_finding_dict(f, n)))
    written = 0
    for k in picked:
        lang = alignment.documents[k].language
        texts = [clean(t, f"{where} ({lang})") for t in sides[k]]
        draft = bead.drafts.get(lang)
        draft = clean(draft, f"{where} ({lang} draft)") if draft is not None else None
        if not texts and draft is None:
            continue
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
        if texts:
            if len(texts) > 1:
                _prop(tuv, "x-segments", " ".join(str(len(t)) for t in texts))
            segments = [alignment.documents[k].segments[i] for i in bead.indexes[k]]
            _prop(tuv, "x-paragraphs", " ".join(str(s.paragraph) for s in segments))
            if any(s.kind != "sentence" for s in segments):
                _prop(tuv, "x-kinds", " ".join(s.kind for s in segments))
            if draft is not None:
                _prop(tuv, "x-draft", draft)
            seg = etree.SubElement(tuv, "seg")
            # Placeholders of imported inline codes become the real codes again (inline.py).
            codes = inline.side_codes(alignment.documents[k].metadata, bead.indexes[k])
            if codes is None or not inline.restore(seg, " ".join(texts), codes, "tmx"):
                seg.text = " ".join(texts)
        else:
            _prop(tuv, "x-mt", "draft")
            etree.SubElement(tuv, "seg").text = draft
        written += 1
    return tu if written else None


def write_tmx(alignments: Alignment | Iterable[Alignment], path: str | os.PathLike, *,
              min_score: float | None = None, skip_empty: bool = False,
              pair: str | tuple[str, str] | None = None,
              created: datetime | None = None, keep_partial: bool = True) -> list[Notice]:
    """Write one TMX 1.4b file holding every bead of `alignments` (streamed, atomic).

    `min_score` leaves out beads under that confidence; `skip_empty` leaves out
    beads with an empty side; `pair` ("en-be") writes a bilingual TMX of those
    two languages only; without `keep_partial`, a bead with no text in the source
    language (or with one language only) is left out and counted in a Notice. Returns
    Notices (XML-illegal characters removed, partial beads left out ...).
    """
    if isinstance(alignments, Alignment):
        alignments = [alignments]
    languages = parse_pair(pair)
    stream: Iterator[Alignment] = iter(alignments)
    first = next(stream, None)
    if first is None:
        raise InputError("nothing to export: no alignment given", path=str(path))
    header_src = first.original or (first.languages[0] if first.languages else "en")
    if languages is not None:
        header_src = header_src if header_src in languages else languages[0]
    clean = Cleaner(str(path))
    with atomic_write(path, "wb") as handle, etree.xmlfile(handle, encoding="utf-8") as xf:
        xf.write_declaration()
        xf.write_doctype(TMX_DOCTYPE)
        with xf.element("tmx", version="1.4"):
            xf.write("\n")
            header = etree.Element("header", {
                "creationtool": "align-kit", "creationtoolversion": __version__,
                "datatype": "plaintext", "segtype": "sentence", "adminlang": "en",
                "srclang": header_src, "o-tmf": "align-kit-jsonl",
                "creationdate": tmx_date(created)})
            header.tail = "\n"
            xf.write(header)
            with xf.element("body"):
                xf.write("\n")
                for alignment in _chain(first, stream):
                    partial: list[int] = []
                    _write_alignment(xf, alignment, languages, header_src, clean,
                                     min_score, skip_empty, keep_partial, partial)
                    if partial:
                        clean.notices.append(_partial_notice(alignment, header_src, partial,
                                                             str(path)))
            xf.write("\n")
    return clean.notices


def _partial_notice(alignment: Alignment, header_src: str, partial: list[int],
                    path: str) -> Notice:
    numbers = ", ".join(str(bead_number(i)) for i in partial[:10])
    more = f" and {len(partial) - 10} more" if len(partial) > 10 else ""
    return Notice("tmx-partial-left-out",
                  f"{alignment.id}: {len(partial)} bead(s) without a "
                  f"{alignment.original or header_src} sentence or a translation are not in "
                  f"the TMX (beads {numbers}{more}; --keep-partial keeps them)", "info", path)


def _chain(first: Alignment, rest: Iterator[Alignment]) -> Iterator[Alignment]:
    yield first
    yield from rest


def _write_alignment(xf, alignment: Alignment, languages: tuple[str, str] | None,
                     header_src: str, clean: Cleaner, min_score: float | None,
                     skip_empty: bool, keep_partial: bool = True,
                     partial: list[int] | None = None) -> None:
    positions: dict[int, list[tuple[int, Finding]]] = {}
    for n, f in enumerate(alignment.findings):
        key = f.bead if f.bead is not None and 0 <= f.bead < len(alignment.beads) else -1
        positions.setdefault(key, []).append((n, f))
    wanted = set(languages) if languages else None
    first = True
    for index in range(len(alignment.beads)):
        tu = _tu(alignment, index, wanted, header_src, first, clean, positions, min_score,
                 skip_empty, keep_partial, partial)
        if tu is None:
            continue
        first = False
        tu.tail = "\n"
        _indent(tu)
        xf.write(tu)


def _indent(tu: etree._Element) -> None:
    # Light, stable layout; never inside <seg>, whose white space is content.
    for child in tu:
        child.tail = "\n"
        if local(child) == "tuv":
            for grand in child:
                grand.tail = "\n"
            child.text = "\n"
    tu.text = "\n"


# --- reading ---------------------------------------------------------------------------------

_INLINE_TEXT = {"hi", "sub"}  # inline elements whose text is translatable content


def seg_text(seg: etree._Element) -> str:
    """The plain text of a <seg>: inline codes (bpt, ept, ph, it, ut) dropped.

    The reader keeps them as placeholders instead (`formats/inline.py`)."""
    parts = [seg.text or ""]
    for child in seg:
        if local(child) in _INLINE_TEXT:
            parts.append(seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _normal_lang(tag: str) -> str:
    return tag.strip().split("-")[0].split("_")[0].lower() if tag else tag


@dataclass
class _Group:
    id: str
    meta: dict | None = None
    languages: list[str] = field(default_factory=list)
    beads: list[dict] = field(default_factory=list)  # index, score, flags, sides, findings
    original: str | None = None


def _props(elem: etree._Element) -> list[tuple[str, str]]:
    return [(p.get("type", ""), p.text or "") for p in elem if local(p) == "prop"]


def read_tmx(path: str | os.PathLike) -> list[Alignment]:
    """Read a TMX file back into alignments, one per `x-document` (or one for a foreign file).

    Documents are rebuilt from the TUs: each side's sentences in bead order,
    grouped into the paragraphs (and kinds) an align-kit TMX records; a TMX
    that records none gets one paragraph per sentence and a Notice on each
    document ("tmx-paragraphs-unknown"). Safe against hostile XML; malformed
    files raise FormatError with the line.
    """
    source = str(path)
    groups = _read_groups(source).values()
    try:
        return [_build(g, source) for g in groups]
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        # A crafted x-align-kit (documents without a language, findings of the wrong shape).
        raise FormatError(f"bad x-align-kit or x-finding property: {exc!r}", path=source,
                          hint="export the TMX again from align-kit") from None


def apply_tmx(alignment: Alignment, path: str | os.PathLike) -> Alignment:
    """`alignment` with the texts of its TUs in a TMX (e.g. corrected in a CAT tool) applied.

    TUs are matched by `x-document` and `x-bead`; a changed text replaces that
    side and marks the bead "reviewed" (a TMX says nothing about approval).
    """
    source = str(path)
    group = _read_groups(source).get(alignment.id)
    if group is None:
        raise FormatError(f"the TMX holds no TU of alignment {alignment.id!r}", path=source,
                          hint="import it without --into, or pick the matching alignment")
    result = alignment
    for lang in alignment.languages:
        edits = {}
        for b in group.beads:
            if lang in b["sides"] and 0 <= b["index"] < len(alignment.beads):
                pieces, draft = b["sides"][lang]
                edits[b["index"]] = Edit(" ".join(pieces) if pieces else (draft or ""), None)
        result = apply_edits(result, lang, edits)
    return result


def _read_groups(source: str) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    header_src: str | None = None
    default_id = Path(source).name.split(".")[0] or "tmx"
    for elem in iter_elements(source, ("header", "tu"), "TMX", "tmx"):
        if local(elem) == "header":
            header_src = elem.get("srclang")
            continue
        props = _props(elem)
        single = {k: v for k, v in props}
        gid = single.get("x-document", default_id)
        group = groups.get(gid)
        if group is None:
            group = groups[gid] = _Group(gid)
        if "x-align-kit" in single and group.meta is None:
            try:
                group.meta = loads_strict(single["x-align-kit"])
            except ValueError as exc:
                raise FormatError(f"bad x-align-kit property: {exc}", path=source,
                                  line=elem.sourceline) from None
            if not isinstance(group.meta, dict):
                raise FormatError("bad x-align-kit property: not a JSON object", path=source,
                                  line=elem.sourceline)
        src = elem.get("srclang") or header_src
        if group.original is None and src and src != "*all*":
            group.original = _normal_lang(src)
        try:
            score = float(single.get("x-score", "1.0"))
            index = (bead_index(int(single["x-bead"])) if "x-bead" in single
                     else len(group.beads))
            findings = [_finding_from(loads_strict(v)) for k, v in props if k == "x-finding"]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise FormatError(f"bad x-score, x-bead or x-finding property ({exc})", path=source,
                              line=elem.sourceline) from None
        if not valid_score(score):
            raise FormatError(f"x-score {single.get('x-score')!r} is not a number between 0 "
                              "and 1", path=source, line=elem.sourceline)
        sides: dict[str, tuple[list[str], str | None]] = {}
        layout: dict[str, tuple[list[int], list[str]] | None] = {}
        codes: dict[str, list[list[list[str]]]] = {}  # per piece, only in a tagged TU
        # Inline codes become placeholders; a TU with codes on any side escapes every `{`.
        tuvs = [tuv for tuv in elem if local(tuv) == "tuv"]
        parsed = [[inline.parse(s, "tmx") for s in tuv if local(s) == "seg"] for tuv in tuvs]
        tagged = any(inline.has_codes(parts) for segs in parsed for parts in segs)
        for tuv, tuv_parts in zip(tuvs, parsed, strict=True):
            lang = tuv.get(XML_LANG) or tuv.get("lang")
            if not lang:
                raise FormatError("a <tuv> has no xml:lang", path=source, line=tuv.sourceline,
                                  hint="every variant must say its language")
            lang = _normal_lang(lang)
            segs = [s for s in tuv if local(s) == "seg"]
            if len(segs) != 1:
                raise FormatError("a <tuv> must hold exactly one <seg>", path=source,
                                  line=tuv.sourceline)
            text, seg_codes = inline.render(tuv_parts[0], tagged)
            tprops = dict(_props(tuv))
            if "x-mt" in tprops:
                sides[lang] = ([], text)
                continue
            pieces = [text]
            if "x-segments" in tprops:
                pieces = _split(text, tprops["x-segments"]) or [text]
            sides[lang] = (pieces, tprops.get("x-draft"))
            if tagged:
                codes[lang] = inline.split_codes(pieces, seg_codes)
            layout[lang] = _layout(tprops, len(pieces))
            if lang not in group.languages:
                group.languages.append(lang)
        for lang in sides:
            if lang not in group.languages:
                group.languages.append(lang)
        group.beads.append({"index": index, "score": score, "sides": sides, "layout": layout,
                            "codes": codes,
                            "flags": set(single.get("x-flags", "").split()),
                            "findings": findings})
    return groups


def _layout(tprops: dict[str, str], count: int) -> tuple[list[int], list[str]] | None:
    """Paragraph and kind of each sentence of a side, from x-paragraphs and x-kinds."""
    if "x-paragraphs" not in tprops:
        return None
    try:
        paragraphs = [int(x) for x in tprops["x-paragraphs"].split()]
    except ValueError:
        return None
    kinds = tprops.get("x-kinds", "").split() or ["sentence"] * len(paragraphs)
    if len(kinds) != len(paragraphs) or any(k not in SEGMENT_KINDS for k in kinds):
        kinds = ["sentence"] * len(paragraphs)
    if len(paragraphs) != count:
        # A CAT tool edited a joined side: it comes back as one sentence, in its first paragraph.
        if count != 1 or not paragraphs:
            return None
        paragraphs, kinds = paragraphs[:1], kinds[:1]
    return paragraphs, kinds


def _split(text: str, lengths: str) -> list[str] | None:
    try:
        sizes = [int(x) for x in lengths.split()]
    except ValueError:
        return None
    if sum(sizes) + len(sizes) - 1 != len(text):
        return None  # edited in a CAT tool: keep the side as one sentence
    out, pos = [], 0
    for size in sizes:
        out.append(text[pos:pos + size])
        pos += size + 1
    return out


def _build(group: _Group, source: str) -> Alignment:
    meta = group.meta or {}
    languages = list(meta.get("languages") or [])
    for lang in group.languages:
        if lang not in languages:
            languages.append(lang)
    original = meta.get("original", group.original)
    if not meta and original in languages:  # foreign file: the original first
        languages.remove(original)
        languages.insert(0, original)
    docs_meta = {d["language"]: d for d in meta.get("documents", [])}
    group.beads.sort(key=lambda b: b["index"])
    seg_lists: dict[str, list[str]] = {lang: [] for lang in languages}
    # Paragraph and kind of each sentence; None once one side lacks them.
    layouts: dict[str, tuple[list[int], list[str]] | None] = {lang: ([], [])
                                                              for lang in languages}
    beads: list[Bead] = []
    findings: list[tuple[int, Finding]] = [_finding_from(f) for f in meta.get("findings", [])]
    codes: dict[str, dict[int, list[list[str]]]] = {lang: {} for lang in languages}
    for b in group.beads:
        indexes = []
        drafts = {}
        for lang in languages:
            pieces, draft = b["sides"].get(lang, ([], None))
            start = len(seg_lists[lang])
            seg_lists[lang].extend(pieces)
            for j, piece_codes in enumerate(b.get("codes", {}).get(lang) or []):
                codes[lang][start + j] = piece_codes
            side_layout = b.get("layout", {}).get(lang)
            if pieces and layouts[lang] is not None:
                if side_layout is None:
                    layouts[lang] = None
                else:
                    layouts[lang][0].extend(side_layout[0])
                    layouts[lang][1].extend(side_layout[1])
            indexes.append(tuple(range(start, start + len(pieces))))
            if draft is not None:
                drafts[lang] = draft
        flags = b["flags"] - {""}
        beads.append(Bead(tuple(indexes), b["score"], frozenset(flags), drafts))
        findings.extend(b["findings"])
    documents = []
    for lang in languages:
        dm = docs_meta.get(lang, {})
        documents.append(_document(dm.get("id") or f"{group.id}.{lang}", lang,
                                   seg_lists[lang], dm, source, layouts[lang], codes[lang]))
    findings.sort(key=lambda p: p[0])
    return Alignment(tuple(documents), tuple(beads), original=original,
                     parameters=meta.get("parameters", {}), id=meta.get("id", group.id),
                     findings=tuple(f for _, f in findings))


def _document(doc_id: str, lang: str, texts: list[str], meta: dict, source: str,
              layout: tuple[list[int], list[str]] | None,
              codes: dict[int, list[list[str]]] | None = None) -> Document:
    metadata = dict(meta.get("metadata") or {})
    if codes:  # the original markup of the inline codes, for a re-export (formats/inline.py)
        metadata[inline.METADATA_KEY] = inline.encode(codes)
    fields = dict(metadata=metadata, source=meta.get("source") or source,
                  encoding=meta.get("encoding"), checksum=meta.get("checksum"))
    if texts and (layout is None or layout[0] != sorted(layout[0])):
        # No paragraph information (or none that makes sense): one paragraph per sentence.
        notice = Notice("tmx-paragraphs-unknown",
                        f"{doc_id}: the TMX does not record paragraphs (a foreign tool's "
                        "or an older align-kit's): each sentence became its own paragraph",
                        "info", source)
        return rebuild_document(doc_id, lang, texts, notices=(notice,), **fields)
    kinds = {int(n): k for n, k in (meta.get("paragraph_kinds") or {}).items()
             if str(n).isdigit() and k in PARAGRAPH_KINDS}
    return rebuild_document(doc_id, lang, texts, paragraphs_of=layout[0] if layout else None,
                            kinds=layout[1] if layout else None, paragraph_kinds=kinds,
                            **fields)


def rebuild_document(doc_id: str, lang: str, texts: list[str], *,
                     paragraphs_of: list[int] | None = None, kinds: list[str] | None = None,
                     paragraph_kinds: dict[int, str] | None = None, **fields) -> Document:
    """A document made of `texts`: a space between sentences, a blank line between paragraphs.

    `paragraphs_of` gives the paragraph number of each sentence (non-decreasing;
    numbers with no sentence left are closed up); without it every sentence is
    its own paragraph. `kinds` are the sentences' kinds, `paragraph_kinds` the
    kinds of paragraphs by their original number.
    """
    numbers = paragraphs_of if paragraphs_of is not None else list(range(len(texts)))
    kinds = kinds or ["sentence"] * len(texts)
    paragraph_kinds = paragraph_kinds or {}
    parts: list[str] = []
    segments: list[Segment] = []
    paragraphs: list[Paragraph] = []
    pos, start, current = 0, 0, None
    for text, number, kind in zip(texts, numbers, kinds, strict=True):
        if number != current:
            if current is not None:
                paragraphs.append(Paragraph(start, pos, paragraph_kinds.get(current, "text")))
                parts.append("\n\n")
                pos += 2
            start, current = pos, number
        elif segments:
            parts.append(" ")
            pos += 1
        parts.append(text)
        segments.append(Segment(text, pos, pos + len(text), len(paragraphs), kind))
        pos += len(text)
    if current is not None:
        paragraphs.append(Paragraph(start, pos, paragraph_kinds.get(current, "text")))
    return Document(id=doc_id, language=lang, text="".join(parts), paragraphs=tuple(paragraphs),
                    segments=tuple(segments), **fields)
