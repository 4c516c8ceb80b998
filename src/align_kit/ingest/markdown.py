"""Markdown articles: front matter metadata, and the text with the markup stripped.

Front matter is a block between two `---` lines at the very top, one
`key: value` per line (title, date, url, lang, translation_of, or any other
key). It is read line by line, not by a YAML loader, so an alias bomb or a
tag in it can do nothing; lines that are not `key: value` are reported.

The body is parsed by markdown-it-py (CommonMark): `#` and underlined
headings become "heading" paragraphs, list items "list_item", block quotes
"quote", a paragraph that is only an image becomes a "caption" (its alt
text); links and images inside text are reduced to their text; emphasis and
code marks are dropped; raw HTML tags are dropped, their text kept.
"""

from __future__ import annotations

import re

import lxml.html
from markdown_it import MarkdownIt
from markdown_it.token import Token

from align_kit.model import Notice, ParagraphKind

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")


def split_front_matter(
    text: str, *, path: str | None = None
) -> tuple[dict[str, str], str, int, list[Notice]]:
    """(metadata, body, number of lines the front matter took, notices)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, 0, []
    meta: dict[str, str] = {}
    notices: list[Notice] = []
    for number, line in enumerate((match.group(1) or "").split("\n"), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kv = _KEY_VALUE.match(line)
        if not kv:
            notices.append(
                Notice(
                    "front-matter-line-ignored",
                    f"front matter line is not `key: value`, ignored: {line.strip()[:60]!r}",
                    path=path,
                    line=number,
                )
            )
            continue
        value = kv.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        meta[kv.group(1).lower()] = value
    body = text[match.end():]
    return meta, body, match.group(0).count("\n"), notices


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(_inline_text(child) or child.content)
        elif child.type == "html_inline":
            continue  # a tag: its text, if any, comes as separate text tokens
    return "".join(parts)


def _html_text(html: str) -> str:
    try:
        fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # noqa: BLE001 - lxml raises several types on junk; the text is optional
        return ""
    return fragment.text_content()


def markdown_blocks(body: str) -> list[tuple[str, ParagraphKind]]:
    """Text blocks and their kinds from a Markdown body (no front matter)."""
    md = MarkdownIt("commonmark")
    blocks: list[tuple[str, ParagraphKind]] = []
    in_list = 0
    in_quote = 0
    heading = False
    for token in md.parse(body):
        if token.type == "bullet_list_open" or token.type == "ordered_list_open":
            in_list += 1
        elif token.type == "bullet_list_close" or token.type == "ordered_list_close":
            in_list -= 1
        elif token.type == "blockquote_open":
            in_quote += 1
        elif token.type == "blockquote_close":
            in_quote -= 1
        elif token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline":
            text = _inline_text(token)
            kind: ParagraphKind = "text"
            if heading:
                kind = "heading"
            elif in_list:
                kind = "list_item"
            elif in_quote:
                kind = "quote"
            elif token.children and all(
                c.type in ("image", "softbreak") or (c.type == "text" and not c.content.strip())
                for c in token.children
            ) and any(c.type == "image" for c in token.children):
                kind = "caption"
            blocks.append((text, kind))
        elif token.type in ("fence", "code_block"):
            blocks.append((token.content, "text"))
        elif token.type == "html_block":
            blocks.append((_html_text(token.content), "text"))
    return blocks
