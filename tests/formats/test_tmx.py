from datetime import UTC, datetime
from pathlib import Path

import pytest
import regex
from lxml import etree

from align_kit.errors import FormatError, InputError
from align_kit.formats.tmx import XML_LANG, apply_tmx, read_tmx, write_tmx
from align_kit.model import Alignment, Bead

from .samples import BE, pair, three_way

RNG = Path(__file__).with_name("tmx14.rng")
CREATED = datetime(2026, 7, 9, 10, 30, tzinfo=UTC)


def _tree(path):
    return etree.parse(str(path), etree.XMLParser(load_dtd=False, no_network=True))


def _props(tu):
    return [(p.get("type"), p.text) for p in tu.findall("prop")]


def test_header_and_units(tmp_path):
    path = tmp_path / "cabinet.tmx"
    assert write_tmx(three_way(), path, created=CREATED) == []
    root = _tree(path).getroot()
    assert root.get("version") == "1.4"
    header = root.find("header")
    assert dict(header.attrib) == {
        "creationtool": "align-kit", "creationtoolversion": "0.1.0", "datatype": "plaintext",
        "segtype": "sentence", "adminlang": "en", "srclang": "be", "o-tmf": "align-kit-jsonl",
        "creationdate": "20260709T103000Z"}
    tus = root.findall("body/tu")
    assert [tu.get("tuid") for tu in tus] == [f"cabinet:{i + 1}" for i in range(7)]
    props = dict(_props(tus[2]))
    assert props["x-document"] == "cabinet" and props["x-bead"] == "3"
    assert props["x-score"] == "0.74" and props["x-alignment"] == "2-1-2"
    assert tus[2].findtext("note") == "error: glossary: forbidden variant «Латушко» for «Латушка»"
    langs = [tuv.get(XML_LANG) for tuv in tus[2].findall("tuv")]
    assert langs == ["be", "ru", "en"]
    assert tus[2].find("tuv").findtext("seg") == ("Павел Латушка распавёў пра новыя санкцыі. "
                                                  "Ён дадаў: «Ціск павінен расці».")
    # The machine draft: a TU prop, and a tuv marked as a draft where no human text exists.
    assert dict(_props(tus[3]))["x-mt"] == "en"
    en = tus[3].findall("tuv")[-1]
    assert en.get(XML_LANG) == "en" and dict(_props(en)) == {"x-mt": "draft"}
    # An empty side has no tuv at all.
    assert [tuv.get(XML_LANG) for tuv in tus[5].findall("tuv")] == ["be"]


def test_valid_against_our_relax_ng_schema(tmp_path):
    path = tmp_path / "cabinet.tmx"
    write_tmx([three_way(), pair()], path)
    schema = etree.RelaxNG(etree.parse(str(RNG)))
    assert schema.validate(_tree(path)), schema.error_log


def test_round_trip_keeps_texts_scores_flags_drafts_findings(tmp_path):
    alignment = three_way()
    path = tmp_path / "cabinet.tmx"
    write_tmx(alignment, path)
    [back] = read_tmx(path)
    assert back.beads == alignment.beads
    assert back.findings == alignment.findings
    assert back.languages == alignment.languages and back.original == "be"
    assert dict(back.parameters) == dict(alignment.parameters)
    for a, b in zip(alignment.documents, back.documents, strict=True):
        assert [s.text for s in a.segments] == [s.text for s in b.segments]
        assert (a.id, dict(a.metadata)) == (b.id, dict(b.metadata))
        # Local paths stay in the alignment file, not in a TMX sent to others (issue 17).
        assert b.source == str(path) and a.source not in path.read_text(encoding="utf-8")
        for seg in b.segments:
            assert b.text[seg.start:seg.end] == seg.text


def test_several_alignments_come_back_grouped_by_document(tmp_path):
    path = tmp_path / "batch.tmx"
    write_tmx([three_way(), pair("ru", doc_id="visas")], path)
    back = read_tmx(path)
    assert [a.id for a in back] == ["cabinet", "visas"]
    assert back[1].languages == ("be", "ru") and len(back[1].beads) == 20
    # A TU whose srclang differs from the header says so.
    tus = _tree(path).getroot().findall("body/tu")
    assert all(tu.get("srclang") is None for tu in tus)


def test_min_score_skip_empty_and_pair(tmp_path):
    path = tmp_path / "x.tmx"
    write_tmx(three_way(), path, min_score=0.5)
    assert [tu.get("tuid") for tu in _tree(path).getroot().iter("tu")] == \
        ["cabinet:1", "cabinet:2", "cabinet:3", "cabinet:5"]
    write_tmx(three_way(), path, skip_empty=True)
    assert [tu.get("tuid") for tu in _tree(path).getroot().iter("tu")] == \
        ["cabinet:1", "cabinet:2", "cabinet:3", "cabinet:5"]
    write_tmx(three_way(), path, pair="en-ru", skip_empty=True)
    root = _tree(path).getroot()
    assert root.find("header").get("srclang") == "en"
    tus = root.findall("body/tu")
    assert {tuv.get(XML_LANG) for tu in tus for tuv in tu.findall("tuv")} == {"en", "ru"}
    assert len(tus) == 4  # the caption and the editor's note have no partner
    with pytest.raises(InputError, match="en-be"):
        write_tmx(three_way(), path, pair="en")


