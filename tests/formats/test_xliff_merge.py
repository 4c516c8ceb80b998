"""Re-exporting an XLIFF merges into the translator's copy, as msgmerge does for PO."""

import shutil
import subprocess
import sys

import polib
import pytest
from lxml import etree

from align_kit.errors import FormatError
from align_kit.formats.po import write_po
from align_kit.formats.xliff import XLIFF_NS, apply_xliff, read_xliff, write_xliff

from .samples import pair, three_way

NS = {"x": XLIFF_NS}
X = f"{{{XLIFF_NS}}}"
SOURCES = [f"Палітвязень нумар {i} застаецца ў турме." for i in range(20)]
TARGETS = [f"Political prisoner number {i} remains in prison." for i in range(20)]


def _tree(path):
    return etree.parse(str(path))


def _by_id(path):
    return {u.get("id"): u for u in _tree(path).getroot().iter(f"{X}trans-unit")}


def _target(unit):
    return unit.find("x:target", NS)


def _translator_notes(unit):
    return [n.text for n in unit.findall("x:note", NS) if n.get("from") != "align-kit"]


def _edit_ten(path):
    """A translator's session in a CAT tool: ten units edited, one doubted, notes added."""
    tree = _tree(path)
    units = tree.getroot().findall(".//x:trans-unit", NS)
    edited = {}
    for n in range(0, 20, 2):  # ten units, fuzzy (score 0.3) ones among them
        unit = units[n]
        target = _target(unit)
        target.text = f"Political prisoner No. {n} is still behind bars."
        target.set("state", "signed-off" if n % 4 == 0 else "translated")
        target.attrib.pop("state-qualifier", None)
        if n % 4 == 0:
            unit.set("approved", "yes")
        note = etree.SubElement(unit, f"{X}note", {"from": "Alena"})
        note.text = f"checked by Alena ({n})"
        edited[unit.get("id")] = (target.text, target.get("state"), unit.get("approved"))
    doubted = _target(units[1])
    doubted.set("state", "needs-review-translation")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    return edited


def test_reexport_keeps_ten_translator_edits(tmp_path):
    alignment = pair()
    path = tmp_path / "prisoners.be-en.xlf"
    assert write_xliff(alignment, path, target_lang="en") == []
    edited = _edit_ten(path)
    before = tmp_path / "before-reexport.xlf"
    shutil.copy(path, before)

    notices = write_xliff(alignment, path, target_lang="en")  # re-export over it
    assert notices == []
    units = _by_id(path)
    assert len(units) == 20
    for uid, (text, state, approved) in edited.items():
        unit = units[uid]
        assert (_target(unit).text, _target(unit).get("state"), unit.get("approved")) == \
            (text, state, approved)
        n = int(uid.rsplit("-", 1)[1]) - 1  # ids carry 1-based bead numbers
        assert _translator_notes(unit) == [f"checked by Alena ({n})"]
    assert _target(units["prisoners:bead-2"]).get("state") == "needs-review-translation"
    # Importing now gives what importing before the re-export gave.
    applied = apply_xliff(alignment, path)
    assert applied == apply_xliff(alignment, before)
    assert sum("reviewed" in b.flags for b in applied.beads) == 10
    # A second re-export changes nothing more.
    once = path.read_bytes()
    assert write_xliff(alignment, path, target_lang="en") == []
    assert path.read_bytes() == once


def test_untouched_units_follow_the_alignment_edited_ones_do_not(tmp_path):
    path = tmp_path / "p.xlf"
    write_xliff(pair(), path, target_lang="en")
    tree = _tree(path)
    units = tree.getroot().findall(".//x:trans-unit", NS)
    _target(units[4]).text = "Prisoner four, as the translator put it."
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    # Re-aligned with better targets for beads 4 and 5 (e.g. a PO import elsewhere).
    targets = list(TARGETS)
    targets[4] = "Political prisoner No. 4 remains jailed."
    targets[5] = "Political prisoner No. 5 remains jailed."
    write_xliff(pair(targets=targets), path, target_lang="en")
    units = _by_id(path)
    assert _target(units["prisoners:bead-5"]).text == "Prisoner four, as the translator put it."
    assert _target(units["prisoners:bead-6"]).text == "Political prisoner No. 5 remains jailed."


