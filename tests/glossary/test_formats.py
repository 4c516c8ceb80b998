"""Loading, validating and writing TBX, CSV and TSV glossaries."""

from __future__ import annotations

import time

import pytest
from conftest import ROOT

from align_kit.errors import FormatError, InputError
from align_kit.glossary import load_glossary, parse_glossary, save_glossary, write_tbx
from align_kit.glossary.validate import term_key

TBX_BASIC = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
 <martifHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></martifHeader>
 <text><body>
  <termEntry id="cc">
   <descrip type="subjectField">organisation</descrip>
   <langSet xml:lang="en">
    <tig><term>Coordination Council</term>
     <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    <tig><term>Coordinating Council</term>
     <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
   </langSet>
   <langSet xml:lang="be-BY">
    <tig><term>Каардынацыйная рада</term>
     <termNote type="partOfSpeech">noun</termNote></tig>
   </langSet>
  </termEntry>
 </body></text>
</martif>
"""

TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
 <tbxHeader><fileDesc><sourceDesc><p>v3</p></sourceDesc></fileDesc></tbxHeader>
 <text><body>
  <conceptEntry id="belarus">
   <langSec xml:lang="ru">
    <termSec><term>Беларусь</term>
     <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
    <termSec><term>Белоруссия</term>
     <termNote type="normativeAuthorization">supersededTerm</termNote></termSec>
   </langSec>
   <langSec xml:lang="en">
    <termSec><term>Belarus</term>
     <termNote type="normativeAuthorization">preferredTerm</termNote></termSec>
   </langSec>
  </conceptEntry>
 </body></text>
</tbx>
"""


def test_tbx_basic_statuses_languages_and_lines():
    g = parse_glossary(TBX_BASIC.encode(), "tbx", "t.tbx")
    (entry,) = g.entries
    assert entry.id == "cc" and entry.subject == "organisation"
    assert [t.text for t in entry.approved("en")] == ["Coordination Council"]
    assert [t.text for t in entry.forbidden("en")] == ["Coordinating Council"]
    assert entry.approved("be")[0].part_of_speech == "noun"  # be-BY -> be
    assert entry.source_line == 5


def test_tbx_v3_concept_entries_and_normative_authorization():
    g = parse_glossary(TBX_V3.encode(), "tbx")
    (entry,) = g.entries
    assert [t.text for t in entry.forbidden("ru")] == ["Белоруссия"]
    assert [t.text for t in entry.approved("ru")] == ["Беларусь"]
    assert [t.text for t in entry.approved("en")] == ["Belarus"]


@pytest.mark.parametrize("data, line, words", [
    (TBX_BASIC.replace("</langSet>\n   <langSet", "</langSet>\n   <langSetx", 1), None,
     "not well-formed"),
    (TBX_BASIC.replace(' xml:lang="be-BY"', ""), 13, "without xml:lang"),
    (TBX_BASIC.replace('xml:lang="be-BY"', 'xml:lang="b e"'), 13, "not a language code"),
    ("<html><body/></html>", 1, "not <martif>"),
    (TBX_BASIC.replace("<termEntry", "<other").replace("</termEntry>", "</other>"), None,
     "no <termEntry>"),
])
def test_malformed_tbx_gives_a_precise_error(data, line, words):
    with pytest.raises(FormatError) as err:
        parse_glossary(data.encode(), "tbx", "bad.tbx")
    assert words in str(err.value)
    assert err.value.path == "bad.tbx"
    if line is not None:
        assert err.value.line == line


def test_xml_syntax_error_has_its_line():
    data = TBX_BASIC.replace("<term>Coordination Council</term>", "<term>A & B</term>")
    with pytest.raises(FormatError) as err:
        parse_glossary(data.encode(), "tbx", "amp.tbx")
    assert err.value.line == 8


def test_billion_laughs_is_refused_fast():
    lol = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10))
    data = f'<?xml version="1.0"?>\n<!DOCTYPE martif [{lol}]>\n<martif>&lol9;</martif>'
    start = time.perf_counter()
    with pytest.raises(FormatError) as err:
        parse_glossary(data.encode(), "tbx", "lol.tbx")
    assert time.perf_counter() - start < 1.0  # generous: it is refused before parsing
    assert "entities" in str(err.value) and err.value.line == 2