def test_xml_illegal_characters_are_removed_and_reported(tmp_path):
    texts = ["Рада\x0bсабралася\x0c ў Варшаве.", "Ціханоўская\x00 у ПАСЕ."]
    alignment = pair(sources=texts, targets=["The Council\x1b met in Warsaw.", "Tsikhanouskaya."])
    path = tmp_path / "x.tmx"
    notices = write_tmx(alignment, path)
    assert [n.code for n in notices] == ["xml-illegal-chars-removed"] * 3
    assert "U+000B, U+000C" in notices[0].message and "bead 1 (be)" in notices[0].message
    [back] = read_tmx(path)
    assert back.documents[0].segments[0].text == "Радасабралася ў Варшаве."
    assert back.documents[1].segments[0].text == "The Council met in Warsaw."


def test_streams_from_a_generator(tmp_path):
    def many():
        for n in range(30):
            yield pair(doc_id=f"doc{n}", sources=["Санкцыі ўзмацняюцца."],
                       targets=["Sanctions are tightening."])
    path = tmp_path / "many.tmx"
    write_tmx(many(), path)
    assert len(read_tmx(path)) == 30


def test_foreign_tmx_with_inline_codes(tmp_path):
    path = tmp_path / "foreign.tmx"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="X" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en-US" srclang="EN-US" datatype="html"/>
