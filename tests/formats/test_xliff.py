import pytest
from lxml import etree

from align_kit.errors import FormatError
from align_kit.formats.xliff import XLIFF_NS, apply_xliff, read_xliff, write_xliff

from .samples import pair, three_way

NS = {"x": XLIFF_NS}


def _units(path):
    return etree.parse(str(path)).getroot().findall(".//x:trans-unit", NS)


def test_units_and_states(tmp_path):
    path = tmp_path / "cabinet.be-en.xlf"
    write_xliff(three_way(), path, target_lang="en")
    root = etree.parse(str(path)).getroot()
    assert root.get("version") == "1.2"
    file_el = root.find("x:file", NS)
    assert (file_el.get("source-language"), file_el.get("target-language")) == ("be", "en")
    assert file_el.get("original") == "corpora/sample/cabinet.be.md"
    units = _units(path)
    assert [u.get("id") for u in units] == [f"cabinet:bead-{i + 1}" for i in range(6)]
    states = [(u.find("x:target", NS).get("state") if u.find("x:target", NS) is not None
               else None) for u in units]
    assert states == ["translated", "signed-off", "translated", "needs-review-translation",
                      "translated", None]
    assert units[1].get("approved") == "yes"
    assert units[3].find("x:target", NS).get("state-qualifier") == "mt-suggestion"
    assert units[4].findtext("x:note", namespaces=NS) == "warning glossary: «PACE» not found"
    other = tmp_path / "prisoners.be-en.xlf"
    write_xliff(pair(), other, target_lang="en")
    low = _units(other)[0].find("x:target", NS)
    assert (low.get("state"), low.get("state-qualifier")) == ("needs-review-translation",
                                                             "fuzzy-match")


def test_text_is_kept_exactly(tmp_path):
    texts = ["  Лідарка  з  прабеламі  ", "Радок\nз\tпераносам & <тэгам> \"'"]
    path = tmp_path / "x.xlf"
    write_xliff(pair(sources=texts, targets=texts[::-1]), path, target_lang="en")
    back = read_xliff(path)
    assert [back.texts(b) for b in back.beads] == [(texts[0], texts[1]), (texts[1], texts[0])]


def test_read_and_apply(tmp_path):
    alignment = three_way()
    path = tmp_path / "cabinet.xlf"
    write_xliff(alignment, path, target_lang="ru")
    back = read_xliff(path)
    assert back.id == "cabinet" and back.languages == ("be", "ru")
    assert [b.score for b in back.beads] == [b.score for b in alignment.beads[:6]]
    assert apply_xliff(alignment, path) == alignment
    text = path.read_text(encoding="utf-8").replace("Павел Латушко рассказал",
                                                    "Павел Латушка рассказал")
    path.write_text(text, encoding="utf-8")
    result = apply_xliff(alignment, path)
    assert result.texts(result.beads[2])[1].startswith("Павел Латушка рассказал")
    assert "reviewed" in result.beads[2].flags


@pytest.mark.parametrize(("content", "words"), [
    ("<xliff version='1.2'><file target-language='en'><body>\n<trans-unit id='a'>"
     "<target>x</target></trans-unit></body></file></xliff>", "one <source>"),
    ("<xliff version='1.2'><file>\n<body></file></xliff>", "malformed XLIFF"),
    ("<tmx/>", "not a valid XLIFF"),
])
def test_malformed_xliff(tmp_path, content, words):
    path = tmp_path / "bad.xlf"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError, match=words) as info:
        read_xliff(path)
    assert info.value.line is not None


def test_apply_refuses_other_alignment(tmp_path):
    path = tmp_path / "p.xlf"
    write_xliff(pair(), path, target_lang="en")
    with pytest.raises(FormatError, match="does not belong"):
        apply_xliff(pair(doc_id="visas"), path)
