"""The article out of a saved HTML page: text blocks with kinds, and page metadata.

The page is parsed by lxml's HTML parser, configured never to touch the
network; an HTML parser reads no DTD, so a `<!DOCTYPE [<!ENTITY ...>]>`
internal subset (external entities, "billion laughs") is never expanded --
the entity references stay as literal text. trafilatura then finds the
article in that tree and drops the page chrome (navigation, share buttons,
comment sections, "top of page" links); we walk its XML output for headings,
list items, quotes and paragraphs. A short label in the box of an image
("Фото", "Photo: Reuters") is removed before extraction.

Figure captions (`<figcaption>`) are article text a translator translates,
but trafilatura drops figures with their images; we turn each caption into a
paragraph before extraction and mark it "caption" afterwards.
"""

from __future__ import annotations

import re

import lxml.etree as etree
import lxml.html
import trafilatura

from align_kit.errors import InputError
from align_kit.model import ParagraphKind

_PARSER_OPTIONS = dict(
    no_network=True,
    remove_comments=True,
    remove_pis=True,
    collect_ids=False,
    default_doctype=False,
    # Without huge_tree libxml2 stops at 256 levels of nesting (and 10 MB text
    # nodes) and silently drops the rest of the page; with it the limit is
    # MAX_DEPTH, past which we refuse the page (see parse_html). Entities stay
    # unexpanded either way: an HTML parser reads no DTD.
    huge_tree=True,
)
# libxml2's nesting limit with huge_tree: a page nested deeper is refused, not cut.
MAX_DEPTH = 2048
# Short lines that are page furniture in any of our languages, should the
# extractor keep one: compared whole, case-insensitively.
_CHROME_LINES = frozenset(
    s.casefold()
    for s in (
        "top of page", "back to top", "to top", "top", "comments", "share", "print",
        "read more", "наверх", "в начало страницы", "комментарии", "поделиться",
        "уверх", "уверх старонкі", "наверх старонкі", "каментары", "падзяліцца",
        "на початок сторінки", "коментарі", "поділитися",
    )
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEAD_KINDS = {"head": "heading", "item": "list_item", "quote": "quote"}


def declared_charset(raw: bytes) -> str | None:
    """The charset a page declares in a `<meta>` near its top, if any."""
    match = _META_CHARSET.search(raw[:4096])
    return match.group(1).decode("ascii") if match else None


def parse_html(text: str, *, path: str | None = None) -> lxml.html.HtmlElement | None:
    """The page as an lxml tree, with no network access and no entity expansion.

    Raises `InputError` when the parser hit one of its limits (nesting deeper
    than `MAX_DEPTH`): it would have dropped the rest of the page silently.
    """
    parser = lxml.html.HTMLParser(**_PARSER_OPTIONS)
    # lxml refuses str input that carries an XML encoding declaration
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    try:
        tree = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        tree = None
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT" or "excessive depth" in error.message.lower():
            what = (f"the page is nested deeper than {MAX_DEPTH:,} levels"
                    if "depth" in error.message.lower() else
                    f"the page is beyond the HTML parser's limits ({error.message.strip()})")
            raise InputError(
                f"{what}; its text would be cut off there", path=path, line=error.line or None,
                hint="remove the excess nesting (e.g. re-save the page from a browser) "
                "or give the article as .txt",
            )
    return tree


def page_metadata(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """title, date, url (canonical), lang and hreflang alternates (`hreflang:en`)."""
    meta: dict[str, str] = {}

    def first(xpath: str) -> str | None:
        for value in tree.xpath(xpath):
            value = str(value).strip()
            if value:
                return value
        return None

    lang = first("/html/@lang") or first("/html/@xml:lang")
    if lang:
        meta["lang"] = lang
    title = (
        first("//meta[@property='og:title']/@content")
        or first("//h1//text()")
        or first("//title/text()")
    )
    if title:
        meta["title"] = " ".join(title.split())
    url = first("//link[@rel='canonical']/@href") or first("//meta[@property='og:url']/@content")
    if url:
        meta["url"] = url
    date = (
        first("//meta[@property='article:published_time']/@content")
        or first("//meta[@itemprop='datePublished']/@content")
        or first("//meta[@name='date']/@content")
        or first("//time/@datetime")
    )
    if date:
        meta["date"] = date
    for link in tree.xpath("//link[@rel='alternate'][@hreflang][@href]"):
        meta[f"hreflang:{link.get('hreflang').strip()}"] = link.get("href").strip()
    return meta


def _captions_to_paragraphs(tree: lxml.html.HtmlElement) -> set[str]:
    """Replace each <figure> by its caption as a paragraph; return the caption texts."""
    captions: set[str] = set()
    for caption in tree.xpath("//figcaption"):
        text = " ".join(caption.text_content().split())
        figure = caption.getparent()
        while figure is not None and figure.tag != "figure":
            figure = figure.getparent()
        if not text or figure is None or figure.getparent() is None:
            continue
        paragraph = lxml.html.Element("p")
        paragraph.text = text
        paragraph.tail = figure.tail
        figure.getparent().replace(figure, paragraph)
        captions.add(text)
    return captions


_LABEL_WORDS = 4  # an image's label: "Фото", "Photo: Reuters", "Фота: прэс-служба"


def _drop_image_labels(tree: lxml.html.HtmlElement) -> None:
    """Remove the small box around an image whose only text is a short label.

    Such a label ("Фото", "Photo: Reuters") sits beside an image outside any
    <figure>; the extractor would keep it as a paragraph of its own.
    """
    for image in list(tree.iter("img", "picture", "svg")):
        box = image.getparent()
        while box is not None and box.tag in ("a", "picture", "span", "source"):
            box = box.getparent()
        if box is None or box.tag in ("figure", "body", "html", "article", "main"):
            continue
        words = box.text_content().split()
        if 0 < len(words) <= _LABEL_WORDS and not words[-1].endswith((".", "!", "?", "»")):
            if box.getparent() is not None:
                box.drop_tree()


def article_blocks(tree: lxml.html.HtmlElement) -> list[tuple[str, ParagraphKind]]:
    """The article's text blocks and their kinds, page chrome dropped."""
    headline = " ".join("".join(tree.xpath("(//h1)[1]//text()")).split())
    for element in list(tree.iter("nav", "aside", "footer", "script", "style")):
        if element.getparent() is not None:  # never article text, even to a fallback
            element.drop_tree()
    captions = _captions_to_paragraphs(tree)
    _drop_image_labels(tree)
    xml = trafilatura.extract(
        tree,
        output_format="xml",
        include_formatting=True,
        include_comments=False,
        include_images=False,
        include_tables=True,
        include_links=False,
        with_metadata=False,
        deduplicate=False,
    )
    if not xml:
        return []
    blocks = _blocks_of(xml, captions)
    if headline and not any(
        text == headline or kind == "heading" for text, kind in blocks[:2]
    ):
        blocks.insert(0, (headline, "heading"))  # the extractor dropped the headline
    return blocks


def _blocks_of(xml: str, captions: set[str]) -> list[tuple[str, ParagraphKind]]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(xml.encode("utf-8"), parser=parser)
    blocks: list[tuple[str, ParagraphKind]] = []
    for element in root.iter("head", "p", "item", "quote", "cell"):
        if _has_block_ancestor(element):
            continue
        text = " ".join("".join(element.itertext()).split())
        if not text or text.casefold() in _CHROME_LINES:
            continue
        kind: ParagraphKind = _HEAD_KINDS.get(element.tag, "text")  # type: ignore[assignment]
        if text in captions:
            kind = "caption"
        blocks.append((text, kind))
    return blocks


_NOT_TEXT = (
    "head", "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form"
)


def page_text(text: str) -> str:
    """All visible text of the page outside navigation, one block per line.

    The fallback when the extractor finds no article (a page that is only a
    few lines, or text with hardly any markup). Parses `text` afresh: the
    extractor changes the tree it is given.
    """
    tree = parse_html(text)
    if tree is None:
        return ""
    for element in list(tree.iter(*_NOT_TEXT)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in tree.iter("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr"):
        element.tail = "\n" + (element.tail or "")
    return tree.text_content()


def _has_block_ancestor(element: etree._Element) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag in ("item", "quote", "cell", "head"):
            return True
        parent = parent.getparent()
    return False
