"""Encoding detection on files written in every encoding we meet."""

import codecs
import zipfile

import pytest
from ingest_texts import ALL, BE, RU, article

from align_kit.errors import InputError
from align_kit.ingest import decode_bytes, read_document


def _expected(lang: str) -> str:
    return "\n\n".join(ALL[lang])


def _codes(doc) -> list[str]:
    return [n.code for n in doc.notices]


@pytest.mark.parametrize(
    ("lang", "encoding"),
    [
        ("be", "cp1251"),
        ("ru", "cp1251"),
        ("uk", "cp1251"),
        ("ru", "koi8-r"),
        ("uk", "koi8-u"),
        ("ru", "cp866"),
        ("ru", "iso8859-5"),
    ],
)
def test_legacy_cyrillic_is_guessed_and_reported(tmp_path, lang, encoding):
    path = tmp_path / f"article.{lang}.txt"
    path.write_bytes(article(lang).encode(encoding))
    doc = read_document(path)
    assert doc.encoding == encoding
    assert doc.text == _expected(lang)
    assert doc.language == lang
    assert _codes(doc) == ["encoding-guessed"]
    assert doc.notices[0].path == str(path)
    assert f"read as {encoding}" in doc.notices[0].message


@pytest.mark.parametrize("sentence", BE[:2] + RU)
def test_koi8r_and_cp1251_never_taken_for_each_other(sentence):
    for encoding in ("cp1251", "koi8-r"):
        try:
            raw = sentence.encode(encoding)
        except UnicodeEncodeError:  # ў has no place in koi8-r
            continue
        decoded = decode_bytes(raw)
        assert (decoded.encoding, decoded.text) == (encoding, sentence)


def test_a_single_word_decides_cp1251_against_koi8r():
    assert decode_bytes("Вільня".encode("cp1251")).encoding == "cp1251"
    assert decode_bytes("Минск".encode("koi8-r")).encoding == "koi8-r"


@pytest.mark.parametrize(
    ("bom_encoding", "codec", "reported"),
    [
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
        ("utf-32-le", codecs.BOM_UTF32_LE, "utf-32-le"),
        ("utf-32-be", codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_byte_order_marks(tmp_path, bom_encoding, codec, reported):
    path = tmp_path / "sanctions.be.txt"
    path.write_bytes(codec + article("be").encode(bom_encoding))
    doc = read_document(path)
    assert doc.encoding == reported
    assert doc.text == _expected("be")
    assert doc.notices == ()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("lang", ["be", "en"])
def test_utf16_without_bom_from_its_byte_pattern(tmp_path, encoding, lang):
    path = tmp_path / f"x.{lang}.txt"
    path.write_bytes(article(lang).encode(encoding))
    doc = read_document(path)
    assert doc.encoding == encoding
    assert doc.text == _expected(lang)
    assert _codes(doc) == ["encoding-guessed"]
    assert doc.notices[0].message == (
        f"no byte-order mark; read as {encoding.upper()} from its byte pattern"
    )


def test_plain_utf8_is_not_a_guess(tmp_path):
    path = tmp_path / "x.ru.txt"
    path.write_bytes(article("ru").encode("utf-8"))
    doc = read_document(path)
    assert (doc.encoding, doc.notices) == ("utf-8", ())


def test_mixed_encodings_are_repaired_line_by_line(tmp_path):
    path = tmp_path / "mixed.be.txt"
    raw = (
        BE[0].encode("utf-8") + b"\n\n"
        + BE[1].encode("cp1251") + b"\n\n"
        + BE[2].encode("utf-8") + b"\n\n"
        + BE[3].encode("cp1251") + b"\n"
    )
    path.write_bytes(raw)
    doc = read_document(path)
    assert doc.encoding == "utf-8+cp1251"
    assert doc.text == "\n\n".join(BE)
    assert _codes(doc) == ["mixed-encodings"]
    notice = doc.notices[0]
    assert (notice.line, notice.level) == (3, "warning")
    assert notice.message == (
        "2 line(s) are not UTF-8 (first: line 3); repaired by reading them as cp1251, "
        "the rest as UTF-8"
    )


def test_damaged_utf8_is_an_error_naming_the_line(tmp_path):
    path = tmp_path / "broken.be.txt"
    path.write_bytes(
        BE[0].encode() + b"\n" + BE[1][:9].encode() + b"\xff\xfe" + BE[1][9:].encode()
    )
    with pytest.raises(InputError) as caught:
        read_document(path)
    err = caught.value
    assert (err.path, err.line) == (str(path), 2)
    assert err.message == "invalid UTF-8 bytes (first at byte 18 of the line)"
    assert "UTF-8" in err.hint


def test_random_high_bytes_are_undecodable(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 8)
    with pytest.raises(InputError, match="undecodable bytes"):
        read_document(path)


def test_png_with_a_text_extension(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert str(caught.value) == (
        f"{path}: not a text file (looks like a PNG image) "
        "(give a .txt, .md, .html or .docx article)"
    )


def test_zip_with_a_text_extension(tmp_path):
    path = tmp_path / "archive.md"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "Palitviazni")
    with pytest.raises(InputError, match=r"not a text file \(looks like a ZIP archive\)"):
        read_document(path)


def test_nul_heavy_bytes_are_binary(tmp_path):
    path = tmp_path / "data.txt"
    path.write_bytes(bytes([0, 1, 2, 3, 65, 0, 0, 7]) * 100)
    with pytest.raises(InputError, match="not a text file"):
        read_document(path)


def test_a_few_nul_bytes_are_removed_and_reported(tmp_path):
    path = tmp_path / "nul.en.txt"
    path.write_bytes((EN_LINE := ALL["en"][0]).encode()[:10] + b"\x00" + EN_LINE.encode()[10:])
    doc = read_document(path)
    assert doc.text == EN_LINE
    assert [n.code for n in doc.notices] == ["control-chars-removed"]
    assert doc.notices[0].message == (
        "removed 1 XML-illegal control character(s) (U+0000), first on line 1"
    )


def test_html_meta_charset_is_used_not_guessed(tmp_path):
    path = tmp_path / "page.html"
    html = (
        '<html><head><meta charset="windows-1251"><title>Санкцыі</title></head>'
        f"<body><article><p>{BE[0]}</p><p>{BE[1]}</p><p>{BE[2]}</p></article></body></html>"
    )
    path.write_bytes(html.encode("cp1251"))
    doc = read_document(path)
    assert doc.encoding == "cp1251"
    assert "encoding-guessed" not in _codes(doc)
    assert BE[1] in doc.text