def test_entities_in_a_utf16_file_are_refused_unexpanded():
    lol = '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    data = (f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE martif [{lol}]>'
            "<martif><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>&b;</term>"
            "</tig></langSet></termEntry></body></text></martif>")
    with pytest.raises(FormatError, match="entities"):
        parse_glossary(data.encode("utf-16"), "tbx", "lol16.tbx")


def test_external_entity_is_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    data = (f'<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY x SYSTEM "file://{secret}">]>'
            '<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&x;</term>'
            "</tig></langSet></termEntry></body></text></martif>")
    with pytest.raises(FormatError):
        parse_glossary(data.encode(), "tbx", "xxe.tbx")


CSV = (
    "id,en,be,ru,en_forbidden,note,case_sensitive,pos\n"
    "utc,United Transitional Cabinet,Аб'яднаны пераходны кабінет,Объединённый переходный "
    "кабинет,Joint Transitional Cabinet|United Interim Cabinet,"
    '"the executive, since 2022",no,noun\n'
    "pace,PACE,ПАСЕ,ПАСЕ,,,yes,noun\n")


def test_csv_columns_forbidden_variants_note_case():
    g = parse_glossary(CSV.encode(), "csv", "g.csv")
    utc, pace = g.entries
    assert [t.text for t in utc.forbidden("en")] == ["Joint Transitional Cabinet",
                                                      "United Interim Cabinet"]
    assert utc.note == "the executive, since 2022" and utc.source_line == 2
    assert all(t.case_sensitive for t in pace.terms)
    assert not any(t.case_sensitive for t in utc.terms)
    assert utc.terms[0].part_of_speech == "noun"
    assert g.notices == ()


def test_tsv_and_bom():
    data = "\ufeff" + CSV.replace(",", "\t").replace('"the executive\t since 2022"', "x")
    g = parse_glossary(data.encode("utf-8"), "tsv", "g.tsv")
    assert len(g.entries) == 2
    assert [n.code for n in g.notices] == ["bom"]
    g16 = parse_glossary(CSV.encode("utf-16"), "csv", "g16.csv")
    assert len(g16.entries) == 2 and g16.notices[0].code == "bom"


@pytest.mark.parametrize("data, fmt, line, words", [
    (CSV.replace(",", ";"), "csv", 1, "separated by semicolons"),
    (CSV, "tsv", 1, "separated by commas"),
    (CSV + "kgb,KGB,КДБ\n", "csv", 4, "3 fields, the header has 8"),
    ("en,be,ru\nSanctions,санкцыі,\"санкции\n", "csv", 2, "malformed row"),
    ("note,pos\nx,y\n", "csv", 1, "no language column"),
    ("en,b e\nx,y\n", "csv", 1, "unknown column 'b e'"),
    ("", "csv", None, "empty glossary"),
    (CSV.replace("no,noun", "maybe,noun"), "csv", 2, "case_sensitive must be yes or no"),
])
def test_malformed_csv_gives_a_precise_error(data, fmt, line, words):
    with pytest.raises(FormatError) as err:
        parse_glossary(data.encode(), fmt, "bad." + fmt)
    assert words in str(err.value)
    assert err.value.line == line


def test_non_utf8_csv_names_the_line():
    data = "en,ru\nBelarus,Беларусь\n".encode("cp1251")
    with pytest.raises(FormatError) as err:
        parse_glossary(data, "csv", "cp.csv")
    assert err.value.line == 2 and "UTF-8" in str(err.value)


def test_duplicates_conflicts_empty_and_unknown_languages_are_notices_with_lines():
    data = ("id,en,ru,xx,en_forbidden\n"
            "a,Belarus,Беларусь,,Belorussia\n"
            "b,Belarus,,,\n"          # duplicate approved term (line 3)
            "c,Vilnius,,,Belorussia\n"  # same forbidden twice: fine
            "d,Minsk,,,Vilnius\n"     # approved in c, forbidden here: conflict (line 5)
            "a,Homel,,,\n")           # duplicate id (line 6)
    g = parse_glossary(data.encode(), "csv", "d.csv")
    got = {(n.code, n.line) for n in g.notices}
    assert ("unknown-language", 1) in got
    assert ("duplicate-term", 3) in got
    assert ("conflict", 5) in got
    assert ("duplicate-id", 6) in got
    conflict = next(n for n in g.notices if n.code == "conflict")
    assert conflict.level == "error" and "line 4" in conflict.message


