"""Inline codes of TMX and XLIFF segments as placeholders in the text, and back (issue 19).

A CAT tool's inline codes (TMX `bpt`/`ept`/`ph`/`it`/`ut`, XLIFF `g`/`x`/`bx`/`ex`/`ph`/
`bpt`/`ept`/`it`) become placeholders so that nothing is silently lost on import:

- `{1}` ... `{/1}` for a paired code (bpt/ept by `i`, g by `id`, bx/ex by `rid` or `id`),
- `{2/}` for a standalone one (ph, x, it, ut: by `x` in TMX, `id` in XLIFF); a code with no
  such attribute is numbered `u1`, `u2` ... in its order in the segment.

In a translation unit that holds codes (on any side), every literal `{` of the text is
doubled (`{{`), the way Python's `str.format` escapes it, so a literal `{1}` in a
sentence reads `{{1}` and can never be taken for a tag. Units without codes keep their text
exactly as before. The original markup of each code is kept in the document's metadata
(`inline-codes`, JSON: segment index -> [[placeholder, markup], ...]; a tagged segment with
no code has an empty list), and TMX/XLIFF export puts the real codes back (`restore`).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import regex
from lxml import etree

from align_kit.formats._xml import local

METADATA_KEY = "inline-codes"

# A placeholder: {ID}, {/ID} or {ID/}; `{{` is a literal brace (matched first, so skipped).
TOKEN = regex.compile(r"\{\{|\{(/?)([A-Za-z0-9_.:-]+)(/?)\}")

_TMX_PAIRED = {"bpt": "open", "ept": "close"}
_TMX_SINGLE = {"ph", "it", "ut"}
_XLIFF_PAIRED = {"bpt": "open", "ept": "close", "bx": "open", "ex": "close"}
_XLIFF_SINGLE = {"x", "ph", "it"}
_TEXT_ONLY = {"hi", "sub", "mrk"}  # their text is content; the element itself is no code


@dataclass(frozen=True)
class Tag:
    """One placeholder found in a text: its kind ("open", "close", "single"), id and offset."""

    kind: str
    id: str
    start: int
    end: int

    @property
    def text(self) -> str:
        return {"open": f"{{{self.id}}}", "close": f"{{/{self.id}}}",
                "single": f"{{{self.id}/}}"}[self.kind]


def _markup(elem: etree._Element, empty: bool = False) -> str:
    if empty:  # a <g>: its content becomes text and placeholders, keep only the element
        elem = etree.Element(elem.tag, dict(elem.attrib), nsmap=elem.nsmap)
    return etree.tostring(elem, with_tail=False, encoding="unicode")


def parse(elem: etree._Element, dialect: str) -> list[tuple[str, str] | tuple[str, str, str]]:
    """The content of a <seg>/<source>/<target> as ("text", str) and ("code", ph, markup)."""
    out: list = []
    counter = [0]

    def number(child: etree._Element, attr: tuple[str, ...]) -> str:
        for name in attr:
            value = (child.get(name) or "").strip()
            if value and TOKEN.fullmatch("{" + value + "}"):
                return value
        counter[0] += 1
        return f"u{counter[0]}"

    def walk(node: etree._Element) -> None:
        if node.text:
            out.append(("text", node.text))
        for child in node:
            if not isinstance(child.tag, str):  # comments, processing instructions
                pass
            else:
                name = local(child)
                tmx = dialect == "tmx"
                paired = (_TMX_PAIRED if tmx else _XLIFF_PAIRED).get(name)
                if paired:
                    attrs = ("i", "x") if tmx else ("rid", "id")
                    n = number(child, attrs)
                    ph = f"{{{n}}}" if paired == "open" else f"{{/{n}}}"
                    out.append(("code", ph, _markup(child)))
                elif name in (_TMX_SINGLE if tmx else _XLIFF_SINGLE):
                    n = number(child, ("x",) if tmx else ("id",))
                    out.append(("code", f"{{{n}/}}", _markup(child)))
                elif name == "g" and not tmx:
                    n = number(child, ("id",))
                    out.append(("code", f"{{{n}}}", _markup(child, empty=True)))
                    walk(child)
                    out.append(("code", f"{{/{n}}}", ""))
                elif name in _TEXT_ONLY:
                    walk(child)
                # anything else (a foreign element) is no text, as before
            if child.tail:
                out.append(("text", child.tail))

    walk(elem)
    return out


def has_codes(parts: list) -> bool:
    return any(p[0] == "code" for p in parts)


def render(parts: list, escape: bool) -> tuple[str, list[list[str]]]:
    """The text with placeholders (literal `{` doubled when `escape`) and the codes in order."""
    text: list[str] = []
    codes: list[list[str]] = []
    for p in parts:
        if p[0] == "text":
            text.append(p[1].replace("{", "{{") if escape else p[1])
        else:
            text.append(p[1])
            codes.append([p[1], p[2]])
    return "".join(text), codes


def tags(text: str) -> list[Tag]:
    """The placeholders of an escaped text, in order (`{{` is a literal brace)."""
    out = []
    for m in TOKEN.finditer(text):
        if m.group() == "{{":
            continue
        kind = "close" if m.group(1) else "single" if m.group(3) else "open"
        if m.group(1) and m.group(3):
            continue  # {/1/} is no placeholder
        out.append(Tag(kind, m.group(2), m.start(), m.end()))
    return out


BLANK = "\u200b"  # what `mask` puts for a code: no letter, no digit, no space, no mark


def mask(text: str) -> str:
    """`text` with each placeholder blanked (zero-width spaces) and each `{{` made one
    brace, at the same length: offsets stay valid, and checks of brackets, numbers,
    spaces or end punctuation see the sentence, not the codes."""
    return TOKEN.sub(lambda m: "{" + BLANK if m.group() == "{{" else BLANK * len(m.group()),
                     text)


def split_codes(pieces: list[str], codes: list[list[str]]) -> list[list[list[str]]]:
    """The codes of each piece of a text split into sentences (they come in text order)."""
    out, pos = [], 0
    for piece in pieces:
        n = len(tags(piece))
        out.append(codes[pos:pos + n])
        pos += n
    if out:
        out[-1].extend(codes[pos:])  # never lose one
    return out


def encode(per_segment: Mapping[int, list[list[str]]]) -> str:
    return json.dumps({str(k): v for k, v in sorted(per_segment.items())},
                      ensure_ascii=False, separators=(",", ":"))


def decode(metadata: Mapping[str, str]) -> dict[int, list[list[str]]]:
    """The codes recorded in a document's metadata (empty when none or unreadable)."""
    raw = metadata.get(METADATA_KEY)
    if not raw:
        return {}
    try:
        value = json.loads(raw)
        out = {int(k): v for k, v in value.items()}
    except (ValueError, TypeError, AttributeError):
        return {}
    # A hand-edited entry of the wrong shape is no code (export writes that side as text).
    return {k: [c for c in v if isinstance(c, list) and len(c) == 2
                and all(isinstance(x, str) for x in c)]
            for k, v in out.items() if isinstance(v, list)}


