"""TBX (ISO 30042) reading and writing: TBX-Basic 2 (martif) and TBX v3 (tbx).

Read: <termEntry>/<langSet>/<tig> and <conceptEntry>/<langSec>/<termSec>, in
any namespace. administrativeStatus or normativeAuthorization
preferred/admitted -> approved, deprecated/superseded -> forbidden.
The parser never resolves entities, never loads a DTD, never touches the
network; a document declaring entities is refused before parsing.
"""

from __future__ import annotations

import os

from lxml import etree

from align_kit.errors import FormatError
from align_kit.formats._xml import refuse_unsafe
from align_kit.formats.atomic import atomic_write
from align_kit.glossary.validate import language_code
from align_kit.model import Glossary, GlossaryEntry, Notice, Term

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_APPROVED = ("preferred", "admitted", "standardized", "legal", "regulated")
_FORBIDDEN = ("deprecated", "superseded", "forbidden", "rejected", "obsolete")
MAX_BYTES = 64 * 1024 * 1024


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, dtd_validation=False, remove_comments=True)


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def parse_tbx(data: bytes, path: str | None) -> tuple[list[GlossaryEntry], list[Notice],
                                                     dict[tuple[str, int], int]]:
    if len(data) > MAX_BYTES:
        raise FormatError("TBX file larger than 64 MiB", path=path,
                          hint="split the glossary into smaller files")
    head = data[:65536]
    if b"<!ENTITY" in data or b"<!entity" in head:
        line = data[: data.find(b"<!ENTITY")].count(b"\n") + 1 if b"<!ENTITY" in data else None
        raise FormatError("the TBX declares XML entities; refused (entity expansion attack or "
                          "external entity)", path=path, line=line,
                          hint="remove the <!DOCTYPE ...> internal subset")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        msg = getattr(exc, "msg", None) or str(exc)
        raise FormatError(f"not well-formed XML: {msg}", path=path, line=line,
                          hint="fix the XML (an unclosed tag or a bare '&' is typical)") from None
    # The same checks as TMX and XLIFF: declared entities (an encoding the byte scan above
    # cannot read, UTF-16), references to entities of a DTD never loaded (`&ext;` would
    # stay in the term as literal text), and xi:include.
    refuse_unsafe(root.getroottree(), path or "TBX")
    if _local(root.tag) not in ("martif", "tbx"):
        raise FormatError(f"root element is <{_local(root.tag)}>, not <martif> or <tbx>",
                          path=path, line=root.sourceline, hint="is this a TBX file?")
    notices: list[Notice] = []
    entries: list[GlossaryEntry] = []
    lines: dict[tuple[str, int], int] = {}
    default_lang = root.get(XML_LANG)
    n = 0
    for el in root.iter():
        if _local(el.tag) not in ("termEntry", "conceptEntry"):
            continue
        n += 1
        entry_id = el.get("id") or f"entry-{n}"
        note = subject = None
        terms: list[Term] = []
        for child in el:
            name = _local(child.tag)
            if name == "descrip" and child.get("type") == "subjectField":
                subject = _text(child)
            elif name in ("note", "descrip") and not note:
                note = _text(child) or None
            elif name in ("langSet", "langSec"):
                tag = child.get(XML_LANG)
                if not tag:
                    raise FormatError(f"<{name}> without xml:lang in entry {entry_id!r}",
                                      path=path, line=child.sourceline,
                                      hint='add xml:lang="en" (or be, ru ...)')
                lang = language_code(tag, path=path, line=child.sourceline, notices=notices)
                for tig in child:
                    if _local(tig.tag) not in ("tig", "ntig", "termSec"):
                        continue
                    term = _read_term(tig, lang, path, notices)
                    lines[(entry_id, len(terms))] = tig.sourceline
                    terms.append(term)
        if not terms and default_lang is None:
            notices.append(Notice("empty-entry", f"entry {entry_id!r} has no <langSet>",
                                  "warning", path, el.sourceline))
        entries.append(GlossaryEntry(entry_id, tuple(terms), note, subject, el.sourceline))
    if n == 0:
        raise FormatError("no <termEntry> or <conceptEntry> in the TBX", path=path,
                          line=root.sourceline, hint="is the <body> empty?")
    return entries, notices, lines


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _read_term(tig, lang: str, path: str | None, notices: list[Notice]) -> Term:
    text = ""
    status = "approved"
    pos = note = None
    case_sensitive = False
    for el in tig.iter():
        name = _local(el.tag)
        if name == "term":
            text = _text(el)
        elif name == "termNote" or name == "admin":
            kind = el.get("type", "")
            value = _text(el)
            if kind in ("administrativeStatus", "normativeAuthorization"):
                low = value.lower()
                if low.startswith(_FORBIDDEN):
                    status = "forbidden"
                elif low.startswith(_APPROVED):
                    status = "approved"
                else:
                    notices.append(Notice("unknown-status", f"unknown {kind} {value!r}; term "
                                          "taken as approved", "warning", path, el.sourceline))
            elif kind == "partOfSpeech":
                pos = value or None
            elif kind in ("caseSensitive", "x-caseSensitive"):
                case_sensitive = value.lower() in ("yes", "true", "1")
        elif name == "note":
            note = _text(el) or None
    return Term(text, lang, status, case_sensitive, pos, note)


def _status_value(term: Term) -> str:
    return "preferredTerm-admn-sts" if term.status == "approved" else "deprecatedTerm-admn-sts"


def tbx_bytes(glossary: Glossary) -> bytes:
    root = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = etree.SubElement(root, "martifHeader")
    fdesc = etree.SubElement(header, "fileDesc")
    etree.SubElement(etree.SubElement(fdesc, "sourceDesc"), "p").text = "align-kit glossary"
    etree.SubElement(etree.SubElement(header, "encodingDesc"), "p",
                     type="XCSURI").text = "TBXBasicXCSV02.xcs"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for entry in glossary.entries:
        te = etree.SubElement(body, "termEntry", id=entry.id)
        if entry.subject:
            etree.SubElement(te, "descrip", type="subjectField").text = entry.subject
        if entry.note:
            etree.SubElement(te, "note").text = entry.note
        for lang in entry.languages:
            ls = etree.SubElement(te, "langSet", {XML_LANG: lang})
            for term in entry.terms:
                if term.language != lang:
                    continue
                tig = etree.SubElement(ls, "tig")
                etree.SubElement(tig, "term").text = term.text
                etree.SubElement(tig, "termNote",
                                 type="administrativeStatus").text = _status_value(term)
                if term.part_of_speech:
                    etree.SubElement(tig, "termNote",
                                     type="partOfSpeech").text = term.part_of_speech
                if term.case_sensitive:
                    etree.SubElement(tig, "termNote", type="caseSensitive").text = "yes"
                if term.note:
                    etree.SubElement(tig, "note").text = term.note
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_tbx(glossary: Glossary, path: str | os.PathLike) -> None:
    """Write `glossary` as TBX-Basic (martif), atomically."""
    with atomic_write(path, "wb") as handle:
        handle.write(tbx_bytes(glossary))