def test_changed_source_keeps_the_old_target_as_fuzzy(tmp_path):
    path = tmp_path / "p.xlf"
    write_xliff(pair(), path, target_lang="en")
    tree = _tree(path)
    unit = tree.getroot().findall(".//x:trans-unit", NS)[3]
    _target(unit).text = "Prisoner three: the translator's version."
    _target(unit).set("state", "signed-off")
    unit.set("approved", "yes")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    sources = list(SOURCES)
    sources[3] = "Палітвязень нумар 3 па-ранейшаму застаецца ў турме."  # the source was revised
    alignment = pair(sources=sources)
    notices = write_xliff(alignment, path, target_lang="en")
    assert [(n.code, n.level) for n in notices] == [("xliff-merged", "warning")]
    assert "1 unit(s) whose source sentence changed" in notices[0].message
    unit = _by_id(path)["prisoners:bead-4"]
    assert unit.findtext("x:source", namespaces=NS) == sources[3]
    target = _target(unit)
    assert target.text == "Prisoner three: the translator's version."
    assert (target.get("state"), target.get("state-qualifier")) == \
        ("needs-review-translation", "fuzzy-match")
    assert unit.get("approved") is None
    alt = unit.find("x:alt-trans", NS)
    assert alt.findtext("x:source", namespaces=NS) == SOURCES[3]
    assert alt.findtext("x:target", namespaces=NS) == "Prisoner three: the translator's version."
    # Imported, the kept target fills the bead but does not approve it.
    applied = apply_xliff(alignment, path)
    assert applied.texts(applied.beads[3])[1] == "Prisoner three: the translator's version."
    assert "reviewed" not in applied.beads[3].flags
    # The alt-trans is not read as a second target.
    assert read_xliff(path).texts(read_xliff(path).beads[3])[1] == target.text
    # Exporting again keeps the fuzzy target as it is, with one alt-trans, and reports nothing.
    once = path.read_bytes()
    assert write_xliff(alignment, path, target_lang="en") == []
    assert path.read_bytes() == once


def test_moved_new_and_vanished_units(tmp_path):
    path = tmp_path / "p.xlf"
    write_xliff(pair(), path, target_lang="en")
    tree = _tree(path)
    units = tree.getroot().findall(".//x:trans-unit", NS)
    _target(units[19]).text = "Prisoner nineteen: edited."
    _target(units[18]).text = "Prisoner eighteen: edited."
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    # Re-aligned: bead 18 gone, a new sentence first: beads 0-17 move by one, 19 stays.
    sources = ["Новая заява Каардынацыйнай рады."] + [s for i, s in enumerate(SOURCES) if i != 18]
    targets = ["A new statement of the Coordination Council."] + \
        [t for i, t in enumerate(TARGETS) if i != 18]
    notices = write_xliff(pair(sources=sources, targets=targets), path, target_lang="en")
    units = _by_id(path)
    assert len(units) == 20
    assert _target(units["prisoners:bead-1"]).text == targets[0]  # the new unit
    assert _target(units["prisoners:bead-20"]).text == "Prisoner nineteen: edited."
    assert _target(units["prisoners:bead-19"]).text == TARGETS[17]
    messages = {n.message: n.level for n in notices}
    assert messages == {
        "18 translation(s) followed their sentence to a new bead number": "info",
        "1 unit(s) no longer in the alignment were dropped, 1 of them with a translator's "
        "edit (prisoners:bead-19)": "warning"}


def test_translator_additions_survive(tmp_path):
    path = tmp_path / "p.xlf"
    write_xliff(three_way(), path, target_lang="en")
    tree = _tree(path)
    root = tree.getroot()
    file_el = root.find("x:file", NS)
    file_el.set("product-name", "Cabinet news")
    etree.SubElement(file_el.find("x:header", NS), f"{X}note").text = "Deadline: Friday"
    phases = etree.SubElement(file_el.find("x:header", NS), f"{X}phase-group")
    etree.SubElement(phases, f"{X}phase", {"phase-name": "review", "process-name": "review"})
    unit = root.findall(".//x:trans-unit", NS)[2]
    unit.set("resname", "latushka-quote")
    unit.set("{urn:example:cat}reviewer", "Alena")
    alt = etree.SubElement(unit, f"{X}alt-trans", {"origin": "memory"})
    etree.SubElement(alt, f"{X}target").text = "Latushka spoke of new sanctions."
    seg_source = etree.Element(f"{X}seg-source")
    etree.SubElement(seg_source, f"{X}mrk", {"mtype": "seg", "mid": "1"}).text = "Павел"
    unit.find("x:source", NS).addnext(seg_source)
    # The machine draft of bead 3, corrected and accepted by the translator.
    draft_unit = root.findall(".//x:trans-unit", NS)[3]
    _target(draft_unit).text = "The Coordination Council backed the statement."
    _target(draft_unit).set("state", "translated")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    write_xliff(three_way(), path, target_lang="en")
    root = _tree(path).getroot()
    file_el = root.find("x:file", NS)
    assert file_el.get("product-name") == "Cabinet news"
    assert file_el.find("x:header", NS).findtext("x:note", namespaces=NS) == "Deadline: Friday"
    unit = root.findall(".//x:trans-unit", NS)[2]
    assert unit.get("resname") == "latushka-quote"
    assert unit.get("{urn:example:cat}reviewer") == "Alena"
    assert unit.find("x:alt-trans/x:target", NS).text == "Latushka spoke of new sanctions."
    # XLIFF 1.2 order: source, seg-source, target, then notes and alternatives.
    assert [etree.QName(c).localname for c in unit] == ["source", "seg-source", "target",
                                                        "alt-trans"]
    header = [etree.QName(c).localname for c in file_el.find("x:header", NS)]
    assert header == ["phase-group", "tool", "note"]
    # The corrected draft is now the translator's target, not a machine draft.
    back = read_xliff(path)
    assert back.texts(back.beads[3])[1] == "The Coordination Council backed the statement."
    assert back.beads[3].drafts == {}
    # align-kit's own finding note is written once, not duplicated by the merge.
    notes = [n.text for n in root.findall(".//x:trans-unit", NS)[4].findall("x:note", NS)]
    assert notes == ["warning glossary: «PACE» not found"]
    assert len(root.find("x:file/x:header", NS).findall("x:tool", NS)) == 1


