"""XML helpers shared by the TMX and XLIFF readers and writers.

Safety: every XML file we read comes from outside (a CAT tool, a colleague,
the web). The parser never resolves entities, never loads a DTD, never
touches the network, and any document that declares entities at all is
refused before its body is read: that stops external entities (file and
network reads), billion laughs and quadratic blowup alike, in bounded time
and memory, the way defusedxml does.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import regex
from lxml import etree

from align_kit.errors import FormatError
from align_kit.model import Notice

# Characters XML 1.0 cannot hold: C0 controls except TAB/LF/CR, surrogates, U+FFFE/U+FFFF.
_XML_ILLEGAL = regex.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_illegal(text: str) -> list[str]:
    """The characters of `text` that XML 1.0 cannot hold, in order."""
    return _XML_ILLEGAL.findall(text)


def xml_clean(text: str) -> tuple[str, list[str]]:
    """`text` without the characters XML 1.0 cannot hold, and the ones removed."""
    removed = _XML_ILLEGAL.findall(text)
    return (_XML_ILLEGAL.sub("", text) if removed else text), removed


def describe_chars(chars: list[str]) -> str:
    names = sorted({f"U+{ord(c):04X}" for c in chars})
    return ", ".join(names[:5]) + (" ..." if len(names) > 5 else "")


class Cleaner:
    """Removes XML-illegal characters and remembers where, for the report."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.notices: list[Notice] = []

    def __call__(self, text: str, where: str) -> str:
        clean, removed = xml_clean(text)
        if removed:
            self.notices.append(Notice(
                "xml-illegal-chars-removed",
                f"{where}: removed {len(removed)} character(s) XML 1.0 cannot hold "
                f"({describe_chars(removed)})", "warning", self.path))
        return clean


def _parser_options() -> dict:
    return dict(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                huge_tree=False, remove_comments=True, remove_pis=True)


def _refuse_entities(tree: etree._ElementTree, path: str) -> None:
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise FormatError("the file declares XML entities, which align-kit refuses for safety "
                          "(external entities, billion laughs)", path=path, line=1,
                          hint="remove the <!ENTITY ...> declarations from the DOCTYPE")


XINCLUDE_NAMESPACES = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")


def refuse_xinclude(elem: etree._Element, path: str) -> None:
    """An `xi:include` would pull in another file (or drop out silently): refuse it."""
    if isinstance(elem.tag, str) and etree.QName(elem).namespace in XINCLUDE_NAMESPACES:
        raise FormatError(f"<{etree.QName(elem).localname}> (XInclude) is not supported: "
                          "align-kit reads no other file into this one", path=path,
                          line=elem.sourceline,
                          hint="paste the included content into the file itself")


def refuse_unsafe(tree: etree._ElementTree, path: str) -> None:
    """Entity declarations, unresolved entity references and XIncludes: for whole trees
    (TBX, parse_safely) what iter_elements checks as it streams."""
    _refuse_entities(tree, path)
    root = tree.getroot()
    _refuse_references(root, path)
    for elem in root.iter():
        refuse_xinclude(elem, path)


def _refuse_references(elem: etree._Element, path: str) -> None:
    # An entity the parser did not resolve (declared in a DTD it was not allowed to load).
    for node in elem.iter(etree.Entity):
        raise FormatError(f"entity reference {node.text} cannot be resolved: align-kit loads "
                          "no external DTD", path=path, line=node.sourceline,
                          hint="replace the reference with the character it stands for")


def _syntax_error(exc: etree.XMLSyntaxError, path: str, what: str) -> FormatError:
    line = exc.lineno if getattr(exc, "lineno", None) else None
    msg = exc.msg if getattr(exc, "msg", None) else str(exc)
    if "entit" in msg.lower() and ("loop" in msg.lower() or "amplification" in msg.lower()):
        return FormatError(f"refused: entity expansion attack ({msg})", path=path, line=line)
    return FormatError(f"malformed {what}: {msg}", path=path, line=line,
                       hint=f"the file is not well-formed XML; open it in a {what} editor or "
                       "export it again")


def iter_elements(path: str | os.PathLike, tags: tuple[str, ...], what: str,
                  root_tag: str) -> Iterator[etree._Element]:
    """Stream the elements named `tags` (local names) of an XML file, safely.

    Each element is yielded when complete and cleared afterwards, so memory stays
    bounded by one element. Raises FormatError on malformed or hostile input.
    """
    source = str(path)
    if Path(source).is_dir():
        raise FormatError(f"expected a {what} file, found a folder", path=source)
    try:
        handle = open(source, "rb")  # noqa: SIM115 - closed in finally
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror or exc}", path=source) from None
    try:
        context = etree.iterparse(handle, events=("start", "end"), **_parser_options())
        checked = False
        for event, elem in context:
            if not checked:
                checked = True
                _refuse_entities(elem.getroottree(), source)
                if etree.QName(elem).localname != root_tag:
                    raise FormatError(f"not a valid {what} file: the root element is "
                                      f"<{etree.QName(elem).localname}>, not <{root_tag}>",
                                      path=source, line=elem.sourceline)
            if event == "start":
                refuse_xinclude(elem, source)
            if event == "end" and isinstance(elem.tag, str) \
                    and etree.QName(elem).localname in tags:
                _refuse_references(elem, source)
                yield elem
                elem.clear(keep_tail=True)
                # Drop finished siblings too: memory bounded by one element.
                while elem.getprevious() is not None:
                    del elem.getparent()[0]
        if not checked:
            raise FormatError(f"empty {what} file", path=source)
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, source, what) from None
    finally:
        handle.close()


def parse_safely(path: str | os.PathLike, what: str, root_tag: str) -> etree._Element:
    """Parse a whole (small) XML file safely; returns the root element."""
    source = str(path)
    if Path(source).is_dir():
        raise FormatError(f"expected a {what} file, found a folder", path=source)
    parser = etree.XMLParser(**_parser_options())
    try:
        tree = etree.parse(source, parser)
    except OSError as exc:
        raise FormatError(f"cannot read: {exc}", path=source) from None
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, source, what) from None
    refuse_unsafe(tree, source)
    root = tree.getroot()
    if etree.QName(root).localname != root_tag:
        raise FormatError(f"not a valid {what} file: the root element is "
                          f"<{etree.QName(root).localname}>, not <{root_tag}>",
                          path=source, line=root.sourceline)
    return root


def local(elem: etree._Element) -> str:
    return etree.QName(elem).localname if isinstance(elem.tag, str) else ""