<body>
<tu><tuv xml:lang="EN-US"><seg>The <bpt i="1">&lt;b&gt;</bpt>Coordination Council<ept i="1"
>&lt;/b&gt;</ept> met.</seg></tuv>
<tuv xml:lang="be-BY"><seg><hi>Каардынацыйная рада</hi> сабралася.</seg></tuv></tu>
<tu><tuv lang="ru"><seg>Без перевода.</seg></tuv></tu>
</body></tmx>""", encoding="utf-8")
    [back] = read_tmx(path)
    assert back.languages == ("en", "be", "ru") and back.original == "en"
    # Inline codes are kept as placeholders (issue 19, formats/inline.py); <hi> text stays.
    assert back.texts(back.beads[0]) == ("The {1}Coordination Council{/1} met.",
                                         "Каардынацыйная рада сабралася.", "")
    assert back.beads[1].kind == "0-0-1"


@pytest.mark.parametrize(("content", "line", "words"), [
    ("<tmx version='1.4'><header/>\n<body><tu>\n<tuv><seg>x</seg></tuv></tu></body></tmx>",
     3, "no xml:lang"),
    ("<tmx version='1.4'><body>\n<tu><tuv xml:lang='en'><seg>x</seg>\n</tuv></body></tmx>", 3,
     "malformed TMX"),
    ("<xliff version='1.2'/>", 1, "not a valid TMX"),
    ("<tmx><body><tu>\n<prop type='x-score'>high</prop><tuv xml:lang='en'><seg>a</seg></tuv>"
     "</tu></body></tmx>", 1, "x-score"),
    ("<tmx><body><tu><tuv xml:lang='en'>\n<seg>a</seg><seg>b</seg></tuv></tu></body></tmx>", 1,
     "exactly one"),
])
def test_malformed_tmx_gives_a_precise_error(tmp_path, content, line, words):
    path = tmp_path / "bad.tmx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError) as info:
        read_tmx(path)
    assert words in info.value.message
    assert info.value.line == line
    assert info.value.path == str(path)


@pytest.mark.parametrize("content", [b"", b"\x89PNG\r\n\x1a\n\x00\x00", b"just text"])
def test_empty_and_binary_files(tmp_path, content):
    path = tmp_path / "bad.tmx"
    path.write_bytes(content)
    with pytest.raises(FormatError):
        read_tmx(path)


def test_apply_tmx_takes_corrections_from_a_cat_tool(tmp_path):
    alignment = three_way()
    path = tmp_path / "cabinet.tmx"
    write_tmx(alignment, path)
    assert apply_tmx(alignment, path) == alignment  # nothing edited: nothing changes
    text = path.read_text(encoding="utf-8")
    text = text.replace("Pavel Latushka spoke about new sanctions. He added",
                        "Pavel Latushka described new sanctions. He added")
    text = text.replace("Павел Латушко рассказал", "Павел Латушка рассказал")
    path.write_text(text, encoding="utf-8")
    edited = apply_tmx(alignment, path)
    assert edited.texts(edited.beads[2])[2].startswith("Pavel Latushka described")
    assert edited.texts(edited.beads[2])[1].startswith("Павел Латушка рассказал")
    assert "reviewed" in edited.beads[2].flags
    # The 2-segment English side became one segment; later beads point at the right text.
    assert edited.beads[2].indexes[2] == (2,)
    assert edited.texts(edited.beads[4]) == alignment.texts(alignment.beads[4])
    en = edited.documents[2]
    assert all(en.text[s.start:s.end] == s.text for s in en.segments)
    with pytest.raises(FormatError, match="no TU of alignment"):
        apply_tmx(Alignment(alignment.documents, alignment.beads, id="other"), path)


def test_beads_with_no_text_are_left_out(tmp_path):
    a = pair(sources=["Латушка ў Варшаве."], targets=["Latushka in Warsaw."])
    empty = Alignment(a.documents, (Bead(((0,), (0,)), 0.9), Bead(((), ()), 0.1)), id="w")
    path = tmp_path / "x.tmx"
    write_tmx(empty, path)
    assert len(_tree(path).getroot().findall("body/tu")) == 1


def _layout(doc):
    """What a reader sees of a document: its paragraphs' kinds and texts, the sentences'."""
    return ([(p.kind, doc.text[p.start:p.end]) for p in doc.paragraphs],
            [(s.text, s.paragraph, s.kind) for s in doc.segments])


def test_paragraphs_come_back_from_an_align_kit_tmx(tmp_path):
    alignment = three_way()
    path = tmp_path / "cabinet.tmx"
    write_tmx(alignment, path)
    [back] = read_tmx(path)
    for a, b in zip(alignment.documents, back.documents, strict=True):
        assert b.text == a.text and b.paragraphs == a.paragraphs and b.segments == a.segments
        assert b.notices == ()


def test_run_alignment_of_a_sample_article_keeps_its_paragraphs(tmp_path):
    """A run-style alignment (ingest, segment, align) of a multi-paragraph article with a
    heading and a photo caption: write_tmx then read_tmx gives its paragraphs back."""
    from align_kit.ingest import read_folder
    from align_kit.pipeline import align_group

    sample = Path(__file__).resolve().parents[2] / "corpora" / "sample"
    documents, _ = read_folder(sample)
    alignment = align_group([d for d in documents if d.id.startswith("journalists.")],
                            glossary=None)
    kinds = {p.kind for d in alignment.documents for p in d.paragraphs}
    assert {"text", "heading", "caption"} <= kinds
    assert all(len(d.paragraphs) > 5 for d in alignment.documents)
    path = tmp_path / "journalists.tmx"
    write_tmx(alignment, path)
    [back] = read_tmx(path)
    assert back.beads == alignment.beads
    for a, b in zip(alignment.documents, back.documents, strict=True):
        assert _layout(b) == _layout(a)
        assert b.text == a.text  # the sample's ingest text: one space, one blank line
    # A bilingual TMX and a filtered one keep the paragraphs of what they hold.
    write_tmx(alignment, path, pair="be-ru",
              min_score=sorted(b.score for b in alignment.beads)[6])
    [back] = read_tmx(path)
    ru = back.documents[1]
    kept = {s.text for s in ru.segments}
    assert 0 < len(kept) < len(alignment.documents[1].segments)
    original = alignment.documents[1]
    expected = [[s.text for s in original.segments if s.paragraph == n and s.text in kept]
                for n in range(len(original.paragraphs))]
    assert [[s.text for s in ru.segments if s.paragraph == n]
            for n in range(len(ru.paragraphs))] == [p for p in expected if p]


def test_tmx_without_paragraph_props_says_how_it_rebuilt(tmp_path):
    path = tmp_path / "old.tmx"
    write_tmx(three_way(), path)
    # As an align-kit TMX from before x-paragraphs, or a CAT tool that drops unknown props.
    text = regex.sub(r'<prop type="x-paragraphs">[^<]*</prop>\n', "",
                     path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    [back] = read_tmx(path)
    be = back.documents[0]
    assert len(be.paragraphs) == len(be.segments) == len(BE)
    assert [n.code for n in be.notices] == ["tmx-paragraphs-unknown"]
    assert "each sentence became its own paragraph" in be.notices[0].message


def test_foreign_tmx_gets_one_paragraph_per_sentence_and_a_notice(tmp_path):
    path = tmp_path / "foreign.tmx"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="X" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body>
<tu><tuv xml:lang="en"><seg>PACE met.</seg></tuv><tuv xml:lang="be"><seg>ПАСЕ сабралася.</seg>
</tuv></tu>
<tu><tuv xml:lang="en"><seg>Sanctions grew.</seg></tuv>
<tuv xml:lang="be"><seg>Санкцыі выраслі.</seg></tuv></tu></body></tmx>""", encoding="utf-8")
    [back] = read_tmx(path)
    for doc in back.documents:
        assert len(doc.paragraphs) == 2
        assert doc.text.count("\n\n") == 1
        assert [n.code for n in doc.notices] == ["tmx-paragraphs-unknown"]
        assert doc.notices[0].path == str(path)
