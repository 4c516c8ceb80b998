"""Unicode normalisation and paragraphs."""

import unicodedata

from ingest_texts import BE, EN, RU

from align_kit.ingest import build_paragraphs, clean_characters, read_document, read_text


def test_spaces_hyphens_and_invisible_characters():
    raw = (
        "Ціханоўская\u00a0заявіла: 1\u202f000 палітвязняў\u2009— гэта "
        "дэма\u00adкратыя, не\u2011дэмакратыя,\u200b ПАСЕ\u2060\ufeff.\t\u3000Вільня"
    )
    assert clean_characters(raw).text == (
        "Ціханоўская заявіла: 1 000 палітвязняў — гэта дэмакратыя, не-дэмакратыя, ПАСЕ.  Вільня"
    )


def test_nfc_composes_decomposed_letters():
    decomposed = unicodedata.normalize("NFD", "Ціханоўская, Латушка, палітвязні, ёсць")
    assert decomposed != "Ціханоўская, Латушка, палітвязні, ёсць"
    assert clean_characters(decomposed).text == "Ціханоўская, Латушка, палітвязні, ёсць"


def test_crlf_and_cr_line_ends(tmp_path):
    path = tmp_path / "crlf.ru.txt"
    path.write_bytes(f"{RU[0]}\r\n\r\n{RU[1]}\r\r{RU[2]}\r\n".encode())
    doc = read_document(path)
    assert doc.text == f"{RU[0]}\n\n{RU[1]}\n\n{RU[2]}"
    assert "\r" not in doc.text


def test_word_control_characters_removed_and_reported(tmp_path):
    # \x0b is Word's manual line break, \x0c its page break; \x01 and \x1f are junk
    path = tmp_path / "word.be.txt"
    path.write_text(
        f"{BE[0]}\n\n{BE[1][:20]}\x0b{BE[1][21:]}\x0c{BE[2]}\x01\n\nКаар\x1fдынацыйная рада.\n",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert doc.text == (
        f"{BE[0]}\n\n{BE[1]}\n\n{BE[2]}\n\nКаардынацыйная рада."
    )
    assert [n.code for n in doc.notices] == ["control-chars-removed"]
    notice = doc.notices[0]
    assert notice.line == 3
    assert notice.message == (
        "removed 4 XML-illegal control character(s) (U+0001, U+000B, U+000C, U+001F), "
        "first on line 3"
    )


def test_lines_of_a_paragraph_are_joined_and_trailing_spaces_trimmed(tmp_path):
    path = tmp_path / "wrapped.en.txt"
    path.write_text(
        "The United Transitional Cabinet   \nmet in Vilnius\t \n  to discuss sanctions.  \n"
        "   \n\n\nSviatlana Tsikhanouskaya met  PACE members.   \n",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert doc.text == (
        "The United Transitional Cabinet met in Vilnius to discuss sanctions.\n\n"
        "Sviatlana Tsikhanouskaya met PACE members."
    )
    spans = [(p.start, p.end, p.kind) for p in doc.paragraphs]
    assert spans == [(0, 68, "text"), (70, 112, "text")]
    assert all(doc.text[p.start:p.end].strip() == doc.text[p.start:p.end] for p in doc.paragraphs)


def test_no_blank_line_means_one_paragraph_per_line():
    doc = read_text("\n".join(EN) + "\n", id="lines")
    assert doc.text == "\n\n".join(EN)
    assert len(doc.paragraphs) == 4
    assert doc.segments == ()


def test_build_paragraphs_spans_and_kinds():
    text, paragraphs = build_paragraphs(
        [("Санкцыі", "heading"), ("  ", "text"), ("Першы\nабзац ", "text"), ("пункт", "list_item")]
    )
    assert text == "Санкцыі\n\nПершы абзац\n\nпункт"
    assert [(text[p.start:p.end], p.kind) for p in paragraphs] == [
        ("Санкцыі", "heading"),
        ("Першы абзац", "text"),
        ("пункт", "list_item"),
    ]


def test_read_text_checksum_and_identity():
    doc = read_text(EN[0], id="memo", source="clipboard")
    assert (doc.id, doc.source, doc.language, doc.encoding) == ("memo", "clipboard", "en", None)
    assert len(doc.checksum) == 64
