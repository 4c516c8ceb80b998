"""segment_document: paragraph kinds from ingestion, copies, notices."""

from segment_checks import check_cover

from align_kit.model import Document, Paragraph
from align_kit.segment import segment_document

TEXT = (
    "Sanctions. A new package\n\n"                                   # heading, 2 "sentences"
    "Tsikhanouskaya spoke in Vilnius. Latushka spoke in Warsaw.\n\n"  # text
    "Photo: Vilnius. 2023\n\n"                                       # caption, not clearly two
    "Release all political prisoners. Hold free elections now.\n\n"  # list item, clearly two
    "— Will you return? — Yes, soon."                               # quote kind: sentences
)


def _paragraphs(text):
    out, pos = [], 0
    for block in text.split("\n\n"):
        out.append((pos, pos + len(block)))
        pos += len(block) + 2
    return out


def test_paragraph_kinds_decide_segments():
    spans = _paragraphs(TEXT)
    kinds = ["heading", "text", "caption", "list_item", "quote"]
    doc = Document("d1", "en", TEXT,
                   paragraphs=[Paragraph(s, e, k) for (s, e), k in zip(spans, kinds, strict=True)])
    out = segment_document(doc)
    assert [(s.text, s.kind, s.paragraph) for s in out.segments] == [
        ("Sanctions. A new package", "heading", 0),
        ("Tsikhanouskaya spoke in Vilnius.", "sentence", 1),
        ("Latushka spoke in Warsaw.", "sentence", 1),
        ("Photo: Vilnius. 2023", "caption", 2),
        ("Release all political prisoners.", "list_item", 3),
        ("Hold free elections now.", "list_item", 3),
        ("— Will you return?", "sentence", 4),
        ("— Yes, soon.", "sentence", 4),
    ]
    check_cover(TEXT, out.segments)
    assert doc.segments == ()  # the input is left alone
    assert out.text == doc.text and out.paragraphs == doc.paragraphs


def test_blank_lines_when_no_paragraphs_given():
    doc = Document("d2", "be", "Загаловак\n\nПершы сказ. Другі сказ.")
    out = segment_document(doc)
    assert [(s.text, s.paragraph) for s in out.segments] == [
        ("Загаловак", 0), ("Першы сказ.", 1), ("Другі сказ.", 1)]
    assert out.notices == ()


def test_long_sentence_is_reported_on_the_document():
    doc = Document("d3", "ru", "слово " * 1000, source="long.ru.txt")
    out = segment_document(doc, max_chars=500)
    assert all(len(s.text) <= 500 for s in out.segments)
    assert [n.code for n in out.notices] == ["sentence-too-long"]
    assert out.notices[0].path == "long.ru.txt"


def test_paragraph_outside_text_is_reported_not_raised():
    doc = Document("d4", "en", "Short.", paragraphs=[Paragraph(0, 6), Paragraph(10, 20)])
    out = segment_document(doc)
    assert [s.text for s in out.segments] == ["Short."]
    assert [n.code for n in out.notices] == ["paragraph-out-of-range"]
