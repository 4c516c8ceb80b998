"""QA checks over alignments: each check on beads written for the test."""

from __future__ import annotations

import pytest
from helpers import alignment, words_at

from align_kit.glossary import check_alignment, check_corpus, numbers

BE = ["Каардынацыйная рада сабралася ў Вільні.",
      "Дэлегацыя наведала ПАСЕ 3 разы."]
RU = ["Координационный совет собрался в Вильнюсе.",
      "Делегация посетила ПАСЕ 3 раза."]
EN = ["The Coordination Council met in Vilnius.",
      "The delegation visited PACE 3 times."]


def _checks(findings):
    return sorted((f.check, f.language, f.bead, f.entry) for f in findings)


def test_clean_alignment_has_no_findings(glossary, matcher):
    assert check_alignment(alignment({"be": BE, "ru": RU, "en": EN}), glossary,
                           matcher=matcher) == []


def test_missing_target_term_names_bead_document_span_and_expected(glossary, matcher):
    en = ["The Council met in Vilnius.", EN[1]]
    a = alignment({"be": BE, "ru": RU, "en": en})
    (f,) = check_alignment(a, glossary, matcher=matcher)
    assert (f.check, f.severity, f.language, f.bead, f.entry) == (
        "term-missing", "error", "en", 0, "cc")
    assert f.document == "art.en" and f.expected == ("Coordination Council",)
    assert f.term == "Каардынацыйная рада"
    assert words_at(a.documents[2], f.span) == en[0]


def test_missing_term_in_the_original_when_both_translations_have_it(glossary, matcher):
    be = ["Рада сабралася ў Вільні.", BE[1]]
    found = check_alignment(alignment({"be": be, "ru": RU, "en": EN}), glossary, matcher=matcher)
    assert _checks(found) == [("term-missing", "be", 0, "cc")]


def test_forbidden_variant_in_any_language_aligned_or_not(glossary, matcher):
    en = ["The Coordination Council met in Vilnius.", "Tikhanovskaya visited PACE 3 times.",
          "Photo: Belorussia, 1994."]
    be = BE + ["Фота: Лукашенко ў 1994 годзе."]
    a = alignment({"be": be, "ru": RU + ["Фото 1994."], "en": en},
                  beads=[((0,), (0,), (0,)), ((1,), (1,), (1,)), ((), (2,), ())])
    found = check_alignment(a, glossary, matcher=matcher)
    forb = [(f.language, f.bead, f.term, f.expected) for f in found
            if f.check == "forbidden-term"]
    assert ("en", 1, "Tikhanovskaya", ("Sviatlana Tsikhanouskaya", "Tsikhanouskaya")) in forb
    assert ("en", None, "Belorussia", ("Belarus",)) in forb  # not in any bead
    assert ("be", None, "Лукашенко", ("Аляксандр Лукашэнка", "Лукашэнка")) in forb
    bad = next(f for f in found if f.term == "Belorussia")
    assert words_at(a.documents[2], bad.span) == "Belorussia"


def test_forbidden_variant_is_not_also_reported_missing(glossary, matcher):
    ru = ["Координационная рада собралась в Вильнюсе.", RU[1]]
    found = check_alignment(alignment({"be": BE, "ru": ru, "en": EN}), glossary, matcher=matcher)
    assert _checks(found) == [("forbidden-term", "ru", 0, "cc")]


def test_inconsistent_translation_in_a_document_and_across_a_corpus(glossary, matcher):
    be = ["Лукашэнка выступіў.", "Лукашэнка зноў выступіў.", "Лукашэнка маўчаў."]
    en = ["Lukashenka spoke.", "Lukashenko spoke again.", "Lukashenka kept silent."]
    found = check_alignment(alignment({"be": be, "en": en}), glossary, matcher=matcher)
    (f,) = found
    assert (f.check, f.severity, f.bead, f.term, f.expected) == (
        "inconsistent-translation", "warning", 1, "Lukashenko", ("lukashenka",))
    a1 = alignment({"be": be[:1], "en": en[:1]}, doc="one")
    a2 = alignment({"be": be[:1], "en": ["Lukashenko spoke."]}, doc="two")
    a3 = alignment({"be": be[:1], "en": en[:1]}, doc="three")
    assert check_alignment(a2, glossary, matcher=matcher) == []
    corpus = check_corpus([a1, a2, a3], glossary, matcher=matcher)
    assert [(f.check, f.document) for f in corpus] == [("inconsistent-translation", "two.en")]


