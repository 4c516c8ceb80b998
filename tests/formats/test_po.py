from datetime import UTC, datetime

import polib
import pytest

from align_kit.errors import FormatError, InputError
from align_kit.formats.po import PLURAL_FORMS, apply_po, read_po, write_po

from .samples import pair, three_way

CREATED = datetime(2026, 7, 9, 10, 30, tzinfo=UTC)


def _po(path):
    return polib.pofile(str(path))


def test_entries_header_and_comments(tmp_path):
    path = tmp_path / "cabinet.be-en.po"
    notices = write_po(three_way(), path, target_lang="en", created=CREATED)
    assert [n.code for n in notices] == ["po-no-source"]  # the English-only editor's note
    po = _po(path)
    meta = po.metadata
    assert meta["Language"] == "en" and meta["X-Source-Language"] == "be"
    assert meta["Plural-Forms"] == PLURAL_FORMS["en"]
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert meta["X-Generator"] == "align-kit 0.1.0"
    assert meta["POT-Creation-Date"] == "2026-07-09 10:30+0000"
    assert [e.msgctxt for e in po] == [f"cabinet:bead-{i + 1}" for i in range(6)]
    e0, e2, e3, e5 = po[0], po[2], po[3], po[5]
    assert e0.msgid.startswith("Аб'яднаны") and e0.msgstr.startswith("The United Transitional")
    assert e0.occurrences == [("corpora/sample/cabinet.be.md", "1"),
                              ("corpora/sample/cabinet.en.html", "1")]
    assert e0.comment.startswith("score: 0.97; type: 1-1-1; written: ") and not e0.flags
    assert "error glossary" not in e2.comment  # the ru finding is not for this pair
    assert e3.flags == ["fuzzy"] and "machine translation" in e3.tcomment
    assert e3.msgstr == "The Coordination Council supported the statement."
    assert e5.msgstr == "" and not e5.flags  # nothing to translate it with
    assert "warning glossary: «PACE» not found" in po[4].comment


def test_low_scores_are_fuzzy_unless_reviewed(tmp_path):
    path = tmp_path / "p.po"
    write_po(pair(), path, target_lang="en", fuzzy_below=0.5)
    fuzzy = [n for n, e in enumerate(_po(path)) if "fuzzy" in e.flags]
    assert fuzzy == [0, 5, 10, 15]


def test_plural_forms_for_belarusian_and_russian(tmp_path):
    write_po(three_way(), tmp_path / "ru.po", target_lang="ru")
    assert _po(tmp_path / "ru.po").metadata["Plural-Forms"].startswith("nplurals=3;")
    en_be = pair()
    write_po(en_be, tmp_path / "be.po", target_lang="be", source_lang="en")
    po = _po(tmp_path / "be.po")
    assert po.metadata["Language"] == "be" and po.metadata["Plural-Forms"].startswith("nplurals=3")
    assert po[0].msgid.startswith("Political prisoner")


def test_template(tmp_path):
    path = tmp_path / "cabinet.pot"
    write_po(three_way(), path, target_lang="en", template=True)
    po = _po(path)
    assert all(e.msgstr == "" and not e.flags for e in po)
    assert po.metadata["Language"] == ""


def test_reexport_keeps_ten_translator_edits(tmp_path):
    path = tmp_path / "prisoners.be-en.po"
    alignment = pair()
    write_po(alignment, path, target_lang="en")
    po = _po(path)
    edited = {}
    for n in range(0, 20, 2):  # ten entries, fuzzy ones among them
        po[n].msgstr = f"Political prisoner No. {n} is still behind bars."
        if "fuzzy" in po[n].flags:
            po[n].flags.remove("fuzzy")
        po[n].tcomment = "checked by Alena"
        edited[po[n].msgctxt] = po[n].msgstr
    po[1].flags.append("fuzzy")  # a translator doubts one
    po.save(str(path))

    notices = write_po(alignment, path, target_lang="en")  # re-export over it
    merged = {e.msgctxt: e for e in _po(path)}
    for ctxt, text in edited.items():
        assert merged[ctxt].msgstr == text
        assert "fuzzy" not in merged[ctxt].flags
        assert merged[ctxt].tcomment == "checked by Alena"
    assert "fuzzy" in merged["prisoners:bead-2"].flags
    assert not [n for n in notices if n.code == "po-merged"]


