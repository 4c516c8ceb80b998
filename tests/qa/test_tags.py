"""Inline codes of TMX/XLIFF kept as placeholders on import, and the `tags` check (issue 19).

Real files through `python -m align_kit import` and `check` in a subprocess.
"""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree
from qa_support import align_kit, load, write_pairs

from align_kit.formats import inline
from align_kit.formats.alignment_file import write_alignment
from align_kit.formats.tmx import rebuild_document
from align_kit.model import Alignment

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="SomeCAT" creationtoolversion="1" datatype="html" segtype="sentence"
 adminlang="en" srclang="en" o-tmf="x"/>
<body>
<tu tuid="clean">
<tuv xml:lang="en"><seg>Click <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept> now.<ph x="2">&lt;br/&gt;</ph></seg></tuv>
<tuv xml:lang="be"><seg>Націсніце <bpt i="1">&lt;b&gt;</bpt>Захаваць<ept i="1">&lt;/b&gt;</ept> зараз.<ph x="2">&lt;br/&gt;</ph></seg></tuv>
</tu>
<tu tuid="dropped-ph">
<tuv xml:lang="en"><seg>The session opened.<ph x="1">&lt;img src="a.png"/&gt;</ph></seg></tuv>
<tuv xml:lang="be"><seg>Сесія адкрылася.</seg></tuv>
</tu>
<tu tuid="missing-ept">
<tuv xml:lang="en"><seg>Read <bpt i="1">&lt;i&gt;</bpt>the report {1}<ept i="1">&lt;/i&gt;</ept> today.</seg></tuv>
<tuv xml:lang="be"><seg>Прачытайце <bpt i="1">&lt;i&gt;</bpt>справаздачу {1} сёння.</seg></tuv>
</tu>
<tu tuid="no-codes">
<tuv xml:lang="en"><seg>Plain {1} text, no codes.</seg></tuv>
<tuv xml:lang="be"><seg>Просты тэкст.</seg></tuv>
</tu>
</body>
</tmx>
"""  # noqa: E501 (the white space inside a <seg> is content: one line each)

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="page.html" source-language="en" target-language="ru" datatype="html">
<body>
<trans-unit id="clean"><source>See <g id="1">this</g> and <g id="2">that</g>.<x id="3"/></source>
<target>Смотрите <g id="2">то</g> и <g id="1">это</g>.<x id="3"/></target></trans-unit>
<trans-unit id="dropped-x"><source>Line<x id="1"/>break.</source>
<target>Строка перенос.</target></trans-unit>
<trans-unit id="crossed"><source><g id="1">Bold <g id="2">both</g></g> here.</source>
<target><bx id="1"/>Жирный <bx id="2"/>оба<ex id="1"/><ex id="2"/> здесь.</target>
</trans-unit>
<trans-unit id="literal"><source>Braces {1} stay text.</source>
<target>Скобки остаются.</target></trans-unit>
</body></file></xliff>
"""


def _import(tmp_path: Path, name: str, content: str) -> Path:
    src = tmp_path / name
    src.write_text(content, encoding="utf-8")
    out = tmp_path / (name + ".align.jsonl")
    result = align_kit("import", src, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


def _tag_findings(path: Path) -> list[dict]:
    result = align_kit("check", path, "--checks", "tags", "--format", "json")
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)["findings"]


def test_tmx_codes_become_placeholders_with_their_markup_kept(tmp_path):
    a = load(_import(tmp_path, "cat.tmx", TMX))
    en, be = a.documents
    assert en.segments[0].text == "Click {1}Save{/1} now.{2/}"
    assert be.segments[0].text == "Націсніце {1}Захаваць{/1} зараз.{2/}"
    # A literal "{1}" in a unit with codes is escaped, so it is no tag ...
    assert en.segments[2].text == "Read {1}the report {{1}{/1} today."
    # ... and a unit without codes keeps its text exactly as before.
    assert en.segments[3].text == "Plain {1} text, no codes."
    codes = inline.decode(en.metadata)
    assert set(codes) == {0, 1, 2}
    placeholder, markup = codes[1][0]
    assert placeholder == "{1/}"
    assert etree.fromstring(markup).text == '<img src="a.png"/>'  # the native code, lossless


def test_tags_check_on_an_imported_tmx(tmp_path):
    found = _tag_findings(_import(tmp_path, "cat.tmx", TMX))
    by_bead = {(f["bead"], f["term"]) for f in found}
    assert by_bead == {(2, "{1/}"), (3, "{/1}")}  # dropped ph, missing ept; clean unit silent
    assert all(f["severity"] == "error" and f["language"] == "be" for f in found)
    assert "missing" in found[0]["message"]


def test_tags_check_on_an_imported_xliff(tmp_path):
    path = _import(tmp_path, "page.xlf", XLIFF)
    a = load(path)
    assert a.documents[0].segments[0].text == "See {1}this{/1} and {2}that{/2}.{3/}"
    assert a.documents[0].segments[3].text == "Braces {1} stay text."  # no codes: as before
    found = _tag_findings(path)
    assert [(f["bead"], f["term"]) for f in found] == [(2, "{1/}"), (3, "{/1}")]
    assert "nesting" in found[1]["message"]  # {1}..{2}..{/1}{/2}: crossed
    # Sibling tags in another order (clean unit) are fine; so is the literal-brace unit.