@pytest.mark.parametrize("kind", ["po", "text", "binary", "tmx-root", "other-alignment",
                                  "other-language", "foreign-xliff"])
def test_a_file_that_is_not_this_alignments_xliff_is_refused(tmp_path, kind):
    path = tmp_path / "cabinet.be-en.xlf"
    if kind == "po":
        write_po(three_way(), path, target_lang="en")
    elif kind == "text":
        path.write_text("Notes for the translator.\n", encoding="utf-8")
    elif kind == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    elif kind == "tmx-root":
        path.write_text("<tmx version='1.4'/>", encoding="utf-8")
    elif kind == "other-alignment":
        write_xliff(pair("en", doc_id="visas"), path, target_lang="en")
    elif kind == "other-language":
        write_xliff(three_way(), path, target_lang="ru")
    else:
        path.write_text(f"<xliff xmlns='{XLIFF_NS}' version='1.2'><file original='a' "
                        "source-language='be' target-language='en' datatype='plaintext'><body>"
                        "<trans-unit id='1'><source>a</source></trans-unit></body></file>"
                        "</xliff>", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(FormatError) as info:
        write_xliff(three_way(), path, target_lang="en")
    message = str(info.value)
    assert message.startswith(f"{path}") and "\n" not in message
    assert "refusing to overwrite" in message and "choose another output path" in message
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary left


def test_a_folder_at_the_path_is_refused(tmp_path):
    path = tmp_path / "cabinet.be-en.xlf"
    path.mkdir()
    with pytest.raises(FormatError, match="is a folder"):
        write_xliff(three_way(), path, target_lang="en")


def test_cli_export_reports_the_merge_and_refuses_a_stranger(tmp_path):
    from click.testing import CliRunner

    from align_kit.cli import cli
    from align_kit.formats.alignment_file import write_alignment

    aligned = tmp_path / "prisoners.align.jsonl"
    write_alignment(pair(), aligned)
    out = tmp_path / "xlf"
    args = ["export", str(aligned), "--to", "xliff", "-o", str(out)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    xlf = out / "prisoners.be-en.xlf"
    _edit_ten(xlf)
    edited = read_xliff(xlf)
    assert CliRunner().invoke(cli, args).exit_code == 0
    assert read_xliff(xlf).beads == edited.beads
    assert [d.text for d in read_xliff(xlf).documents] == [d.text for d in edited.documents]
    xlf.write_text("not xml", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "align_kit", *args], capture_output=True,
                         text=True, env={"PYTHONPATH": "src", "PATH": "/usr/bin:/bin"})
    assert run.returncode == 2
    assert "refusing to overwrite" in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert xlf.read_text(encoding="utf-8") == "not xml"


def test_translate_toolkit_reads_the_merged_xliff(tmp_path):
    pytest.importorskip("translate.convert.xliff2po", reason="translate-toolkit is absent")
    from translate.convert import xliff2po

    alignment = pair()
    path = tmp_path / "prisoners.be-en.xlf"
    write_xliff(alignment, path, target_lang="en")
    _edit_ten(path)
    sources = list(SOURCES)
    sources[2] = "Палітвязень нумар 2 па-ранейшаму ў турме."
    write_xliff(pair(sources=sources), path, target_lang="en")
    po_path = tmp_path / "converted.po"
    with open(path, "rb") as src, open(po_path, "wb") as dst:
        assert xliff2po.convertxliff(src, dst, None) == 1
    entries = [e for e in polib.pofile(str(po_path)) if e.msgid]
    assert len(entries) == 20
    by_source = {e.msgid: e for e in entries}
    assert by_source[SOURCES[4]].msgstr == "Political prisoner No. 4 is still behind bars."
    assert "fuzzy" not in by_source[SOURCES[4]].flags  # approved="yes"
    changed = by_source[sources[2]]
    assert changed.msgstr == "Political prisoner No. 2 is still behind bars."
    assert "fuzzy" in changed.flags