def test_empty_term_in_tbx_is_reported_and_skipped():
    data = TBX_BASIC.replace("<term>Coordinating Council</term>", "<term>  </term>")
    g = parse_glossary(data.encode(), "tbx", "e.tbx")
    assert [(n.code, n.line) for n in g.notices] == [("empty-term", 10)]
    assert len(g.entries[0].forbidden("en")) == 0


def test_files_unknown_extension_and_missing(tmp_path):
    with pytest.raises(InputError, match="unknown glossary format"):
        load_glossary(tmp_path / "g.xlsx")
    with pytest.raises(InputError, match="no such glossary file"):
        load_glossary(tmp_path / "g.tbx")


def _same(a, b):
    def norm(g):
        return {e.id: (e.note, e.subject, sorted(e.terms, key=lambda t: (t.language, t.text)))
                for e in g.entries}
    return norm(a) == norm(b)


def test_write_tbx_round_trip_and_csv_round_trip(tmp_path, glossary):
    write_tbx(glossary, tmp_path / "g.tbx")
    assert _same(load_glossary(tmp_path / "g.tbx"), glossary)
    save_glossary(glossary, tmp_path / "g.tsv")
    assert _same(load_glossary(tmp_path / "g.tsv"), glossary)
    assert not list(tmp_path.glob(".*.tmp"))


def test_shipped_glossary_tbx_and_csv_hold_the_same_entries(glossary):
    tbx = load_glossary(ROOT / "glossaries" / "democratic-forces.tbx")
    assert tbx.notices == () and glossary.notices == ()
    assert _same(tbx, glossary)
    assert len(glossary.entries) >= 40
    for entry in glossary.entries:
        for lang in ("en", "be", "ru"):
            assert entry.approved(lang), (entry.id, lang)
    forbidden = {term_key(t)[1] for e in glossary.entries for t in e.terms
                 if t.status == "forbidden"}
    for bad in ("belorussia", "byelorussia", "белоруссия", "беларусия", "tikhanovskaya",
                "latushko", "kovalevsky"):
        assert bad in forbidden


# A header typo must never invert a glossary: `be_forbiden` used to make every forbidden
# Belarusian variant an approved term, with 0 notices.
@pytest.mark.parametrize("header,meant", [
    ("id,en,be,be_forbiden", "be_forbidden"),
    ("id,en,be,ru_forbbiden", "ru_forbidden"),
    ("id,en,be,nots", "notes"),
    ("id,en,be,subjekt", "subject"),
])
def test_a_mistyped_csv_column_is_an_error_with_the_right_name(header, meant):
    data = f"{header}\nx,Belarus,Беларусь,Белоруссия\n".encode()
    with pytest.raises(FormatError) as err:
        parse_glossary(data, "csv", "g.csv")
    assert err.value.line == 1
    assert f"did you mean {meant!r}" in str(err.value), str(err.value)


@pytest.mark.parametrize("fmt,data", [
    ("csv", "id,en,rus\nx,Belarus,Беларусь\n"),
    ("tsv", "id\teng\tbe\nx\tBelarus\tБеларусь\n"),
    ("tbx", TBX_BASIC.replace('xml:lang="be-BY"', 'xml:lang="bel"')),
])
def test_a_three_letter_language_code_is_an_error_naming_the_two_letter_one(fmt, data):
    with pytest.raises(FormatError) as err:
        parse_glossary(data.encode(), fmt, f"g.{fmt}")
    message = str(err.value)
    assert "not an ISO 639-1 language code; did you mean" in message
    assert any(f"did you mean {code!r}" in message for code in ("ru", "en", "be")), message


@pytest.mark.parametrize("header", ["id,en-GB,be_BY,ru", "id,en,be-Latn,ru"])
def test_region_and_script_subtags_are_still_language_columns(header):
    g = parse_glossary(f"{header}\nx,Belarus,Biełaruś,Беларусь\n".encode(), "csv", "g.csv")
    assert {t.language for t in g.entries[0].terms} == {"en", "be", "ru"}
