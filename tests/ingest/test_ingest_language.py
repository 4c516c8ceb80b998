"""Language identification for en/be/ru/uk, and declared against detected."""

import pytest
from ingest_texts import ALL, BE, RU, article

from align_kit.errors import InputError
from align_kit.ingest import identify_language, language_from_name, read_document, read_text

SENTENCES = [(lang, s) for lang, sentences in ALL.items() for s in sentences]


@pytest.mark.parametrize(("lang", "sentence"), SENTENCES)
def test_every_single_sentence(lang, sentence):
    guess = identify_language(sentence)
    assert guess.language == lang
    assert guess.confidence >= 0.8


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("be", "Палітвязні застаюцца ў турмах."),
        ("ru", "Политзаключённые остаются в тюрьмах."),
        ("uk", "Політв'язні залишаються у в'язницях."),
        ("be", "Санкцыі супраць рэжыму."),
        ("ru", "Санкции против режима."),
        ("uk", "Санкції проти режиму."),
        ("en", "Sanctions against the regime."),
    ],
)
def test_short_phrases(lang, text):
    assert identify_language(text).language == lang


def test_belarusian_article_with_a_russian_quotation_stays_belarusian():
    text = (
        f"{BE[0]} {BE[2]} Па словах чыноўніка, «санкции нас не пугают, мы справимся с этим». "
        f"{BE[3]}"
    )
    guess = identify_language(text)
    assert guess.language == "be"
    assert 0.6 < guess.confidence < 1.0  # the quotation is seen


def test_russian_article_with_a_belarusian_quotation_stays_russian():
    text = (
        f"{RU[0]} {RU[1]} Тихановская сказала: «Мы будзем змагацца да канца». {RU[3]}"
    )
    assert identify_language(text).language == "ru"


def test_no_letters_is_undetermined():
    guess = identify_language("2024 — 1 000 / 9.07")
    assert (guess.language, guess.confidence) == ("und", 0.0)


@pytest.mark.parametrize(
    ("name", "lang"),
    [
        ("sanctions.be.md", "be"),
        ("x_be.txt", "be"),
        ("x-ru.html", "ru"),
        ("report.eng.docx", "en"),
        ("x-UK.txt", "uk"),
        ("rumours.txt", None),
        ("news.md", None),
    ],
)
def test_language_from_file_name(name, lang):
    assert language_from_name(name) == lang


def test_file_name_mismatch_warns_and_detected_wins(tmp_path):
    path = tmp_path / "sanctions.be.txt"
    path.write_text(article("ru"), encoding="utf-8")
    doc = read_document(path)
    assert (doc.language, doc.declared_language) == ("ru", "be")
    assert [n.code for n in doc.notices] == ["language-mismatch"]
    notice = doc.notices[0]
    assert notice.path == str(path)
    assert notice.message.startswith(
        "the file name declares 'be', but the text reads as 'ru' (confidence "
    )
    assert str(notice).startswith(f"{path}: warning: the file name declares 'be'")


def test_front_matter_mismatch(tmp_path):
    path = tmp_path / "cabinet.md"
    path.write_text("---\nlang: uk\n---\n" + article("be"), encoding="utf-8")
    doc = read_document(path)
    assert (doc.language, doc.declared_language) == ("be", "uk")
    assert [n.code for n in doc.notices] == ["language-mismatch"]
    assert "the front matter declares 'uk'" in doc.notices[0].message


def test_explicit_language_wins_but_a_mismatch_is_still_reported(tmp_path):
    path = tmp_path / "sanctions.txt"
    path.write_text(article("ru"), encoding="utf-8")
    doc = read_document(path, language="be")
    assert doc.language == "be"
    assert [n.code for n in doc.notices] == ["language-mismatch"]
    assert doc.notices[0].message.startswith("language given as 'be', but the text reads as 'ru'")


def test_matching_declaration_gives_no_notice(tmp_path):
    path = tmp_path / "sanctions.uk.txt"
    path.write_text(article("uk"), encoding="utf-8")
    doc = read_document(path)
    assert (doc.language, doc.declared_language, doc.notices) == ("uk", "uk", ())
    assert doc.language_confidence > 0.95


def test_unsure_detection_defers_to_the_declared_language():
    doc = read_text("Рада", id="x")  # a word Belarusian, Russian and Ukrainian share
    assert [n.code for n in doc.notices] == ["language-uncertain"]


def test_bad_language_code_is_an_input_error():
    with pytest.raises(InputError, match="unknown language 'russian!'"):
        read_text(RU[0], id="x", language="russian!")


@pytest.mark.parametrize("typed,meant", [("by", "be"), ("ua", "uk"), ("rus", "ru"),
                                         ("Belarusian", "be"), ("be-BY", "be")])
def test_a_language_people_type_is_read_or_named(typed, meant):
    try:
        doc = read_text(RU[0], id="x", language=typed)
    except InputError as err:  # a country code: refused, with the language meant
        assert f"did you mean {meant!r}" in str(err)
    else:
        assert doc.language == meant


@pytest.mark.parametrize("typed", ["xx", "de", "by"])
def test_a_language_align_kit_does_not_read_is_refused(typed):
    # `xx (1.00)` used to be printed as the file's language.
    with pytest.raises(InputError, match=f"unknown language '{typed}': align-kit reads en, be"):
        read_text(RU[0], id="x", language=typed)