# --- writing the real codes back (TMX and XLIFF export) ---

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False)


@functools.lru_cache(maxsize=16)
def _decoded(raw: str) -> dict[int, list[list[str]]]:
    return decode({METADATA_KEY: raw})


def side_codes(metadata: Mapping[str, str], side: Sequence[int]) -> list[list[str]] | None:
    """The recorded codes of a bead side's segments in order; None if none of them is tagged."""
    raw = metadata.get(METADATA_KEY)
    if not raw or not side:
        return None
    recorded = _decoded(raw)
    if not any(i in recorded for i in side):
        return None
    return [code for i in side for code in recorded.get(i, [])]


def _element(markup: str, dialect: str) -> etree._Element | None:
    try:
        elem = etree.fromstring(markup, _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None
    xliff = etree.QName(elem).namespace == XLIFF_NS
    return elem if xliff == (dialect == "xliff") else None


def restore(parent: etree._Element, text: str, codes: list[list[str]], dialect: str) -> bool:
    """Fill the empty `parent` (<seg>, <source>, <target>) with `text`, its placeholders
    turned back into the recorded codes. False (parent untouched) when a placeholder has no
    recorded code of this format, or a <g> would not nest: the caller writes the text as it
    is then, placeholders included, so nothing is lost."""
    pool: dict[str, list[str]] = {}
    for placeholder, markup in codes:
        pool.setdefault(placeholder, []).append(markup)
    work = etree.Element("work")
    stack: list[tuple[etree._Element, str | None]] = [(work, None)]  # (element, g id)

    def add_text(piece: str) -> None:
        cur = stack[-1][0]
        if len(cur):
            cur[-1].tail = (cur[-1].tail or "") + piece
        else:
            cur.text = (cur.text or "") + piece

    pos = 0
    for m in TOKEN.finditer(text):
        add_text(text[pos:m.start()])
        pos = m.end()
        if m.group() == "{{":
            add_text("{")
            continue
        placeholder = m.group()
        if not pool.get(placeholder):
            return False
        markup = pool[placeholder].pop(0)
        if markup == "":  # the end of a <g>
            if stack[-1][1] != m.group(2) or not m.group(1):
                return False
            stack.pop()
            continue
        elem = _element(markup, dialect)
        if elem is None:
            return False
        stack[-1][0].append(elem)
        if dialect == "xliff" and etree.QName(elem).localname == "g":
            stack.append((elem, m.group(2)))
    add_text(text[pos:])
    if len(stack) != 1:
        return False
    parent.text = work.text
    for child in list(work):
        parent.append(child)
    return True