def test_xliff_into_keeps_placeholders_of_the_translators_codes(tmp_path):
    path = write_pairs(tmp_path / "a.align.jsonl", [("Чытайце справаздачу тут.",
                                                     "Read the report here.")])
    result = align_kit("export", path, "--to", "xliff", "-o", tmp_path / "x", "--pair", "be-en")
    assert result.returncode == 0, result.stderr
    (xlf,) = (tmp_path / "x").glob("*.xlf")
    root = etree.parse(str(xlf))
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    target = root.find(".//x:trans-unit/x:target", ns)
    target.text = "Read "  # a translator's CAT tool adds a code around "the report"
    g = etree.SubElement(target, f"{{{ns['x']}}}g", id="1")
    g.text, g.tail = "the report", " here."
    root.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    out = tmp_path / "b.align.jsonl"
    result = align_kit("import", xlf, "--into", path, "-o", out)
    assert result.returncode == 0, result.stderr
    assert [s.text for s in load(out).documents[1].segments] == ["Read {1}the report{/1} here."]


def test_no_tags_no_findings_and_no_notice(tmp_path):
    path = write_pairs(tmp_path / "a.align.jsonl", [("Plain {1} text.", "Просты тэкст.")])
    result = align_kit("check", path, "--checks", "tags")
    assert (result.returncode, result.stdout, result.stderr) == (0, "No findings.\n", "")


def test_tmx_reexport_puts_the_real_codes_back(tmp_path):
    path = _import(tmp_path, "cat.tmx", TMX)
    out = tmp_path / "back.tmx"
    result = align_kit("export", path, "--to", "tmx", "-o", out)
    assert result.returncode == 0, result.stderr
    segs = etree.parse(str(out)).findall(".//seg")
    first = segs[0]
    assert [(c.tag, c.get("i") or c.get("x"), c.text) for c in first] == [
        ("bpt", "1", "<b>"), ("ept", "1", "</b>"), ("ph", "2", "<br/>")]
    assert "".join(first.itertext()) == "Click <b>Save</b> now.<br/>"
    # The literal "{1}" is a brace again in the TMX, not "{{1}".
    assert "the report {1}" in "".join(segs[4].itertext())
    again = _import(tmp_path, "back.tmx", out.read_text(encoding="utf-8"))
    assert [s.text for d in load(again).documents for s in d.segments] == \
        [s.text for d in load(path).documents for s in d.segments]


def test_xliff_reexport_puts_the_real_codes_back(tmp_path):
    path = _import(tmp_path, "page.xlf", XLIFF)
    result = align_kit("export", path, "--to", "xliff", "-o", tmp_path / "x")
    assert result.returncode == 0, result.stderr
    (xlf,) = (tmp_path / "x").glob("*.xlf")
    ns = {"x": inline.XLIFF_NS}
    source = etree.parse(str(xlf)).find(".//x:trans-unit/x:source", ns)
    assert [(etree.QName(c).localname, c.get("id"), c.text) for c in source] == [
        ("g", "1", "this"), ("g", "2", "that"), ("x", "3", None)]
    assert b'xmlns="urn:oasis:names:tc:xliff:document:1.2" id=' not in xlf.read_bytes()


def test_a_placeholder_with_no_recorded_code_is_written_as_text(tmp_path):
    # An editor added "{9/}" by hand: no code to put back, so the side keeps its text.
    path = _import(tmp_path, "cat.tmx", TMX)
    a = load(path)
    be = a.documents[1]
    texts = [s.text for s in be.segments]
    texts[0] = texts[0].replace("{2/}", "{9/}")
    doc = rebuild_document(be.id, be.language, texts, metadata=be.metadata)
    edited = tmp_path / "edited.align.jsonl"
    write_alignment(Alignment((a.documents[0], doc), a.beads, original=a.original, id=a.id),
                    edited)
    out = tmp_path / "edited.tmx"
    assert align_kit("export", edited, "--to", "tmx", "-o", out).returncode == 0
    seg = etree.parse(str(out)).findall(".//seg")[1]
    assert len(seg) == 0 and seg.text == "Націсніце {1}Захаваць{/1} зараз.{9/}"
    assert [(f["bead"], f["term"]) for f in _tag_findings(edited)][:2] == [(1, "{2/}"),
                                                                           (1, "{9/}")]


def test_hand_edited_inline_codes_metadata_never_gives_a_traceback(tmp_path):
    path = _import(tmp_path, "cat.tmx", TMX)
    a = load(path)
    broken = {"inline-codes": '{"0": [["{1}", 3], "x"], "1": 5}'}
    docs = tuple(rebuild_document(d.id, d.language, [s.text for s in d.segments],
                                  metadata=broken) for d in a.documents)
    edited = tmp_path / "broken.align.jsonl"
    write_alignment(Alignment(docs, a.beads, original=a.original, id=a.id), edited)
    out = tmp_path / "broken.tmx"
    result = align_kit("export", edited, "--to", "tmx", "-o", out)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert etree.parse(str(out)).findall(".//seg")[0].text == "Click {1}Save{/1} now.{2/}"
    assert align_kit("check", edited, "--checks", "tags").returncode in (0, 1)


def test_other_checks_read_the_sentences_not_the_placeholders(tmp_path):
    # A dropped or crossed code is the `tags` check's finding alone: brackets, numbers and
    # end punctuation must not see "{1}", "{2/}" (digits, braces, a text ending in a code).
    # Beads 1-3 come from units with codes; bead 4's unit has none, and its literal "{1}"
    # left out of the translation is a brace and a number really missing.
    for name, content in (("cat.tmx", TMX), ("page.xlf", XLIFF)):
        out = _import(tmp_path, name, content)
        result = align_kit("check", out, "--format", "json", "--fail-on", "never",
                           "--skip-checks", "length-ratio")
        findings = json.loads(result.stdout)["findings"]
        assert sorted({f["check"] for f in findings if f["bead"] != 4}) == ["tags"], name
        assert sorted(f["check"] for f in findings if f["bead"] == 4) == [
            "brackets", "number-mismatch"], name