def test_merge_updates_references_and_keeps_vanished_edits_obsolete(tmp_path):
    path = tmp_path / "p.po"
    write_po(pair(), path, target_lang="en")
    po = _po(path)
    po[19].msgstr = "Prisoner nineteen: edited."
    po[18].msgstr = "Prisoner eighteen: edited."
    po.save(str(path))
    # Re-aligned: bead 18 gone, a new sentence first, so every bead number moved by one.
    sources = ["Новая заява Каардынацыйнай рады."] + \
        [f"Палітвязень нумар {i} застаецца ў турме." for i in range(20) if i != 18]
    targets = ["A new statement of the Coordination Council."] + \
        [f"Political prisoner number {i} remains in prison." for i in range(20) if i != 18]
    notices = write_po(pair(sources=sources, targets=targets), path, target_lang="en")
    po = _po(path)
    active = [e for e in po if not e.obsolete]
    obsolete = [e for e in po if e.obsolete]
    assert len(active) == 20
    nineteen = next(e for e in active if e.msgid.startswith("Палітвязень нумар 19 "))
    assert nineteen.msgctxt == "prisoners:bead-20"
    assert nineteen.msgstr == "Prisoner nineteen: edited."
    assert [e.msgstr for e in obsolete] == ["Prisoner eighteen: edited."]
    assert "#~ msgid" in path.read_text(encoding="utf-8")
    assert {n.code for n in notices} == {"po-merged"}


def test_read_po_back(tmp_path):
    path = tmp_path / "cabinet.po"
    alignment = three_way()
    write_po(alignment, path, target_lang="en")
    back = read_po(path)
    assert back.id == "cabinet" and back.languages == ("be", "en") and back.original == "be"
    assert [back.texts(b) for b in back.beads][:3] == \
        [(alignment.texts(b)[0], alignment.texts(b)[2]) for b in alignment.beads[:3]]
    assert [b.score for b in back.beads] == [b.score for b in alignment.beads[:6]]
    assert back.beads[1].flags == {"reviewed"}
    assert back.beads[3].indexes[1] == () and dict(back.beads[3].drafts) == {
        "en": "The Coordination Council supported the statement."}


def test_apply_po_applies_edits_and_approvals(tmp_path):
    alignment = three_way()
    path = tmp_path / "cabinet.po"
    write_po(alignment, path, target_lang="en")
    assert apply_po(alignment, path) == alignment  # unedited: no change at all
    po = _po(path)
    po[2].msgstr = "Pavel Latushka described new sanctions and said the pressure must grow."
    po[3].flags.remove("fuzzy")  # the MT draft approved as is
    po[5].msgstr = "Photo: press service."
    po.save(str(path))
    result = apply_po(alignment, path)
    assert result.texts(result.beads[2])[2] == po[2].msgstr
    assert result.beads[2].indexes[2] == (2,) and "reviewed" in result.beads[2].flags
    assert result.texts(result.beads[3])[2] == "The Coordination Council supported the statement."
    assert result.beads[3].flags == {"reviewed"}
    assert result.texts(result.beads[5])[2] == "Photo: press service."
    assert result.texts(result.beads[6])[2] == alignment.texts(alignment.beads[6])[2]
    en = result.documents[2]
    assert all(en.text[s.start:s.end] == s.text for s in en.segments)
    # Segments stay in text order.
    assert [s.start for s in en.segments] == sorted(s.start for s in en.segments)
    # Export -> import -> export is stable: a second round changes nothing.
    write_po(result, path, target_lang="en")
    before = path.read_bytes()
    again = apply_po(result, path)
    assert again == result
    write_po(again, path, target_lang="en")
    assert path.read_bytes() == before


