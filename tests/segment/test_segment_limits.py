"""Degenerate input: huge unpunctuated paragraphs, punctuation only, odd languages."""

import random

from segment_checks import check_cover

from align_kit.segment import DEFAULT_MAX_CHARS, split_sentences, split_sentences_with_notices
from align_kit.segment.rules import load_rules, normalise_language


def _megabyte_of_words() -> str:
    rng = random.Random(3)
    words = ["свабода", "палітвязні", "санкцыі", "Ціханоўская", "кабінет", "Vilnius"]
    return " ".join(rng.choice(words) for _ in range(120_000))[:1_000_000]


def test_one_megabyte_paragraph_without_punctuation_is_cut_and_reported():
    text = _megabyte_of_words()
    segments, notices = split_sentences_with_notices(text, "be")
    check_cover(text, segments)
    assert len(segments) > 1_000_000 // DEFAULT_MAX_CHARS
    assert max(len(s.text) for s in segments) <= DEFAULT_MAX_CHARS
    # cut at white space: no word is broken
    assert all(not text[s.end:s.end + 1].strip() for s in segments)
    assert [n.code for n in notices] == ["sentence-too-long"]
    assert "1500" in notices[0].message


def test_one_megabyte_without_any_white_space_is_cut_mid_word_and_says_so():
    text = "а" * 1_000_000
    segments, notices = split_sentences_with_notices(text, "ru")
    check_cover(text, segments)
    assert "".join(s.text for s in segments) == text
    assert "mid-word" in notices[0].message


def test_text_of_only_punctuation():
    for text in ["!?.…,;:—«»" * 50_000, ". " * 200_000, "." * 500_000, "?!" * 10]:
        segments, _ = split_sentences_with_notices(text, "en")
        check_cover(text, segments)
        assert all(len(s.text) <= DEFAULT_MAX_CHARS for s in segments)


def test_short_punctuation_only_text_is_one_segment():
    assert [s.text for s in split_sentences("?!... ...", "be")] == ["?!... ..."]


def test_empty_and_blank_texts():
    assert split_sentences("", "en") == []
    assert split_sentences(" \n\n\t ", "ru") == []


def test_unknown_language_uses_generic_rules():
    text = "Dr. Kowalski přijel. Mluvil o sankcích, e.g. o vízech. Konec."
    assert [s.text for s in split_sentences(text, "cs")] == [
        "Dr. Kowalski přijel.", "Mluvil o sankcích, e.g. o vízech.", "Konec."]
    assert load_rules("cs").language == "cs"


def test_language_codes_are_normalised():
    assert normalise_language("eng") == "en"
    assert normalise_language("be-tarask") == "be"
    assert normalise_language("ru_RU") == "ru"
    assert load_rules("bel").abbreviations["вул"] == load_rules("be").abbreviations["вул"]


def test_paragraph_index_counts_blank_line_blocks():
    text = "Першы абзац. Другі сказ.\n\n\n  Трэці абзац.\r\n\r\nАпошні"
    segments = split_sentences(text, "be")
    assert [(s.text, s.paragraph) for s in segments] == [
        ("Першы абзац.", 0), ("Другі сказ.", 0), ("Трэці абзац.", 1), ("Апошні", 2)]