def test_untranslated_text(glossary, matcher):
    a = alignment({"be": BE, "en": [BE[0], EN[1]]})
    found = check_alignment(a, glossary, matcher=matcher)
    assert ("untranslated", "en", 0, None) in _checks(found)
    ru_copy = alignment({"be": BE, "ru": [BE[0], RU[1]]})
    found = check_alignment(ru_copy, glossary, matcher=matcher)
    assert ("untranslated", "ru", 0, None) in _checks(found)
    # names and short Cyrillic quotes in English are not "untranslated"
    ok = alignment({"be": BE, "en": ["The Coordination Council («Рада») met in Vilnius.", EN[1]]})
    assert check_alignment(ok, glossary, matcher=matcher) == []


@pytest.mark.parametrize("text, expected", [
    ("1 150 political prisoners", {"1150"}),
    ("1,150 political prisoners", {"1150"}),
    ("1\u202f150 палітвязняў", {"1150"}),
    ("$2.6 billion", {"2.6"}),
    ("2,6 мільярда", {"2.6"}),
    ("in 2020 and 2024", {"2020", "2024"}),
    ("9 ліпеня", {"9"}),
])
def test_numbers_are_read_the_same_in_every_convention(text, expected):
    assert set(numbers(text)) == expected


def test_number_mismatch_blames_the_odd_side(glossary, matcher):
    be = ["У Беларусі 1 150 палітвязняў."]
    ru = ["В Беларуси 1 150 политзаключённых."]
    en = ["Belarus holds 1,105 political prisoners."]
    found = check_alignment(alignment({"be": be, "ru": ru, "en": en}), glossary, matcher=matcher)
    (f,) = found
    assert (f.check, f.language, f.expected) == ("number-mismatch", "en", ("1150",))


def test_wrong_letters(glossary, matcher):
    be = ["Каардынацыйная рада сабралася и вырашыла."]
    ru = ["Координационный совет собрался і решил."]
    en = ["The Coordination Council met and decided."]
    found = check_alignment(alignment({"be": be, "ru": ru, "en": en}), glossary, matcher=matcher)
    got = [(f.check, f.language, f.term) for f in found]
    assert got == [("wrong-letters", "be", "и"), ("wrong-letters", "ru", "і")]


def test_severities_are_configurable_and_checks_can_be_off(glossary, matcher):
    en = ["The Council met in Vilnius.", EN[1]]
    a = alignment({"be": BE, "ru": RU, "en": en})
    (f,) = check_alignment(a, glossary, matcher=matcher, severities={"term-missing": "info"})
    assert f.severity == "info"
    assert check_alignment(a, glossary, matcher=matcher, severities={"term-missing": "off"}) == []
    with pytest.raises(ValueError, match="unknown check"):
        check_alignment(a, glossary, severities={"spelling": "error"})


def test_omissions_are_not_term_findings(glossary, matcher):
    a = alignment({"be": BE, "en": [EN[1]]}, beads=[((0,), ()), ((1,), (0,))])
    assert check_alignment(a, glossary, matcher=matcher) == []


def test_short_and_full_names_are_one_rendering_and_sources_are_kept_apart(glossary, matcher):
    be = ["Святлана Ціханоўская прыехала.", "Ціханоўская выступіла.",
          "Палітвязні вызвалены.", "Палітычныя вязні вызвалены."]
    ru = ["Светлана Тихановская приехала.", "Тихановская выступила.",
          "Политзаключённые освобождены.", "Политические заключённые освобождены."]
    # full and short name; two source terms each rendered one way: no findings
    assert check_alignment(alignment({"be": be, "ru": ru}), glossary, matcher=matcher) == []
    # one source term (палітвязні) rendered two ways: the minority is flagged
    be2 = ["Палітвязні вызвалены.", "Палітвязні зноў вызвалены.", "Палітвязні дома."]
    ru2 = ["Политзаключённые освобождены.", "Политические заключённые снова освобождены.",
           "Политзаключённые дома."]
    (f,) = check_alignment(alignment({"be": be2, "ru": ru2}), glossary, matcher=matcher)
    assert (f.check, f.bead, f.language) == ("inconsistent-translation", 1, "ru")


def test_spelled_out_numbers_and_derived_names_are_not_findings(glossary, matcher):
    be = ["Дэлегацыя з 6 чалавек наведала Вільню.", "У Літве жывуць 58 000 грамадзян Беларусі."]
    en = ["The six-member delegation visited Vilnius.",
          "About 58,000 Belarusian citizens live in Lithuania."]
    assert check_alignment(alignment({"be": be, "en": en}), glossary, matcher=matcher) == []
    en[1] = "About 85,000 Belarusian citizens live in Lithuania."
    (f,) = check_alignment(alignment({"be": be, "en": en}), glossary, matcher=matcher)
    assert (f.check, f.bead) == ("number-mismatch", 1)