def test_apply_po_refuses_a_po_of_another_alignment(tmp_path):
    path = tmp_path / "p.po"
    write_po(pair(), path, target_lang="en")
    with pytest.raises(FormatError, match="does not belong") as info:
        apply_po(pair(doc_id="other"), path)
    assert info.value.line is not None
    changed = pair(sources=[f"Іншы сказ {i}." for i in range(20)])
    with pytest.raises(FormatError, match="msgid"):
        apply_po(changed, path)


@pytest.mark.parametrize(("content", "words"), [
    ('msgid "a"\nmsgstr "b\nmsgid', "malformed PO"),
    ("", "empty"),
    (b"msgid \"\xff\xfe\"\nmsgstr \"\"\n", "not UTF-8"),
])
def test_malformed_po(tmp_path, content, words):
    path = tmp_path / "bad.po"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError, match=words) as info:
        read_po(path)
    assert info.value.path == str(path)


def test_malformed_po_names_the_line(tmp_path):
    path = tmp_path / "bad.po"
    path.write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "a"\nmsgstr "b"\ngarbage\n',
                    encoding="utf-8")
    with pytest.raises(FormatError) as info:
        read_po(path)
    assert info.value.line == 7


def test_unknown_target_language(tmp_path):
    with pytest.raises(InputError, match="no 'uk' document"):
        write_po(three_way(), tmp_path / "x.po", target_lang="uk")


def test_re_export_follows_a_bead_fix_and_keeps_translator_edits(tmp_path):
    """Issue 15 step 5: a sentence moved between beads j and j+1 in the editor; entry k was
    edited by a translator. The PO follows the alignment for j and j+1, keeps k's edit."""
    from align_kit.report.edits import move_segment

    path = tmp_path / "prisoners.be-en.po"
    before = pair()
    write_po(before, path, target_lang="en", created=CREATED)
    po = _po(path)
    k, j = 10, 3
    po[k].msgstr = "Prisoner ten, as the translator put it."
    po.save()
    # Move bead j's English sentence into bead j+1 (the source sentences stay).
    after = move_segment(before, j, 1, "next")
    notices = write_po(after, path, target_lang="en", created=CREATED)
    merged = {e.msgctxt: e for e in _po(path) if not e.obsolete}
    expected = [" ".join(after.documents[1].segments[i].text for i in b.indexes[1])
                for b in after.beads]
    assert merged[f"prisoners:bead-{j + 1}"].msgstr == ""  # no stale translation left behind
    assert merged[f"prisoners:bead-{j + 2}"].msgstr == expected[j + 1]
    assert "number 3 " in merged[f"prisoners:bead-{j + 2}"].msgstr
    assert merged[f"prisoners:bead-{k + 1}"].msgstr == "Prisoner ten, as the translator put it."
    for n in set(range(len(after.beads))) - {j, j + 1, k}:
        assert merged[f"prisoners:bead-{n + 1}"].msgstr == expected[n]
    assert not any(e.obsolete for e in _po(path)), notices


def test_an_edited_entry_whose_source_changed_becomes_fuzzy_with_the_previous_msgid(tmp_path):
    from align_kit.report.edits import move_segment

    path = tmp_path / "prisoners.be-en.po"
    before = pair()
    write_po(before, path, target_lang="en", created=CREATED)
    po = _po(path)
    po[4].msgstr = "Edited four."
    po.save()
    after = move_segment(before, 3, 0, "next")  # bead 4 gains a Belarusian sentence
    write_po(after, path, target_lang="en", created=CREATED)
    text = path.read_text(encoding="utf-8")
    entry = next(e for e in _po(path) if e.msgstr == "Edited four.")
    assert "fuzzy" in entry.flags and entry.previous_msgid == before.documents[0].segments[4].text
    assert '#| msgid "' in text
